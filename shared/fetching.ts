/**
 * Fetch-agnostic steps both downloaders share (the host over node:https, the browser over fetch):
 * following master playlists and picking the first artwork that really is an image.
 */
import { DeckhandError } from './errors';
import { parsePlaylist, pickVariant, type MediaPlaylist } from './hls/playlist';
import type { Artwork } from './media/types';

/** GET a URL and return its body, throwing DeckhandError (with `status`) on non-2xx. */
export type GetBytes = (url: string, opts?: { maxBytes?: number; signal?: AbortSignal }) => Promise<Uint8Array>;

const MAX_PLAYLIST_BYTES = 8 * 1024 * 1024;
const MAX_ART_BYTES = 10 * 1024 * 1024;

export async function loadMediaPlaylist(get: GetBytes, url: string, signal?: AbortSignal): Promise<{ playlist: MediaPlaylist; url: string }> {
  let current = url;
  for (let depth = 0; depth < 3; depth++) {
    const body = await get(current, { maxBytes: MAX_PLAYLIST_BYTES, ...(signal ? { signal } : {}) });
    const parsed = parsePlaylist(new TextDecoder().decode(body), current);
    if (parsed.kind === 'media') return { playlist: parsed, url: current };
    current = pickVariant(parsed).url;
  }
  throw new DeckhandError('media.bad-playlist', 'Too many nested master playlists.');
}

export function imageMime(b: Uint8Array): Artwork['mime'] | undefined {
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  return undefined;
}

/** The first candidate that loads and is a JPEG or PNG; artwork never fails a download. */
export async function firstArtwork(get: GetBytes, urls: readonly string[] | undefined, signal?: AbortSignal): Promise<Artwork | undefined> {
  for (const url of urls ?? []) {
    try {
      const data = await get(url, { maxBytes: MAX_ART_BYTES, ...(signal ? { signal } : {}) });
      const mime = imageMime(data);
      if (mime) return { data, mime };
    } catch {
      /* try the next size */
    }
  }
  return undefined;
}
