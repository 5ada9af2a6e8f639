/**
 * The page around the content: head meta (og:, twitter:, oEmbed discovery), the site header, the
 * persistent bottom player (MWT's hooks: player-show-title, player-play-button-Play, one <audio>),
 * the historical inline `relay-data` blob, and the client script.
 */
import type { PageModel } from './page-model';
import type { PlayerData } from './queries';
import { esc, pageTitle, renderMain, thumb } from './render';
import { showPath, userPath } from './routes';
import { CSS, sc } from './styles';

export const CLIENT_SCRIPT_PATH = '/media/js/www-app.js';
const WWW = 'https://www.mixcloud.com';

/** The player: its title link and play button are what extensions read and click. */
export function renderPlayer(p: PlayerData | null): string {
  const href = p ? showPath(p.owner.username, p.slug) : '';
  return `<div class="${sc('Player')}" data-testid="player">${p?.picture?.urlRoot ? `<img class="${sc('PlayerArt')}" data-testid="player-image" src="${esc(thumb(p.picture.urlRoot, 96))}" alt="" width="48" height="48">` : `<img class="${sc('PlayerArt')}" data-testid="player-image" alt="" width="48" height="48">`}
<button class="${sc('SmallPlayButton')}" data-testid="player-play-button-Play" aria-label="Play" type="button">▶</button>
<div style="min-width:0"><a class="${sc('PlayerTitle')}" data-testid="player-show-title" href="${esc(href)}">${esc(p?.name)}</a>
<a class="${sc('PlayerOwner')}" data-testid="player-owner" href="${esc(p ? userPath(p.owner.username) : '')}">${esc(p?.owner.displayName)}</a></div>
<span class="${sc('PlayerMessage')}" data-testid="player-message"></span>
<audio data-testid="player-audio" preload="none"></audio></div>`;
}

export function renderHeader(term = ''): string {
  return `<header class="${sc('Header')}" data-testid="site-header"><a class="${sc('Logo')}" href="/" data-testid="logo">mixcloud</a>
<a class="${sc('NavLink')}" href="/discover/house/">Discover</a><a class="${sc('NavLink')}" href="/deckhandtester/">Your profile</a>
<form class="${sc('SearchForm')}" action="/search/" method="get" data-testid="search-form"><input class="${sc('SearchInput')}" data-testid="search-input" name="q" value="${esc(term)}" placeholder="Search"></form></header>`;
}

function headMeta(model: PageModel, url: string): string {
  const tags: [string, string][] = [['og:site_name', 'Mixcloud'], ['og:url', url], ['twitter:site', '@mixcloud']];
  let description = 'Mixcloud: listen to radio shows, DJ mixes and podcasts.';
  if (model.kind === 'show') {
    const s = model.show;
    description = s.description ?? `Listen to ${s.name} by ${s.owner.displayName} on Mixcloud`;
    tags.push(['og:title', s.name], ['og:type', 'music.song'], ['og:image', thumb(s.picture?.urlRoot, 1024)],
      ['og:audio:artist', s.owner.displayName], ['twitter:card', 'player'],
      ['twitter:player', `https://player-widget.mixcloud.com/widget/iframe/?feed=${encodeURIComponent(showPath(s.owner.username, s.slug))}`]);
  } else if (model.kind === 'profile') {
    description = model.profile.biog ?? `${model.profile.displayName} on Mixcloud`;
    tags.push(['og:title', model.profile.displayName], ['og:type', 'profile'], ['og:image', thumb(model.profile.picture?.urlRoot, 600)]);
  } else {
    tags.push(['og:title', pageTitle(model)], ['og:type', 'website']);
  }
  tags.push(['og:description', description]);
  const metas = tags.filter(([, v]) => v).map(([k, v]) => `<meta ${k.startsWith('og:') ? 'property' : 'name'}="${esc(k)}" content="${esc(v)}">`);
  const oembed = model.kind === 'show'
    ? `<link rel="alternate" type="application/json+oembed" href="${esc(`https://app.mixcloud.com/oembed/?url=${encodeURIComponent(url)}&format=json`)}">`
    : '';
  return `<meta name="description" content="${esc(description)}">\n${metas.join('\n')}\n<link rel="canonical" href="${esc(url)}">${oembed}`;
}

/**
 * `relay-data`: HTML-escaped JSON of the queries the page was rendered from (the historical inline
 * blob youtube-dl read until 2019). The client never refreshes it on SPA navigation.
 */
function relayData(payload: unknown): string {
  return `<script id="relay-data" type="text/x-mixcloud">${esc(JSON.stringify(payload))}</script>`;
}

export interface DocumentInput {
  model: PageModel;
  url: string;
  player: PlayerData | null;
  relay: unknown;
}

export function renderDocument({ model, url, player, relay }: DocumentInput): string {
  const term = model.kind === 'search' ? model.term : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(pageTitle(model))}</title>
${headMeta(model, url)}
<link rel="icon" href="data:,">
<style data-styled="active">${CSS}</style>
</head><body>
<div id="react-root">${renderHeader(term)}
<main class="${sc('Main')}" data-testid="main-content">${renderMain(model)}</main>
${renderPlayer(player)}</div>
${relayData(relay)}
<script src="${WWW}${CLIENT_SCRIPT_PATH}" defer></script>
</body></html>`;
}
