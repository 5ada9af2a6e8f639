/**
 * soundcloud.com pages, rendered server-side with hydration and list markup: track (also private
 * `/s-XXXX` links), set, profile tabs, feed, search, charts, discover, home and the 404 page.
 */
import type { Req, Res } from '../../http';
import { lookupRoute } from './api';
import type { ScAssets } from './assets';
import type { ScUser } from './catalogue';
import type { ScContext } from './context';
import { baseHydration, renderDocument, type DocumentParts, type Hydratable } from './layout';
import type { SearchKind } from './lists';
import { PROFILE_PAGE, SEARCH_PAGE, paginate, type ListSource } from './paging';
import { artworkOf } from './render';
import * as view from './render-pages';
import { parsePagePath, type PageRoute, type SearchTab, type UserTab } from './routes';
import type { ApiTrack } from './types';
import { WEB_ORIGIN } from './urls';
import { uploadPageContent } from './upload-page';

const SEARCH_KINDS: Record<SearchTab, SearchKind> = { all: 'all', sounds: 'tracks', people: 'users', sets: 'playlists' };
const HOME_TITLE = 'Stream and listen to music online for free with SoundCloud';

type Content = Pick<DocumentParts, 'title' | 'description' | 'main'> & Partial<Pick<DocumentParts, 'og'>> & { hydration?: Hydratable[]; status?: number };

function firstPage<R, T>(src: ListSource<R, T>, size: number): T[] {
  return paginate(src, '/', new URLSearchParams(), size).collection;
}

export function registerPages(ctx: ScContext, assets: ScAssets): void {
  const r = ctx.app.router;
  r.get('www.soundcloud.com', /^\/.*$/, 'page', (req, res) => res.redirect(`${WEB_ORIGIN}${req.path}${req.url.search}`, 301));
  r.get('m.soundcloud.com', '/', 'page', (_req, res) => res.html(mobileHome(ctx)));
  r.get('soundcloud.com', '/upload', 'page', (req, res) => sendDocument(ctx, assets, req, res, uploadPageContent()));
  r.get(['soundcloud.com', 'm.soundcloud.com'], /^\/.*$/, 'page', async (req, res) => {
    const route = parsePagePath(req.path);
    const content = pageContent(ctx, route, req) ?? notFound();
    await sendDocument(ctx, assets, req, res, content);
  });
}

async function sendDocument(ctx: ScContext, assets: ScAssets, req: Req, res: Res, c: Content): Promise<void> {
  const me = meUser(ctx, req);
  const queue = firstPage(ctx.lists.charts('top', 'all-music'), 5).map((row) => row.track);
  const html = renderDocument({
    title: c.title,
    description: c.description,
    canonical: `${WEB_ORIGIN}${req.path === '/' ? '' : req.path}`,
    ...(c.og ? { og: c.og } : {}),
    main: c.main,
    hydration: [...baseHydration(ctx.state.clientId, me ? ctx.ser.user(me) : null), ...(c.hydration ?? [])],
    queue,
    scripts: await assets.scriptUrls(),
  });
  await res.html(html, c.status ?? 200);
}

/**
 * m.soundcloud.com is a separate Next.js app: its client_id sits in __NEXT_DATA__.runtimeConfig
 * (the mobile capture's shape), a fallback source some tools scrape.
 */
function mobileHome(ctx: ScContext): string {
  const data = {
    props: { pageProps: {} },
    page: '/',
    query: {},
    buildId: '1733156665',
    assetPrefix: 'https://m.sndcdn.com',
    runtimeConfig: { env: 'production', isDev: false, host: 'm.soundcloud.com', port: '80', stagingId: '', clientId: ctx.state.clientId, appId: '65097', buildVersion: '1733156665' },
  };
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${HOME_TITLE}</title></head><body><div id="__next"><h1>SoundCloud</h1></div>
<script id="__NEXT_DATA__" type="application/json">${JSON.stringify(data).replace(/</g, '\\u003c')}</script></body></html>`;
}

/** The signed-in visitor, from the `oauth_token` cookie the site sets after login. */
function meUser(ctx: ScContext, req: Req): ScUser | undefined {
  const token = req.cookies.oauth_token;
  const id = token ? ctx.state.userOfAuthorization(`OAuth ${token}`) : undefined;
  return typeof id === 'number' ? ctx.cat.userById(id) : undefined;
}

function notFound(): Content {
  return { title: view.titles.fallback, description: 'Discover and play over 320 million music tracks.', main: view.notFoundPage(), status: 404 };
}

function pageContent(ctx: ScContext, route: PageRoute, req: Req): Content | undefined {
  const { lists } = ctx;
  const chartTracks = (kind: 'top' | 'trending', n: number): ApiTrack[] => firstPage(lists.charts(kind, 'all-music'), n).map((row) => row.track);
  switch (route.kind) {
    case 'home':
      return { title: HOME_TITLE, description: 'Play over 320 million tracks for free on SoundCloud.', main: view.homePage(chartTracks('trending', 8)) };
    case 'discover':
      return { title: 'Discover the top streamed music and songs online on SoundCloud', description: 'Discover new music.', main: view.discoverPage(chartTracks('trending', 8), chartTracks('top', 8)) };
    case 'charts': {
      const genre = (req.query.get('genre') ?? 'all-music').replace(/[^a-z-]/g, '') || 'all-music';
      const rows = firstPage(lists.charts(route.chart, `soundcloud:genres:${genre}`), PROFILE_PAGE);
      return { title: `${route.chart === 'top' ? 'Top 50' : 'New & hot'}: ${genre} on SoundCloud`, description: 'The most played tracks on SoundCloud this week.', main: view.chartsPage(route.chart, genre, rows) };
    }
    case 'feed':
      return { title: 'Stream on SoundCloud - Hear the world’s sounds', description: 'Your feed.', main: view.feedPage(firstPage(lists.feed(), PROFILE_PAGE)) };
    case 'search': {
      const q = req.query.get('q') ?? '';
      const src = lists.search(SEARCH_KINDS[route.tab], q);
      return { title: view.titles.search(q), description: `Search results for ${q}`, main: view.searchPage(q, route.tab, firstPage(src, SEARCH_PAGE), src.records.length), hydration: [{ hydratable: 'search', data: { query: q } }] };
    }
    case 'notFound':
      return undefined;
  }
  const found = lookupRoute(ctx, route);
  if (!found) return undefined;
  if (found.kind === 'user' && route.kind === 'user') {
    const u = ctx.ser.user(found.user);
    return {
      title: view.titles.user(u),
      description: `Play ${u.username} on SoundCloud and discover followers on SoundCloud | Stream tracks, albums, playlists on desktop and mobile.`,
      og: { type: 'profile', title: u.username, image: u.avatar_url.replace('-large.', '-t500x500.') },
      main: view.userPage(u, route.tab, userItems(ctx, found.user, route.tab)),
      hydration: [{ hydratable: 'user', data: u }],
    };
  }
  if (found.kind === 'track') {
    const sound = ctx.ser.track(found.track);
    const related = firstPage(lists.related(found.track), 3);
    const owner = ctx.cat.userById(found.track.userId);
    return {
      title: view.titles.track(sound),
      description: `Stream ${sound.title} by ${sound.user.username} on desktop and mobile. Play over 320 million tracks for free on SoundCloud.`,
      og: { type: 'music.song', title: sound.title, image: artworkOf(sound) },
      main: view.trackPage(sound, related),
      hydration: [...(owner ? [{ hydratable: 'user', data: ctx.ser.user(owner) }] : []), { hydratable: 'sound', data: sound }],
    };
  }
  if (found.kind === 'playlist') {
    const full = ctx.ser.playlist(found.playlist, 'full');
    const owner = ctx.cat.userById(found.playlist.userId);
    return {
      title: view.titles.set(full),
      description: `Listen to ${full.title} by ${full.user.username} on SoundCloud.`,
      og: { type: full.is_album ? 'music.album' : 'music.playlist', title: full.title, ...(full.artwork_url ? { image: full.artwork_url.replace('-large.', '-t500x500.') } : {}) },
      main: view.setPage(full, view.setTracks(full)),
      hydration: [
        ...(owner ? [{ hydratable: 'user', data: ctx.ser.user(owner) }] : []),
        { hydratable: 'playlist', data: ctx.ser.playlist(found.playlist, 'compact') },
      ],
    };
  }
  return undefined;
}

/** The first page of a profile tab. */
function userItems(ctx: ScContext, u: ScUser, tab: UserTab): view.ListItem[] {
  const l = ctx.lists;
  switch (tab) {
    case 'all':
      return firstPage(l.userStream(u), PROFILE_PAGE);
    case 'tracks':
      return firstPage(l.userTracks(u), PROFILE_PAGE);
    case 'popular-tracks':
      return firstPage(l.userTopTracks(u), PROFILE_PAGE);
    case 'likes':
      return firstPage(l.userLikes(u), PROFILE_PAGE);
    case 'reposts':
      return firstPage(l.userReposts(u), PROFILE_PAGE);
    case 'albums':
      return firstPage(l.userPlaylists(u, 'albums'), PROFILE_PAGE);
    case 'sets':
      return firstPage(l.userPlaylists(u, 'playlists'), PROFILE_PAGE);
  }
}
