/**
 * The document around every soundcloud.com page: head meta as the captures have them, the
 * `window.__sc_hydration` array, header, main content, the play controls with the collapsed
 * "Next up" queue, and the a-v2 scripts (the last one carries the client_id).
 */
import { APP_VERSION, FAVICON_PATH, STYLESHEET_NAME } from './assets';
import { esc, queueItem } from './render';
import type { ApiTrack, ApiUser } from './types';
import { ASSET_ORIGIN } from './urls';

export interface Hydratable {
  hydratable: string;
  data: unknown;
}

export interface DocumentParts {
  title: string;
  description: string;
  canonical: string;
  og?: { type: string; title: string; image?: string };
  main: string;
  hydration: Hydratable[];
  queue: ApiTrack[];
  scripts: string[];
}

const FEATURES = ['v2_use_onetrust_tcfv2_us_ca', 'mobi_webauth_oauth_mode', 'v2_api_auth_sign_out', 'v2_hq_file_storage_release',
  'v2_repost_redirect_page', 'v2_post_with_caption', 'v2_direct_support_link', 'v2_use_dwt'];

/** The hydratables every page has (logged-out visitor in London unless `me` is given). */
export function baseHydration(clientId: string, me: ApiUser | null): Hydratable[] {
  return [
    { hydratable: 'anonymousId', data: '285105-278878-684219-149994' },
    { hydratable: 'features', data: { features: FEATURES } },
    { hydratable: 'experiments', data: {} },
    { hydratable: 'geoip', data: { country_code: 'GB', country_name: 'United Kingdom', region: 'ENG', city: 'London', postal_code: 'EC1A', latitude: 51.5171, longitude: -0.1062 } },
    { hydratable: 'privacySettings', data: { allows_messages_from_unfollowed_users: false, analytics_opt_in: true, communications_opt_in: true, targeted_advertising_opt_in: false, legislation: [] } },
    { hydratable: 'trackingBrowserTabId', data: '782c5d' },
    { hydratable: 'apiClient', data: { id: clientId, isExpiring: false } },
    { hydratable: 'meUser', data: me },
  ];
}

/** JSON safe inside an inline <script> (no "</script>" from hostile titles). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function header(): string {
  return `<div role="banner" class="header sc-selection-disabled show fixed g-dark g-z-index-header"><div class="header__inner l-container l-fullwidth">
<div class="header__left left"><div class="header__logo left"><a href="/" title="Home" class="header__logoLink sc-border-box sc-ir">SoundCloud</a></div>
<nav class="header__navMenu left"><a class="header__navMenuItem" href="/">Home</a><a class="header__navMenuItem" href="/feed">Feed</a><a class="header__navMenuItem" href="/discover">Discover</a></nav></div>
<div class="header__middle left"><form class="headerSearch" action="/search" method="get" role="search"><input class="headerSearch__input sc-input g-all-transitions-300" placeholder="Search" type="search" name="q" autocomplete="off" aria-label="Search"></form></div>
<div class="header__right"><a class="loginButton" href="/signin">Sign in</a> <a class="signup" href="/signin">Create account</a> <a class="header__upload" href="/upload">Upload</a></div></div></div>`;
}

function playControls(queue: ApiTrack[]): string {
  const current = queue[0];
  const badge = current
    ? `<div class="playbackSoundBadge"><a class="playbackSoundBadge__avatar sc-media-image" href="${esc(new URL(current.permalink_url).pathname)}"><span class="sc-artwork" style="background-image:url(&quot;${esc(current.artwork_url ?? current.user.avatar_url)}&quot;);width:30px;height:30px;display:block;background-size:cover"></span></a>
<div class="playbackSoundBadge__titleContextContainer"><a class="playbackSoundBadge__lightLink sc-link-light sc-link-secondary sc-truncate" href="/${esc(current.user.permalink)}">${esc(current.user.username)}</a>
<div class="playbackSoundBadge__title"><a class="playbackSoundBadge__titleLink sc-truncate sc-link-primary" href="${esc(new URL(current.permalink_url).pathname)}"><span>${esc(current.title)}</span></a></div></div>
<div class="playbackSoundBadge__actions"><button type="button" class="playbackSoundBadge__showQueue sc-button sc-button-small sc-button-icon sc-button-responsive" title="Next up" aria-label="Next up">Next up</button></div></div>`
    : '';
  const rows = queue.map((t, i) => queueItem(t, i === 0)).join('');
  return `<section class="playControls g-z-index-control-bar m-visible" data-testid="playControls"><div class="playControls__inner"><div class="playControls__wrapper l-container l-fullwidth"><div class="playControls__elements">
<button type="button" class="skipControl sc-ir playControls__control playControls__prev skipControl__previous">Skip to previous</button>
<button type="button" class="playControl sc-ir playControls__control playControls__play" title="Play current">Play current</button>
<button type="button" class="skipControl sc-ir playControls__control playControls__next skipControl__next">Skip to next</button>
<div class="playControls__timeline"></div><div class="playControls__soundBadge">${badge}</div></div></div></div>
<div class="playControls__queue"><div class="queue" aria-hidden="true"><div class="queue__panel"><div class="queue__header"><div class="queue__title">Next up</div><button type="button" class="queue__hide sc-button sc-button-small">Hide queue</button></div>
<div class="queue__itemsHeight"><div class="queue__scrollableInner"><div class="queue__itemsContainer">${rows}</div></div></div></div></div></div></section>`;
}

export function renderDocument(p: DocumentParts): string {
  const og = p.og
    ? `<meta property="og:site_name" content="SoundCloud"><meta property="og:type" content="${esc(p.og.type)}"><meta property="og:url" content="${esc(p.canonical)}"><meta property="og:title" content="${esc(p.og.title)}">${p.og.image ? `<meta property="og:image" content="${esc(p.og.image)}"><meta property="og:image:width" content="500"><meta property="og:image:height" content="500"><meta property="twitter:image" content="${esc(p.og.image)}">` : ''}<meta property="twitter:title" content="${esc(p.og.title)}">`
    : '';
  const scripts = p.scripts.map((src) => `<script crossorigin src="${esc(src)}"></script>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="theme-color" content="#333">
<link rel="dns-prefetch" href="//a-v2.sndcdn.com"><link rel="dns-prefetch" href="//api-v2.soundcloud.com"><link rel="dns-prefetch" href="//i1.sndcdn.com">
<title>${esc(p.title)}</title>
<meta name="referrer" content="origin">
<meta name="viewport" content="width=device-width,minimum-scale=1,maximum-scale=1,user-scalable=no">
<meta name="description" content="${esc(p.description)}">${og}
<link rel="canonical" href="${esc(p.canonical)}">
<link rel="stylesheet" href="${ASSET_ORIGIN}/assets/css/${STYLESHEET_NAME}">
<link rel="icon" type="image/png" href="${ASSET_ORIGIN}${FAVICON_PATH}">
</head>
<body class="sc-classic">
<div id="app">
${header()}
<div id="content" role="main"><div class="l-container l-content">${p.main}</div></div>
${playControls(p.queue)}
</div>
<script>window.__sc_version="${APP_VERSION}"</script>
<script>window.__sc_hydration = ${scriptJson(p.hydration)};</script>
${scripts}
</body>
</html>
`;
}
