/**
 * A Xing ("Xing" for VBR, "Info" for CBR) header frame placed before the audio frames: frame count,
 * byte count and a 100-point seek table, so players show the exact duration and seek in VBR files
 * without scanning. It is a valid silent Layer III frame that decoders recognise and skip.
 */
import type { MpegAudioInfo } from './demux';
import { LAME_TAG_BYTES, placeLameTag } from './lame-tag';
import { bitrateTable, frameLength, xingOffset } from './mpeg-audio';
import type { SampleTable } from './sample-table';

const FLAG_FRAMES = 0x1;
const FLAG_BYTES = 0x2;
const FLAG_TOC = 0x4;
const FLAG_QUALITY = 0x8;
/** Tag id, flags, frames, bytes, 100-byte TOC. */
const XING_BYTES = 4 + 4 + 4 + 4 + 100;
/** With a LAME extension: the quality field, then the extension. */
const XING_LAME_BYTES = XING_BYTES + 4 + LAME_TAG_BYTES;

function writeU32(b: Uint8Array, o: number, v: number): void {
  b[o] = (v >>> 24) & 0xff;
  b[o + 1] = (v >>> 16) & 0xff;
  b[o + 2] = (v >>> 8) & 0xff;
  b[o + 3] = v & 0xff;
}

function isConstantBitrate(sizes: Uint32Array): boolean {
  // CBR frames differ only by the one padding byte (four for Layer I, which never reaches here).
  let min = Infinity;
  let max = 0;
  for (const s of sizes) {
    if (s < min) min = s;
    if (s > max) max = s;
  }
  return max - min <= 1;
}

/**
 * The Info/Xing frame for these audio frames, or undefined for Layer I/II (no such convention).
 * `lame`: the source's LAME extension (encoder delay and padding), carried on after our fields.
 */
export function buildXingFrame(info: MpegAudioInfo, table: SampleTable, lame?: Uint8Array): Uint8Array | undefined {
  if (info.layer !== 3 || table.count === 0) return undefined;
  const at = xingOffset(info);
  const rates = bitrateTable(info.version, info.layer);
  const needed = at + (lame ? XING_LAME_BYTES : XING_BYTES);
  const fits = (index: number) => frameLength(info, rates[index] ?? 0, 0) >= needed;
  const sizes = table.sizes.view();
  const cbr = isConstantBitrate(sizes);
  // CBR: the stream's own bitrate, because readers that ignore "Info" (exiftool) estimate the
  // duration from the first frame's bitrate. VBR: the smallest frame that holds the tag.
  const streamIndex = info.bitrateIndex - 1;
  const index = cbr && fits(streamIndex) ? streamIndex : rates.findIndex((_, i) => fits(i));
  if (index < 0) return undefined;
  const frame = new Uint8Array(frameLength(info, rates[index] ?? 0, 0));
  const versionBits = info.version === 1 ? 3 : info.version === 2 ? 2 : 0;
  const rateIndex = [44100, 48000, 32000, 22050, 24000, 16000, 11025, 12000, 8000].indexOf(info.sampleRate) % 3;
  frame[0] = 0xff;
  frame[1] = 0xe0 | (versionBits << 3) | (1 << 1) | 1; // Layer III, no CRC
  frame[2] = ((index + 1) << 4) | (rateIndex << 2);
  frame[3] = info.channelMode << 6;

  frame.set(cbr ? [0x49, 0x6e, 0x66, 0x6f] : [0x58, 0x69, 0x6e, 0x67], at); // "Info" / "Xing"
  writeU32(frame, at + 4, FLAG_FRAMES | FLAG_BYTES | FLAG_TOC | (lame ? FLAG_QUALITY : 0));
  writeU32(frame, at + 8, table.count);
  const totalBytes = table.totalBytes + frame.length;
  writeU32(frame, at + 12, totalBytes);
  // TOC: byte position (/256 of the stream) of the frame starting at each percent of the duration.
  let frameIndex = 0;
  let bytesBefore = frame.length;
  for (let percent = 0; percent < 100; percent++) {
    const target = Math.floor((percent * table.count) / 100);
    while (frameIndex < target) bytesBefore += sizes[frameIndex++] ?? 0;
    frame[at + 16 + percent] = Math.min(255, Math.floor((bytesBefore * 256) / totalBytes));
  }
  // The quality field stays 0 (unknown): the encoder's own lies in the source's header frame.
  if (lame) placeLameTag(frame, at + XING_BYTES + 4, lame, totalBytes);
  return frame;
}
