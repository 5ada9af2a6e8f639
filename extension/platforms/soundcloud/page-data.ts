/**
 * SoundCloud track data as the page has it: the hydration a page is served with and the api-v2
 * answers it receives, read by the main-world script and passed to the content script as JSON.
 */
import { pathParts } from './track-links';
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
