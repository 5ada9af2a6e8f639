/**
 * Samples of movie fragments (moof + mdat, any number per segment): tfhd defaults and base
 * offsets (explicit, default-base-is-moof, or implied), trun data offsets, per-sample sizes and
 * durations, falling back to trex defaults from the init segment.
 */
import { DeckhandError } from '../../errors';
import { i32, u24, u32, u64 } from '../bytes';
import { boxes, children, type Box } from './boxes';
import type { AudioTrack } from './track';

export type SampleCallback = (data: Uint8Array, duration: number) => void;

const TFHD_BASE_DATA_OFFSET = 0x1;
const TFHD_SAMPLE_DESCRIPTION = 0x2;
const TFHD_DEFAULT_DURATION = 0x8;
const TFHD_DEFAULT_SIZE = 0x10;
const TFHD_DEFAULT_FLAGS = 0x20;
const TFHD_DURATION_IS_EMPTY = 0x10000;
const TFHD_BASE_IS_MOOF = 0x20000;

const TRUN_DATA_OFFSET = 0x1;
const TRUN_FIRST_FLAGS = 0x4;
const TRUN_DURATION = 0x100;
const TRUN_SIZE = 0x200;
const TRUN_FLAGS = 0x400;
const TRUN_CTO = 0x800;

interface TrafContext {
  base: number;
  duration: number;
  size: number;
}

function readTfhd(buf: Uint8Array, tfhd: Box, track: AudioTrack): { trackId: number; flags: number; ctx: TrafContext } {
  const flags = u24(buf, tfhd.body + 1);
  const trackId = u32(buf, tfhd.body + 4);
  let p = tfhd.body + 8;
  const ctx: TrafContext = { base: -1, duration: track.defaults.duration, size: track.defaults.size };
  if (flags & TFHD_BASE_DATA_OFFSET) {
    ctx.base = u64(buf, p);
    p += 8;
  }
  if (flags & TFHD_SAMPLE_DESCRIPTION) p += 4;
  if (flags & TFHD_DEFAULT_DURATION) {
    ctx.duration = u32(buf, p);
    p += 4;
  }
  if (flags & TFHD_DEFAULT_SIZE) {
    ctx.size = u32(buf, p);
    p += 4;
  }
  if (flags & TFHD_DEFAULT_FLAGS) p += 4;
  return { trackId, flags, ctx };
}

/** Reads one trun; returns the offset just past its sample data. */
function readTrun(buf: Uint8Array, trun: Box, ctx: TrafContext, dataStart: number, onSample: SampleCallback): number {
  const flags = u24(buf, trun.body + 1);
  const count = u32(buf, trun.body + 4);
  let p = trun.body + 8;
  let data = dataStart;
  if (flags & TRUN_DATA_OFFSET) {
    data = ctx.base + i32(buf, p);
    p += 4;
  }
  if (flags & TRUN_FIRST_FLAGS) p += 4;
  const entryBytes = 4 * [TRUN_DURATION, TRUN_SIZE, TRUN_FLAGS, TRUN_CTO].filter((f) => flags & f).length;
  if (p + count * entryBytes > trun.end) throw new DeckhandError('media.corrupt', 'trun sample table runs past its box');
  for (let i = 0; i < count; i++) {
    let duration = ctx.duration;
    let size = ctx.size;
    if (flags & TRUN_DURATION) {
      duration = u32(buf, p);
      p += 4;
    }
    if (flags & TRUN_SIZE) {
      size = u32(buf, p);
      p += 4;
    }
    if (flags & TRUN_FLAGS) p += 4;
    if (flags & TRUN_CTO) p += 4;
    if (data < 0 || data + size > buf.length) {
      throw new DeckhandError('media.corrupt', 'fragment sample data lies outside the segment (truncated?)');
    }
    if (size > 0) onSample(buf.subarray(data, data + size), duration);
    data += size;
  }
  return data;
}

function readMoof(buf: Uint8Array, moof: Box, track: AudioTrack, onSample: SampleCallback): number {
  let samplesEnd = moof.start;
  let first = true;
  let found = 0;
  for (const traf of children(buf, moof, 'traf')) {
    const tfhdBox = children(buf, traf, 'tfhd')[0];
    if (!tfhdBox) throw new DeckhandError('media.corrupt', 'traf without tfhd');
    const { trackId, flags, ctx } = readTfhd(buf, tfhdBox, track);
    // Without an explicit base: the moof start (flag, or the first traf), else where the previous traf's data ended.
    if (ctx.base < 0) ctx.base = flags & TFHD_BASE_IS_MOOF || first ? moof.start : samplesEnd;
    first = false;
    if (trackId !== track.trackId || flags & TFHD_DURATION_IS_EMPTY) continue;
    let data = ctx.base;
    for (const trun of children(buf, traf, 'trun')) {
      data = readTrun(buf, trun, ctx, data, (view, duration) => {
        found++;
        onSample(view, duration);
      });
    }
    samplesEnd = data;
  }
  return found;
}

/** Walks top-level boxes in the buffer and reports every sample of the track, in order. */
export function readFragments(buf: Uint8Array, track: AudioTrack, onSample: SampleCallback, from = 0): { moofs: number; samples: number } {
  let moofs = 0;
  let samples = 0;
  for (const box of boxes(buf, from)) {
    if (box.type !== 'moof') continue;
    moofs++;
    samples += readMoof(buf, box, track, onSample);
  }
  return { moofs, samples };
}
