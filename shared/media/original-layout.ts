/**
 * An original file tagged in its own container, described as pieces to write in order: bytes we
 * made (headers, tags) and ranges copied from the downloaded file (the audio, never touched).
 * WAV gets an `id3 ` chunk and AIFF an `ID3 ` chunk holding an ID3v2.4 tag, which is what
 * Rekordbox, Serato, Traktor and mutagen read in those containers; earlier ID3 chunks are dropped.
 */
import { buildId3Tag } from './id3';
import { ByteWriter, concatBytes, fourcc, latin1, u16, u32 } from './bytes';
import type { Tags } from './types';

export type OriginalPiece = { bytes: Uint8Array } | { from: number; length: number };

export type RiffForm = 'wav' | 'aiff';

export interface RiffChunk {
  id: string;
  /** Offset of the chunk's 8-byte header in the file, and its body size (without the pad byte). */
  offset: number;
  size: number;
}

const MAX_RIFF = 0xffff_ffff;

/** Which RIFF-like form the first 12 bytes announce, if any. */
export function riffForm(head: Uint8Array): RiffForm | undefined {
  const outer = fourcc(head, 0);
  const kind = fourcc(head, 8);
  if (outer === 'RIFF' && kind === 'WAVE') return 'wav';
  if (outer === 'FORM' && (kind === 'AIFF' || kind === 'AIFC')) return 'aiff';
  return undefined;
}

/** A chunk header (8 bytes) at `offset`: WAV sizes are little-endian, AIFF big-endian. */
export function readChunkHeader(form: RiffForm, head: Uint8Array, offset: number): RiffChunk {
  const size = form === 'wav' ? ((head[4] ?? 0) | ((head[5] ?? 0) << 8) | ((head[6] ?? 0) << 16)) + (head[7] ?? 0) * 0x100_0000 : u32(head, 4);
  return { id: fourcc(head, 0), offset, size };
}

/** Where the chunk after `c` starts (chunks are padded to an even length). */
export function nextChunkOffset(c: RiffChunk): number {
  return c.offset + 8 + c.size + (c.size % 2);
}

const isId3Chunk = (id: string) => id.toLowerCase() === 'id3 ';

function chunkHeader(form: RiffForm, id: string, size: number): Uint8Array {
  const w = new ByteWriter(8).bytes(latin1(id));
  if (form === 'aiff') return w.u32(size).toBytes();
  return w.u8(size & 0xff).u8((size >>> 8) & 0xff).u8((size >>> 16) & 0xff).u8((size >>> 24) & 0xff).toBytes();
}

/** Duration from a WAV `fmt ` body and the data size (PCM: bytes ÷ bytes per second). */
export function wavDurationMs(fmt: Uint8Array, dataBytes: number): number | undefined {
  const byteRate = ((fmt[8] ?? 0) | ((fmt[9] ?? 0) << 8) | ((fmt[10] ?? 0) << 16)) + (fmt[11] ?? 0) * 0x100_0000;
  return byteRate > 0 ? Math.round((dataBytes / byteRate) * 1000) : undefined;
}

/** Duration from an AIFF `COMM` body: frames ÷ the 80-bit extended sample rate. */
export function aiffDurationMs(comm: Uint8Array): number | undefined {
  const frames = u32(comm, 2);
  const exponent = (u16(comm, 8) & 0x7fff) - 16383;
  const mantissa = u32(comm, 10) * 0x1_0000_0000 + u32(comm, 14);
  const rate = mantissa * 2 ** (exponent - 63);
  return rate > 0 && Number.isFinite(rate) ? Math.round((frames / rate) * 1000) : undefined;
}

/**
 * The tagged file: the form header with its new size, every chunk but old ID3 ones copied as they
 * are (audio included), and the new ID3 chunk at the end.
 */
export function riffLayout(form: RiffForm, formType: string, chunks: readonly RiffChunk[], tags: Tags, durationMs: number): OriginalPiece[] {
  const tag = buildId3Tag(tags, durationMs);
  const kept = chunks.filter((c) => !isId3Chunk(c.id));
  let size = 4; // the form type
  const pieces: OriginalPiece[] = [];
  for (const c of kept) {
    const length = 8 + c.size + (c.size % 2);
    pieces.push({ from: c.offset, length });
    size += length;
  }
  const id = form === 'wav' ? 'id3 ' : 'ID3 ';
  pieces.push({ bytes: chunkHeader(form, id, tag.length) }, { bytes: tag });
  size += 8 + tag.length;
  if (tag.length % 2) {
    pieces.push({ bytes: new Uint8Array(1) });
    size += 1;
  }
  if (size > MAX_RIFF) throw new RangeError('The file would pass the 4 GiB RIFF limit');
  const outer = form === 'wav' ? 'RIFF' : 'FORM';
  const head = concatBytes([chunkHeader(form, outer, size), latin1(formType)]);
  return [{ bytes: head }, ...pieces];
}
