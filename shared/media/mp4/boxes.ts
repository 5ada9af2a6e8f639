/** Reading ISO BMFF boxes in a Uint8Array: iterate children, find paths; malformed sizes are media.corrupt. */
import { DeckhandError } from '../../errors';
import { fourcc, u32, u64 } from '../bytes';

export interface Box {
  type: string;
  /** Offset of the box's first byte. */
  start: number;
  /** Offset of the payload (after size, type and any largesize). */
  body: number;
  /** Offset just past the box. */
  end: number;
}

/** Boxes laid end to end in [from, to). A box running past `to` is corrupt (a truncated file). */
export function* boxes(buf: Uint8Array, from = 0, to = buf.length): Generator<Box> {
  let pos = from;
  while (pos + 8 <= to) {
    let size = u32(buf, pos);
    const type = fourcc(buf, pos + 4);
    let body = pos + 8;
    if (size === 1) {
      if (pos + 16 > to) throw new DeckhandError('media.corrupt', `MP4 box ${type} is truncated`);
      size = u64(buf, pos + 8);
      body = pos + 16;
    } else if (size === 0) {
      size = to - pos;
    }
    if (size < body - pos || pos + size > to) {
      throw new DeckhandError('media.corrupt', `MP4 box "${printable(type)}" at ${pos} has a bad size (${size})`);
    }
    yield { type, start: pos, body, end: pos + size };
    pos += size;
  }
}

export function child(buf: Uint8Array, parent: Box, type: string, skip = 0): Box | undefined {
  for (const b of boxes(buf, parent.body + skip, parent.end)) if (b.type === type) return b;
  return undefined;
}

export function children(buf: Uint8Array, parent: Box, type: string): Box[] {
  const out: Box[] = [];
  for (const b of boxes(buf, parent.body, parent.end)) if (b.type === type) out.push(b);
  return out;
}

/** Follow a path of container boxes, e.g. ['mdia', 'minf', 'stbl']. */
export function path(buf: Uint8Array, parent: Box, types: readonly string[]): Box | undefined {
  let at: Box | undefined = parent;
  for (const t of types) {
    if (!at) return undefined;
    at = child(buf, at, t);
  }
  return at;
}

/** The top level as a pseudo-box, so `child`/`path` work from the file root. */
export function root(buf: Uint8Array): Box {
  return { type: '', start: 0, body: 0, end: buf.length };
}

function printable(type: string): string {
  return type.replace(/[^\x20-\x7e]/g, '?');
}
