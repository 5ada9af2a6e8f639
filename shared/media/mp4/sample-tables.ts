/**
 * Samples of a progressive MP4 track from its stbl: sizes (stsz), chunk offsets (stco/co64),
 * samples per chunk (stsc) and durations (stts), reported in decode order.
 */
import { DeckhandError } from '../../errors';
import { u32, u64 } from '../bytes';
import { child, type Box } from './boxes';
import type { SampleCallback } from './fragments';
import type { AudioTrack } from './track';

function entryCount(buf: Uint8Array, box: Box, entryBytes: number, headerBytes = 8): number {
  const count = u32(buf, box.body + headerBytes - 4);
  if (box.body + headerBytes + count * entryBytes > box.end) {
    throw new DeckhandError('media.corrupt', `${box.type} has more entries than fit in the box`);
  }
  return count;
}

/** Duration of each sample, walking stts runs. */
function durationReader(buf: Uint8Array, stts: Box | undefined): () => number {
  if (!stts) return () => 0;
  const runs = entryCount(buf, stts, 8);
  let run = 0;
  let left = runs > 0 ? u32(buf, stts.body + 8) : 0;
  return () => {
    while (left === 0 && run + 1 < runs) {
      run++;
      left = u32(buf, stts.body + 8 + run * 8);
    }
    if (left === 0) return 0;
    left--;
    return u32(buf, stts.body + 8 + run * 8 + 4);
  };
}

export interface SampleLocation {
  /** Absolute file offset (chunk offsets are relative to the file, not to the buffer). */
  offset: number;
  size: number;
  duration: number;
}

/**
 * Every sample of the track in decode order, from its stbl alone (`buf` may hold just the moov).
 * Nothing for a fragmented file's empty stbl.
 */
export function* progressiveSamples(buf: Uint8Array, track: AudioTrack): Generator<SampleLocation> {
  const stbl = track.stbl;
  const stsz = child(buf, stbl, 'stsz');
  const stsc = child(buf, stbl, 'stsc');
  const stco = child(buf, stbl, 'stco');
  const co64 = child(buf, stbl, 'co64');
  if (!stsz) {
    if (child(buf, stbl, 'stz2')) throw new DeckhandError('media.unsupported', 'compact sample sizes (stz2) are not supported');
    return;
  }
  const fixedSize = u32(buf, stsz.body + 4);
  const sampleCount = u32(buf, stsz.body + 8);
  if (fixedSize === 0 && stsz.body + 12 + sampleCount * 4 > stsz.end) {
    throw new DeckhandError('media.corrupt', 'stsz has more entries than fit in the box');
  }
  if (sampleCount === 0) return;
  const offsets = co64 ?? stco;
  if (!stsc || !offsets) throw new DeckhandError('media.corrupt', 'the audio track lacks stsc or stco');
  const chunkCount = entryCount(buf, offsets, co64 ? 8 : 4);
  const chunkOffset = (c: number) => (co64 ? u64(buf, co64.body + 8 + c * 8) : u32(buf, offsets.body + 8 + c * 4));
  const stscEntries = entryCount(buf, stsc, 12);
  const nextDuration = durationReader(buf, child(buf, stbl, 'stts'));

  let sample = 0;
  let entry = 0;
  for (let c = 0; c < chunkCount && sample < sampleCount; c++) {
    // stsc entries apply from their first_chunk (1-based) until the next entry's.
    while (entry + 1 < stscEntries && u32(buf, stsc.body + 8 + (entry + 1) * 12) <= c + 1) entry++;
    const perChunk = stscEntries > 0 ? u32(buf, stsc.body + 8 + entry * 12 + 4) : 0;
    let at = chunkOffset(c);
    for (let i = 0; i < perChunk && sample < sampleCount; i++, sample++) {
      const size = fixedSize || u32(buf, stsz.body + 12 + sample * 4);
      yield { offset: at, size, duration: nextDuration() };
      at += size;
    }
  }
  if (sample < sampleCount) throw new DeckhandError('media.corrupt', 'the chunk table covers fewer samples than stsz lists');
}

/** Reports every sample of a whole file in `buf`; returns how many there were (0 for a fragmented file's empty stbl). */
export function readProgressiveSamples(buf: Uint8Array, track: AudioTrack, onSample: SampleCallback): number {
  let count = 0;
  for (const { offset, size, duration } of progressiveSamples(buf, track)) {
    if (offset + size > buf.length) throw new DeckhandError('media.corrupt', 'sample data lies past the end of the file (truncated?)');
    onSample(buf.subarray(offset, offset + size), duration);
    count++;
  }
  return count;
}
