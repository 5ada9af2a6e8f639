/**
 * React-Query keys of the dehydrated queries in each page's __NEXT_DATA__ (the top-100 and release
 * keys are the real ones from captures; the others follow the same pattern). Shared by the server,
 * which writes the queries, and the client, which reads them after fetching /_next/data.
 */
import type { PageRoute } from './routes';

export const LIST_PER_PAGE = 25;
export const SEARCH_PER_PAGE = 25;

export function pageNumber(route: PageRoute): number {
  const n = Number(route.query.page ?? '1');
  return Number.isInteger(n) && n > 0 ? n : 1;
}

export function searchPerPage(route: PageRoute): number {
  const n = Number(route.query['per-page'] ?? SEARCH_PER_PAGE);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 150) : SEARCH_PER_PAGE;
}

export const QK = {
  track: (id: string) => `track-${id}`,
  release: (id: string) => `release-${id}`,
  releaseTracks: (id: string) => `tracks-release_id=${id}&per_page=100&page=1`,
  releaseRecommendations: (id: string) => `release-${id}-recommendations`,
  artist: (id: string) => `artist-${id}`,
  label: (id: string) => `label-${id}`,
  labelTopTracks: (id: string) => `label-${id}-top-10-tracks`,
  genre: (id: string) => `genre-${id}`,
  chart: (id: string) => `chart-${id}`,
  top100: 'top-100-tracks-per_page=100',
  hype100: 'hype-100-tracks-per_page=100',
};

/** Key of the page's main list (the one paging and infinite scroll extend), if it has one. */
export function listKey(route: PageRoute): string | undefined {
  const id = route.query.id ?? '';
  const page = pageNumber(route);
  switch (route.kind) {
    case 'home': return 'top-100-tracks-per_page=10';
    case 'top100': return QK.top100;
    case 'hype100': return QK.hype100;
    case 'release': return QK.releaseTracks(id);
    case 'artist': return `tracks-artist_id=${id}&per_page=${LIST_PER_PAGE}&page=${page}`;
    case 'label': return `releases-label_id=${id}&per_page=${LIST_PER_PAGE}&page=${page}`;
    case 'genre': return `tracks-genre_id=${id}&order_by=-publish_date&per_page=${LIST_PER_PAGE}&page=${page}`;
    case 'genreTop100': return `genre-${id}-top-100-tracks-per_page=100`;
    case 'genreHype100': return `genre-${id}-hype-100-tracks-per_page=100`;
    case 'chart': return `chart-${id}-tracks-per_page=100&page=1`;
    case 'search': return `search-q=${route.query.q ?? ''}`;
    case 'searchTracks': return `tracks-search-q=${route.query.q ?? ''}&page=${page}&per-page=${searchPerPage(route)}`;
    case 'track': return undefined;
  }
}

/** Pages whose main list continues on `?page=N+1`. */
export const PAGED_KINDS: PageRoute['kind'][] = ['artist', 'label', 'genre', 'searchTracks'];

export interface DehydratedQuery {
  queryKey: unknown[];
  queryHash: string;
  state: { data: unknown; status: string; dataUpdatedAt: number };
}

/** `state.data` of the query with this key, from pageProps. */
export function queryData(pageProps: unknown, key: string): unknown {
  const queries = (pageProps as { dehydratedState?: { queries?: DehydratedQuery[] } })?.dehydratedState?.queries ?? [];
  return queries.find((q) => q.queryKey?.[0] === key)?.state?.data;
}
