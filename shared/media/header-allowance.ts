/**
 * How much room to leave for the header in front of a payload that is written before the header
 * can be built (the sample count is known only at the end). The estimate errs on the large side:
 * what is left over becomes padding (`free` box, ID3 padding); when it is still too small,
 * finish() says so and the payload is moved behind a header of its natural size.
 */
import type { OutputContainer, Tags } from './types';

/** Fixed boxes and frames (ftyp, mvhd, tkhd, edts/elst, mdia, stsd, hdlr; ID3 header, Xing frame) and slack. */
const BASE_BYTES = 8 * 1024;
/** AAC frames per second at the highest common rate (48 kHz, 1024 samples per frame). */
const MAX_AAC_FRAMES_PER_SECOND = 48_000 / 1024;
/** A chunk per second at most, with a 64-bit offset. */
const CHUNK_BYTES_PER_SECOND = 8;
/** Per text item: atom or frame headers, the freeform name, the encoding byte. */
const ITEM_OVERHEAD = 64;
/** A chapter: start time, title (at most 255 bytes in chpl), CHAP/TIT2 frame headers. */
const CHAPTER_BYTES = 320;

function textBytes(tags: Tags): number {
  let n = 0;
  const add = (v: unknown) => {
    if (v === undefined || v === null) return;
    n += new TextEncoder().encode(String(v)).length + ITEM_OVERHEAD;
  };
  for (const [key, value] of Object.entries(tags)) {
    if (key === 'artwork' || key === 'chapters' || key === 'extra') continue;
    if (Array.isArray(value)) value.forEach(add);
    else add(value);
  }
  for (const [name, value] of Object.entries(tags.extra ?? {})) add(name + value);
  return n;
}

/**
 * Bytes to reserve for the header of a `output` file with these tags, or undefined when it cannot
 * be estimated (an M4A of unknown duration: its index grows with the number of samples).
 */
export function headerAllowance(output: OutputContainer, tags: Tags, durationSec: number | undefined): number | undefined {
  const fixed = BASE_BYTES + textBytes(tags) + (tags.artwork?.data.length ?? 0) + (tags.chapters?.length ?? 0) * CHAPTER_BYTES;
  if (output === 'mp3') return fixed;
  if (durationSec === undefined || !Number.isFinite(durationSec) || durationSec <= 0) return undefined;
  const seconds = durationSec * 1.01 + 10; // playlists round their segment durations
  return fixed + Math.ceil(seconds * (MAX_AAC_FRAMES_PER_SECOND * 4 + CHUNK_BYTES_PER_SECOND));
}
