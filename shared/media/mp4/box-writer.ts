/** Building ISO BMFF boxes from parts (headers are small: sizes always fit 32 bits here). */
import { ByteWriter, concatBytes } from '../bytes';

export function box(type: string, ...parts: Uint8Array[]): Uint8Array {
  const body = concatBytes(parts);
  return concatBytes([new ByteWriter(8).u32(body.length + 8).ascii(type).toBytes(), body]);
}

export function fullBox(type: string, version: number, flags: number, ...parts: Uint8Array[]): Uint8Array {
  return box(type, new ByteWriter(4).u8(version).u24(flags).toBytes(), ...parts);
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
