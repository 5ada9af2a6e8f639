/**
 * Host names, URN helpers and URL builders of the SoundCloud replica. Pure (no Node APIs): the
 * browser client bundles this file too.
 */
export const WEB_ORIGIN = 'https://soundcloud.com';
export const API_V2 = 'https://api-v2.soundcloud.com';
export const API_V1 = 'https://api.soundcloud.com';
export const ASSET_ORIGIN = 'https://a-v2.sndcdn.com';
export const IMAGE_ORIGIN = 'https://i1.sndcdn.com';
export const WAVE_ORIGIN = 'https://wave.sndcdn.com';
export const AAC_CDN = 'https://playback.media-streaming.soundcloud.cloud';
export const LICENSE_HOST = 'license.media-streaming.soundcloud.cloud';
export const MP3_CDN = 'https://cf-media.sndcdn.com';
export const MP3_HLS_CDN = 'https://cf-hls-media.sndcdn.com';
export const PREVIEW_CDN = 'https://cf-preview-media.sndcdn.com';

export type UrnKind = 'tracks' | 'playlists' | 'users';

export function urn(kind: UrnKind, id: number): string {
  return `soundcloud:${kind}:${id}`;
}

/** Numeric id from "123", "soundcloud:tracks:123" or its percent-encoded form; undefined otherwise. */
export function parseId(raw: string, kind: UrnKind): number | undefined {
  const s = decodeURIComponentSafe(raw);
  const m = new RegExp(`^(?:soundcloud:${kind}:)?(\\d{1,15})$`).exec(s);
  return m ? Number(m[1]) : undefined;
}

export function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The official-API `uri` field, URN-encoded as the 2026 api-v2 answers show it. */
export function apiUri(kind: UrnKind, id: number): string {
  return `${API_V1}/${kind}/${encodeURIComponent(urn(kind, id))}`;
}

/** Artwork/avatar size suffixes SoundCloud's image CDN answers, with their pixel size. */
export const IMAGE_SIZES: Record<string, number> = {
  mini: 16,
  tiny: 20,
  small: 32,
  badge: 47,
  t67x67: 67,
  large: 100,
  t300x300: 300,
  crop: 400,
  t500x500: 500,
  original: 1400,
};

export function imageUrl(prefix: 'artworks' | 'avatars', key: string, size = 'large'): string {
  return `${IMAGE_ORIGIN}/${prefix}-${key}-${size}.jpg`;
}

/** Swap the size suffix of an i1.sndcdn.com URL ("-large.jpg" -> "-t500x500.jpg"). */
export function resizeImage(url: string, size: string): string {
  return url.replace(/-(mini|tiny|small|badge|t67x67|large|t300x300|crop|t500x500|original)\.(jpg|png)$/, `-${size}.$2`);
}

/** "3:05" / "1:02:03" like the site shows durations. */
export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** "1.2M" / "48.2K" like the stats under a track. */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined) return '';
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1).replace(/\.0$/, '')}M`;
  if (n >= 1_000) return `${(n / 1_000).toFixed(1).replace(/\.0$/, '')}K`;
  return String(n);
}
