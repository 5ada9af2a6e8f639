/**
 * The sample table of our M4A: one mp4a sample description, run-length durations, fixed-size
 * chunks of about one second, sample sizes, and chunk offsets (32-bit stco, or co64 past 4 GiB).
 * The large tables are written straight from the typed arrays into the header (see box-writer).
 */
import type { AacConfig } from '../aac-config';
import type { SampleTable } from '../sample-table';
import { box, fields, fullBox, rawNode, type BoxNode } from './box-writer';
import { esdsBody } from './esds';

export interface ChunkPlan {
  samplesPerChunk: number;
  /** Byte offset of each chunk within the payload. */
  payloadOffsets: Float64Array;
  /** Highest bitrate over one chunk (≈ one second), bits per second. */
  maxBitrate: number;
}

export function planChunks(table: SampleTable, timescale: number): ChunkPlan {
  const count = table.count;
  const meanDuration = count > 0 ? table.totalDuration / count : 1;
  const samplesPerChunk = Math.max(1, Math.round(timescale / Math.max(meanDuration, 1)));
  const chunkCount = Math.ceil(count / samplesPerChunk);
  const payloadOffsets = new Float64Array(chunkCount);
  const sizes = table.sizes.view();
  let offset = 0;
  let maxChunkBytes = 0;
  for (let c = 0; c < chunkCount; c++) {
    payloadOffsets[c] = offset;
    const end = Math.min(count, (c + 1) * samplesPerChunk);
    let chunkBytes = 0;
    for (let i = c * samplesPerChunk; i < end; i++) chunkBytes += sizes[i] ?? 0;
    offset += chunkBytes;
    if (end - c * samplesPerChunk === samplesPerChunk && chunkBytes > maxChunkBytes) maxChunkBytes = chunkBytes;
  }
  const chunkSeconds = (samplesPerChunk * meanDuration) / timescale;
  const maxBitrate = maxChunkBytes > 0 ? Math.round((maxChunkBytes * 8) / chunkSeconds) : 0;
  return { samplesPerChunk, payloadOffsets, maxBitrate };
}

function mp4aEntry(aac: AacConfig, table: SampleTable, maxBitrate: number, seconds: number): BoxNode {
  const rate = aac.outputSampleRate <= 0xffff ? aac.outputSampleRate : 0;
  const entry = fields((w) =>
    w
      .zeros(6)
      .u16(1) // data_reference_index
      .zeros(8) // version 0, revision, vendor
      .u16(aac.channels)
      .u16(16) // sample size
      .u32(0) // compression id, packet size
      .u32(rate * 0x10000),
  );
  const avgBitrate = seconds > 0 ? Math.round((table.totalBytes * 8) / seconds) : 0;
  const esds = fullBox('esds', 0, 0, esdsBody({ asc: aac.asc, bufferSize: table.maxSize, maxBitrate: Math.max(maxBitrate, avgBitrate), avgBitrate }));
  return box('mp4a', entry, esds);
}

/** A FullBox with entry count and a table of big-endian 32/64-bit numbers, written in place. */
function tableBox(type: string, entryCount: number, bytesPerEntry: number, write: (view: DataView, at: number) => void): BoxNode {
  return fullBox(
    type,
    0,
    0,
    rawNode(4 + entryCount * bytesPerEntry, (view, at) => {
      view.setUint32(at, entryCount);
      write(view, at + 4);
    }),
  );
}

/**
 * `payloadBase()` is where the payload starts in the file; it is read only when the box is
 * written, after the caller has measured the whole header (chunk offsets do not change sizes).
 */
export function buildStbl(table: SampleTable, aac: AacConfig, timescale: number, plan: ChunkPlan, payloadBase: () => number, wide: boolean): BoxNode {
  const stsd = fullBox('stsd', 0, 0, fields((w) => w.u32(1)), mp4aEntry(aac, table, plan.maxBitrate, table.totalDuration / timescale));

  const runs = table.durationRuns();
  const stts = tableBox('stts', runs.counts.length, 8, (v, at) => {
    for (let i = 0; i < runs.counts.length; i++, at += 8) {
      v.setUint32(at, runs.counts[i] ?? 0);
      v.setUint32(at + 4, runs.deltas[i] ?? 0);
    }
  });

  const chunkCount = plan.payloadOffsets.length;
  const lastChunkSamples = table.count - (chunkCount - 1) * plan.samplesPerChunk;
  const stscEntries: [number, number][] = [[1, plan.samplesPerChunk]];
  if (chunkCount > 1 && lastChunkSamples !== plan.samplesPerChunk) stscEntries.push([chunkCount, lastChunkSamples]);
  if (chunkCount === 1) stscEntries[0] = [1, lastChunkSamples];
  const stsc = tableBox('stsc', stscEntries.length, 12, (v, at) => {
    for (const [first, perChunk] of stscEntries) {
      v.setUint32(at, first);
      v.setUint32(at + 4, perChunk);
      v.setUint32(at + 8, 1);
      at += 12;
    }
  });

  const sizes = table.sizes.view();
  // sample_size 0 (every size is listed), sample_count, then the sizes.
  const stsz = fullBox(
    'stsz',
    0,
    0,
    rawNode(8 + sizes.length * 4, (v, at) => {
      v.setUint32(at, 0);
      v.setUint32(at + 4, sizes.length);
      for (let i = 0, pos = at + 8; i < sizes.length; i++, pos += 4) v.setUint32(pos, sizes[i] ?? 0);
    }),
  );

  const offsets = wide
    ? tableBox('co64', chunkCount, 8, (v, at) => {
        const base = payloadBase();
        for (let c = 0; c < chunkCount; c++, at += 8) v.setBigUint64(at, BigInt(base + (plan.payloadOffsets[c] ?? 0)));
      })
    : tableBox('stco', chunkCount, 4, (v, at) => {
        const base = payloadBase();
        for (let c = 0; c < chunkCount; c++, at += 4) v.setUint32(at, base + (plan.payloadOffsets[c] ?? 0));
      });

  return box('stbl', stsd, stts, stsc, stsz, offsets);
}
