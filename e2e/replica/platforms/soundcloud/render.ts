/**
 * Pure HTML renderers for SoundCloud's list items, in the site's "v2" class names that extensions
 * anchor on (soundList/sound/soundTitle, trackItem, chartTrack, searchItem, playableTile,
 * queueItemView, sc-button-group). Every string is escaped: the catalogue holds hostile data. The
 * server pages and the browser client both render through these functions.
 */
import type { ApiMiniUser, ApiPlaylist, ApiTrack, ApiUser, ApiWrappedItem } from './types';
import { isFullTrack } from './types';
import { formatCount, formatDuration, resizeImage } from './urls';
import { escapeHtml as esc } from '../../html-escape';

export { esc };

/** Site-relative path of a permalink_url (keeps a private track's secret token segment). */
export function pathOf(permalinkUrl: string): string {
  try {
    return new URL(permalinkUrl).pathname;
  } catch {
    return '/';
  }
}

/** Track artwork, or the uploader's avatar when the track has none (as the site does). */
export function artworkOf(item: { artwork_url: string | null; user: ApiMiniUser }, size = 't500x500'): string {
  return resizeImage(item.artwork_url ?? item.user.avatar_url, size);
}

export function artwork(url: string, label: string, extra = ''): string {
  return `<span class="sc-artwork image__full ${extra}" style="background-image: url(&quot;${esc(url)}&quot;);" aria-label="${esc(label)}" role="img"></span>`;
}

export type ButtonSize = 'small' | 'medium';
type ButtonName = 'like' | 'repost' | 'share' | 'copylink' | 'more';
const BUTTON_LABELS: Record<ButtonName, string> = { like: 'Like', repost: 'Repost', share: 'Share', copylink: 'Copy Link', more: 'More' };

export function button(name: ButtonName, size: ButtonSize): string {
  const label = BUTTON_LABELS[name];
  const popup = name === 'more' ? ' aria-haspopup="true" aria-owns=""' : '';
  return `<button type="button" class="sc-button-${name} sc-button-secondary sc-button sc-button-${size} sc-button-icon sc-button-responsive" tabindex="0" title="${label}" aria-label="${label}"${popup}>${label}</button>`;
}

/**
 * The action buttons under a sound. Private tracks hide Repost and Share (the 2026 layout), so
 * "More" is the one anchor every variant has.
 */
export function buttonGroup(size: ButtonSize, opts: { privateTrack?: boolean; names?: ButtonName[] } = {}): string {
  const names = opts.names ?? (opts.privateTrack ? ['like', 'copylink', 'more'] : ['like', 'repost', 'share', 'copylink', 'more']);
  return `<div class="sc-button-group sc-button-group-${size}">${names.map((n) => button(n, size)).join('')}</div>`;
}

export function soundActions(size: ButtonSize, privateTrack = false): string {
  return `<div class="soundActions sc-button-toolbar soundActions__${size}">${buttonGroup(size, { privateTrack })}</div>`;
}

function miniStats(item: ApiTrack): string {
  const stat = (kind: string, n: number | null, href?: string) => {
    const text = `${(n ?? 0).toLocaleString('en-US')} ${kind}`;
    const inner = `<span class="sc-visuallyhidden">${esc(text)}</span><span aria-hidden="true">${esc(formatCount(n))}</span>`;
    return href
      ? `<li class="sc-ministats-item"><a href="${esc(href)}" class="sc-ministats sc-ministats-small sc-link-secondary sc-ministats-${kind}" title="${esc(text)}">${inner}</a></li>`
      : `<li class="sc-ministats-item"><span class="sc-ministats sc-ministats-small sc-ministats-${kind}" title="${esc(text)}">${inner}</span></li>`;
  };
  const path = pathOf(item.permalink_url);
  return `<ul class="sc-ministats-group sc-list-nostyle">${stat('plays', item.playback_count)}${stat('likes', item.likes_count, `${path}/likes`)}${stat('reposts', item.reposts_count, `${path}/reposts`)}</ul>`;
}

/** soundTitle block shared by stream/profile/search items. */
function soundTitle(title: string, href: string, user: ApiMiniUser, labels = ''): string {
  return `<div class="soundTitle sc-clearfix sc-hyphenate sc-type-h2 streamContext"><div class="soundTitle__titleContainer">
<div class="soundTitle__playButton"><a role="button" href="#" class="sc-button-play playButton sc-button m-stretch" tabindex="0" title="Play">Play</a></div>
<div class="soundTitle__usernameTitleContainer"><div class="sc-type-light sc-text-secondary sc-text-h4 soundTitle__secondary">
<a href="/${esc(user.permalink)}" class="soundTitle__username sc-link-secondary sc-link-light"><span class="soundTitle__usernameText">${esc(user.username)}</span></a></div>
<a class="sc-link-primary soundTitle__title sc-link-dark sc-text-h4" href="${esc(href)}"><span>${esc(title)}</span></a></div></div>
<div class="soundTitle__additionalContainer">${labels}</div></div>`;
}

export function trackLabels(t: ApiTrack): string {
  const out: string[] = [];
  if (t.sharing === 'private') out.push('<span class="sc-label sc-label-small sc-label-private">Private</span>');
  if (t.policy === 'SNIP') out.push('<span class="sc-label sc-label-small sc-label-go">Preview</span>');
  if (t.genre) out.push(`<a class="sc-tag sc-tag-small" href="/tags/${esc(encodeURIComponent(t.genre))}"><span class="sc-truncate sc-tagContent">#${esc(t.genre)}</span></a>`);
  return out.join('');
}

/** A track in a profile, feed or search list (`.sound` inside the caller's list item). */
export function soundBody(t: ApiTrack, context = ''): string {
  const href = pathOf(t.permalink_url);
  return `<div role="group" class="sound streamContext${t.sharing === 'private' ? ' m-private' : ''}" aria-label="Track: ${esc(t.title)} by ${esc(t.user.username)}" data-testid="sound">
${context}<div class="sound__body"><div class="sound__artwork sc-media-image"><a class="sound__coverArt" href="${esc(href)}">${artwork(artworkOf(t, 't300x300'), t.title)}</a></div>
<div class="sound__content"><div class="sound__header sc-mb-1.5x">${soundTitle(t.title, href, t.user, trackLabels(t))}</div>
<div class="sound__waveform"><div class="waveform loaded" data-duration="${t.duration}"><span class="waveform__duration">${formatDuration(t.duration)}</span></div></div>
<div class="sound__footer g-all-transitions-300"><div class="sound__soundActions">${soundActions('small', t.sharing === 'private')}</div>
<div class="sound__footerRight">${miniStats(t)}</div></div></div></div></div>`;
}

/** A set in a profile/feed/search list, with its compact track list (first five). */
export function playlistBody(p: ApiPlaylist, context = ''): string {
  const href = pathOf(p.permalink_url);
  const rows = p.tracks.filter(isFullTrack).slice(0, 5).map((t, i) =>
    `<li class="compactTrackList__item"><div class="compactTrackListItem clickToPlay"><span class="compactTrackListItem__number">${i + 1}</span><span class="compactTrackListItem__content"><span class="compactTrackListItem__user">${esc(t.user.username)}</span> - <span class="compactTrackListItem__trackTitle" data-href="${esc(pathOf(t.permalink_url))}">${esc(t.title)}</span></span></div></li>`);
  const more = p.track_count > 5 ? `<a class="compactTrackList__moreLink sc-link-light" href="${esc(href)}">View ${p.track_count} tracks</a>` : '';
  const label = `<span class="sc-label sc-label-small">${p.is_album ? 'Album' : 'Playlist'}</span>`;
  return `<div role="group" class="sound playlist streamContext" aria-label="${p.is_album ? 'Album' : 'Playlist'}: ${esc(p.title)} by ${esc(p.user.username)}">
${context}<div class="sound__body"><div class="sound__artwork sc-media-image"><a class="sound__coverArt" href="${esc(href)}">${artwork(resizeImage(p.artwork_url ?? p.user.avatar_url, 't300x300'), p.title)}</a></div>
<div class="sound__content"><div class="sound__header">${soundTitle(p.title, href, p.user, label)}</div>
<div class="sound__trackList"><div class="compactTrackList"><ul class="compactTrackList__list sc-list-nostyle">${rows.join('')}</ul>${more}</div></div>
<div class="sound__footer"><div class="sound__soundActions">${soundActions('small')}</div></div></div></div></div>`;
}

function repostContext(item: ApiWrappedItem): string {
  if (!item.type?.endsWith('repost') || !item.user) return '';
  return `<div class="soundContext"><span class="soundContext__line"><a class="sc-link-secondary soundContext__usernameLink" href="/${esc(item.user.permalink)}">${esc(item.user.username)}</a> reposted</span></div>`;
}

/** One `li.soundList__item` for a track, a set, or a like/stream wrapper around either. */
export function soundListItem(item: ApiTrack | ApiPlaylist | ApiWrappedItem): string {
  const ctx = 'kind' in item && (item.kind === 'track' || item.kind === 'playlist') ? '' : repostContext(item as ApiWrappedItem);
  const body = listBody(item, ctx);
  return body ? `<li class="soundList__item">${body}</li>` : '';
}

function listBody(item: ApiTrack | ApiPlaylist | ApiWrappedItem | ApiUser, ctx: string): string {
  if ('kind' in item && item.kind === 'track') return soundBody(item as ApiTrack, ctx);
  if ('kind' in item && item.kind === 'playlist') return playlistBody(item as ApiPlaylist, ctx);
  const w = item as ApiWrappedItem;
  if (w.track) return soundBody(w.track, ctx);
  if (w.playlist) return playlistBody(w.playlist, ctx);
  return '';
}

/** One search result (`li.searchList__item > .searchItem`). */
export function searchListItem(item: ApiTrack | ApiPlaylist | ApiUser): string {
  if (item.kind === 'user') {
    const u = item as ApiUser;
    const userBody = `<div class="userItem"><div class="userItem__artwork"><a href="/${esc(u.permalink)}">${artwork(resizeImage(u.avatar_url, 't300x300'), u.username, 'sc-artwork-rounded')}</a></div>
<div class="userItem__details"><h2 class="userItem__title"><a class="userItem__coloredLink sc-link-dark sc-link-primary" href="/${esc(u.permalink)}">${esc(u.username)}</a></h2>
<h3 class="userItem__additional sc-text-secondary">${esc([u.city, u.country_code].filter(Boolean).join(', '))}</h3>
<div class="userItem__stats">${esc(formatCount(u.followers_count))} followers</div></div></div>`;
    return `<li class="searchList__item"><div class="searchItem">${userBody}</div></li>`;
  }
  return `<li class="searchList__item"><div class="searchItem">${listBody(item, '')}</div></li>`;
}

/** A row of a set page's track list. */
export function trackListItem(t: ApiTrack, position: number, set: ApiPlaylist): string {
  const inSet = `${pathOf(t.permalink_url)}?in=${encodeURIComponent(pathOf(set.permalink_url).slice(1))}`;
  return `<li class="trackList__item sc-border-light-bottom sc-px-2x"><div class="trackItem g-flex-row sc-type-small sc-text-body sc-type-light sc-text-secondary m-interactive m-playable" data-testid="trackItem">
<div class="trackItem__image sc-py-1x sc-mr-2x">${artwork(artworkOf(t, 'small'), t.title)}</div>
<div class="trackItem__numberWrapper sc-mr-1x"><span class="trackItem__number sc-font-light sc-text-secondary">${position}</span></div>
<div class="trackItem__content sc-truncate"><a href="/${esc(t.user.permalink)}" class="trackItem__username sc-link-light sc-link-secondary sc-mr-0.5x">${esc(t.user.username)}</a>
<span class="sc-type-light sc-text-secondary">-</span> <a href="${esc(inSet)}" class="trackItem__trackTitle sc-link-dark sc-link-primary sc-font-light">${esc(t.title)}</a>${t.policy === 'SNIP' ? ' <span class="sc-label sc-label-small sc-label-go">Preview</span>' : ''}</div>
<div class="trackItem__additional"><span class="trackItem__playCount sc-ministats sc-ministats-medium sc-ministats-plays">${esc(formatCount(t.playback_count))}</span>
<div class="trackItem__actions sc-button-toolbar">${buttonGroup('small', { privateTrack: t.sharing === 'private' })}</div></div></div></li>`;
}

/** A chart row (`.chartTrack`). */
export function chartItem(t: ApiTrack, position: number): string {
  const href = pathOf(t.permalink_url);
  return `<li class="chartTracks__item"><div class="chartTrack" data-testid="chartTrack"><div class="chartTrack__position sc-font-tabular">${position}</div>
<div class="chartTrack__image"><a href="${esc(href)}">${artwork(artworkOf(t, 't67x67'), t.title)}</a></div>
<div class="chartTrack__details"><div class="chartTrack__username"><a href="/${esc(t.user.permalink)}" class="sc-link-light sc-link-secondary">${esc(t.user.username)}</a></div>
<a href="${esc(href)}" class="chartTrack__title sc-link-dark sc-link-primary">${esc(t.title)}</a></div>
<div class="chartTrack__score"><div class="chartTrack__scoreWrapper sc-ministats sc-ministats-plays">${esc(formatCount(t.playback_count))}</div></div>
<div class="chartTrack__actions sc-button-toolbar">${buttonGroup('small')}</div></div></li>`;
}

/** A grid tile (discover/home): two buttons only, which some extensions deliberately skip. */
export function playableTile(t: ApiTrack): string {
  const href = pathOf(t.permalink_url);
  return `<li class="tileGallery__sliderPanelSlide"><div class="playableTile"><div class="playableTile__artwork"><a class="playableTile__artworkLink" href="${esc(href)}">${artwork(artworkOf(t, 't300x300'), t.title)}</a>
<div class="playableTile__actionWrapper">${buttonGroup('small', { names: ['like', 'more'] })}</div></div>
<div class="playableTile__description"><a class="playableTile__mainHeading playableTile__heading sc-truncate sc-link-primary" href="${esc(href)}">${esc(t.title)}</a>
<a class="playableTile__usernameHeading sc-truncate sc-link-secondary" href="/${esc(t.user.permalink)}">${esc(t.user.username)}</a></div></div></li>`;
}

/** A "Next up" queue row. */
export function queueItem(t: ApiTrack, active: boolean): string {
  const href = pathOf(t.permalink_url);
  return `<div class="queue__itemWrapper"><div class="queueItemView${active ? ' m-active' : ''}" data-testid="queueItem"><div class="queueItemView__artwork">${artwork(artworkOf(t, 'small'), t.title)}</div>
<div class="queueItemView__details"><div class="queueItemView__meta"><a class="queueItemView__username sc-link-light sc-link-secondary sc-truncate" href="/${esc(t.user.permalink)}">${esc(t.user.username)}</a></div>
<div class="queueItemView__title sc-truncate"><a class="sc-link-primary" href="${esc(href)}">${esc(t.title)}</a></div></div>
<div class="queueItemView__duration">${formatDuration(t.duration)}</div><div class="queueItemView__actions">${buttonGroup('small', { names: ['like', 'more'] })}</div></div></div>`;
}
