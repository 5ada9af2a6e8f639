/**
 * getServerSideProps for every page kind: pageProps with React-Query's dehydrated cache (queries
 * whose `state.data` is the API's JSON with internal-host URLs, as the captures show), the entity
 * itself for track/release pages, and the anonymous API session (beatport.md §2 C).
 */
import { randomBytes } from 'node:crypto';
import { pageOf, type Json } from './api-common';
import { catalogue } from './catalogue';
import type { BpTrack } from './model';
import { artistTracks, chartTracks, genreTracks, hypeTracks, labelReleases, labelTopTracks, recommendations, releaseTracks, search, topTracks } from './queries';
import { LIST_PER_PAGE, listKey, pageNumber, QK, searchPerPage } from './query-keys';
import { genreById, INTERNAL_API_BASE as BASE } from './reference';
import type { PageRoute } from './routes';
import { releaseDetail, releaseListItem, trackDetail, trackListItem } from './shapes';
import { artistDetail, chartJson, genreJson, labelDetail, searchArtist, searchLabel, searchRelease, searchTrack } from './shapes-entities';
import type { IssuedToken } from './tokens';

export type PropsResult = { notFound: true } | { pageProps: Json };

const track = (t: BpTrack) => trackListItem(t, BASE);

function dehydrated(key: string, data: unknown): Json {
  return {
    state: {
      data, dataUpdateCount: 1, dataUpdatedAt: Date.now(), error: null, errorUpdateCount: 0, errorUpdatedAt: 0,
      fetchFailureCount: 0, fetchFailureReason: null, fetchMeta: null, isInvalidated: false, status: 'success', fetchStatus: 'idle',
    },
    queryKey: [key],
    queryHash: JSON.stringify([key]),
  };
}

/** A list envelope as the site's server fetched it from the internal API. */
function ssrPage<T>(items: T[], page: number, perPage: number, toJson: (t: T) => Json, listPath: string): Json | undefined {
  return pageOf(items, page, perPage, toJson, (n) => `${BASE}${listPath}${listPath.includes('?') ? '&' : '?'}page=${n}&per_page=${perPage}`);
}

export function anonSessionJson(token: IssuedToken): Json {
  return {
    access_token: token.token,
    expires_in: Math.round((token.expiresAt - token.issuedAt) / 1000),
    token_type: 'Bearer',
    scope: token.scope,
    create_date: new Date(token.issuedAt).toISOString(),
    expirationTime: token.expiresAt,
  };
}

/** The queries (key -> data) for a route, and the entity kept at pageProps top level, or undefined for 404. */
function queriesFor(route: PageRoute): { queries: [string, unknown][]; entity?: [string, unknown] } | undefined {
  const cat = catalogue();
  const id = Number(route.query.id ?? NaN);
  const page = pageNumber(route);
  const key = listKey(route) ?? '';
  const list = (data: Json | undefined, head: [string, unknown][] = []) => (data ? { queries: [...head, [key, data] as [string, unknown]] } : undefined);
  const full = (tracks: BpTrack[], path: string) => ssrPage(tracks, 1, 100, track, path);
  switch (route.kind) {
    case 'home': return list(ssrPage(topTracks(undefined, 10), 1, 10, track, '/catalog/tracks/top/10/'));
    case 'top100': return list(full(topTracks(), '/catalog/tracks/top/100/'));
    case 'hype100': return list(full(hypeTracks(), '/catalog/tracks/?is_hype=true'));
    case 'track': {
      const t = cat.tracks.get(id);
      if (!t) return undefined;
      const data = trackDetail(t, BASE);
      return { queries: [[QK.track(String(id)), data]], entity: ['track', data] };
    }
    case 'release': {
      const r = cat.releases.get(id);
      if (!r) return undefined;
      const data = releaseDetail(r, BASE);
      const tracks = ssrPage(releaseTracks(r).sort((a, b) => b.id - a.id), 1, 100, track, `/catalog/tracks/?release_id=${id}`);
      const recs = ssrPage(recommendations(r), 1, 50, (x) => releaseListItem(x, BASE), `/catalog/releases/similar/?release_id=${id}`);
      return { queries: [[QK.release(String(id)), data], [key, tracks], [QK.releaseRecommendations(String(id)), recs]], entity: ['release', data] };
    }
    case 'artist': {
      const a = cat.artists.get(id);
      return a ? list(ssrPage(artistTracks(a), page, LIST_PER_PAGE, track, `/catalog/tracks/?artist_id=${id}`), [[QK.artist(String(id)), artistDetail(a)]]) : undefined;
    }
    case 'label': {
      const l = cat.labels.get(id);
      if (!l) return undefined;
      const releases = ssrPage(labelReleases(l), page, LIST_PER_PAGE, (r) => releaseListItem(r, BASE), `/catalog/releases/?label_id=${id}`);
      const top = ssrPage(labelTopTracks(l, 10), 1, 10, track, `/catalog/labels/${id}/top/10/`);
      return list(releases, [[QK.label(String(id)), labelDetail(l)], [QK.labelTopTracks(String(id)), top]]);
    }
    case 'genre': case 'genreTop100': case 'genreHype100': {
      const g = genreById(id);
      if (!g) return undefined;
      const head: [string, unknown][] = [[QK.genre(String(id)), genreJson(g, BASE)]];
      if (route.kind === 'genreTop100') return list(full(topTracks(id), `/catalog/genres/${id}/top/100/`), head);
      if (route.kind === 'genreHype100') return list(full(hypeTracks(id), `/catalog/tracks/?is_hype=true&genre_id=${id}`), head);
      return list(ssrPage(genreTracks(id), page, LIST_PER_PAGE, track, `/catalog/tracks/?genre_id=${id}&order_by=-publish_date`), head);
    }
    case 'chart': {
      const c = cat.charts.get(id);
      return c ? list(full(chartTracks(c), `/catalog/charts/${id}/tracks/`), [[QK.chart(String(id)), chartJson(c, BASE, true)]]) : undefined;
    }
    case 'search': {
      const hits = search(route.query.q ?? '');
      const group = <T>(items: { item: T; score: number }[], fn: (t: T, s: number) => Json) => ({ data: items.slice(0, 10).map((h) => fn(h.item, h.score)), count: items.length });
      return list({ tracks: group(hits.tracks, searchTrack), releases: group(hits.releases, searchRelease), artists: group(hits.artists, searchArtist), labels: group(hits.labels, searchLabel) });
    }
    case 'searchTracks': {
      const hits = search(route.query.q ?? '').tracks;
      const perPage = searchPerPage(route);
      if (page > Math.max(1, Math.ceil(hits.length / perPage))) return undefined;
      return list({ data: hits.slice((page - 1) * perPage, page * perPage).map((h) => searchTrack(h.item, h.score)), count: hits.length, page, per_page: perPage });
    }
  }
}

export function buildPageProps(route: PageRoute, anon: IssuedToken, buildId: string): PropsResult {
  const found = queriesFor(route);
  if (!found) return { notFound: true };
  const trace = randomBytes(16).toString('hex');
  const pageProps: Json = {
    _sentryTraceData: `${trace}-${randomBytes(8).toString('hex')}-0`,
    _sentryBaggage: `sentry-environment=production,sentry-release=${buildId},sentry-transaction=${encodeURIComponent(route.page)},sentry-trace_id=${trace},sentry-sample_rate=0.001,sentry-sampled=false`,
    dehydratedState: { mutations: [], queries: found.queries.map(([k, d]) => dehydrated(k, d)) },
    ...(found.entity ? { [found.entity[0]]: found.entity[1] } : {}),
    anonSession: anonSessionJson(anon),
    _nextI18Next: { initialI18nStore: { [route.locale]: { translation: { Header: { Search: 'Search', LogIn: 'Log In' } } } }, initialLocale: route.locale, ns: ['translation'], userConfig: null },
  };
  return { pageProps };
}
