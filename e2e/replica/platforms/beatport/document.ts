/**
 * The server-rendered HTML document around a page: head meta (og/twitter, `twitter:player:stream`
 * on track pages), site header, genre strip, <main>, the player bar, and
 * `<script id="__NEXT_DATA__" type="application/json">` shaped like the captures.
 */
import type { Json } from './api-common';
import type { BpUser } from './model';
import { GENRES } from './reference';
import type { PageView } from './render-pages';
import { CLS, escapeHtml as e, scriptJson } from './render-html';
import { sized } from './render-rows';
import { localeHref, LOCALE_LIST, DEFAULT_LOCALE, type PageRoute } from './routes';

export interface DocumentParts {
  route: PageRoute;
  view: PageView;
  pageProps: Json;
  buildId: string;
  cssHref: string;
  scriptSrc: string;
  user?: BpUser;
  status: number;
}

export function nextDataJson(route: PageRoute, pageProps: Json, buildId: string, page = route.page): Json {
  return {
    props: { pageProps, __N_SSP: true },
    page,
    query: route.query,
    buildId,
    isFallback: false,
    gssp: true,
    customServer: true,
    appGip: true,
    locale: route.locale,
    locales: LOCALE_LIST,
    defaultLocale: DEFAULT_LOCALE,
    scriptLoader: [],
  };
}

/** og/twitter meta from the page's entity. */
function entityMeta(pageProps: Json): string {
  const track = pageProps.track as Record<string, unknown> | undefined;
  const release = (track?.release ?? pageProps.release) as Record<string, unknown> | undefined;
  const image = release ? sized(release.image, '500x500') : undefined;
  const tags: string[] = [];
  if (image) tags.push(`<meta property="og:image" content="${e(image)}"/>`);
  if (track?.sample_url) {
    tags.push('<meta name="twitter:card" content="player"/>');
    tags.push(`<meta name="twitter:player:stream" content="${e(track.sample_url)}"/>`);
    tags.push('<meta name="twitter:player:stream:content_type" content="audio/mpeg"/>');
  }
  return tags.join('');
}

function header(route: PageRoute, user?: BpUser): string {
  const href = (p: string) => e(localeHref(route.locale, p));
  const account = user
    ? `<span class="account" data-testid="account-name">${e(user.username)}</span>`
    : `<a class="account" href="/account/login?callbackUrl=${encodeURIComponent(localeHref(route.locale, route.path))}">Log In</a>`;
  return `<header class="site-header"><a class="logo" href="${href('/')}">BEATPORT</a>`
    + `<nav><a href="${href('/top-100')}">Top 100</a><a href="${href('/hype-100')}">Hype 100</a></nav>`
    + `<form action="${href('/search')}" method="get" role="search"><input name="q" type="search" placeholder="Search" value="${e(route.query.q ?? '')}" aria-label="Search"></form>`
    + `${account}</header>`
    + `<nav class="genre-strip" aria-label="Genres">${GENRES.map((g) => `<a href="${href(`/genre/${g.slug}/${g.id}`)}">${e(g.name)}</a>`).join('')}</nav>`;
}

const PLAYER = `<div class="${CLS.player}" data-testid="player"><button type="button" data-testid="player-toggle" aria-label="Play/Pause">▶</button>`
  + '<div class="now-playing"><span class="title" data-testid="player-title"></span><span class="artists" data-testid="player-artists"></span></div>'
  + '<audio preload="none" data-testid="player-audio"></audio></div>';

export function renderDocument(p: DocumentParts): string {
  const canonical = `https://www.beatport.com${localeHref(p.route.locale, p.route.path)}`;
  const head = [
    '<meta charSet="utf-8"/>',
    '<meta name="viewport" content="width=device-width"/>',
    `<title>${e(p.view.title)}</title>`,
    `<meta property="og:title" content="${e(p.view.title)}"/>`,
    `<meta property="og:url" content="${e(canonical)}"/>`,
    '<meta property="og:site_name" content="Beatport"/>',
    entityMeta(p.pageProps),
    `<link rel="canonical" href="${e(canonical)}"/>`,
    '<meta name="next-head-count" content="8"/>',
    '<meta name="bp-env" content="production"/>',
    `<link rel="stylesheet" href="${e(p.cssHref)}" data-n-g=""/>`,
    `<script src="${e(p.scriptSrc)}" defer=""></script>`,
  ].join('');
  const nextData = nextDataJson(p.route, p.pageProps, p.buildId, p.status === 404 ? '/404' : p.route.page);
  return `<!DOCTYPE html><html lang="${e(p.route.locale)}"><head>${head}</head><body><div id="__next">`
    + `${header(p.route, p.user)}<main id="main">${p.view.main}</main>${PLAYER}</div>`
    + `<script id="__NEXT_DATA__" type="application/json">${scriptJson(nextData)}</script></body></html>`;
}
