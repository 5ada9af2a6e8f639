/**
 * The M4A header: ftyp + moov (index first, "faststart") + the mdat box header. The payload that
 * follows is exactly the samples in table order, so chunk offsets are header length + payload offset.
 * When the caller reserved room for the header before writing the payload (payloadOffset), a `free`
 * box fills the gap between moov and mdat so that the payload stays where it was written.
 *
 * The movie timescale (mvhd, tkhd) is 1000 while the media timescale (mdhd) is the sample rate:
 * Nero `chpl` start times are 100 ns units for ffmpeg, but mutagen divides them by
 * 10,000 × the mvhd timescale, so both agree only at 1000 (ffmpeg's own default).
 *
 * When the source declared the encoder's priming (see priming.ts), an edit list skips it as the
 * source's did, and mvhd/tkhd give the presented duration; mdhd always counts every sample.
 */
import type { AacConfig } from '../aac-config';
import type { SampleTable } from '../sample-table';
import type { Tags } from '../types';
import { box, fields, freeBox, fullBox, mdatHeader, toBytes, type BoxNode } from './box-writer';
import { udta } from './ilst';
import type { SourceEdit } from './priming';
import { buildStbl, planChunks } from './stbl';

export const MOVIE_TIMESCALE = 1000;
const MATRIX = [0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000];
const TRACK_ID = 1;

function versionFor(...values: number[]): 0 | 1 {
  return values.some((v) => v > 0xffffffff) ? 1 : 0;
}

/** creation + modification time (0 = unknown), timescale, duration, in version 0 or 1 layout. */
function times(version: 0 | 1, timescale: number | undefined, duration: number): Uint8Array {
  return fields((w) => {
    if (version === 1) w.u64(0).u64(0);
    else w.u32(0).u32(0);
    if (timescale !== undefined) w.u32(timescale);
    if (version === 1) w.u64(duration);
    else w.u32(duration);
  });
}

function mvhd(duration: number): BoxNode {
  const v = versionFor(duration);
  const rest = fields((w) => {
    w.u32(0x10000).u16(0x100).zeros(10); // rate 1.0, volume 1.0, reserved
    for (const m of MATRIX) w.u32(m);
    w.zeros(24).u32(TRACK_ID + 1); // pre_defined, next_track_ID
  });
  return fullBox('mvhd', v, 0, times(v, MOVIE_TIMESCALE, duration), rest);
}

function tkhd(duration: number): BoxNode {
  const v = versionFor(duration);
  const head = fields((w) => {
    if (v === 1) w.u64(0).u64(0).u32(TRACK_ID).u32(0).u64(duration);
    else w.u32(0).u32(0).u32(TRACK_ID).u32(0).u32(duration);
  });
  const rest = fields((w) => {
    w.zeros(8).u16(0).u16(1).u16(0x100).u16(0); // reserved, layer, alternate_group, volume 1.0, reserved
    for (const m of MATRIX) w.u32(m);
    w.u32(0).u32(0); // width, height
  });
  return fullBox('tkhd', v, 0x3, head, rest); // enabled, in movie
}

/** One edit: play from media time `priming` for `segment` movie ticks at rate 1.0. */
function edts(segment: number, priming: number): BoxNode {
  const v = versionFor(segment, priming);
  const entry = fields((w) => {
    w.u32(1);
    if (v === 1) w.u64(segment).u64(priming);
    else w.u32(segment).u32(priming);
    w.u16(1).u16(0);
  });
  return box('edts', fullBox('elst', v, 0, entry));
}

/** Priming and presented duration (media timescale) when the source's edit is usable, else undefined. */
function usableEdit(edit: SourceEdit | undefined, total: number): Required<SourceEdit> | undefined {
  if (!edit || !(edit.priming > 0) || edit.priming >= total) return undefined;
  const unprimed = total - edit.priming;
  const duration = edit.duration !== undefined && edit.duration > 0 ? Math.min(edit.duration, unprimed) : unprimed;
  return { priming: edit.priming, duration };
}

/** Seconds the file plays for: every sample, less the priming a usable edit skips. */
export function presentedDuration(total: number, timescale: number, edit: SourceEdit | undefined): number {
  return (usableEdit(edit, total)?.duration ?? total) / timescale;
}

function mdia(table: SampleTable, timescale: number, stbl: BoxNode): BoxNode {
  const v = versionFor(table.totalDuration);
  const mdhd = fullBox('mdhd', v, 0, times(v, timescale, table.totalDuration), fields((w) => w.u16(0x55c4).u16(0))); // "und"
  const hdlr = fullBox('hdlr', 0, 0, fields((w) => w.u32(0).ascii('soun').zeros(12).ascii('SoundHandler').u8(0)));
  const dinf = box('dinf', fullBox('dref', 0, 0, fields((w) => w.u32(1)), fullBox('url ', 0, 1)));
  const minf = box('minf', fullBox('smhd', 0, 0, fields((w) => w.u32(0))), dinf, stbl);
  return box('mdia', mdhd, hdlr, minf);
}

export interface M4aHeaderInput {
  table: SampleTable;
  aac: AacConfig;
  /** Media timescale of the table's durations (the AAC sample rate). */
  timescale: number;
  tags: Tags;
  /** The encoder priming the source declared, in `timescale` units (an edit list skips it). */
  edit?: SourceEdit;
  /**
   * Where the payload already lies in the file (room reserved in front of it). The header is then
   * exactly this long when it fits (gap 0, or at least 8 bytes for a `free` box); otherwise it
   * has its natural length and the caller must move the payload behind it.
   */
  payloadOffset?: number;
}

export function buildM4aHeader({ table, aac, timescale, tags, edit, payloadOffset }: M4aHeaderInput): Uint8Array {
  const ftyp = box('ftyp', fields((w) => w.ascii('M4A ').u32(0x200).ascii('M4A mp42isom')));
  const skip = usableEdit(edit, table.totalDuration);
  const movieDuration = Math.round(((skip?.duration ?? table.totalDuration) * MOVIE_TIMESCALE) / timescale);
  const editList = skip ? [edts(movieDuration, skip.priming)] : [];
  const plan = planChunks(table, timescale);
  const userData = udta(tags, (movieDuration * 1000) / MOVIE_TIMESCALE);
  const mdat = mdatHeader(table.totalBytes);
  let payloadBase = 0; // read when the chunk offsets are written, below
  const moovFor = (wide: boolean) => {
    const stbl = buildStbl(table, aac, timescale, plan, () => payloadBase, wide);
    return box('moov', mvhd(movieDuration), box('trak', tkhd(movieDuration), ...editList, mdia(table, timescale, stbl)), userData);
  };
  const naturalLength = (moov: BoxNode) => ftyp.size + moov.size + mdat.length;
  // Chunk offsets do not change the moov's size, only its box type (stco or co64) does.
  let moov = moovFor(false);
  if (Math.max(naturalLength(moov), payloadOffset ?? 0) + table.totalBytes > 0xffffffff) moov = moovFor(true);
  const natural = naturalLength(moov);
  const gap = payloadOffset === undefined ? -1 : payloadOffset - natural;
  if (gap === 0 || gap >= 8) {
    payloadBase = payloadOffset as number;
    return gap === 0 ? toBytes(ftyp, moov, mdat) : toBytes(ftyp, moov, freeBox(gap), mdat);
  }
  payloadBase = natural;
  return toBytes(ftyp, moov, mdat);
}
