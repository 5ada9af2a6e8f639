/**
 * Finds self-delimiting audio frames (ADTS, MPEG audio) in a byte stream that arrives in pieces.
 * Frames may straddle pushes: the unfinished tail is kept (copied) until the next push.
 *
 * Sync is "locked" once a frame is followed by another frame (or a tag) with the same fixed header
 * fields; while locked, frames are taken back to back, except a header that turns out to be junk
 * overlapping a real frame (see looksLikeJunk). Anything else (junk between frames, a truncated
 * frame, a lost TS packet) unlocks the scanner, which then skips ID3v2 tags whole (HLS packed
 * audio and MP3 files start with them) and slides byte by byte until a confirmed frame appears.
 * A stream's final frame is emitted as soon as its bytes are in, so nothing is left for finish().
 */
import { concatBytes, EMPTY } from './bytes';

export interface FrameHeader {
  /** Whole frame length in bytes, header included. */
  length: number;
  /** Header fields that must stay constant along the stream (version, layer, rate, channels...). */
  signature: number;
}

export interface FrameSyntax {
  /** Bytes needed to read a header. */
  headerBytes: number;
  /** The header at `pos`, or undefined when the bytes there are not a valid header. */
  parse(buf: Uint8Array, pos: number): FrameHeader | undefined;
}

const ID3_HEADER_BYTES = 10;

/** Total size of an ID3v2 tag starting at pos (header, body, footer), or 0 when there is none. */
export function id3v2TagSize(buf: Uint8Array, pos: number): number {
  if (buf[pos] !== 0x49 || buf[pos + 1] !== 0x44 || buf[pos + 2] !== 0x33) return 0; // "ID3"
  const major = buf[pos + 3] ?? 0xff;
  const revision = buf[pos + 4] ?? 0xff;
  if (major === 0xff || revision === 0xff) return 0;
  let size = 0;
  for (let i = 6; i < 10; i++) {
    const b = buf[pos + i] ?? 0x80;
    if (b & 0x80) return 0;
    size = size * 128 + b;
  }
  const hasFooter = ((buf[pos + 5] ?? 0) & 0x10) !== 0;
  return ID3_HEADER_BYTES + size + (hasFooter ? ID3_HEADER_BYTES : 0);
}

function startsWith(buf: Uint8Array, p: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (buf[p + i] !== text.charCodeAt(i)) return false;
  return true;
}

export class FrameScanner {
  private carry: Uint8Array = EMPTY;
  private locked = false;
  private signature: number | undefined;
  private skipRemaining = 0;
  /** Bytes discarded while searching for sync (not counting ID3 tags). */
  junkBytes = 0;
  frames = 0;

  constructor(
    private readonly syntax: FrameSyntax,
    /** Called with the whole frame (a view, valid until the next push) and its header. */
    private readonly onFrame: (frame: Uint8Array, header: FrameHeader) => void,
  ) {}

  /** Bytes held back waiting for the rest of a frame. */
  get pendingBytes(): number {
    return this.carry.length;
  }

  /** Forget any partial frame and search for sync again (after a gap in the input). */
  resync(): void {
    this.carry = EMPTY;
    this.locked = false;
    this.skipRemaining = 0;
  }

  push(input: Uint8Array): void {
    const buf = this.carry.length === 0 ? input : concatBytes([this.carry, input]);
    const end = buf.length;
    const need = Math.max(this.syntax.headerBytes, ID3_HEADER_BYTES);
    let pos = 0;
    while (pos < end) {
      if (this.skipRemaining > 0) {
        const n = Math.min(this.skipRemaining, end - pos);
        pos += n;
        this.skipRemaining -= n;
        continue;
      }
      if (end - pos < this.syntax.headerBytes) break;
      const header = this.syntax.parse(buf, pos);
      const fits = header !== undefined && (this.signature === undefined || header.signature === this.signature);
      if (header && fits && this.locked) {
        const next = pos + header.length;
        if (next > end) break;
        if (!this.looksLikeJunk(buf, pos, next)) {
          this.emit(buf, pos, header);
          pos = next;
          continue;
        }
      } else if (header && fits) {
        const next = pos + header.length;
        if (next + need > end) break; // cannot confirm yet: wait for more bytes
        if (this.startsFrameOrTag(buf, next, header.signature)) {
          this.locked = true;
          this.signature = header.signature;
          this.emit(buf, pos, header);
          pos = next;
          continue;
        }
      }
      this.locked = false;
      if (end - pos < need) break;
      const tag = id3v2TagSize(buf, pos);
      if (tag > 0) {
        this.skipRemaining = tag;
        continue;
      }
      pos += 1;
      this.junkBytes += 1;
    }
    // Copy the tail so the caller's (possibly large) segment buffer can be released.
    this.carry = pos >= end ? EMPTY : buf.slice(pos);
  }

  /** A frame of this stream, or a tag (ID3v2, ID3v1 "TAG", APEv2 "APETAGEX"), starts at `p`. */
  private startsFrameOrTag(buf: Uint8Array, p: number, signature: number): boolean {
    const h = this.syntax.parse(buf, p);
    if (h && h.signature === signature) return true;
    return id3v2TagSize(buf, p) > 0 || startsWith(buf, p, 'TAG') || startsWith(buf, p, 'APETAGEX');
  }

  /**
   * While locked, a header at a frame boundary is trusted unless what follows it is not a frame
   * and a confirmed frame starts inside it: then it is junk that happens to look like a header.
   * (A real frame followed by junk has no frame starting inside it, so it is kept.)
   */
  private looksLikeJunk(buf: Uint8Array, pos: number, next: number): boolean {
    const signature = this.signature ?? 0;
    if (next + this.syntax.headerBytes > buf.length || this.startsFrameOrTag(buf, next, signature)) return false;
    for (let p = pos + 1; p < next; p++) {
      const h = this.syntax.parse(buf, p);
      if (h && h.signature === signature && p + h.length + this.syntax.headerBytes <= buf.length) {
        const after = this.syntax.parse(buf, p + h.length);
        if (after && after.signature === signature) return true;
      }
    }
    return false;
  }

  private emit(buf: Uint8Array, pos: number, header: FrameHeader): void {
    this.frames += 1;
    this.onFrame(buf.subarray(pos, pos + header.length), header);
  }
}
