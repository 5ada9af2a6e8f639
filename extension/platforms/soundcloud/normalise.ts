/** api-v2 objects -> Deckhand's TrackRef / TrackMetadata. Pure; tolerant of missing fields. */
import type { TrackMetadata, TrackRef, Unavailable } from '../../../shared/track';
import type { ScTrack, ScTranscoding } from './types';

const DRM_PROTOCOLS = new Set(['ctr-encrypted-hls', 'cbc-encrypted-hls']);

/** The URN string for a track, whatever the object carries. */
export function trackUrn(t: Pick<ScTrack, 'urn' | 'id'>): string | undefined {
  if (t.urn) return t.urn;
  if (typeof t.id === 'number' || typeof t.id === 'string') return `soundcloud:tracks:${t.id}`;
  return undefined;
}

/** Artwork URL at another size: -large -> -t500x500 / -original (SoundCloud's suffix scheme). */
export function artworkAt(url: string | null | undefined, size: 't500x500' | 'original' | 'large' | 't300x300'): string | undefined {
  if (!url) return undefined;
  return url.replace(/-(large|t\d+x\d+|crop|small|badge|tiny|mini|original)\.(jpg|png)(\?.*)?$/i, `-${size}.$2`);
}

/** Largest first: original, then t500x500; the user's avatar when the track has no artwork. */
export function artworkCandidates(t: ScTrack): string[] {
  const base = t.artwork_url || t.user?.avatar_url || undefined;
  if (!base) return [];
  return [artworkAt(base, 'original'), artworkAt(base, 't500x500')].filter((u): u is string => !!u);
}

/** `tag_list`: space-separated, multi-word tags in double quotes, machine tags (a:b=c) hidden. */
export function parseTagList(list: string | null | undefined): string[] {
  if (!list) return [];
  const out: string[] = [];
  for (const m of list.matchAll(/"([^"]+)"|(\S+)/g)) {
    const tag = (m[1] ?? m[2] ?? '').trim();
    if (tag && !/^\w+:\w+=/.test(tag)) out.push(tag);
  }
  return out;
}

/**
 * DRM-only label tracks also list a plain transcoding of the same preset that 404s on resolve
 * (platforms/soundcloud.md §11): every plain preset also offered encrypted means nothing plain plays.
 */
function drmOnly(transcodings: ScTranscoding[]): boolean {
  if (transcodings.length > 0 && transcodings.every((tr) => DRM_PROTOCOLS.has(tr.format?.protocol ?? ''))) return true;
  const drm = new Set(transcodings.filter((tr) => DRM_PROTOCOLS.has(tr.format?.protocol ?? '')).map((tr) => tr.preset).filter(Boolean));
  return drm.size > 0 && transcodings.every((tr) => DRM_PROTOCOLS.has(tr.format?.protocol ?? '') || (!!tr.preset && drm.has(tr.preset)));
}

export function unavailability(t: ScTrack): Unavailable | undefined {
  const transcodings = t.media?.transcodings ?? [];
  if (t.policy === 'BLOCK') return { code: 'region.blocked' };
  if (drmOnly(transcodings)) return { code: 'stream.drm' };
  const clear = transcodings.filter((tr) => !DRM_PROTOCOLS.has(tr.format?.protocol ?? ''));
  if (t.policy === 'SNIP' || (clear.length > 0 && clear.every((tr) => tr.snipped))) return { code: 'stream.preview-only' };
  if (transcodings.length === 0 && t.media) return { code: 'stream.none' };
  return undefined;
}

export function isDrmProtocol(protocol: string | undefined): boolean {
  return DRM_PROTOCOLS.has(protocol ?? '');
}

export function toTrackRef(t: ScTrack): TrackRef | undefined {
  const id = trackUrn(t);
  if (!id || !t.permalink_url) return undefined;
  const unavailable = unavailability(t);
  const artworkUrl = artworkAt(t.artwork_url || t.user?.avatar_url, 't300x300');
  const durationMs = t.full_duration ?? t.duration;
  return {
    platform: 'soundcloud',
    id,
    url: t.permalink_url,
    kind: unavailable?.code === 'stream.preview-only' ? 'preview' : 'track',
    ...(t.title ? { title: t.title } : {}),
    ...(t.metadata_artist || t.publisher_metadata?.artist || t.user?.username
      ? { artist: (t.metadata_artist || t.publisher_metadata?.artist || t.user?.username) as string }
      : {}),
    ...(artworkUrl ? { artworkUrl } : {}),
    ...(durationMs ? { durationMs } : {}),
    ...(unavailable ? { unavailable } : {}),
  };
}

export function toMetadata(t: ScTrack): TrackMetadata {
  const id = trackUrn(t) ?? 'soundcloud:tracks:unknown';
  const pub = t.publisher_metadata ?? {};
  const artist = t.metadata_artist || pub.artist || t.user?.username;
  const album = pub.album_title || pub.release_title;
  const date = t.release_date || t.display_date || t.created_at;
  const tags = parseTagList(t.tag_list);
  const artwork = artworkCandidates(t)[0];
  const extra: Record<string, string> = {};
  if (pub.upc_or_ean) extra.UPC = pub.upc_or_ean;
  if (pub.p_line) extra.COPYRIGHT = pub.p_line;
  const meta: TrackMetadata = {
    platform: 'soundcloud',
    id,
    url: t.permalink_url ?? `https://soundcloud.com/`,
    title: t.title?.trim() || 'Untitled',
    kind: 'track',
    ...(artist ? { artists: [artist] } : {}),
    ...(album ? { album, albumArtist: artist ?? t.user?.username ?? '' } : {}),
    ...(t.genre ? { genre: t.genre } : {}),
    ...(t.label_name || pub.publisher ? { label: (t.label_name || pub.publisher) as string } : {}),
    ...(pub.isrc ? { isrc: pub.isrc } : {}),
    ...(date ? { releaseDate: date } : {}),
    ...(t.description ? { description: t.description } : {}),
    ...(tags.length ? { tags } : {}),
    ...(artwork ? { artworkUrl: artwork } : {}),
    ...((t.full_duration ?? t.duration) ? { durationMs: (t.full_duration ?? t.duration) as number } : {}),
    ...(Object.keys(extra).length ? { extra } : {}),
  };
  if (meta.albumArtist === '') delete meta.albumArtist;
  return meta;
}
