/**
 * Merging new ID3v2.4 frames into a file's existing ID3v2 tag: frames we set replace the file's
 * frames of the same identity (the frame id; TXXX by description, case-insensitive), every other
 * frame (APIC, COMM, PRIV, GEOB, …) is kept byte for byte. The result is always ID3v2.4:
 *  - v2.4 frames are copied raw (unsynchronisation and compression are per frame in v2.4);
 *  - v2.3 frames are converted: whole-tag unsynchronisation undone, plain sizes made syncsafe,
 *    flags moved to their v2.4 bits, compressed frames inflated, TYER(+TDAT) → TDRC, TORY → TDOR;
 *  - v2.2 tags (three-letter ids) and encrypted v2.3 frames are refused rather than lost.
 */
import { inflateSync } from 'node:zlib';
import { DeckhandError } from '../../../shared/errors';
import { concatBytes } from '../../../shared/media/bytes';
import { id3v24Tag, syncsafe } from '../../../shared/media/id3-frames';

export interface RawFrame {
  id: string;
  /** The whole frame as it goes into a v2.4 tag (header + body). */
  bytes: Uint8Array;
  /** The body without header, unsynchronisation or data length indicator when readable; undefined when compressed/encrypted. */
  body?: Uint8Array;
}

const HEADER = 10;
/** Room left after the frames for DJ software to add frames in place. */
export const ID3_PADDING = 4096;

const readSyncsafe = (b: Uint8Array, o: number) => ((b[o]! & 0x7f) << 21) | ((b[o + 1]! & 0x7f) << 14) | ((b[o + 2]! & 0x7f) << 7) | (b[o + 3]! & 0x7f);
const readU32 = (b: Uint8Array, o: number) => ((b[o]! << 24) >>> 0) + (b[o + 1]! << 16) + (b[o + 2]! << 8) + b[o + 3]!;
const isFrameId = (b: Uint8Array, o: number) => o + 4 <= b.length && [0, 1, 2, 3].every((i) => /[A-Z0-9]/.test(String.fromCharCode(b[o + i]!)));

/** The whole tag's length (header, body, footer) when `head` starts with an ID3v2 header. */
export function id3TagLength(head: Uint8Array): number | undefined {
  if (head.length < HEADER || head[0] !== 0x49 || head[1] !== 0x44 || head[2] !== 0x33) return undefined;
  const footer = head[3] === 4 && (head[5]! & 0x10) !== 0 ? HEADER : 0;
  return HEADER + readSyncsafe(head, 6) + footer;
}

/** Undo unsynchronisation: every 0xFF 0x00 pair loses its 0x00. */
export function deunsync(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length);
  let n = 0;
  for (let i = 0; i < b.length; i++) {
    out[n++] = b[i]!;
    if (b[i] === 0xff && b[i + 1] === 0x00) i++;
  }
  return out.subarray(0, n);
}

function frameBytes(id: string, flags: [number, number], body: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEADER + body.length);
  for (let i = 0; i < 4; i++) out[i] = id.charCodeAt(i);
  out.set(syncsafe(body.length), 4);
  out[8] = flags[0];
  out[9] = flags[1];
  out.set(body, HEADER);
  return out;
}

/** v2.4 sizes should be syncsafe; some writers put plain sizes there. Take the reading that lands on a frame. */
function frameSize24(b: Uint8Array, o: number): number {
  const safe = readSyncsafe(b, o + 4);
  const plain = readU32(b, o + 4);
  if (safe === plain) return safe;
  const landsWell = (size: number) => {
    const next = o + HEADER + size;
    return next === b.length || (next < b.length && (b[next] === 0 || isFrameId(b, next)));
  };
  return landsWell(safe) || !landsWell(plain) ? safe : plain;
}

function readable24(flags: number, body: Uint8Array): Uint8Array | undefined {
  if (flags & 0x0c) return undefined; // compressed or encrypted
  let b = flags & 0x40 ? body.subarray(1) : body; // group id
  if (flags & 0x01) b = b.subarray(4); // data length indicator
  return flags & 0x02 ? deunsync(b) : b;
}

function frames24(tag: Uint8Array, from: number, to: number): RawFrame[] {
  const out: RawFrame[] = [];
  let o = from;
  while (o + HEADER <= to && isFrameId(tag, o)) {
    const size = frameSize24(tag, o);
    if (o + HEADER + size > to) throw new DeckhandError('media.corrupt', `ID3 frame at ${o} runs past the tag`);
    const id = String.fromCharCode(...tag.subarray(o, o + 4));
    const body = tag.subarray(o + HEADER, o + HEADER + size);
    const flags: [number, number] = [tag[o + 8]!, tag[o + 9]!];
    // Re-encode with a syncsafe size: copies a well-formed frame as it was, repairs a plain size.
    out.push({ id, bytes: frameBytes(id, flags, body), body: readable24(flags[1], body) });
    o += HEADER + size;
  }
  return out;
}

/** v2.3 frames whose meaning moved in v2.4; TDAT/TIME/TRDA/TSIZ are folded into TDRC or dropped (v2.4 has no such frames). */
const DROPPED_V23 = new Set(['TDAT', 'TIME', 'TRDA', 'TSIZ']);

function frames23(tag: Uint8Array, from: number, to: number): RawFrame[] {
  const out: RawFrame[] = [];
  const bodies = new Map<string, Uint8Array>();
  let o = from;
  while (o + HEADER <= to && isFrameId(tag, o)) {
    const size = readU32(tag, o + 4);
    if (o + HEADER + size > to) throw new DeckhandError('media.corrupt', `ID3 frame at ${o} runs past the tag`);
    let id = String.fromCharCode(...tag.subarray(o, o + 4));
    const [status, format] = [tag[o + 8]!, tag[o + 9]!];
    let body = tag.subarray(o + HEADER, o + HEADER + size);
    o += HEADER + size;
    if (format & 0x40) throw new DeckhandError('media.unsupported', `The file's ID3v2.3 tag has an encrypted ${id} frame; it is not rewritten.`);
    let group: number | undefined;
    if (format & 0x80) body = body.subarray(4); // decompressed size, then zlib data (the group byte follows the size)
    if (format & 0x20) [group, body] = [body[0], body.subarray(1)];
    if (format & 0x80) body = new Uint8Array(inflateSync(body));
    bodies.set(id, body);
    if (DROPPED_V23.has(id)) continue;
    if (id === 'TYER') id = 'TDRC';
    if (id === 'TORY') id = 'TDOR';
    const status24 = ((status & 0x80) >> 1) | ((status & 0x40) >> 1) | ((status & 0x20) >> 1);
    const full = group === undefined ? body : concatBytes([Uint8Array.of(group), body]);
    out.push({ id, bytes: frameBytes(id, [status24, group === undefined ? 0 : 0x40], full), body });
  }
  return withFullDate(out, bodies);
}

/** TYER "2019" + TDAT "1705" (DDMM) → TDRC "2019-05-17", as v2.4 writes a date. */
function withFullDate(frames: RawFrame[], bodies: Map<string, Uint8Array>): RawFrame[] {
  const year = bodies.get('TYER');
  const ddmm = bodies.get('TDAT');
  if (!year || !ddmm) return frames;
  const y = new TextDecoder('latin1').decode(year.subarray(1)).replace(/\0/g, '').trim();
  const d = new TextDecoder('latin1').decode(ddmm.subarray(1)).replace(/[^0-9]/g, '');
  if (!/^\d{4}$/.test(y) || !/^\d{4}$/.test(d)) return frames;
  const body = concatBytes([Uint8Array.of(0), new TextEncoder().encode(`${y}-${d.slice(2, 4)}-${d.slice(0, 2)}`)]);
  return frames.map((f) => (f.id === 'TDRC' ? { id: 'TDRC', bytes: frameBytes('TDRC', [0, 0], body), body } : f));
}

/** The frames of a whole ID3v2 tag (header included), as v2.4 frames. */
export function readId3Frames(tag: Uint8Array): RawFrame[] {
  const version = tag[3];
  const flags = tag[5]!;
  const end = Math.min(tag.length, HEADER + readSyncsafe(tag, 6));
  if (version === 4) {
    const ext = flags & 0x40 ? readSyncsafe(tag, HEADER) : 0;
    return frames24(tag, HEADER + ext, end);
  }
  if (version === 3) {
    const body = flags & 0x80 ? deunsync(tag.subarray(HEADER, end)) : tag.subarray(HEADER, end);
    const ext = flags & 0x40 ? 4 + readU32(body, 0) : 0;
    return frames23(body, ext, body.length);
  }
  throw new DeckhandError('media.unsupported', `The file has an ID3v2.${version} tag; only ID3v2.3 and v2.4 tags are rewritten.`);
}

/** TXXX description (encoding byte, then text up to the terminator), lower-cased. */
function userTextName(body: Uint8Array): string {
  const enc = body[0];
  const rest = body.subarray(1);
  if (enc === 1 || enc === 2) {
    let end = 0;
    while (end + 1 < rest.length && !(rest[end] === 0 && rest[end + 1] === 0)) end += 2;
    const bytes = rest.subarray(0, end);
    const label = enc === 2 ? 'utf-16be' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-16le';
    return new TextDecoder(label).decode(bytes).replace(/^\ufeff/, '').toLowerCase();
  }
  const end = rest.indexOf(0);
  const bytes = end < 0 ? rest : rest.subarray(0, end);
  return new TextDecoder(enc === 3 ? 'utf-8' : 'latin1').decode(bytes).toLowerCase();
}

function identity(frame: RawFrame): string {
  if (frame.id === 'TXXX' && frame.body) return `TXXX:${userTextName(frame.body)}`;
  return frame.id;
}

/**
 * The new tag: the old tag's frames minus those `update` replaces, then `update`'s frames.
 * Setting the key (TKEY) also retires an old TXXX:INITIALKEY, which would contradict it.
 */
export function mergeId3(oldTag: Uint8Array | undefined, update: Uint8Array): Uint8Array {
  const fresh = readId3Frames(update);
  const replaced = new Set(fresh.map(identity));
  if (replaced.has('TKEY')) replaced.add('TXXX:initialkey');
  const kept = oldTag ? readId3Frames(oldTag).filter((f) => !replaced.has(identity(f))) : [];
  return id3v24Tag([...kept, ...fresh].map((f) => f.bytes), ID3_PADDING);
}
