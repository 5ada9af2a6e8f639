/**
 * HTTP for the platform clients: ofetch underneath, every request through the one rate limiter
 * (core/limiter.ts), GET answers optionally through the response cache (core/cache.ts), and
 * platform-aware error mapping into dotted codes. Retries with backoff and jitter happen in the
 * limiter, for idempotent requests only.
 */
import { createFetch, type $Fetch, type FetchResponse } from 'ofetch';
import { DeckhandError, type ErrorCode } from '../../shared/errors';
import type { PlatformId } from '../../shared/platform';
import { cacheKey, ResponseCache, type CacheKind } from './cache';
import { indexedDbCooldownStorage, memoryCooldownStorage, RateLimiter, type Attempt } from './limiter';

export interface RequestOptions {
  platform: PlatformId;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  body?: BodyInit | Record<string, unknown>;
  /** Retries for 5xx, network errors and rate-limit answers (GET only). */
  retries?: number;
  timeoutMs?: number;
  /** Treat these statuses as data rather than errors (e.g. 404 on an optional resource). */
  accept?: number[];
  credentials?: RequestCredentials;
  /** Cache this GET's answer under the TTL of this kind (core/cache.ts CACHE_TTL); absent = not cached. */
  cache?: CacheKind;
}

export interface HttpResult<T> {
  status: number;
  data: T;
  headers: Headers;
}

/** What `request` runs on. The extension uses the defaults; the bench and tests inject their own. */
export interface HttpSetup {
  limiter: RateLimiter;
  /** undefined: no response cache (no IndexedDB here). */
  cache: ResponseCache | undefined;
  fetch: typeof globalThis.fetch;
}

let setup: (HttpSetup & { client: $Fetch }) | undefined;

const hasIndexedDb = () => typeof indexedDB !== 'undefined';

/** Replace parts of the setup; the rest keeps its current value or the default. */
export function configureHttp(patch: Partial<HttpSetup> = {}): HttpSetup {
  const next: HttpSetup = {
    // Cool-downs persist in IndexedDB where there is one (the extension), in memory elsewhere (Node).
    limiter: patch.limiter ?? setup?.limiter ?? new RateLimiter({ storage: hasIndexedDb() ? indexedDbCooldownStorage() : memoryCooldownStorage() }),
    cache: 'cache' in patch ? patch.cache : setup ? setup.cache : hasIndexedDb() ? new ResponseCache() : undefined,
    fetch: patch.fetch ?? setup?.fetch ?? ((...args: Parameters<typeof globalThis.fetch>) => globalThis.fetch(...args)),
  };
  setup = { ...next, client: createFetch({ fetch: next.fetch }) };
  return next;
}

function current(): HttpSetup & { client: $Fetch } {
  if (!setup) configureHttp();
  return setup as HttpSetup & { client: $Fetch };
}

/** Seconds from a Retry-After header (delta seconds or an HTTP date). */
export function retryAfterSeconds(value: string | null): number | undefined {
  if (!value) return undefined;
  const n = Number(value);
  if (Number.isFinite(n)) return Math.max(0, n);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, (date - Date.now()) / 1000) : undefined;
}

function bodyRetryAfter(body: unknown): number | undefined {
  if (typeof body === 'string') {
    const match = /"retry_after"\s*:\s*(\d+(?:\.\d+)?)/.exec(body);
    return match ? Number(match[1]) : undefined;
  }
  const value = (body as { error?: { retry_after?: unknown } } | undefined)?.error?.retry_after;
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, value) : undefined;
}

function isRateLimitAnswer(platform: PlatformId, status: number, text: string): boolean {
  return status === 429 || (platform === 'mixcloud' && status === 403 && /RateLimitException/.test(text));
}

const textOf = (body: unknown) => (typeof body === 'string' ? body : JSON.stringify(body ?? ''));

/**
 * A platform's "slow down" answer, with the wait it names if any: 429 anywhere, Mixcloud's 403
 * RateLimitException (retry_after in the body and Retry-After), and a 503 carrying Retry-After.
 */
export function rateLimitHint(platform: PlatformId, status: number, body: unknown, headers: Headers): { retryAfterMs?: number } | undefined {
  const header = retryAfterSeconds(headers.get('retry-after'));
  if (!isRateLimitAnswer(platform, status, textOf(body)) && !(status === 503 && header !== undefined)) return undefined;
  const seconds = header ?? bodyRetryAfter(body);
  return seconds === undefined ? {} : { retryAfterMs: seconds * 1000 };
}

/** Turn an error answer into a coded error, the way each platform signals it. */
export function errorForResponse(platform: PlatformId, status: number, body: unknown, headers: Headers): DeckhandError {
  const text = textOf(body);
  if (isRateLimitAnswer(platform, status, text)) {
    const ms = rateLimitHint(platform, status, body, headers)?.retryAfterMs ?? 30_000;
    return new DeckhandError('rate.limited', undefined, { status, retryAt: Date.now() + ms });
  }
  let code: ErrorCode = 'network.http';
  if (status === 401) code = /expired|token_not_valid/i.test(text) ? 'auth.expired' : 'auth.required';
  else if (status === 403) code = /territory|geo|country/i.test(text) ? 'region.blocked' : 'auth.required';
  else if (status === 404 || status === 410) code = 'not-found';
  return new DeckhandError(code, `${platform} answered ${status}: ${text.slice(0, 200)}`, { status });
}

async function attempt<T>(client: $Fetch, url: string, opts: RequestOptions): Promise<Attempt<HttpResult<T>>> {
  let res: FetchResponse<T>;
  try {
    res = await client.raw<T>(url, {
      method: opts.method ?? 'GET',
      ...(opts.query ? { query: opts.query } : {}),
      ...(opts.headers ? { headers: opts.headers } : {}),
      ...(opts.body !== undefined ? { body: opts.body } : {}),
      ...(opts.credentials ? { credentials: opts.credentials } : {}),
      retry: 0,
      timeout: opts.timeoutMs ?? 20_000,
      ignoreResponseError: true,
    });
  } catch (err) {
    const timeout = err instanceof Error && /timeout|aborted/i.test(err.message);
    return { ok: false, retryable: true, error: new DeckhandError(timeout ? 'network.timeout' : 'network.offline', String(err), { cause: err }) };
  }
  const status = res.status;
  if ((status >= 200 && status < 300) || opts.accept?.includes(status)) {
    return { ok: true, value: { status, data: res._data as T, headers: res.headers } };
  }
  const rateLimit = rateLimitHint(opts.platform, status, res._data, res.headers);
  const error = errorForResponse(opts.platform, status, res._data, res.headers);
  return { ok: false, error, retryable: status >= 500, ...(rateLimit ? { rateLimit } : {}) };
}

function send<T>(url: string, opts: RequestOptions): Promise<HttpResult<T>> {
  const { limiter, client } = current();
  const idempotent = (opts.method ?? 'GET') === 'GET';
  return limiter.run(opts.platform, () => attempt<T>(client, url, opts), { idempotent, retries: idempotent ? (opts.retries ?? 2) : 0 });
}

/** A cacheable copy of an answer (Headers objects cannot be stored in IndexedDB). */
interface StoredResult {
  status: number;
  data: unknown;
  headers: [string, string][];
}

export async function request<T>(url: string, opts: RequestOptions): Promise<HttpResult<T>> {
  const cache = opts.cache && (opts.method ?? 'GET') === 'GET' ? current().cache : undefined;
  if (!cache || !opts.cache) return send<T>(url, opts);
  const stored = await cache.through<StoredResult>(opts.cache, cacheKey(url, opts.query), async () => {
    const fresh = await send<T>(url, opts);
    return { status: fresh.status, data: fresh.data, headers: [...fresh.headers.entries()] };
  });
  return { status: stored.status, data: stored.data as T, headers: new Headers(stored.headers) };
}

export async function getJson<T>(url: string, opts: RequestOptions): Promise<T> {
  return (await request<T>(url, opts)).data;
}
