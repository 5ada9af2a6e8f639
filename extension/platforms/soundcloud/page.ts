/**
 * SoundCloud pages, for the content script: track data comes from the page itself (hydration and the
 * api-v2 answers the page receives, read by a main-world script and passed over as JSON), buttons go
 * into SoundCloud's own button groups. Exports only what the content script bundle needs.
 */
import type { TrackRef } from '../../../shared/track';
import type { PageItem } from '../../ui/inpage/runtime';
import { isDrmProtocol, toTrackRef } from './normalise';
import type { ScHydrationEntry, ScPlaylist, ScTrack } from './types';

/** Event the main-world reader dispatches on window, detail = JSON string of MainWorldPayload. */
export const MAIN_WORLD_EVENT = 'deckhand:soundcloud';
/** Event the content script dispatches to ask the reader to look items up, detail = JSON of LookupRequest. */
export const LOOKUP_EVENT = 'deckhand:soundcloud:lookup';

export interface MainWorldPayload {
  clientId?: string;
  tracks: ScTrack[];
}

export interface LookupRequest {
  /** Site paths of track links (original case: secret tokens are case-sensitive). */
  paths: string[];
}

/** Pull tracks (sound, playlist tracks, anything shaped like a track) and the client id out of hydration. */
export function readHydration(entries: unknown): MainWorldPayload {
  const out: MainWorldPayload = { tracks: [] };
  if (!Array.isArray(entries)) return out;
  for (const entry of entries as ScHydrationEntry[]) {
    const data = entry?.data as Record<string, unknown> | null | undefined;
    if (!data || typeof data !== 'object') continue;
    if (entry.hydratable === 'apiClient' && typeof data.id === 'string') out.clientId = data.id;
    collectTracks(data, out.tracks, 0);
  }
  return out;
}

/**
 * Ids of the hydrated set's id-only stubs (a compact playlist has its first tracks in full), when
 * `pathname` is that set's page: the rows exist, their data has to be fetched by id as the site does.
 */
export function setStubIds(entries: unknown, pathname: string): number[] {
  if (!Array.isArray(entries)) return [];
  const entry = (entries as ScHydrationEntry[]).find((e) => e?.hydratable === 'playlist');
  const set = entry?.data as ScPlaylist | null | undefined;
  if (!set?.permalink_url || !Array.isArray(set.tracks)) return [];
  if (trackPathOrSet(set.permalink_url) !== trackPathOrSet(pathname)) return [];
  return set.tracks.filter((t) => t && !t.permalink_url && typeof t.id === 'number').map((t) => t.id as number);
}

/** Find track objects anywhere in an api-v2 answer (collections, {track:…} wrappers, playlists). */
export function collectTracks(value: unknown, into: ScTrack[], depth: number): void {
  if (!value || typeof value !== 'object' || depth > 6) return;
  if (Array.isArray(value)) {
    for (const v of value) collectTracks(v, into, depth + 1);
    return;
  }
  const obj = value as Record<string, unknown>;
  if (obj.kind === 'track' && typeof obj.permalink_url === 'string') into.push(obj as ScTrack);
  for (const key of ['collection', 'tracks', 'track', 'playlist', 'data', 'sound']) {
    if (key in obj) collectTracks(obj[key], into, depth + 1);
  }
}

/** First path segments that are site sections, and second segments that are profile tabs, not tracks. */
const SECTIONS = new Set([
  'you', 'discover', 'search', 'stream', 'feed', 'charts', 'tags', 'popular', 'pages', 'settings', 'upload', 'signin', 'signup',
  'messages', 'notifications', 'people', 'mobile', 'jobs', 'imprint', 'terms-of-use',
]);
const PROFILE_TABS = new Set(['sets', 'tracks', 'popular-tracks', 'likes', 'reposts', 'albums', 'followers', 'following', 'comments', 'spotlight', 'stations']);

function pathParts(href: string, base: string): string[] | undefined {
  try {
    const u = new URL(href, base);
    if (!/(^|\.)soundcloud\.com$/.test(u.hostname)) return undefined;
    return u.pathname.split('/').filter(Boolean);
  } catch {
    return undefined;
  }
}

function trackPathOrSet(href: string): string | undefined {
  const parts = pathParts(href, 'https://soundcloud.com/');
  return parts && parts.length >= 2 ? `/${parts.slice(0, 3).join('/')}`.toLowerCase() : undefined;
}

/**
 * Site path of a track link, original case (`/user/track`, or `/user/track/s-TOKEN` for a private
 * link), or undefined for anything that is not a track on soundcloud.com.
 */
export function trackLinkPath(href: string | null | undefined, base = 'https://soundcloud.com/'): string | undefined {
  if (!href) return undefined;
  const parts = pathParts(href, base);
  if (!parts || parts.length < 2 || SECTIONS.has((parts[0] ?? '').toLowerCase()) || PROFILE_TABS.has((parts[1] ?? '').toLowerCase())) return undefined;
  return `/${parts.slice(0, /^s-[A-Za-z0-9]+$/.test(parts[2] ?? '') ? 3 : 2).join('/')}`;
}

/** Path of a soundcloud.com track link, normalised (lower case), for matching DOM links to track data. */
export function trackPath(href: string | null | undefined, base = 'https://soundcloud.com/'): string | undefined {
  return trackLinkPath(href, base)?.toLowerCase();
}

/**
 * DRM-only label tracks also list a plain transcoding of the same preset that 404s on resolve
 * (platforms/soundcloud.md §11): every plain preset also offered encrypted means nothing plain plays.
 */
function drmDecoy(t: ScTrack): boolean {
  const all = t.media?.transcodings ?? [];
  const drm = new Set(all.filter((tr) => isDrmProtocol(tr.format?.protocol)).map((tr) => tr.preset).filter(Boolean));
  return drm.size > 0 && all.every((tr) => isDrmProtocol(tr.format?.protocol) || (!!tr.preset && drm.has(tr.preset)));
}

export class TrackIndex {
  private byPath = new Map<string, TrackRef>();

  add(tracks: ScTrack[]): boolean {
    let changed = false;
    for (const t of tracks) {
      const ref = toTrackRef(t);
      const link = trackLinkPath(t.permalink_url);
      if (!ref || !link) continue;
      if (!ref.unavailable && drmDecoy(t)) ref.unavailable = { code: 'stream.drm' };
      // A private track is addressed with its secret token (some answers already carry it in the permalink).
      const token = t.secret_token || undefined;
      const publicPath = token && link.endsWith(`/${token}`) ? link.slice(0, -token.length - 1) : link;
      if (token) ref.url = `https://soundcloud.com${publicPath}/${token}`;
      const key = publicPath.toLowerCase();
      const known = this.byPath.get(key);
      if (!known || known.id !== ref.id || known.unavailable?.code !== ref.unavailable?.code) changed = true;
      this.byPath.set(key, ref);
      if (token) this.byPath.set(`${key}/${token.toLowerCase()}`, ref);
    }
    return changed;
  }

  get(path: string | undefined): TrackRef | undefined {
    return path ? this.byPath.get(path.toLowerCase()) : undefined;
  }
}

interface Context {
  /** The element one track occupies. */
  item: string;
  /** SoundCloud's own button group inside it, where the button goes. */
  group: string;
  /** The track link inside it; null = the page itself (track page). */
  link: string | null;
  size: 'small' | 'medium';
}

/** Where buttons go, from SoundCloud's own markup (see platforms/soundcloud.md §12). */
const CONTEXTS: Context[] = [
  { item: '.listenEngagement', group: '.listenEngagement__footer .sc-button-group', link: null, size: 'medium' },
  { item: '.trackItem', group: '.sc-button-group', link: 'a.trackItem__trackTitle', size: 'small' },
  // Feed, profile tabs, search results and the "visual" track page all wrap a track in `.sound`.
  { item: '.sound', group: '.sound__footer .sc-button-group, .soundActions .sc-button-group', link: 'a.soundTitle__title', size: 'small' },
  { item: '.chartTrack', group: '.sc-button-group', link: 'a.chartTrack__title', size: 'small' },
  { item: '.playableTile', group: '.playableTile__actionWrapper .sc-button-group', link: 'a.playableTile__mainHeading, a.playableTile__artworkLink', size: 'small' },
  { item: '.soundBadge', group: '.soundBadge__actions .sc-button-group', link: 'a.soundTitle__title', size: 'small' },
  { item: '.queueItemView', group: '.queueItemView__actions .sc-button-group', link: '.queueItemView__title a', size: 'small' },
];

/** A set seen from outside (in a list) carries the set's buttons, not a track's. */
function isSetInList(item: Element): boolean {
  return item.classList.contains('playlist') || item.querySelector('.sound__trackList, .compactTrackList') !== null;
}

/** The "Next up" panel while it is closed: its rows are not on the page the user sees. */
function inClosedQueue(item: Element): boolean {
  const queue = item.closest('.queue');
  return !!queue && !queue.classList.contains('m-visible') && queue.getAttribute('aria-hidden') === 'true';
}

/** Parsing every link on every scan is most of a scan's cost on long lists: remember the answers. */
const linkCache = new Map<string, string | undefined>();
function cachedLinkPath(href: string): string | undefined {
  if (linkCache.has(href)) return linkCache.get(href);
  if (linkCache.size > 5000) linkCache.clear();
  const path = trackLinkPath(href);
  linkCache.set(href, path);
  return path;
}

/**
 * One item per SoundCloud button group that belongs to a known track. Links whose track data has
 * not arrived (yet) get no button; their paths go into `missing` so the caller can have them looked up.
 */
export function scanSoundcloud(doc: Document, index: TrackIndex, missing?: Set<string>): PageItem[] {
  const items: PageItem[] = [];
  const used = new Set<Element>();
  const href = doc.location?.href;
  const pagePath = href ? trackLinkPath(href) : undefined;
  for (const ctx of CONTEXTS) {
    for (const item of doc.querySelectorAll(ctx.item)) {
      const group = item.querySelector(ctx.group);
      if (!group || used.has(group) || isSetInList(item) || inClosedQueue(item)) continue;
      const link = ctx.link ? item.querySelector(ctx.link)?.getAttribute('href') : undefined;
      const path = ctx.link ? (link ? cachedLinkPath(link) : undefined) : pagePath;
      if (!path) continue;
      const ref = index.get(path);
      if (!ref) {
        missing?.add(path);
        continue;
      }
      used.add(group);
      const size = group.classList.contains('sc-button-group-medium') ? 'medium' : group.classList.contains('sc-button-group-small') ? 'small' : ctx.size;
      items.push({ anchor: group, ref, size });
    }
  }
  return items;
}
