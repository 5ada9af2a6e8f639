/**
 * Building ISO BMFF boxes as a tree of sizes and writers: nothing is copied until `toBytes` writes
 * the whole tree once into a buffer of its exact size. (Concatenating at every level copied a
 * 2-hour show's 1.3 MB sample table and the cover about ten times over while the header was built.)
 * Header boxes are small: sizes always fit 32 bits here.
 */
import { DeckhandError } from '../../errors';
import { ByteWriter } from '../bytes';

/** A box (or raw table) of known size that writes itself at `at` in `out`. */
export interface BoxNode {
  readonly size: number;
  writeTo(out: Uint8Array, at: number): void;
}

export type BoxPart = Uint8Array | BoxNode;

function sizeOf(part: BoxPart): number {
  return part instanceof Uint8Array ? part.length : part.size;
}

function writePart(part: BoxPart, out: Uint8Array, at: number): void {
  if (part instanceof Uint8Array) out.set(part, at);
  else part.writeTo(out, at);
}

function writeHeader(out: Uint8Array, at: number, size: number, type: string): void {
  new DataView(out.buffer, out.byteOffset + at, 8).setUint32(0, size);
  for (let i = 0; i < 4; i++) out[at + 4 + i] = type.charCodeAt(i) & 0xff;
}

export function box(type: string, ...parts: BoxPart[]): BoxNode {
  let size = 8;
  for (const p of parts) size += sizeOf(p);
  if (size > 0xffffffff) throw new DeckhandError('media.corrupt', `MP4 box ${type} would exceed 4 GiB`);
  return {
    size,
    writeTo(out, at) {
      writeHeader(out, at, size, type);
      let pos = at + 8;
      for (const p of parts) {
        writePart(p, out, pos);
        pos += sizeOf(p);
      }
    },
  };
}

export function fullBox(type: string, version: number, flags: number, ...parts: BoxPart[]): BoxNode {
  return box(type, new ByteWriter(4).u8(version).u24(flags).toBytes(), ...parts);
}

/** `size` bytes written in place through a DataView (large tables: no intermediate copy). */
export function rawNode(size: number, write: (view: DataView, at: number) => void): BoxNode {
  return {
    size,
    writeTo(out, at) {
      write(new DataView(out.buffer, out.byteOffset, out.byteLength), at);
    },
  };
}

/** A `free` box of exactly `size` bytes (at least 8): room between the index and the media. */
export function freeBox(size: number): BoxNode {
  if (size < 8) throw new DeckhandError('internal', `a free box needs 8 bytes, got ${size}`);
  return box('free', rawNode(size - 8, (view, at) => new Uint8Array(view.buffer, view.byteOffset + at, size - 8).fill(0)));
}

/** The parts laid end to end in one new buffer. */
export function toBytes(...parts: BoxPart[]): Uint8Array {
  let size = 0;
  for (const p of parts) size += sizeOf(p);
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    writePart(p, out, at);
    at += sizeOf(p);
  }
  return out;
}

/** Header of an mdat holding `payloadBytes`, with a 64-bit size when 32 bits do not suffice. */
export function mdatHeader(payloadBytes: number): Uint8Array {
  if (payloadBytes + 8 <= 0xffffffff) return new ByteWriter(8).u32(payloadBytes + 8).ascii('mdat').toBytes();
  return new ByteWriter(16).u32(1).ascii('mdat').u64(payloadBytes + 16).toBytes();
}

/** Shorthand for fixed fields: `fields(w => w.u32(0).u16(1))`. */
export function fields(write: (w: ByteWriter) => unknown): Uint8Array {
  const w = new ByteWriter();
  write(w);
  return w.toBytes();
}
