/**
 * The encoder priming an MP4 source declares: AAC encoders put 1024 (ffmpeg, Apple) or 2112 (older
 * Nero/iTunes) samples of silence-to-be in front of the audio, and the container says how many to
 * skip: the track's edit list (`edts/elst` media_time, as ffmpeg and Apple write it) or, in iTunes
 * files, the `----:com.apple.iTunes:iTunSMPB` item. Nothing is guessed: a source that states no
 * priming (MPEG-TS, ADTS, ffmpeg's fMP4 HLS with media_time 0) gets none.
 */
import { decodeUtf8, u32, u64 } from '../bytes';
import { child, children, path, type Box } from './boxes';

export interface SourceEdit {
  /** Samples to skip at the start, in the track's media timescale. */
  priming: number;
  /** The presented (unprimed) duration in media timescale units, when the source states it. */
  duration?: number;
}

function i64(buf: Uint8Array, at: number): number {
  return (buf[at] ?? 0) & 0x80 ? -1 : u64(buf, at);
}

/** First non-empty edit: media_time, and segment_duration converted to the media timescale. */
function fromEditList(buf: Uint8Array, moov: Box, trak: Box, mediaTimescale: number): SourceEdit | undefined {
  const elst = path(buf, trak, ['edts', 'elst']);
  const mvhd = child(buf, moov, 'mvhd');
  if (!elst || !mvhd) return undefined;
  const v1 = buf[elst.body] === 1;
  const movieTimescale = u32(buf, mvhd.body + (buf[mvhd.body] === 1 ? 20 : 12));
  const entrySize = v1 ? 20 : 12;
  for (let i = 0, at = elst.body + 8; i < u32(buf, elst.body + 4) && at + entrySize <= elst.end; i++, at += entrySize) {
    const segment = v1 ? u64(buf, at) : u32(buf, at);
    const mediaTime = v1 ? i64(buf, at + 8) : u32(buf, at + 4) | 0;
    if (mediaTime < 0) continue; // an empty edit (a delay before the track starts)
    if (mediaTime === 0) return undefined;
    const duration = segment > 0 && movieTimescale > 0 ? Math.round((segment * mediaTimescale) / movieTimescale) : undefined;
    return { priming: mediaTime, ...(duration !== undefined ? { duration } : {}) };
  }
  return undefined;
}

/** iTunSMPB: " 00000000 <priming> <padding> <original sample count> …" in hex, at the output sample rate. */
function fromItunSmpb(buf: Uint8Array, moov: Box, mediaTimescale: number, outputSampleRate: number): SourceEdit | undefined {
  const meta = path(buf, moov, ['udta', 'meta']);
  const list = meta && child(buf, meta, 'ilst', 4); // meta is a full box
  for (const item of list ? children(buf, list, '----') : []) {
    const name = child(buf, item, 'name');
    const data = child(buf, item, 'data');
    if (!name || !data || decodeUtf8(buf.subarray(name.body + 4, name.end)) !== 'iTunSMPB') continue;
    const words = decodeUtf8(buf.subarray(data.body + 8, data.end)).trim().split(/\s+/).map((w) => parseInt(w, 16));
    const [, priming, , length] = words;
    if (priming === undefined || !Number.isFinite(priming) || priming <= 0 || outputSampleRate <= 0) return undefined;
    const scale = mediaTimescale / outputSampleRate;
    const duration = length !== undefined && Number.isFinite(length) && length > 0 ? Math.round(length * scale) : undefined;
    return { priming: Math.round(priming * scale), ...(duration !== undefined ? { duration } : {}) };
  }
  return undefined;
}

/** What the source says to skip, from the edit list first, else iTunSMPB; undefined when it says nothing. */
export function readSourceEdit(buf: Uint8Array, moov: Box, trak: Box, mediaTimescale: number, outputSampleRate: number): SourceEdit | undefined {
  return fromEditList(buf, moov, trak, mediaTimescale) ?? fromItunSmpb(buf, moov, mediaTimescale, outputSampleRate);
}
