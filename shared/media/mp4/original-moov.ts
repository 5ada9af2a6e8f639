/**
 * An M4A original (AAC or ALAC, as the artist uploaded it) keeps every box but its tags: its moov
 * is rebuilt from its own children with our `udta` (meta/ilst, chpl) in place of the old one (and
 * of any moov-level `meta`), and the chunk offsets (stco/co64) that point behind the moov are
 * shifted by the moov's change in size. Sample descriptions, sample tables and edit lists stay byte
 * for byte, so the codec, the encoder's priming (edts/elst) and every sample survive.
 */
import { DeckhandError } from '../../errors';
import { u32, u64 } from '../bytes';
import type { Tags } from '../types';
import { box, fullBox, rawNode, type BoxNode, type BoxPart } from './box-writer';
import { boxes, child, children, path, root, type Box } from './boxes';
import { udta } from './ilst';

/** Containers on the way from moov to the chunk offset boxes; everything else is copied as it is. */
const CONTAINERS_TO_STBL = new Set(['trak', 'mdia', 'minf', 'stbl']);

export interface RetaggedMoov {
  moov: Uint8Array;
  /** From mvhd: the presentation duration (after the edit list). */
  durationMs?: number;
}

interface ChunkOffsets {
  /** The stco/co64 box these came from. */
  box: Box;
  offsets: number[];
}

function readChunkOffsets(buf: Uint8Array, stbl: Box): ChunkOffsets | undefined {
  const found = child(buf, stbl, 'stco') ?? child(buf, stbl, 'co64');
  if (!found) return undefined;
  const wide = found.type === 'co64';
  const count = u32(buf, found.body + 4);
  if (found.body + 8 + count * (wide ? 8 : 4) > found.end) throw new DeckhandError('media.corrupt', `the M4A's ${found.type} is truncated`);
  const offsets: number[] = [];
  for (let i = 0, at = found.body + 8; i < count; i++, at += wide ? 8 : 4) offsets.push(wide ? u64(buf, at) : u32(buf, at));
  return { box: found, offsets };
}

function chunkOffsetBox(offsets: readonly number[], wide: boolean, shift: (offset: number) => number): BoxNode {
  const entries = rawNode(offsets.length * (wide ? 8 : 4), (view, at) => {
    for (const [i, offset] of offsets.entries()) {
      const value = shift(offset);
      if (wide) {
        view.setUint32(at + i * 8, Math.floor(value / 0x1_0000_0000));
        view.setUint32(at + i * 8 + 4, value >>> 0);
      } else view.setUint32(at + i * 4, value);
    }
  });
  const count = new Uint8Array(4);
  new DataView(count.buffer).setUint32(0, offsets.length);
  return fullBox(wide ? 'co64' : 'stco', 0, 0, count, entries);
}

function mvhdDurationMs(buf: Uint8Array, moov: Box): number | undefined {
  const mvhd = child(buf, moov, 'mvhd');
  if (!mvhd) return undefined;
  const v1 = buf[mvhd.body] === 1;
  const timescale = u32(buf, mvhd.body + (v1 ? 20 : 12));
  const duration = v1 ? u64(buf, mvhd.body + 24) : u32(buf, mvhd.body + 16);
  return timescale > 0 && duration > 0 ? Math.round((duration * 1000) / timescale) : undefined;
}

/**
 * `moov` is the whole moov box that lay at `moovStart` in the file (ending at moovStart +
 * moov.length); the new moov goes in its place. Offsets at or past its old end move with it.
 */
export function retagMoov(moov: Uint8Array, moovStart: number, tags: Tags): RetaggedMoov {
  const top = child(moov, root(moov), 'moov');
  if (!top) throw new DeckhandError('media.corrupt', 'the M4A has no moov box');
  const oldEnd = moovStart + moov.length;
  const durationMs = mvhdDurationMs(moov, top);
  const chunkTables = children(moov, top, 'trak')
    .map((trak) => {
      const stbl = path(moov, trak, ['mdia', 'minf', 'stbl']);
      return stbl ? readChunkOffsets(moov, stbl) : undefined;
    })
    .filter((t): t is ChunkOffsets => t !== undefined);
  let delta = 0; // read when the offsets are written, once the new moov's size is known
  const shift = (offset: number) => (offset >= oldEnd ? offset + delta : offset);

  const rebuild = (parent: Box, wide: boolean): BoxPart[] => {
    const parts: BoxPart[] = [];
    for (const b of boxes(moov, parent.body, parent.end)) {
      if (parent === top && (b.type === 'udta' || b.type === 'meta')) continue;
      const table = chunkTables.find((t) => t.box.start === b.start);
      if (table) parts.push(chunkOffsetBox(table.offsets, wide || table.box.type === 'co64', shift));
      else if (CONTAINERS_TO_STBL.has(b.type)) parts.push(box(b.type, ...rebuild(b, wide)));
      else parts.push(moov.subarray(b.start, b.end));
    }
    if (parent === top) parts.push(udta(tags, durationMs ?? 0));
    return parts;
  };
  const build = (wide: boolean) => {
    const node = box('moov', ...rebuild(top, wide));
    delta = node.size - moov.length;
    return node;
  };
  let node = build(false);
  const largest = Math.max(0, ...chunkTables.flatMap((t) => t.offsets.map(shift)));
  // 32-bit offsets that would overflow once shifted become 64-bit ones (a larger moov, shifted again).
  if (largest > 0xffffffff) node = build(true);
  const out = new Uint8Array(node.size);
  node.writeTo(out, 0);
  return { moov: out, ...(durationMs !== undefined ? { durationMs } : {}) };
}
