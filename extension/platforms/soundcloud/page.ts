/**
 * SoundCloud pages, for the content script: track data comes from the page itself (hydration and the
 * api-v2 answers the page receives, read by a main-world script and passed over as JSON), buttons go
 * into SoundCloud's own button groups. Exports only what the content script bundle needs.
 */
import type { TrackRef } from '../../../shared/track';
import type { PageItem } from '../../ui/inpage/runtime';
import type { ListSpot } from '../../ui/inpage/download-all';
import { toTrackRef } from './normalise';
import type { ScHydrationEntry, ScPlaylist, ScTrack } from './types';

/** Event the main-world reader dispatches on window, detail = JSON string of MainWorldPayload. */
export const MAIN_WORLD_EVENT = 'deckhand:soundcloud';
/**
 * Event the content script dispatches to have the reader look track links up, detail = JSON string of
 * `{paths: string[]}`: site paths in their original case (secret tokens are case-sensitive).
 */
export const LOOKUP_EVENT = 'deckhand:soundcloud:lookup';

export interface MainWorldPayload {
  clientId?: string;
  tracks: ScTrack[];
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
  const setPath = (href: string) => pathParts(href, 'https://soundcloud.com/')?.slice(0, 3).join('/').toLowerCase();
  if (setPath(set.permalink_url) !== setPath(pathname)) return [];
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

export class TrackIndex {
  private byPath = new Map<string, TrackRef>();

  add(tracks: ScTrack[]): boolean {
    let changed = false;
    for (const t of tracks) {
      const ref = toTrackRef(t);
      const link = trackLinkPath(t.permalink_url);
      if (!ref || !link) continue;
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
const CONTEXTS: Context[] = [
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

/** What an item's markup says, found once: a scan on a 500-item feed repeats for every mutation batch. */
interface ItemParts {
  ctx: Context;
  group: Element | null;
  link: Element | null;
  href: string | null;
  path: string | undefined;
  /** A set seen from outside (in a list): its buttons belong to the set, not a track. */
  set: boolean;
  size: PageItem['size'];
}
const partsOf = new WeakMap<Element, ItemParts>();

function itemParts(item: Element): ItemParts | undefined {
  const known = partsOf.get(item);
  // Still valid while the site has not re-rendered the item's insides (re-rendered parts leave the
  // document) nor pointed its link elsewhere. isConnected is a flag; contains() would walk up the tree.
  if (known?.group?.isConnected && (!known.ctx.link || (known.link?.isConnected && known.link.getAttribute('href') === known.href))) return known;
  const ctx = CONTEXTS.find((c) => item.classList.contains(c.item));
  if (!ctx) return undefined;
  const link = ctx.link ? item.querySelector(ctx.link) : null;
  const href = link?.getAttribute('href') ?? null;
  const group = item.querySelector(ctx.group);
  const parts: ItemParts = {
    ctx,
    group,
    link,
    href,
    path: href ? trackLinkPath(href) : undefined,
    set: item.classList.contains('playlist') || item.querySelector('.sound__trackList, .compactTrackList') !== null,
    size: ctx.size === 'compact' ? 'compact' : group?.classList.contains('sc-button-group-medium') ? 'medium' : group?.classList.contains('sc-button-group-small') ? 'small' : ctx.size,
  };
  if (parts.group) partsOf.set(item, parts);
  return parts;
}

/** The "Next up" panel while it is closed: its rows are not on the page the user sees. */
function inClosedQueue(item: Element): boolean {
  const queue = item.closest('.queue');
  return !!queue && !queue.classList.contains('m-visible') && queue.getAttribute('aria-hidden') === 'true';
}

/**
 * One item per SoundCloud button group that belongs to a known track, in document order. Links whose
 * track data has not arrived (yet) get no button; their paths go into `missing` so the caller can
 * have them looked up. `candidates`: the page's item elements (ItemTracker keeps them without walking).
 */
export function scanSoundcloud(doc: Document, index: TrackIndex, missing?: Set<string>, candidates: Iterable<Element> = doc.querySelectorAll(ANY_ITEM)): PageItem[] {
  const items: PageItem[] = [];
  const used = new Set<Element>();
  const href = doc.location?.href;
  const pagePath = href ? trackLinkPath(href) : undefined;
  for (const item of candidates) {
    const parts = itemParts(item);
    if (!parts?.group || parts.set || used.has(parts.group) || (parts.ctx.item === 'queueItemView' && inClosedQueue(item))) continue;
    const path = parts.ctx.link ? parts.path : pagePath;
    if (!path) continue;
    const ref = index.get(path);
    if (!ref) {
      missing?.add(path);
      continue;
    }
    used.add(parts.group);
    items.push({ anchor: parts.group, ref, size: parts.size });
  }
  return items;
}

/** A set or album page (`/user/sets/name`, private ones with their token); not SoundCloud's own system playlists. */
const SET_PAGE = /^\/([^/]+)\/sets\/[^/]+(?:\/s-[A-Za-z0-9]+)?\/?$/;

/** Where a set or album page gets "Download all": in the set's own action buttons, at their end. */
export function setListSpot(doc: Document): ListSpot | undefined {
  const owner = SET_PAGE.exec(doc.location?.pathname ?? '')?.[1];
  if (!owner || SECTIONS.has(owner.toLowerCase())) return undefined;
  const group = doc.querySelector('.listenEngagement__footer .sc-button-group');
  if (!group) return undefined;
  return { anchor: group, size: group.classList.contains('sc-button-group-small') ? 'small' : 'medium', noun: 'set' };
}

/**
 * The page's item elements, kept up to date from mutation records: walking a long page on every scan
 * would cost more than the scan. Deckhand's own buttons are not changes. Items come in document order.
 * Elements are followed as they are added and removed (a class given to an existing element later is not).
 */
export class ItemTracker {
  private items: Element[] | undefined;
  private added: Element[] = [];
  private removed = false;
  private readonly observer = new MutationObserver((records) => this.note(records));

  constructor(private readonly doc: Document) {
    this.observer.observe(doc.documentElement, { childList: true, subtree: true });
  }

  private note(records: MutationRecord[]): void {
    for (const r of records) {
      for (const n of r.addedNodes) if (n.nodeType === 1 && !(n as Element).hasAttribute('data-deckhand-track')) this.added.push(n as Element);
      if (r.removedNodes.length) this.removed = true;
    }
  }

  current(): Element[] {
    this.note(this.observer.takeRecords());
    if (!this.items) this.items = [...this.doc.querySelectorAll(ANY_ITEM)];
    else if (this.removed || this.added.length) {
      if (this.removed) this.items = this.items.filter((el) => el.isConnected);
      const known = new Set(this.items);
      for (const n of this.added) {
        if (!n.isConnected) continue;
        for (const el of n.matches(ANY_ITEM) ? [n, ...n.querySelectorAll(ANY_ITEM)] : n.querySelectorAll(ANY_ITEM)) {
          if (!known.has(el)) this.insert(el);
          known.add(el);
        }
      }
    }
    this.added = [];
    this.removed = false;
    return this.items;
  }

  /** Into document order: usually at the end of a list, which still lies before the "Next up" panel. */
  private insert(el: Element): void {
    const items = this.items as Element[];
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((items[mid] as Element).compareDocumentPosition(el) & 4 /* FOLLOWING */) lo = mid + 1;
      else hi = mid;
    }
    items.splice(lo, 0, el);
  }

  disconnect(): void {
    this.observer.disconnect();
  }
}
