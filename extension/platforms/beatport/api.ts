/**
 * Beatport v4 API client (background only). Every catalogue call needs a bearer token: the user's
 * sign-in when connected, else the anonymous token a beatport.com page carries (auth.ts).
 * A refused token (401) is renewed or dropped and the read retried once; without a token, or when
 * the retry is refused too, the call fails with `auth.required` and says how to get a new one: open
 * or reload any beatport.com page.
 */
import { DeckhandError } from '../../../shared/errors';
import type { CacheKind } from '../../core/cache';
import { getJson } from '../../core/http';
import { catalogueToken, forgetCatalogueToken, type StoredToken } from './auth';
import type { BpPage, BpTrack } from './types';

export const API_V4 = 'https://api.beatport.com/v4';
const PER_PAGE = 100;

export const NEED_PAGE_TOKEN =
  'Deckhand reads Beatport’s catalogue with the anonymous access a beatport.com page carries. Open (or reload) any beatport.com page, then try again.';

export interface TokenStore {
  current(): Promise<StoredToken | undefined>;
  forget(token: string): Promise<void>;
}

const storedTokens: TokenStore = { current: () => catalogueToken(), forget: (token) => forgetCatalogueToken(token) };

export class BeatportApi {
  constructor(private readonly tokens: TokenStore = storedTokens) {}

  /**
   * GET a path under /v4/ ("catalog/tracks/1/") with the catalogue token; `cache` keeps the answer
   * (core/cache.ts). A 401 renews the token (user sign-in) or drops it (page token) and the same
   * read is tried once more with whatever token is current then.
   */
  async get<T>(path: string, query: Record<string, string | number | undefined> = {}, cache?: CacheKind): Promise<T> {
    const first = await this.tokens.current();
    if (!first) throw new DeckhandError('auth.required', NEED_PAGE_TOKEN);
    const answer = await this.read<T>(path, query, first.token, cache);
    if (answer.ok) return answer.value;
    // Expired early or revoked: renew or drop it (a page visit may have left a newer one meanwhile).
    await this.tokens.forget(first.token);
    const next = await this.tokens.current();
    if (next && next.token !== first.token) {
      const retried = await this.read<T>(path, query, next.token, cache);
      if (retried.ok) return retried.value;
      await this.tokens.forget(next.token);
    }
    throw new DeckhandError('auth.required', `Beatport no longer accepts the page’s access. ${NEED_PAGE_TOKEN}`, { status: 401 });
  }

  /** One read with `token`; a 401 comes back as `{ ok: false }`, every other failure is thrown. */
  private async read<T>(path: string, query: Record<string, string | number | undefined>, token: string, cache?: CacheKind): Promise<{ ok: true; value: T } | { ok: false }> {
    try {
      const value = await getJson<T>(`${API_V4}/${path.replace(/^\/+/, '')}`, {
        platform: 'beatport',
        query,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        ...(cache ? { cache } : {}),
      });
      return { ok: true, value };
    } catch (err) {
      const e = DeckhandError.from(err);
      if (e.status !== 401) throw e;
      return { ok: false };
    }
  }

  /** One track in full (copy tags, then the download, cost one request a day). */
  track(id: string | number): Promise<BpTrack> {
    return this.get<BpTrack>(`catalog/tracks/${encodeURIComponent(String(id))}/`, {}, 'metadata');
  }

  /** Every item of a paged list, in the list's order, up to `max`. */
  async all<T = BpTrack>(path: string, opts: { max?: number; cache?: CacheKind } = {}): Promise<T[]> {
    const max = opts.max ?? 1000;
    const items: T[] = [];
    for (let page = 1; items.length < max; page++) {
      const answer = await this.get<BpPage<T>>(path, { page, per_page: PER_PAGE }, opts.cache);
      const results = answer.results ?? [];
      items.push(...results);
      if (!answer.next || results.length === 0) break;
    }
    return items.slice(0, max);
  }
}
