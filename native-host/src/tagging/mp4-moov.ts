/**
 * Editing an M4A's `moov`: the iTunes item list (moov/udta/meta/ilst) gets new items in place of
 * those of the same identity (the atom type; freeform `----` atoms by mean and name, case-
 * insensitive); every other item (cover, comment, tool, …) and every other box is kept byte for
 * byte. Missing udta/meta/ilst are created. Chunk offsets (stco/co64) are moved by shiftChunkOffsets
 * when the caller has to move the media behind a grown moov.
 */
import { DeckhandError } from '../../../shared/errors';
import { fourcc, u32, u64 } from '../../../shared/media/bytes';
import { box, fields, fullBox, toBytes, type BoxPart } from '../../../shared/media/mp4/box-writer';
import { boxes, child, path as boxPath, root, type Box } from '../../../shared/media/mp4/boxes';

const raw = (buf: Uint8Array, b: Box) => buf.subarray(b.start, b.end);
const ascii = (buf: Uint8Array, from: number, to: number) => new TextDecoder('latin1').decode(buf.subarray(from, to));

/** `----` atoms are told apart by their mean and name; every other item by its type. */
function itemIdentity(buf: Uint8Array, item: Box): string {
  if (item.type !== '----') return item.type;
  let mean = '';
  let name = '';
  for (const b of boxes(buf, item.body, item.end)) {
    // mean and name are full boxes: 4 bytes of version and flags before the text.
    if (b.type === 'mean') mean = ascii(buf, b.body + 4, b.end);
    if (b.type === 'name') name = ascii(buf, b.body + 4, b.end);
  }
  return `----:${mean.toLowerCase()}:${name.toLowerCase()}`;
}

function ilstItems(buf: Uint8Array, ilst: Box | undefined): Box[] {
  return ilst ? [...boxes(buf, ilst.body, ilst.end)] : [];
}

/** QuickTime writes `meta` without the full-box version and flags; iTunes and ffmpeg with them. */
function metaChildrenStart(buf: Uint8Array, meta: Box): number {
  return fourcc(buf, meta.body + 4) === 'hdlr' ? meta.body : meta.body + 4;
}

const ITUNES_HANDLER = () => fullBox('hdlr', 0, 0, fields((w) => w.u32(0).ascii('mdirappl').u32(0).u32(0).u8(0)));

/** The ilst items of `udtaUpdate` (a udta box as shared/media/mp4/ilst.ts builds it). */
function updateItems(udtaUpdate: Uint8Array): { buf: Uint8Array; items: Box[] } {
  const udta = child(udtaUpdate, root(udtaUpdate), 'udta');
  const meta = udta && child(udtaUpdate, udta, 'meta');
  const ilst = meta && child(udtaUpdate, meta, 'ilst', 4);
  return { buf: udtaUpdate, items: ilstItems(udtaUpdate, ilst) };
}

function newIlst(moov: Uint8Array, oldIlst: Box | undefined, udtaUpdate: Uint8Array): BoxPart {
  const update = updateItems(udtaUpdate);
  const replaced = new Set(update.items.map((i) => itemIdentity(update.buf, i)));
  const kept = ilstItems(moov, oldIlst).filter((i) => !replaced.has(itemIdentity(moov, i)));
  return box('ilst', ...kept.map((i) => raw(moov, i)), ...update.items.map((i) => raw(update.buf, i)));
}

function newMeta(moov: Uint8Array, meta: Box | undefined, udtaUpdate: Uint8Array): BoxPart {
  if (!meta) return fullBox('meta', 0, 0, ITUNES_HANDLER(), newIlst(moov, undefined, udtaUpdate));
  const start = metaChildrenStart(moov, meta);
  const kids = [...boxes(moov, start, meta.end)];
  const ilst = kids.find((b) => b.type === 'ilst');
  const parts: BoxPart[] = kids.map((b) => (b === ilst ? newIlst(moov, ilst, udtaUpdate) : raw(moov, b)));
  if (!ilst) parts.push(newIlst(moov, undefined, udtaUpdate));
  if (!kids.some((b) => b.type === 'hdlr')) parts.unshift(ITUNES_HANDLER());
  return box('meta', moov.subarray(meta.body, start), ...parts);
}

function newUdta(moov: Uint8Array, udta: Box | undefined, udtaUpdate: Uint8Array): BoxPart {
  if (!udta) return box('udta', newMeta(moov, undefined, udtaUpdate));
  const kids = [...boxes(moov, udta.body, udta.end)];
  const meta = kids.find((b) => b.type === 'meta');
  const parts: BoxPart[] = kids.map((b) => (b === meta ? newMeta(moov, meta, udtaUpdate) : raw(moov, b)));
  if (!meta) parts.push(newMeta(moov, undefined, udtaUpdate));
  return box('udta', ...parts);
}

/** `moov` (the whole box) with its item list updated from `udtaUpdate`. */
export function rewriteMoov(moov: Uint8Array, udtaUpdate: Uint8Array): Uint8Array {
  const top = [...boxes(moov)];
  const moovBox = top[0];
  if (!moovBox || moovBox.type !== 'moov' || top.length !== 1) throw new DeckhandError('media.corrupt', 'The M4A index (moov) could not be read.');
  if (child(moov, moovBox, 'mvex')) {
    throw new DeckhandError('media.unsupported', 'Fragmented MP4 files are not rewritten (their fragments are addressed from the index).');
  }
  const kids = [...boxes(moov, moovBox.body, moovBox.end)];
  const udta = kids.find((b) => b.type === 'udta');
  const parts: BoxPart[] = kids.map((b) => (b === udta ? newUdta(moov, udta, udtaUpdate) : raw(moov, b)));
  if (!udta) parts.push(newUdta(moov, undefined, udtaUpdate));
  return toBytes(box('moov', ...parts));
}

/**
 * Add `delta` to every chunk offset at or after `from` (the media that moved), in place. A 32-bit
 * table that would overflow is refused: converting it to co64 would change the moov size again.
 */
export function shiftChunkOffsets(moov: Uint8Array, from: number, delta: number): void {
  const view = new DataView(moov.buffer, moov.byteOffset, moov.byteLength);
  const moovBox = [...boxes(moov)][0] as Box;
  for (const trak of boxes(moov, moovBox.body, moovBox.end)) {
    if (trak.type !== 'trak') continue;
    const stbl = boxPath(moov, trak, ['mdia', 'minf', 'stbl']);
    if (!stbl) continue;
    for (const table of boxes(moov, stbl.body, stbl.end)) {
      if (table.type !== 'stco' && table.type !== 'co64') continue;
      const wide = table.type === 'co64';
      const count = u32(moov, table.body + 4);
      const first = table.body + 8;
      if (first + count * (wide ? 8 : 4) > table.end) throw new DeckhandError('media.corrupt', `The ${table.type} table is truncated.`);
      for (let i = 0; i < count; i++) {
        const at = first + i * (wide ? 8 : 4);
        const offset = wide ? u64(moov, at) : u32(moov, at);
        if (offset < from) continue;
        const moved = offset + delta;
        if (wide) {
          view.setUint32(at, Math.floor(moved / 0x1_0000_0000));
          view.setUint32(at + 4, moved >>> 0);
        } else {
          if (moved > 0xffffffff) throw new DeckhandError('media.unsupported', 'The file is too large to grow its index (32-bit chunk offsets).');
          view.setUint32(at, moved);
        }
      }
    }
  }
}
