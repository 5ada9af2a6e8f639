/**
 * SoundCloud pages, for the content script: track data comes from the page itself (hydration and the
 * api-v2 answers the page receives, read by a main-world script and passed over as JSON), buttons go
 * into SoundCloud's own button groups. Exports only what the content script bundle needs.
 */
import type { TrackRef } from '../../../shared/track';
import type { PageItem } from '../../ui/inpage/runtime';
import { toTrackRef } from './normalise';
import type { ScHydrationEntry, ScTrack } from './types';

/** Event the main-world reader dispatches on window, detail = JSON string of MainWorldPayload. */
export const MAIN_WORLD_EVENT = 'deckhand:soundcloud';

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

/** Path of a soundcloud.com link, normalised, for matching DOM links to track data. */
export function trackPath(href: string | null | undefined, base = 'https://soundcloud.com/'): string | undefined {
  if (!href) return undefined;
  try {
    const u = new URL(href, base);
    if (!/(^|\.)soundcloud\.com$/.test(u.hostname)) return undefined;
    const parts = u.pathname.split('/').filter(Boolean);
    if (parts.length < 2 || parts[1] === 'sets' || ['you', 'discover', 'search', 'stream', 'feed', 'charts'].includes(parts[0] ?? '')) return undefined;
    return `/${parts.slice(0, parts[2]?.startsWith('s-') ? 3 : 2).join('/')}`.toLowerCase();
  } catch {
    return undefined;
  }
}

export class TrackIndex {
  private byPath = new Map<string, TrackRef>();

  add(tracks: ScTrack[]): boolean {
    let changed = false;
    for (const t of tracks) {
      const ref = toTrackRef(t);
      const path = trackPath(t.permalink_url);
      if (!ref || !path) continue;
      // A private link is addressed with its secret token.
      const withSecret = t.secret_token ? `${path}/${t.secret_token}`.toLowerCase() : undefined;
      if (t.secret_token) ref.url = `https://soundcloud.com${path}/${t.secret_token}`;
      this.byPath.set(path, ref);
      if (withSecret) this.byPath.set(withSecret, ref);
      changed = true;
    }
    return changed;
  }

  get(path: string | undefined): TrackRef | undefined {
    return path ? this.byPath.get(path) : undefined;
  }
}

/** Where buttons go, from SoundCloud's own markup (see platforms/soundcloud.md §12). */
const CONTEXTS: { item: string; group: string; link: string | null; size: 'small' | 'medium' }[] = [
  { item: '.listenEngagement', group: '.listenEngagement__footer .sc-button-group', link: null, size: 'medium' },
  { item: '.trackItem', group: '.sc-button-group', link: 'a.trackItem__trackTitle', size: 'small' },
  { item: '.soundList__item', group: '.sc-button-group', link: 'a.soundTitle__title', size: 'small' },
  { item: '.searchList__item', group: '.sc-button-group', link: 'a.soundTitle__title', size: 'small' },
  { item: '.chartTrack', group: '.sc-button-group', link: 'a.chartTrack__title', size: 'small' },
  { item: '.queueItemView', group: '.queueItemView__actions', link: '.queueItemView__title a', size: 'small' },
];

export function scanSoundcloud(doc: Document, index: TrackIndex): PageItem[] {
  const items: PageItem[] = [];
  const pagePath = trackPath(doc.location?.href);
  for (const ctx of CONTEXTS) {
    for (const item of doc.querySelectorAll(ctx.item)) {
      const group = item.querySelector(ctx.group);
      if (!group) continue;
      // The button group of a set seen from outside (a set in a list) belongs to the set, not a track.
      if (ctx.item === '.soundList__item' && item.querySelector('.sound__trackList')) continue;
      const href = ctx.link ? item.querySelector(ctx.link)?.getAttribute('href') : doc.location?.href;
      const ref = index.get(ctx.link ? trackPath(href) : pagePath);
      if (ref) items.push({ anchor: group, ref, size: ctx.size });
    }
  }
  return items;
}
