/**
 * The LAME extension of an encoder's Xing/Info frame: 36 bytes after the Xing fields holding the
 * encoder delay and padding (samples the encoder added before and after the music). Decoders that
 * honour it (ffmpeg, foobar2000, iTunes, most DJ software) trim those samples, so an MP3 keeps
 * its exact start and length only if our own Info frame carries the extension on. Without it
 * every copy would start ~25 ms late (1105 samples of LAME's usual delay plus the decoder's 529).
 */
import { u32 } from './bytes';
import { xingOffset } from './mpeg-audio';
import type { MpegAudioInfo } from './demux';

export const LAME_TAG_BYTES = 36;
/** Offsets inside the extension. */
const MUSIC_LENGTH_AT = 28;
const TAG_CRC_AT = 34;

const XING_FRAMES = 0x1;
const XING_BYTES = 0x2;
const XING_TOC = 0x4;
const XING_QUALITY = 0x8;

/** Where the Xing fields of a Xing/Info frame end (the LAME extension, if any, starts there). */
function xingFieldsEnd(frame: Uint8Array, info: MpegAudioInfo): number {
  const at = xingOffset(info);
  const flags = u32(frame, at + 4);
  return at + 8 + (flags & XING_FRAMES ? 4 : 0) + (flags & XING_BYTES ? 4 : 0) + (flags & XING_TOC ? 100 : 0) + (flags & XING_QUALITY ? 4 : 0);
}

/**
 * The LAME extension of a Xing/Info frame (a copy), or undefined when there is none: its encoder
 * name must be printable ASCII, as LAME, ffmpeg ("Lavf"/"Lavc") and their forks write it.
 */
export function readLameTag(frame: Uint8Array, info: MpegAudioInfo): Uint8Array | undefined {
  const start = xingFieldsEnd(frame, info);
  if (start + LAME_TAG_BYTES > frame.length) return undefined;
  for (let i = 0; i < 4; i++) {
    const c = frame[start + i] ?? 0;
    if (c < 0x20 || c > 0x7e) return undefined;
  }
  return frame.slice(start, start + LAME_TAG_BYTES);
}

/** CRC-16/ARC (polynomial 0x8005, reflected), the LAME tag's checksum. */
export function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const b of bytes) {
    crc ^= b;
    for (let i = 0; i < 8; i++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

/**
 * Writes `lame` at `at` in our Info frame, with the music length (bytes from the Info frame to the
 * last audio frame) of the new file and the tag CRC over every byte of the frame before the CRC.
 */
export function placeLameTag(frame: Uint8Array, at: number, lame: Uint8Array, musicBytes: number): void {
  frame.set(lame.subarray(0, LAME_TAG_BYTES), at);
  const m = at + MUSIC_LENGTH_AT;
  frame[m] = (musicBytes >>> 24) & 0xff;
  frame[m + 1] = (musicBytes >>> 16) & 0xff;
  frame[m + 2] = (musicBytes >>> 8) & 0xff;
  frame[m + 3] = musicBytes & 0xff;
  const crc = crc16(frame.subarray(0, at + TAG_CRC_AT));
  frame[at + TAG_CRC_AT] = crc >>> 8;
  frame[at + TAG_CRC_AT + 1] = crc & 0xff;
}
