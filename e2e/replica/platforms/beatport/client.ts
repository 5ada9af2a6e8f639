/**
 * The replica site's browser app (bundled by esbuild at server start). Like Beatport's Next.js
 * client it navigates without reloading: internal links fetch /_next/data/<buildId>/... and the main
 * content is re-rendered with the server's own render functions, while the DOM's __NEXT_DATA__ stays
 * as the first page wrote it (stale). Lists load their next page on scroll or "Load more", and the
 * player bar plays previews, marking the playing row `current`.
 */
import { listKey, queryData } from './query-keys';
import { nextPageOf, renderPage, rowsOf } from './render-pages';
import { renderReleaseCard, renderRows } from './render-rows';
import { nextDataUrl, parsePagePath, type PageRoute } from './routes';

declare global {
  interface Window {
    __NEXT_DATA__?: unknown;
  }
}

const initial = JSON.parse(document.getElementById('__NEXT_DATA__')?.textContent ?? '{}') as { buildId?: string };
// Next.js exposes the first page's data as a global too; like the script tag it is never updated.
window.__NEXT_DATA__ = initial;
const buildId = initial.buildId ?? '';
const main = document.getElementById('main') as HTMLElement;
const audio = document.querySelector<HTMLAudioElement>('[data-testid="player-audio"]');
let current = parsePagePath(location.pathname, new URLSearchParams(location.search));
let navigations = 0;
let loadingMore = false;
let playingId: string | null = null;

async function fetchProps(route: PageRoute): Promise<unknown> {
  const res = await fetch(nextDataUrl(buildId, route), { headers: { 'x-nextjs-data': '1' }, credentials: 'same-origin' });
  if (!res.ok) throw new Error(`data ${res.status}`);
  return ((await res.json()) as { pageProps: unknown }).pageProps;
}

function markPlaying(): void {
  for (const row of document.querySelectorAll<HTMLElement>('[data-testid="tracks-table-row"]')) {
    row.classList.toggle('current', row.dataset.trackId === playingId);
  }
}

async function navigate(url: URL, push: boolean): Promise<void> {
  const route = parsePagePath(url.pathname, url.searchParams);
  if (!route) return location.assign(url.href);
  try {
    const props = await fetchProps(route);
    const view = renderPage(route, props);
    main.innerHTML = view.main;
    document.title = view.title;
    if (push) history.pushState({}, '', url.href);
    current = route;
    navigations++;
    document.documentElement.dataset.replicaNavigations = String(navigations);
    window.scrollTo(0, 0);
    markPlaying();
    window.dispatchEvent(new CustomEvent('replica:navigated', { detail: { path: url.pathname } }));
  } catch {
    location.assign(url.href); // what Next.js does when the data request fails
  }
}

async function loadMore(): Promise<void> {
  const list = main.querySelector<HTMLElement>('[data-next-page]');
  if (loadingMore || !current || !list) return;
  loadingMore = true;
  try {
    const route: PageRoute = { ...current, query: { ...current.query, page: list.dataset.nextPage ?? '2' } };
    const envelope = queryData(await fetchProps(route), listKey(route) ?? '') as { results?: unknown[] } | undefined;
    if (route.kind === 'label') {
      list.insertAdjacentHTML('beforeend', (envelope?.results ?? []).map((r) => renderReleaseCard(r, route.locale)).join(''));
    } else {
      const first = list.querySelectorAll('[data-testid="tracks-table-row"]').length + 1;
      list.insertAdjacentHTML('beforeend', renderRows(rowsOf(envelope), first, route.locale));
    }
    const next = nextPageOf(envelope);
    if (next) list.dataset.nextPage = String(next);
    else {
      delete list.dataset.nextPage;
      main.querySelector('[data-testid="load-more"]')?.remove();
    }
    markPlaying();
    window.dispatchEvent(new CustomEvent('replica:appended', { detail: { page: route.query.page } }));
  } finally {
    loadingMore = false;
  }
}

function play(holder: HTMLElement): void {
  if (!audio) return;
  const id = holder.dataset.trackId ?? null;
  if (id === playingId && !audio.paused) audio.pause();
  else {
    if (id !== playingId) audio.src = holder.dataset.sampleUrl ?? '';
    playingId = id;
    audio.play().catch(() => undefined);
  }
  const title = holder.querySelector('[class*="ItemName"], h1')?.textContent ?? '';
  const artists = holder.querySelector('[class*="ArtistNames"]')?.textContent ?? '';
  document.querySelector('[data-testid="player-title"]')!.textContent = title;
  document.querySelector('[data-testid="player-artists"]')!.textContent = artists;
  markPlaying();
}

document.addEventListener('click', (event) => {
  const target = event.target as Element | null;
  const button = target?.closest<HTMLElement>('button');
  if (button?.dataset.testid === 'play-button') {
    const holder = button.closest<HTMLElement>('[data-track-id]');
    if (holder) play(holder);
    return;
  }
  if (button?.dataset.testid === 'load-more') return void loadMore();
  if (button?.dataset.testid === 'player-toggle' && audio) return void (audio.paused ? audio.play().catch(() => undefined) : audio.pause());
  const link = target?.closest<HTMLAnchorElement>('a[href]');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || link.target) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || !parsePagePath(url.pathname, url.searchParams)) return;
  event.preventDefault();
  void navigate(url, true);
});

document.addEventListener('submit', (event) => {
  const form = event.target as HTMLFormElement;
  if (form.getAttribute('role') !== 'search') return;
  event.preventDefault();
  const url = new URL(form.action, location.href);
  url.search = new URLSearchParams(new FormData(form) as unknown as Record<string, string>).toString();
  void navigate(url, true);
});

const toggle = document.querySelector('[data-testid="player-toggle"]');
audio?.addEventListener('play', () => toggle && (toggle.textContent = '❚❚'));
audio?.addEventListener('pause', () => toggle && (toggle.textContent = '▶'));
window.addEventListener('popstate', () => void navigate(new URL(location.href), false));
window.addEventListener('scroll', () => {
  if (window.innerHeight + window.scrollY > document.body.scrollHeight - 600) void loadMore();
}, { passive: true });
