/**
 * Stream choice for SoundCloud: the artist's original file first when they allow downloads, the
 * user is signed in and wants it (original.ts), then an ordered list of candidates from
 * media.transcodings: AAC HLS (fMP4), then progressive MP3, then MP3 HLS; previews (SNIP) and DRM
 * (ctr-/cbc-encrypted-hls) are never chosen: if nothing else is left the job fails with a clear code.
 */
import { DeckhandError } from '../../../shared/errors';
import type { MediaSource } from '../../../shared/download';
import type { SoundCloudApi } from './api';
import { isDrmProtocol } from './normalise';
import { openOriginal, type OpenedOriginal, type OriginalDeps } from './original';
import type { ScTrack, ScTranscoding } from './types';

export interface ScCandidate {
  transcoding: ScTranscoding;
  protocol: 'hls' | 'progressive';
  codec: 'aac' | 'mp3' | 'opus' | 'other';
  preview: boolean;
  drm: boolean;
}

function codecOf(t: ScTranscoding): ScCandidate['codec'] {
  const mime = t.format?.mime_type ?? '';
  if (/mp4a|audio\/mp4/.test(mime) || t.preset?.startsWith('aac')) return 'aac';
  if (/mpeg/.test(mime) || t.preset?.startsWith('mp3')) return 'mp3';
  if (/opus/.test(mime)) return 'opus';
  return 'other';
}

function rank(c: ScCandidate): number {
  if (c.codec === 'aac' && c.protocol === 'hls') return 0;
  if (c.codec === 'mp3' && c.protocol === 'progressive') return 1;
  if (c.codec === 'mp3' && c.protocol === 'hls') return 2;
  return 9;
}

export function candidates(track: ScTrack): ScCandidate[] {
  return (track.media?.transcodings ?? [])
    .filter((t) => t.url && t.format?.mime_type !== 'audio/mpegurl') // abr_sq adaptive master: skipped
    .map((t) => {
      const protocol = t.format?.protocol ?? '';
      return {
        transcoding: t,
        protocol: protocol === 'progressive' ? ('progressive' as const) : ('hls' as const),
        codec: codecOf(t),
        preview: !!t.snipped || /\/preview\//.test(t.url ?? ''),
        drm: isDrmProtocol(protocol) || protocol === 'encrypted-hls',
      };
    })
    .filter((c) => c.codec === 'aac' || c.codec === 'mp3')
    .sort((a, b) => rank(a) - rank(b));
}

/** Why nothing can be downloaded, when that is so. */
export function refusal(track: ScTrack, all: ScCandidate[]): DeckhandError | undefined {
  if (track.policy === 'BLOCK') return new DeckhandError('region.blocked');
  const usable = all.filter((c) => !c.drm && !c.preview);
  if (usable.length) return undefined;
  if ((track.media?.transcodings ?? []).some((t) => isDrmProtocol(t.format?.protocol)) && !all.some((c) => !c.drm)) {
    return new DeckhandError('stream.drm');
  }
  if (all.some((c) => c.preview) || track.policy === 'SNIP') return new DeckhandError('stream.preview-only');
  if ((track.media?.transcodings ?? []).some((t) => isDrmProtocol(t.format?.protocol))) return new DeckhandError('stream.drm');
  return new DeckhandError('stream.none');
}

export interface OpenedStream {
  source: MediaSource;
  format: 'm4a' | 'mp3';
  candidate: ScCandidate;
}

/** Resolve candidates in order to a signed CDN URL; a 404 means "skip this format". */
export async function openStream(api: SoundCloudApi, track: ScTrack, preferredPreset?: string): Promise<OpenedStream> {
  const all = candidates(track);
  const refused = refusal(track, all);
  if (refused) throw refused;
  const usable = all.filter((c) => !c.drm && !c.preview);
  if (preferredPreset) usable.sort((a, b) => Number(b.transcoding.preset === preferredPreset) - Number(a.transcoding.preset === preferredPreset));
  let lastError: DeckhandError | undefined;
  for (const c of usable) {
    try {
      const answer = await api.get<{ url?: string }>(c.transcoding.url as string, {
        track_authorization: track.track_authorization,
      });
      if (!answer.url) continue;
      const container = c.codec === 'aac' ? 'fmp4' : 'mp3';
      return {
        source: { protocol: c.protocol, url: answer.url, container },
        format: c.codec === 'aac' ? 'm4a' : 'mp3',
        candidate: c,
      };
    } catch (err) {
      lastError = DeckhandError.from(err);
      if (lastError.code !== 'not-found') throw lastError;
    }
  }
  // Every plain format 404s: what DRM-only label tracks look like.
  if ((track.media?.transcodings ?? []).some((t) => isDrmProtocol(t.format?.protocol))) throw new DeckhandError('stream.drm');
  throw lastError ?? new DeckhandError('stream.none');
}

/** The id a refresh asks for again when the original file was chosen. */
export const ORIGINAL_STREAM_ID = 'original';

export interface ChosenSource {
  source: MediaSource;
  format: OpenedStream['format'] | OpenedOriginal['format'];
  /** The transcoding preset, or ORIGINAL_STREAM_ID. */
  streamId?: string;
  /** Why the original was passed over, when it was offered. */
  note?: string;
}

/** The original when offered and reachable, else the best stream (with a note saying why). */
export async function chooseSource(api: SoundCloudApi, track: ScTrack, deps: OriginalDeps): Promise<ChosenSource> {
  const original = await openOriginal(track, deps);
  if ('opened' in original) return { ...original.opened, streamId: ORIGINAL_STREAM_ID };
  const opened = await openStream(api, track);
  return {
    source: opened.source,
    format: opened.format,
    ...(opened.candidate.transcoding.preset ? { streamId: opened.candidate.transcoding.preset } : {}),
    ...(original.note ? { note: original.note } : {}),
  };
}

/** A fresh signed URL for what was chosen: the original again, or the same stream. */
export async function refreshSource(api: SoundCloudApi, track: ScTrack, streamId: string | undefined, deps: OriginalDeps): Promise<MediaSource> {
  if (streamId !== ORIGINAL_STREAM_ID) return (await openStream(api, track, streamId)).source;
  const original = await openOriginal(track, { ...deps, preferOriginal: true });
  if ('opened' in original) return original.opened.source;
  throw new DeckhandError('stream.expired', original.note ?? 'The original file’s address could not be renewed.');
}
