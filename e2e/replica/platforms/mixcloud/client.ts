/**
 * The replica's www.mixcloud.com page client (bundled by client-bundle.ts). Like the real React app it
 * navigates without reloading (history.pushState + GraphQL to app.mixcloud.com, leaving the inline
 * relay-data stale), keeps the bottom player across navigation, plays a show when a play button is
 * clicked (decoding streamInfo with the public XOR key) and loads more list items on scroll.
 */
import { loadList, loadPage, type RunQuery } from './page-model';
import { PLAYER_QUERY, type ListKind, type ListParams, type PlayerData } from './queries';
import { pageTitle, renderCards, renderMain, thumb } from './render';
import { routeOf, showPath, userPath } from './routes';
import { decodeStreamUrl } from './stream-codec';

const GRAPHQL_URL = 'https://app.mixcloud.com/graphql';

const run: RunQuery = async (body) => {
  const response = await fetch(GRAPHQL_URL, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await response.json()) as { data?: Record<string, unknown> | null };
};

const $ = <T extends Element>(selector: string, root: ParentNode = document) => root.querySelector<T>(selector);

// ---- SPA navigation -------------------------------------------------------------------------

async function navigate(url: URL, push: boolean): Promise<void> {
  const main = $<HTMLElement>('[data-testid="main-content"]');
  if (!main) return location.assign(url.href);
  main.setAttribute('aria-busy', 'true');
  try {
    const model = await loadPage(routeOf(url.pathname, url.search), run);
    if (push) history.pushState({}, '', url.href);
    main.innerHTML = renderMain(model);
    document.title = pageTitle(model);
    const input = $<HTMLInputElement>('[data-testid="search-input"]');
    if (input) input.value = model.kind === 'search' ? model.term : '';
    window.scrollTo(0, 0);
    watchList();
  } catch {
    location.assign(url.href);
  } finally {
    main.removeAttribute('aria-busy');
  }
}

function internalLink(target: EventTarget | null): URL | undefined {
  const a = target instanceof Element ? target.closest('a[href]') : null;
  if (!(a instanceof HTMLAnchorElement) || a.target || a.hasAttribute('download')) return undefined;
  const url = new URL(a.href);
  if (url.origin !== location.origin || /^\/(oauth|media|oembed)\//.test(url.pathname)) return undefined;
  return url;
}

document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const target = event.target instanceof Element ? event.target : null;
  const playButton = target?.closest('[data-testid="cloudcast-card-play-button"], [data-testid="cloudcast-play-button"], [data-testid^="player-play-button-"]');
  if (playButton) {
    event.preventDefault();
    void onPlayButton(playButton);
    return;
  }
  const url = internalLink(event.target);
  if (!url) return;
  event.preventDefault();
  void navigate(url, true);
});

document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.dataset.testid !== 'search-form') return;
  event.preventDefault();
  const q = new FormData(form).get('q');
  void navigate(new URL(`/search/?q=${encodeURIComponent(String(q ?? ''))}`, location.origin), true);
});

window.addEventListener('popstate', () => void navigate(new URL(location.href), false));

// ---- Player ---------------------------------------------------------------------------------

const player = {
  root: () => $<HTMLElement>('[data-testid="player"]'),
  audio: () => $<HTMLAudioElement>('[data-testid="player-audio"]'),
  button: () => $<HTMLButtonElement>('[data-testid^="player-play-button-"]'),
  title: () => $<HTMLAnchorElement>('[data-testid="player-show-title"]'),
  message: (text: string) => {
    const el = $<HTMLElement>('[data-testid="player-message"]');
    if (el) el.textContent = text;
  },
};

/** The button's test id names the action it offers, as on the real site: ...-Play or ...-Pause. */
function showButtonState(playing: boolean): void {
  const button = player.button();
  if (!button) return;
  const action = playing ? 'Pause' : 'Play';
  button.dataset.testid = `player-play-button-${action}`;
  button.setAttribute('aria-label', action);
  button.textContent = playing ? '❚❚' : '▶';
}

function showIn(href: string | null | undefined): { username: string; slug: string } | undefined {
  if (!href) return undefined;
  const route = routeOf(new URL(href, location.origin).pathname, '');
  return route.kind === 'show' ? { username: route.username, slug: route.slug } : undefined;
}

async function onPlayButton(button: Element): Promise<void> {
  const testid = button.getAttribute('data-testid') ?? '';
  if (testid.startsWith('player-play-button-')) {
    const audio = player.audio();
    if (audio?.getAttribute('src')) {
      if (audio.paused) await audio.play().catch(() => undefined);
      else audio.pause();
      return;
    }
    const current = showIn(player.title()?.getAttribute('href'));
    if (current) await play(current);
    return;
  }
  const card = button.closest('[data-testid="cloudcast-card"]');
  const href = card ? $<HTMLAnchorElement>('[data-testid="cloudcast-card-title"]', card)?.getAttribute('href') : location.pathname;
  const show = showIn(href);
  if (show) await play(show);
}

async function play(lookup: { username: string; slug: string }): Promise<void> {
  const { data } = await run({ query: PLAYER_QUERY, variables: { lookup } });
  const show = data?.cloudcastLookup as PlayerData | null | undefined;
  if (!show) return player.message('This show is not available.');
  const title = player.title();
  if (title) {
    title.href = showPath(show.owner.username, show.slug);
    title.textContent = show.name;
  }
  const owner = $<HTMLAnchorElement>('[data-testid="player-owner"]');
  if (owner) {
    owner.href = userPath(show.owner.username);
    owner.textContent = show.owner.displayName;
  }
  const art = $<HTMLImageElement>('[data-testid="player-image"]');
  if (art && show.picture?.urlRoot) art.src = thumb(show.picture.urlRoot, 96);
  player.root()?.setAttribute('data-player-state', 'loading');
  const audio = player.audio();
  if (!audio) return;
  audio.pause();
  audio.removeAttribute('src');
  if (show.isExclusive) return player.message(`Select subscribers only: subscribe to ${show.owner.displayName} to listen.`);
  if (show.restrictedReason) return player.message(show.restrictedReason === 'repeat_play' ? 'You have reached your play limit for this show.' : 'This show is restricted.');
  if (!show.streamInfo?.url) return player.message('This show cannot be played.');
  player.message('');
  audio.src = decodeStreamUrl(show.streamInfo.url);
  showButtonState(true);
  await audio.play().catch(() => undefined);
}

function wirePlayer(): void {
  const audio = player.audio();
  audio?.addEventListener('play', () => showButtonState(true));
  audio?.addEventListener('pause', () => showButtonState(false));
  audio?.addEventListener('playing', () => player.root()?.setAttribute('data-player-state', 'playing'));
}

// ---- Infinite scroll ------------------------------------------------------------------------

let observer: IntersectionObserver | undefined;
let loadingMore = false;

async function loadMore(): Promise<void> {
  const list = $<HTMLElement>('[data-testid="cloudcast-list"]');
  const end = $<HTMLElement>('[data-testid="cloudcast-list-end"]');
  if (!list || !end || loadingMore || list.dataset.hasNextPage !== 'true') return;
  loadingMore = true;
  try {
    const kind = list.dataset.listKind as ListKind;
    const params = JSON.parse(list.dataset.listParams ?? '{}') as ListParams;
    const page = await loadList(run, kind, params, list.dataset.endCursor || null);
    if (!page || !list.isConnected) return;
    list.insertAdjacentHTML('beforeend', renderCards(page.items));
    list.dataset.endCursor = page.pageInfo.endCursor ?? '';
    list.dataset.hasNextPage = String(page.pageInfo.hasNextPage);
    if (!page.pageInfo.hasNextPage) end.textContent = '';
  } finally {
    loadingMore = false;
  }
  // A short page may leave the end marker on screen: keep going without waiting for a scroll.
  if (nearListEnd()) void loadMore();
}

function nearListEnd(): boolean {
  const end = $('[data-testid="cloudcast-list-end"]');
  return !!end && end.getBoundingClientRect().top < window.innerHeight + 600;
}

function watchList(): void {
  observer?.disconnect();
  const end = $('[data-testid="cloudcast-list-end"]');
  if (!end) return;
  observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && void loadMore(), { rootMargin: '600px' });
  observer.observe(end);
}

// Scroll events too: intersection callbacks wait for a rendered frame, which busy machines delay.
window.addEventListener('scroll', () => nearListEnd() && void loadMore(), { passive: true });

wirePlayer();
watchList();
