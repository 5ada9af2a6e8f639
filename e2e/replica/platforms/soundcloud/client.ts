/**
 * The replica's web app (bundled by esbuild into the last a-v2 script, started by
 * `scApp.boot(config)`): SPA navigation through api-v2 with the bundle's client_id (resolve, then
 * the lists a page needs), history.pushState, and infinite scroll on `.lazyLoadingList` via
 * next_href. window.__sc_hydration is never updated, so it goes stale after navigation, as on the
 * real site. Dependency-free; renders with the same functions as the server.
 */
import { PROFILE_PAGE, SEARCH_PAGE } from './paging';
import * as view from './render-pages';
import { parsePagePath, type PageRoute, type SearchTab, type UserTab } from './routes';
import type { ApiCollection, ApiPlaylist, ApiSearchItem, ApiTrack, ApiUser, ApiWrappedItem } from './types';
import { isFullTrack } from './types';
import { API_V2, WEB_ORIGIN } from './urls';

interface Config {
  client_id: string;
}
interface ListState {
  kind: view.ListKind;
  nextHref: string | null;
  count: number;
  loading: boolean;
}

let clientId = '';
let list: ListState | undefined;
let generation = 0;

async function api<T>(pathOrUrl: string): Promise<T> {
  const url = new URL(pathOrUrl.startsWith('http') ? pathOrUrl : `${API_V2}${pathOrUrl}`);
  url.searchParams.set('client_id', clientId);
  const res = await fetch(url.toString());
  if (!res.ok) throw new Error(`${res.status}`);
  return (await res.json()) as T;
}

const USER_ENDPOINTS: Record<UserTab, string> = {
  all: '/stream/users/{id}', tracks: '/users/{id}/tracks', 'popular-tracks': '/users/{id}/toptracks', likes: '/users/{id}/likes',
  reposts: '/stream/users/{id}/reposts', albums: '/users/{id}/albums', sets: '/users/{id}/playlists_without_albums',
};
const SEARCH_ENDPOINTS: Record<SearchTab, string> = { all: '/search', sounds: '/search/tracks', people: '/search/users', sets: '/search/playlists' };

/** The api-v2 list behind a page (first page), or undefined for pages without one. */
function listEndpoint(route: PageRoute, userId: number | undefined, search: URLSearchParams): { url: string; kind: view.ListKind } | undefined {
  const q = (size: number, extra = '') => `limit=${size}&offset=0&linked_partitioning=1${extra}`;
  switch (route.kind) {
    case 'user':
      return userId ? { url: `${USER_ENDPOINTS[route.tab].replace('{id}', String(userId))}?${q(PROFILE_PAGE)}`, kind: 'sound' } : undefined;
    case 'feed':
      return { url: `/stream?${q(PROFILE_PAGE)}`, kind: 'sound' };
    case 'search':
      return { url: `${SEARCH_ENDPOINTS[route.tab]}?${q(SEARCH_PAGE, `&q=${encodeURIComponent(search.get('q') ?? '')}`)}`, kind: 'search' };
    case 'charts': {
      const genre = search.get('genre') ?? 'all-music';
      return { url: `/charts?${q(PROFILE_PAGE, `&kind=${route.chart}&genre=soundcloud:genres:${encodeURIComponent(genre)}`)}`, kind: 'chart' };
    }
    default:
      return undefined;
  }
}

async function resolve<T>(path: string): Promise<T> {
  return api<T>(`/resolve?url=${encodeURIComponent(`${WEB_ORIGIN}${path}`)}`);
}

/** A set's tracks in set order: the compact playlist's full ones plus the stubs fetched by id. */
async function setTracks(p: ApiPlaylist): Promise<ApiTrack[]> {
  const stubs = p.tracks.filter((t) => !isFullTrack(t)).map((t) => t.id);
  const fetched: ApiTrack[] = [];
  for (let i = 0; i < stubs.length; i += 50) fetched.push(...(await api<ApiTrack[]>(`/tracks?ids=${stubs.slice(i, i + 50).join(',')}`)));
  const byId = new Map([...p.tracks.filter(isFullTrack), ...fetched].map((t) => [t.id, t]));
  return p.tracks.map((t) => byId.get(t.id)).filter((t): t is ApiTrack => Boolean(t));
}

/** Main content and title for a route, fetched the way the site's app does. */
async function renderRoute(route: PageRoute, path: string, search: URLSearchParams): Promise<{ html: string; title: string; userId?: number }> {
  let total = 0;
  const first = async <T>(userId?: number): Promise<T[]> => {
    const ep = listEndpoint(route, userId, search);
    if (!ep) return [];
    const page = await api<ApiCollection<T>>(ep.url);
    list = { kind: ep.kind, nextHref: page.next_href, count: page.collection.length, loading: false };
    total = page.total_results ?? page.collection.length;
    return page.collection;
  };
  switch (route.kind) {
    case 'track': {
      const t = await resolve<ApiTrack>(path);
      const related = await api<ApiCollection<ApiTrack>>(`/tracks/${encodeURIComponent(t.urn)}/related?limit=3`);
      return { html: view.trackPage(t, related.collection), title: view.titles.track(t) };
    }
    case 'set': {
      const p = await resolve<ApiPlaylist>(path);
      return { html: view.setPage(p, await setTracks(p)), title: view.titles.set(p) };
    }
    case 'user': {
      const u = await resolve<ApiUser>(`/${route.user}`);
      return { html: view.userPage(u, route.tab, await first<ApiWrappedItem>(u.id)), title: view.titles.user(u), userId: u.id };
    }
    case 'feed':
      return { html: view.feedPage(await first<ApiWrappedItem>()), title: document.title };
    case 'search': {
      const items = await first<ApiSearchItem>();
      const q = search.get('q') ?? '';
      return { html: view.searchPage(q, route.tab, items, total), title: view.titles.search(q) };
    }
    case 'charts':
      return { html: view.chartsPage(route.chart, search.get('genre') ?? 'all-music', await first<{ track: ApiTrack; score: number }>()), title: document.title };
    case 'home':
    case 'discover': {
      const rows = await api<ApiCollection<{ track: ApiTrack }>>('/charts?kind=trending&genre=soundcloud:genres:all-music&limit=8');
      const tracks = rows.collection.map((r) => r.track);
      return { html: route.kind === 'home' ? view.homePage(tracks) : view.discoverPage(tracks, tracks), title: view.titles.fallback };
    }
    case 'notFound':
      return { html: view.notFoundPage(), title: view.titles.fallback };
  }
}

async function navigate(href: string, push: boolean): Promise<void> {
  const url = new URL(href, location.href);
  const mine = ++generation;
  list = undefined;
  let out: { html: string; title: string };
  try {
    out = await renderRoute(parsePagePath(url.pathname), url.pathname, url.searchParams);
  } catch {
    out = { html: view.notFoundPage(), title: view.titles.fallback };
  }
  if (mine !== generation) return; // a later click won
  if (push) history.pushState({}, '', url.pathname + url.search);
  const main = document.querySelector('#content .l-container');
  if (main) main.innerHTML = out.html;
  document.title = out.title;
  window.scrollTo(0, 0);
}

async function loadMore(): Promise<void> {
  const state = list;
  const ul = document.querySelector('.lazyLoadingList .lazyLoadingList__list');
  if (!state || !state.nextHref || state.loading || !ul) return;
  state.loading = true;
  try {
    const page = await api<ApiCollection<view.ListItem>>(state.nextHref);
    if (state !== list) return;
    ul.insertAdjacentHTML('beforeend', view.listItems(state.kind, page.collection, state.count));
    state.count += page.collection.length;
    state.nextHref = page.next_href;
  } finally {
    state.loading = false;
  }
}

function nearBottom(): boolean {
  return window.innerHeight + window.scrollY >= document.body.offsetHeight - 800;
}

function onClick(e: MouseEvent): void {
  const target = e.target instanceof Element ? e.target : null;
  if (target?.closest('.playbackSoundBadge__showQueue, .queue__hide')) {
    const queue = document.querySelector('.queue');
    const open = target.closest('.playbackSoundBadge__showQueue') ? !queue?.classList.contains('m-visible') : false;
    queue?.classList.toggle('m-visible', open);
    queue?.setAttribute('aria-hidden', String(!open));
    return;
  }
  const a = target?.closest('a');
  const href = a?.getAttribute('href');
  if (!a || !href || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || a.target) return;
  if (href === '#') return e.preventDefault();
  if (!href.startsWith('/') || href.startsWith('//')) return;
  e.preventDefault();
  void navigate(href, true);
}

/** Learn the current page's next_href (the server rendered the first page). */
async function initList(): Promise<void> {
  const hydration = (window as unknown as { __sc_hydration?: { hydratable: string; data: { id?: number } }[] }).__sc_hydration ?? [];
  const userId = hydration.find((h) => h.hydratable === 'user')?.data?.id;
  const ep = listEndpoint(parsePagePath(location.pathname), userId, new URLSearchParams(location.search));
  if (!ep) return;
  const page = await api<ApiCollection<unknown>>(ep.url);
  list = { kind: ep.kind, nextHref: page.next_href, count: page.collection.length, loading: false };
  if (nearBottom()) void loadMore();
}

export function boot(config: Config): void {
  clientId = config.client_id;
  document.addEventListener('click', onClick);
  document.addEventListener('submit', (e) => {
    const form = e.target instanceof HTMLFormElement && e.target.matches('.headerSearch') ? e.target : null;
    if (!form) return;
    e.preventDefault();
    void navigate(`/search?q=${encodeURIComponent(new FormData(form).get('q')?.toString() ?? '')}`, true);
  });
  window.addEventListener('popstate', () => void navigate(location.href, false));
  window.addEventListener('scroll', () => nearBottom() && void loadMore(), { passive: true });
  void initList().catch(() => undefined);
}
