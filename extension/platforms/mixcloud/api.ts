/**
 * Mixcloud clients for the background: the site's GraphQL endpoint (show details and streams, the only
 * place audio is offered) and the public API (lists of shows, paged). Anonymous reads; no token. The
 * Mixcloud rate limit (HTTP 403 RateLimitException + retry_after) becomes `rate.limited` in core/http.
 */
import { DeckhandError } from '../../../shared/errors';
import type { CacheKind } from '../../core/cache';
import { getJson } from '../../core/http';
import type { McApiCloudcast, McApiList, McCloudcast, McGraphqlAnswer, McLookup } from './types';

export const GRAPHQL_URL = 'https://app.mixcloud.com/graphql';
export const API_URL = 'https://api.mixcloud.com';
/** Largest page the public API serves. */
const API_PAGE = 100;

/** How requests leave: core/http in the extension, the in-process replica in tests. */
export interface McTransport {
  postJson<T>(url: string, body: Record<string, unknown>): Promise<T>;
  /** `cache`: keep the answer under that kind's TTL (core/cache.ts); transports without a cache ignore it. */
  getJson<T>(url: string, cache?: CacheKind): Promise<T>;
}

export const httpTransport: McTransport = {
  postJson: (url, body) => getJson(url, { platform: 'mixcloud', method: 'POST', body, headers: { accept: 'application/json' } }),
  getJson: (url, cache) => getJson(url, { platform: 'mixcloud', headers: { accept: 'application/json' }, ...(cache ? { cache } : {}) }),
};

export const CLOUDCAST_QUERY = `query DeckhandCloudcastQuery($lookup: CloudcastLookup!) {
  cloudcastLookup(lookup: $lookup) {
    name slug publishDate audioLength description isExclusive restrictedReason
    owner { username displayName url picture(width: 1024, height: 1024) { url } }
    picture(width: 1024, height: 1024) { url }
    tags { tag { name slug } }
    streamInfo { hlsUrl dashUrl url }
    sections {
      __typename
      ... on TrackSection { artistName songName startSeconds }
      ... on ChapterSection { chapter startSeconds }
    }
  }
}`;

export class MixcloudApi {
  constructor(
    private readonly transport: McTransport = httpTransport,
    /** Configurable: the GraphQL endpoint moved host once (www -> app, 2023). */
    private readonly endpoints = { graphql: GRAPHQL_URL, api: API_URL },
  ) {}

  /** A show's details and (encoded) streams, freshly: stream URLs are signed and expire. */
  async cloudcast(lookup: McLookup): Promise<McCloudcast> {
    const answer = await this.transport.postJson<McGraphqlAnswer<{ cloudcastLookup?: McCloudcast | null }>>(this.endpoints.graphql, {
      query: CLOUDCAST_QUERY,
      variables: { lookup },
    });
    const show = answer?.data?.cloudcastLookup;
    if (show) return show;
    const message = answer?.errors?.map((e) => e.message).filter(Boolean).join('; ');
    if (message && !answer?.data) throw new DeckhandError('network.http', `Mixcloud GraphQL: ${message.slice(0, 300)}`);
    throw new DeckhandError('not-found', `No Mixcloud show /${lookup.username}/${lookup.slug}/.`);
  }

  /**
   * Shows of a public API list (`/<user>/cloudcasts/`, `/<user>/playlists/<slug>/cloudcasts/`, …),
   * following `paging.next` on api.mixcloud.com until the end or `max` shows.
   */
  async listShows(pathAndQuery: string, max: number): Promise<McApiCloudcast[]> {
    const first = new URL(pathAndQuery, this.endpoints.api);
    first.searchParams.set('limit', String(Math.min(API_PAGE, max)));
    const apiHost = new URL(this.endpoints.api).host;
    const shows: McApiCloudcast[] = [];
    const seen = new Set<string>();
    let next: string | undefined = first.href;
    while (next && shows.length < max && !seen.has(next)) {
      seen.add(next);
      const page: McApiList = await this.transport.getJson<McApiList>(next);
      shows.push(...(page?.data ?? []));
      next = nextPage(page, apiHost);
    }
    return shows.slice(0, max);
  }
}

/** The next page's URL, only when it stays on the API host (old answers link over http: upgraded). */
function nextPage(page: McApiList | undefined, apiHost: string): string | undefined {
  const link = page?.paging?.next;
  if (!link || !page?.data?.length) return undefined;
  try {
    const url = new URL(link);
    if (url.host !== apiHost || !/^https?:$/.test(url.protocol)) return undefined;
    url.protocol = 'https:';
    return url.href;
  } catch {
    return undefined;
  }
}
