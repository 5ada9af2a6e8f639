/**
 * Where Deckhand's buttons go on SoundCloud pages, from SoundCloud's own markup: the button group of
 * each kind of track item, and the set or album header that gets "Download all".
 */
import type { ListSpot } from '../../ui/inpage/download-all';
import type { PageItem } from '../../ui/inpage/runtime';
import { SECTIONS } from './track-links';

export interface Context {
  /** Class of the element one track occupies. */
  item: string;
  /** SoundCloud's own button group inside it, where the button goes. */
  group: string;
  /** The track link inside it; null = the page itself (track page). */
  link: string | null;
  /** compact: icon only, where SoundCloud's own buttons are icons (grid tiles). */
  size: PageItem['size'];
}

/** Where buttons go, from SoundCloud's own markup (see platforms/soundcloud.md §12). */
export const CONTEXTS: Context[] = [
  { item: 'listenEngagement', group: '.listenEngagement__footer .sc-button-group', link: null, size: 'medium' },
  { item: 'trackItem', group: '.sc-button-group', link: 'a.trackItem__trackTitle', size: 'small' },
  // Feed, profile tabs, search results and the "visual" track page all wrap a track in `.sound`.
  { item: 'sound', group: '.sound__footer .sc-button-group, .soundActions .sc-button-group', link: 'a.soundTitle__title', size: 'small' },
  { item: 'chartTrack', group: '.sc-button-group', link: 'a.chartTrack__title', size: 'small' },
  { item: 'playableTile', group: '.playableTile__actionWrapper .sc-button-group', link: 'a.playableTile__mainHeading, a.playableTile__artworkLink', size: 'compact' },
  { item: 'soundBadge', group: '.soundBadge__actions .sc-button-group', link: 'a.soundTitle__title', size: 'small' },
  { item: 'queueItemView', group: '.queueItemView__actions .sc-button-group', link: '.queueItemView__title a', size: 'small' },
];
/** One walk over the document finds every kind of item, in document order. */
export const ANY_ITEM = CONTEXTS.map((c) => `.${c.item}`).join(', ');

/** A set or album page (`/user/sets/name`, private ones with their token); not SoundCloud's own system playlists. */
const SET_PAGE = /^\/([^/]+)\/sets\/[^/]+(?:\/s-[A-Za-z0-9]+)?\/?$/;

/** An album's page labels its hero "Album" (a playlist's says "Playlist"); both live under /sets/. */
const isAlbumPage = (doc: Document) => [...doc.querySelectorAll('.fullHero .sc-label')].some((l) => l.textContent?.trim().toLowerCase() === 'album');

/**
 * Where a set or album page gets "Download all": in the set's own action buttons, at their end. The
 * button calls the list what SoundCloud calls it: "album" on albums, "set" otherwise.
 */
export function setListSpot(doc: Document): ListSpot | undefined {
  const owner = SET_PAGE.exec(doc.location?.pathname ?? '')?.[1];
  if (!owner || SECTIONS.has(owner.toLowerCase())) return undefined;
  const group = doc.querySelector('.listenEngagement__footer .sc-button-group');
  if (!group) return undefined;
  return { anchor: group, size: group.classList.contains('sc-button-group-small') ? 'small' : 'medium', noun: isAlbumPage(doc) ? 'album' : 'set' };
}
