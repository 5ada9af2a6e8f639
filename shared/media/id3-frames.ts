/**
 * ID3v2.4 frame encoders (UTF-8 text, encoding byte 3; syncsafe sizes; no unsynchronisation).
 * browser-id3-writer is not used: v6.4 writes ID3v2.3 only (UTF-16 text, TYER instead of TDRC,
 * "/"-joined artists) and needs the whole audio file in memory, while we only build the tag.
 */
import { ByteWriter, concatBytes, latin1, utf8 } from './bytes';

const UTF8 = 0x03;

export function syncsafe(n: number): number[] {
  if (n >= 1 << 28) throw new RangeError('ID3 size exceeds 256 MiB');
  return [(n >>> 21) & 0x7f, (n >>> 14) & 0x7f, (n >>> 7) & 0x7f, n & 0x7f];
}

export function frame(id: string, body: Uint8Array): Uint8Array {
  return new ByteWriter(body.length + 10).ascii(id).bytes(new Uint8Array(syncsafe(body.length))).u16(0).bytes(body).toBytes();
}

/** A text frame; several values are NUL-separated (ID3v2.4 §4.2). */
export function textFrame(id: string, values: readonly string[]): Uint8Array {
  return frame(id, concatBytes([new Uint8Array([UTF8]), utf8(values.join('\u0000'))]));
}

export function userTextFrame(description: string, value: string): Uint8Array {
  return frame('TXXX', concatBytes([new Uint8Array([UTF8]), utf8(description), new Uint8Array([0]), utf8(value)]));
}

export function commentFrame(text: string, language = 'eng'): Uint8Array {
  return frame('COMM', concatBytes([new Uint8Array([UTF8]), latin1(language), new Uint8Array([0]), utf8(text)]));
}

/** URL frames are ISO-8859-1; anything outside printable ASCII is percent-encoded. */
export function urlFrame(id: string, url: string): Uint8Array {
  const ascii = url.replace(/[^\x21-\x7e]/gu, (ch) => encodeURIComponent(ch));
  return frame(id, latin1(ascii));
}

/** APIC, picture type 3 (front cover), empty description. */
export function pictureFrame(mime: string, data: Uint8Array): Uint8Array {
  const head = new ByteWriter().u8(UTF8).ascii(mime).u8(0).u8(3).u8(0).toBytes();
  return frame('APIC', concatBytes([head, data]));
}

/** CHAP (ID3v2 Chapter Frame Addendum §3): times in ms, byte offsets unused (0xFFFFFFFF). */
export function chapterFrame(elementId: string, startMs: number, endMs: number, title: string): Uint8Array {
  const w = new ByteWriter().ascii(elementId).u8(0).u32(startMs).u32(endMs).u32(0xffffffff).u32(0xffffffff);
  w.bytes(textFrame('TIT2', [title]));
  return frame('CHAP', w.toBytes());
}

/** CTOC: one top-level, ordered table listing the chapters (at most 255 entries). */
export function tableOfContentsFrame(elementId: string, childIds: readonly string[]): Uint8Array {
  const w = new ByteWriter().ascii(elementId).u8(0).u8(0x03).u8(childIds.length);
  for (const id of childIds) w.ascii(id).u8(0);
  return frame('CTOC', w.toBytes());
}

/** Tag header + frames + zero padding (room for DJ software to add frames without a rewrite). */
export function id3v24Tag(frames: readonly Uint8Array[], padding: number): Uint8Array {
  const body = concatBytes([...frames, new Uint8Array(padding)]);
  return concatBytes([new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, ...syncsafe(body.length)]), body]);
}
