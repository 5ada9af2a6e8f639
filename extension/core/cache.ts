/**
 * The response cache: GET answers in IndexedDB (`cache` store) with a TTL per kind and
 * stale-while-revalidate. A fresh entry is served as is; a stale one within its grace period is
 * served at once while one background request refreshes it; anything older is fetched again before
 * answering. Concurrent misses of one key share a single request. Keys leave out credentials and
 * other per-session parameters, so a rotated client_id or a new token still hits the cache.
 */
import { db, type CacheRecord } from './db';

export type CacheKind = 'charts' | 'search' | 'list' | 'metadata' | 'reference' | 'artwork';

export interface CacheTtl {
  /** Served without a request for this long. */
  freshMs: number;
  /** Then served stale (and refreshed in the background) for this much longer. */
  graceMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const CACHE_TTL: Record<CacheKind, CacheTtl> = {
  // Top 100 / Hype 100 / popular-hot-new move during the day; minutes keep them current.
  charts: { freshMs: 10 * MINUTE, graceMs: HOUR },
  // Search results: enough to page back and forth and reopen the popup without a request.
  search: { freshMs: 5 * MINUTE, graceMs: 30 * MINUTE },
  // A user's tracks, likes, shows, feed: new uploads should show up within minutes.
  list: { freshMs: 15 * MINUTE, graceMs: 6 * HOUR },
  // Track, user, show, release, label details: they rarely change.
  metadata: { freshMs: DAY, graceMs: 7 * DAY },
  // Genres, sub-genres, categories.
  reference: { freshMs: 7 * DAY, graceMs: 30 * DAY },
  // Artwork bytes shown in the popup (core/artwork.ts): CDN images at fixed URLs never change.
  artwork: { freshMs: 30 * DAY, graceMs: 60 * DAY },
};

/** Query parameters that identify a session or credential rather than the resource. */
export const VOLATILE_PARAMS = ['client_id', 'access_token', 'oauth_token', 'track_authorization', 'app_version'];

/** A stable key for a GET: origin + path + the sorted non-volatile query (from the URL and `query`). */
export function cacheKey(url: string, query?: Record<string, string | number | undefined>): string {
  const parsed = new URL(url);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) parsed.searchParams.set(name, String(value));
  }
  for (const name of VOLATILE_PARAMS) parsed.searchParams.delete(name);
  parsed.searchParams.sort();
  const search = parsed.searchParams.toString();
  return `${parsed.origin}${parsed.pathname}${search ? `?${search}` : ''}`;
}

export interface ResponseCacheOptions {
  ttl?: Partial<Record<CacheKind, CacheTtl>>;
  now?: () => number;
  /** Failed background refreshes (the stale answer was already served). */
  onRefreshError?: (error: unknown, key: string) => void;
}

export class ResponseCache {
  private readonly ttl: Record<CacheKind, CacheTtl>;
  private readonly now: () => number;
  private readonly onRefreshError: (error: unknown, key: string) => void;
  private readonly inflight = new Map<string, Promise<unknown>>();
  private lastPrune = 0;

  constructor(opts: ResponseCacheOptions = {}) {
    this.ttl = { ...CACHE_TTL, ...opts.ttl };
    this.now = opts.now ?? (() => Date.now());
    this.onRefreshError = opts.onRefreshError ?? ((error, key) => console.debug('deckhand: cache refresh failed', key, error));
  }

  /** The cached value for `key` if usable, else `load()`'s (stored under `kind`). */
  async through<T>(kind: CacheKind, key: string, load: () => Promise<T>): Promise<T> {
    const entry = await this.read(key);
    const now = this.now();
    if (entry && now < entry.expiresAt) return entry.value as T;
    if (entry && now < entry.staleUntil) {
      this.refresh(kind, key, load).catch((err: unknown) => this.onRefreshError(err, key));
      return entry.value as T;
    }
    return this.refresh(kind, key, load);
  }

  /** Resolves when no refresh is running (tests, and callers that want the newest answer stored). */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight.values()]);
  }

  async read(key: string): Promise<CacheRecord | undefined> {
    try {
      return await (await db()).get('cache', key);
    } catch (err) {
      console.warn('deckhand: cache read failed', err);
      return undefined;
    }
  }

  async write(kind: CacheKind, key: string, value: unknown): Promise<void> {
    const now = this.now();
    const { freshMs, graceMs } = this.ttl[kind];
    const record: CacheRecord = { key, kind, value, storedAt: now, expiresAt: now + freshMs, staleUntil: now + freshMs + graceMs };
    try {
      await (await db()).put('cache', record);
      if (now - this.lastPrune > HOUR) await this.prune();
    } catch (err) {
      console.warn('deckhand: cache write failed', err);
    }
  }

  /** Delete entries past their grace period; returns how many went. */
  async prune(): Promise<number> {
    const now = this.now();
    this.lastPrune = now;
    const tx = (await db()).transaction('cache', 'readwrite');
    let removed = 0;
    for (let cursor = await tx.store.index('byStaleUntil').openCursor(IDBKeyRange.upperBound(now, true)); cursor; cursor = await cursor.continue()) {
      await cursor.delete();
      removed++;
    }
    await tx.done;
    return removed;
  }

  private refresh<T>(kind: CacheKind, key: string, load: () => Promise<T>): Promise<T> {
    const running = this.inflight.get(key);
    if (running) return running as Promise<T>;
    const task = (async () => {
      const value = await load();
      await this.write(kind, key, value);
      return value;
    })().finally(() => this.inflight.delete(key));
    this.inflight.set(key, task);
    return task;
  }
}
