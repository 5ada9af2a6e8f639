/**
 * Pure renderers for the main content of each page kind (track, set, profile tabs, feed, search,
 * charts, discover, home, 404) and their document titles. Used by the server and the SPA client.
 */
import type { SearchTab, UserTab } from './routes';
import {
  artwork, artworkOf, buttonGroup, chartItem, esc, pathOf, playableTile, searchListItem, soundActions, soundListItem,
  trackLabels, trackListItem,
} from './render';
import type { ApiPlaylist, ApiSearchItem, ApiTrack, ApiUser, ApiWrappedItem } from './types';
import { isFullTrack } from './types';
import { formatCount, resizeImage } from './urls';

export type ListKind = 'sound' | 'search' | 'chart';
export type ListItem = ApiTrack | ApiPlaylist | ApiWrappedItem | ApiSearchItem | { track: ApiTrack; score: number };

/** Items of an infinite list; `offset` numbers chart rows. */
export function listItems(kind: ListKind, items: ListItem[], offset = 0): string {
  return items
    .map((item, i) => {
      if (kind === 'chart') return 'track' in item && item.track ? chartItem(item.track, offset + i + 1) : '';
      if (kind === 'search') return searchListItem(item as ApiSearchItem);
      return soundListItem(item as ApiTrack);
    })
    .join('');
}

export function lazyList(kind: ListKind, items: ListItem[], extraClass = ''): string {
  const empty = items.length ? '' : '<div class="emptyNetworkPage sc-text-secondary">Nothing to hear here</div>';
  return `<div class="lazyLoadingList ${extraClass}" data-list-kind="${kind}"><ul class="lazyLoadingList__list sc-list-nostyle sc-clearfix">${listItems(kind, items)}</ul>${empty}<div class="loading sc-hidden"></div></div>`;
}

const dateText = (iso: string | null) =>
  iso ? new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }) : '';

function hero(title: string, user: { permalink: string; username: string }, art: string, labels: string, date: string): string {
  return `<div class="l-listen-hero"><div class="listenHero"><div class="fullHero sc-media-image-background" data-testid="fullHero">
<div class="fullHero__foreground fullListenHero__foreground"><div class="fullHero__title"><div class="soundTitle sc-clearfix sc-hyphenate sc-type-h2 streamContext">
<div class="soundTitle__titleContainer"><div class="soundTitle__playButton soundTitle__playButtonHero"><a role="button" href="#" class="sc-button-play playButton sc-button m-stretch" title="Play">Play</a></div>
<div class="soundTitle__usernameTitleContainer"><h1 class="soundTitle__title sc-font g-type-shrinkwrap-inline g-type-shrinkwrap-large-primary"><span>${esc(title)}</span></h1>
<h2 class="soundTitle__username g-type-shrinkwrap-inline g-type-shrinkwrap-large-secondary soundTitle__usernameHero sc-type-medium"><a href="/${esc(user.permalink)}" class="sc-link-secondary">${esc(user.username)}</a></h2></div></div>
<div class="soundTitle__additionalContainer"><div class="soundTitle__uploadTime"><time class="relativeTime" datetime="${esc(date)}">${esc(dateText(date))}</time></div><div class="soundTitle__tagContainer">${labels}</div></div></div></div>
<div class="fullHero__artwork"><div class="sc-artwork-wrapper">${artwork(art, title)}</div></div></div></div></div></div>`;
}

function engagement(actions: string, stats: string): string {
  return `<div class="listenEngagement sc-clearfix"><div class="listenEngagement__footer sc-clearfix"><div class="listenEngagement__actions">${actions}</div><div class="listenEngagement__stats">${stats}</div></div></div>`;
}

function releaseData(t: ApiTrack): string {
  const pm = t.publisher_metadata;
  const rows: [string, string | null | undefined][] = [
    ['Artist', t.metadata_artist ?? pm?.artist], ['Album', pm?.album_title], ['Released by', t.label_name],
    ['Release date', dateText(t.release_date)], ['P-line', pm?.p_line_for_display], ['C-line', pm?.c_line_for_display],
  ];
  const dl = rows.filter(([, v]) => v).map(([k, v]) => `<dt class="listenInfo__releaseDataLabel">${k}</dt><dd class="listenInfo__releaseDataValue">${esc(v)}</dd>`);
  return dl.length ? `<dl class="listenInfo__releaseData sc-type-small">${dl.join('')}</dl>` : '';
}

export function trackPage(t: ApiTrack, related: ApiTrack[]): string {
  const priv = t.sharing === 'private';
  const stats = `<ul class="sc-ministats-group sc-list-nostyle"><li class="sc-ministats-item"><span class="sc-ministats sc-ministats-small sc-ministats-plays">${esc(formatCount(t.playback_count))}</span></li><li class="sc-ministats-item"><a class="sc-ministats sc-ministats-small sc-ministats-likes sc-link-secondary" href="${esc(pathOf(t.permalink_url))}/likes">${esc(formatCount(t.likes_count))}</a></li></ul>`;
  const side = related
    .slice(0, 3)
    .map((r) => `<li class="soundBadgeList__item"><div class="soundBadge"><div class="soundBadge__artwork">${artwork(artworkOf(r, 'badge'), r.title)}</div>
<div class="soundBadge__content"><a class="soundTitle__username sc-link-light sc-link-secondary" href="/${esc(r.user.permalink)}">${esc(r.user.username)}</a>
<a class="soundTitle__title sc-link-dark sc-link-primary" href="${esc(pathOf(r.permalink_url))}">${esc(r.title)}</a>
<div class="soundBadge__actions">${buttonGroup('small', { names: ['like', 'more'] })}</div></div></div></li>`)
    .join('');
  return `<div class="l-listen">${hero(t.title, t.user, artworkOf(t), trackLabels(t), t.display_date)}
<div class="l-listen-wrapper"><div class="l-about-main">${engagement(soundActions('medium', priv), stats)}
<div class="listenDetails"><div class="listenInfo"><div class="truncatedAudioInfo"><div class="sc-type-small listenInfo__description">${esc(t.description ?? '')}</div></div>${releaseData(t)}</div></div></div>
<div class="l-sidebar-right"><div class="sidebarModule"><h3 class="sidebarHeader sc-type-light">Related tracks</h3><ul class="soundBadgeList sc-list-nostyle">${side}</ul></div></div></div></div>`;
}

/** A set page; `tracks` are the set's full track objects in set order. */
export function setPage(p: ApiPlaylist, tracks: ApiTrack[]): string {
  const label = `<span class="sc-label sc-label-small">${p.is_album ? 'Album' : 'Playlist'}</span>`;
  const rows = tracks.map((t, i) => trackListItem(t, i + 1, p)).join('');
  const stats = `<div class="listenInfo__trackCount">${p.track_count} tracks</div>`;
  return `<div class="l-listen">${hero(p.title, p.user, resizeImage(p.artwork_url ?? artworkOf(tracks[0] ?? { artwork_url: null, user: p.user }), 't500x500'), label, p.display_date)}
<div class="l-listen-wrapper"><div class="l-about-main">${engagement(soundActions('medium'), stats)}
<div class="listenDetails"><div class="listenDetails__trackList"><div class="trackList g-all-transitions-300 m-playlist"><ul class="trackList__list sc-clearfix sc-list-nostyle">${rows}</ul></div></div></div></div></div></div>`;
}

const USER_TABS: [UserTab, string, string][] = [
  ['all', 'All', ''], ['popular-tracks', 'Popular tracks', '/popular-tracks'], ['tracks', 'Tracks', '/tracks'],
  ['albums', 'Albums', '/albums'], ['sets', 'Playlists', '/sets'], ['reposts', 'Reposts', '/reposts'],
];

export function userPage(u: ApiUser, tab: UserTab, items: ListItem[]): string {
  const tabs = USER_TABS.map(([id, label, suffix]) =>
    `<li class="g-tabs-item"><a class="g-tabs-link${id === tab ? ' active' : ''}" href="/${esc(u.permalink)}${suffix}">${label}</a></li>`).join('');
  const place = [u.city, u.country_code].filter(Boolean).join(', ');
  return `<div class="l-user-hero"><div class="profileHeader"><div class="profileHeader__info"><div class="profileHeaderInfo">
<div class="profileHeaderInfo__avatar">${artwork(resizeImage(u.avatar_url, 't500x500'), u.username, 'sc-artwork-rounded')}</div>
<div class="profileHeaderInfo__content"><h2 class="profileHeaderInfo__userName g-type-shrinkwrap-block g-type-shrinkwrap-large-primary">${esc(u.username)}${u.verified ? ' <span class="verifiedBadge" title="Verified">✓</span>' : ''}</h2>
<h3 class="profileHeaderInfo__additional g-type-shrinkwrap-block g-type-shrinkwrap-large-secondary">${esc(place)}</h3></div></div></div></div></div>
<div class="l-user-main"><div class="userInfoBar"><ul class="g-tabs sc-list-nostyle" role="navigation">${tabs}</ul>
<div class="userInfoBar__buttons">${buttonGroup('medium', { names: ['share', 'more'] })}</div></div>
<div class="userMain"><div class="userMain__content">${lazyList('sound', items)}</div>
<div class="l-sidebar-right userMain__sidebar"><table class="infoStats__table"><tr><td class="infoStats__stat"><div class="infoStats__title">Followers</div><div class="infoStats__value">${esc(formatCount(u.followers_count))}</div></td>
<td class="infoStats__stat"><div class="infoStats__title">Tracks</div><div class="infoStats__value">${u.track_count}</div></td></tr></table>
<div class="truncatedUserDescription sc-type-small">${esc(u.description ?? '')}</div></div></div></div>`;
}

export function feedPage(items: ApiWrappedItem[]): string {
  return `<div class="l-fixed-top-one-column"><h1 class="stream__header sc-type-h2">Hear the latest posts from the people you’re following:</h1>
<div class="stream"><div class="stream__list">${lazyList('sound', items)}</div></div></div>`;
}

const SEARCH_TABS: [SearchTab, string, string][] = [['all', 'Everything', ''], ['sounds', 'Tracks', '/sounds'], ['people', 'People', '/people'], ['sets', 'Playlists', '/sets']];

export function searchPage(q: string, tab: SearchTab, items: ApiSearchItem[], total: number): string {
  const nav = SEARCH_TABS.map(([id, label, suffix]) =>
    `<li class="searchOptions__navigationItem"><a class="searchOptions__navigationLink sc-link-dark${id === tab ? ' active' : ''}" href="/search${suffix}?q=${esc(encodeURIComponent(q))}">${label}</a></li>`).join('');
  return `<div class="l-main searchPage"><div class="searchTitle"><h1 class="searchTitle__text sc-type-h2">Search results for “${esc(q)}”</h1></div>
<div class="l-search"><div class="searchOptions"><ul class="searchOptions__navigation sc-list-nostyle">${nav}</ul></div>
<div class="searchList"><div class="resultCounts sc-text-secondary">Found ${total} results</div>${lazyList('search', items, 'searchList__results')}</div></div></div>`;
}

const CHART_GENRES: [string, string][] = [['all-music', 'All music genres'], ['deephouse', 'Deep House'], ['house', 'House'], ['techno', 'Techno'], ['electronic', 'Electronic'], ['ambient', 'Ambient']];

export function chartsPage(kind: 'top' | 'trending', genre: string, rows: { track: ApiTrack; score: number }[]): string {
  const genres = CHART_GENRES.map(([slug, label]) =>
    `<li><a class="chartsGenre sc-link-dark${slug === genre ? ' active' : ''}" href="/charts/${kind === 'top' ? 'top' : 'new'}?genre=${slug}">${label}</a></li>`).join('');
  return `<div class="l-main chartsPage"><div class="chartsHeader"><h1 class="sc-type-h2">${kind === 'top' ? 'Top 50' : 'New &amp; hot'}</h1>
<ul class="chartsHeader__genres sc-list-nostyle">${genres}</ul></div><div class="chartTracks">${lazyList('chart', rows)}</div></div>`;
}

export function discoverPage(trending: ApiTrack[], top: ApiTrack[]): string {
  const shelf = (title: string, tracks: ApiTrack[]) =>
    `<div class="selection"><h2 class="selection__title sc-type-h2">${title}</h2><div class="tileGallery"><ul class="tileGallery__sliderPanel sc-list-nostyle">${tracks.map(playableTile).join('')}</ul></div></div>`;
  return `<div class="l-main discover">${shelf('Trending by genre', trending)}${shelf('Charts: Top 50', top)}
<p><a class="sc-link-primary" href="/charts/top">View all charts</a></p></div>`;
}

export function homePage(trending: ApiTrack[]): string {
  return `<div class="l-main frontHero"><div class="frontHero__title"><h2 class="sc-type-h1">What's next in music is first on SoundCloud</h2></div>
<div class="trendingTracks"><h3 class="trendingTracks__title sc-type-h2">Hear what’s trending for free in the SoundCloud community</h3>
<ul class="trendingTracks__list sc-list-nostyle">${trending.map(playableTile).join('')}</ul>
<a class="sc-button sc-button-cta sc-button-large" href="/discover">Explore trending playlists</a></div></div>`;
}

export function notFoundPage(): string {
  return `<div class="l-main errorPage"><div class="errorPage__inner"><p class="errorTitle sc-type-h1">We can’t find that user.</p>
<div class="errorText sc-font-light"><p>Check the URL or try <a href="/search">searching</a> for what you want.</p></div>
<p><a href="/popular/searches" title="Popular searches">Popular searches</a></p></div></div>`;
}

export function setTracks(p: ApiPlaylist): ApiTrack[] {
  return p.tracks.filter(isFullTrack);
}

export const titles = {
  track: (t: ApiTrack) => `Stream ${t.title} by ${t.user.username} | Listen online for free on SoundCloud`,
  set: (p: ApiPlaylist) => `Stream ${p.user.username} | Listen to ${p.title} playlist online for free on SoundCloud`,
  user: (u: ApiUser) => `Stream ${u.username} music | Listen to songs, albums, playlists for free on SoundCloud`,
  search: (q: string) => `Search for “${q}” on SoundCloud - Listen to music`,
  fallback: 'SoundCloud - Hear the world’s sounds',
};
