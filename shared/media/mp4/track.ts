/**
 * The audio track of an MP4 `moov` (an fMP4 init segment or a progressive file): ids, timescale,
 * the AAC config, fragment defaults from `mvex/trex`, and the `stbl` boxes for progressive files.
 */
import { DeckhandError } from '../../errors';
import { parseAudioSpecificConfig, type AacConfig } from '../aac-config';
import { fourcc, u32 } from '../bytes';
import { child, children, path, type Box } from './boxes';
import { ascFromEsds } from './esds';
import { readSourceEdit, type SourceEdit } from './priming';

export interface FragmentDefaults {
  duration: number;
  size: number;
}

export interface AudioTrack {
  trackId: number;
  /** mdhd timescale: the unit of the source's sample durations. */
  timescale: number;
  aac: AacConfig;
  defaults: FragmentDefaults;
  /** The track's stbl (progressive files use its sample tables). */
  stbl: Box;
  /** The encoder priming the source declares (edit list or iTunSMPB), in the mdhd timescale. */
  edit?: SourceEdit;
}

/** Offset of the first child box inside an audio sample entry (depends on the QuickTime sound version). */
function sampleEntryChildren(buf: Uint8Array, entry: Box): number {
  const version = ((buf[entry.body + 8] ?? 0) << 8) | (buf[entry.body + 9] ?? 0);
  const base = entry.body + 8 + 20; // SampleEntry (8) + AudioSampleEntry fields (20)
  return version === 1 ? base + 16 : version === 2 ? base + 36 : base;
}

function readAac(buf: Uint8Array, stsd: Box): AacConfig {
  const count = u32(buf, stsd.body + 4);
  if (count < 1) throw new DeckhandError('media.corrupt', 'the audio track has no sample description');
  const entry = child(buf, stsd, fourcc(buf, stsd.body + 12), 8);
  if (!entry) throw new DeckhandError('media.corrupt', 'the audio sample description is unreadable');
  if (entry.type === 'enca' || entry.type === 'encv') {
    throw new DeckhandError('media.unsupported', 'the audio is encrypted (DRM); Deckhand does not circumvent DRM');
  }
  if (entry.type !== 'mp4a') {
    throw new DeckhandError('media.unsupported', `MP4 audio codec "${entry.type}" is not AAC`);
  }
  const inner: Box = { type: entry.type, start: entry.start, body: sampleEntryChildren(buf, entry), end: entry.end };
  // QuickTime files may wrap esds in a `wave` box.
  const esds = child(buf, inner, 'esds') ?? path(buf, inner, ['wave', 'esds']);
  if (!esds) throw new DeckhandError('media.corrupt', 'the AAC sample description has no esds');
  return parseAudioSpecificConfig(ascFromEsds(buf, esds.body + 4, esds.end));
}

function isAudio(buf: Uint8Array, trak: Box): boolean {
  const hdlr = path(buf, trak, ['mdia', 'hdlr']);
  return hdlr !== undefined && fourcc(buf, hdlr.body + 8) === 'soun';
}

function trexDefaults(buf: Uint8Array, moov: Box, trackId: number): FragmentDefaults {
  const mvex = child(buf, moov, 'mvex');
  for (const trex of mvex ? children(buf, mvex, 'trex') : []) {
    if (u32(buf, trex.body + 4) === trackId) {
      return { duration: u32(buf, trex.body + 12), size: u32(buf, trex.body + 16) };
    }
  }
  return { duration: 0, size: 0 };
}

/** The first audio track of a moov; media.unsupported when there is none or it is not AAC. */
export function readAudioTrack(buf: Uint8Array, moov: Box): AudioTrack {
  const trak = children(buf, moov, 'trak').find((t) => isAudio(buf, t));
  if (!trak) throw new DeckhandError('media.unsupported', 'the MP4 has no audio track');
  const tkhd = child(buf, trak, 'tkhd');
  const mdhd = path(buf, trak, ['mdia', 'mdhd']);
  const stbl = path(buf, trak, ['mdia', 'minf', 'stbl']);
  const stsd = stbl && child(buf, stbl, 'stsd');
  if (!tkhd || !mdhd || !stbl || !stsd) throw new DeckhandError('media.corrupt', 'the audio track lacks tkhd, mdhd or stsd');
  const trackId = u32(buf, tkhd.body + ((buf[tkhd.body] ?? 0) === 1 ? 20 : 12));
  const timescale = u32(buf, mdhd.body + ((buf[mdhd.body] ?? 0) === 1 ? 20 : 12));
  if (timescale === 0) throw new DeckhandError('media.corrupt', 'the audio track has a zero timescale');
  const aac = readAac(buf, stsd);
  const edit = readSourceEdit(buf, moov, trak, timescale, aac.outputSampleRate);
  return { trackId, timescale, aac, defaults: trexDefaults(buf, moov, trackId), stbl, ...(edit ? { edit } : {}) };
}
