/**
 * Width, height and colour depth of a cover image from its own header (PNG IHDR, JPEG SOFn), for
 * the FLAC PICTURE block, whose readers show these fields instead of decoding the image. Only
 * the header is read; an image we cannot measure gets zeros (the spec's "unknown").
 */
import { u16, u32 } from './bytes';

export interface ImageSize {
  width: number;
  height: number;
  /** Bits per pixel. */
  depth: number;
  /** Palette entries of an indexed-colour image, 0 otherwise. */
  colors: number;
}

export const UNKNOWN_SIZE: ImageSize = { width: 0, height: 0, depth: 0, colors: 0 };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Samples per pixel by PNG colour type (0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA). */
const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** Chunks walked looking for PLTE before giving up (it precedes IDAT, after a few small chunks). */
const MAX_PNG_CHUNKS = 64;

function chunkType(b: Uint8Array, o: number): string {
  return String.fromCharCode(b[o] ?? 0, b[o + 1] ?? 0, b[o + 2] ?? 0, b[o + 3] ?? 0);
}

function pngSize(b: Uint8Array): ImageSize | undefined {
  if (b.length < 33 || !PNG_SIGNATURE.every((v, i) => b[i] === v) || chunkType(b, 12) !== 'IHDR') return undefined;
  const bitDepth = b[24] ?? 0;
  const colorType = b[25] ?? 0;
  const channels = PNG_CHANNELS[colorType];
  if (channels === undefined) return undefined;
  let colors = 0;
  if (colorType === 3) {
    // PLTE sits between IHDR and the first IDAT; its length is three bytes per entry.
    for (let o = 33, n = 0; o + 8 <= b.length && n < MAX_PNG_CHUNKS; n++) {
      const length = u32(b, o);
      const type = chunkType(b, o + 4);
      if (type === 'PLTE') colors = Math.floor(length / 3);
      if (type === 'PLTE' || type === 'IDAT') break;
      o += 12 + length;
    }
  }
  return { width: u32(b, 16), height: u32(b, 20), depth: bitDepth * channels, colors };
}

/** SOFn markers (C0–CF except DHT C4, JPG C8 and DAC CC) carry the frame's size. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function jpegSize(b: Uint8Array): ImageSize | undefined {
  if (b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  for (let o = 2; o + 4 <= b.length; ) {
    if (b[o] !== 0xff) return undefined;
    const marker = b[o + 1] ?? 0;
    if (marker === 0xff) {
      o += 1; // fill byte
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined; // end of image / scan data before any frame
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      o += 2; // standalone markers carry no length
      continue;
    }
    const length = u16(b, o + 2);
    if (isStartOfFrame(marker)) {
      if (o + 10 > b.length) return undefined;
      const precision = b[o + 4] ?? 0;
      const components = b[o + 9] ?? 0;
      return { width: u16(b, o + 7), height: u16(b, o + 5), depth: precision * components, colors: 0 };
    }
    if (length < 2) return undefined;
    o += 2 + length;
  }
  return undefined;
}

/** The image's size from its header, or zeros when it is neither a readable PNG nor JPEG. */
export function imageSize(data: Uint8Array): ImageSize {
  return pngSize(data) ?? jpegSize(data) ?? UNKNOWN_SIZE;
}
