/**
 * tags.write for one file: MP3 (the ID3v2 tag in front is replaced; everything after it, audio and
 * any ID3v1/APE tag at the end, is copied as it is) and M4A (the moov is replaced; when it lies in
 * front of the media and changes size, a `free` box right behind it absorbs the difference, else
 * every chunk offset is moved). Other formats are refused with media.unsupported.
 */
import type { FileHandle } from 'node:fs/promises';
import { DeckhandError } from '../../../shared/errors';
import { buildId3Tag } from '../../../shared/media/id3';
import { toBytes } from '../../../shared/media/mp4/box-writer';
import { udta } from '../../../shared/media/mp4/ilst';
import type { Tags } from '../../../shared/media';
import { id3TagLength, mergeId3 } from './id3-merge';
import { rewriteMoov, shiftChunkOffsets } from './mp4-moov';
import { topLevelBoxes } from '../mp4-top-boxes';
import { readAt, type FileWriter } from './replace-file';

/** How far past an ID3 tag zero padding may run before the first MPEG frame. */
const MAX_GAP = 64 * 1024;
/** The index is read whole: a 3-hour show's is about 2 MB; anything near this is not a music file. */
const MAX_MOOV = 64 * 1024 * 1024;
/** Room left behind a moov that had to grow, so the next edit does not move the media again. */
const MOOV_PADDING = 4096;

export type Rewriter = (source: FileHandle, out: FileWriter, size: number) => Promise<void>;

const isMpegSync = (b: Uint8Array, i: number) => b[i] === 0xff && ((b[i + 1] ?? 0) & 0xe0) === 0xe0;

export async function mp3Rewriter(source: FileHandle, size: number, tags: Tags): Promise<Rewriter> {
  const head = await readAt(source, 0, 10);
  const tagLength = id3TagLength(head) ?? 0;
  if (tagLength > size) throw new DeckhandError('media.corrupt', 'The ID3 tag is longer than the file.');
  const oldTag = tagLength ? await readAt(source, 0, tagLength) : undefined;
  const after = await readAt(source, tagLength, Math.min(MAX_GAP, size - tagLength));
  let first = 0;
  while (first < after.length && after[first] === 0) first++;
  if (!isMpegSync(after, first)) throw new DeckhandError('media.unsupported', 'This is not an MP3 file (no MPEG audio after the tags).');
  const newTag = mergeId3(oldTag, buildId3Tag(tags, 0));
  return async (src, out) => {
    await out.bytes(newTag);
    await out.copy(src, tagLength, size);
  };
}

function freeBoxBytes(length: number): Uint8Array {
  const b = new Uint8Array(length);
  new DataView(b.buffer).setUint32(0, length);
  b.set([0x66, 0x72, 0x65, 0x65], 4); // "free"
  return b;
}

export async function m4aRewriter(source: FileHandle, size: number, tags: Tags): Promise<Rewriter> {
  const top = await topLevelBoxes(source, size, (what) => new DeckhandError('media.corrupt', `The M4A could not be read: ${what}.`));
  if (top[0]?.type !== 'ftyp') throw new DeckhandError('media.unsupported', 'This is not an M4A file (no ftyp box).');
  const moovIndex = top.findIndex((b) => b.type === 'moov');
  const oldMoov = top[moovIndex];
  if (!oldMoov) throw new DeckhandError('media.corrupt', 'The M4A has no index (moov).');
  if (top.some((b) => b.type === 'moof')) throw new DeckhandError('media.unsupported', 'Fragmented MP4 files are not rewritten.');
  if (oldMoov.end - oldMoov.start > MAX_MOOV) throw new DeckhandError('media.unsupported', 'The M4A index is too large to rewrite.');
  const moov = rewriteMoov(await readAt(source, oldMoov.start, oldMoov.end - oldMoov.start), toBytes(udta(tags, 0)));
  const delta = moov.length - (oldMoov.end - oldMoov.start);
  const mediaBehind = top.slice(moovIndex + 1).some((b) => b.type === 'mdat');
  // Room behind the moov: a free/skip box there can take the difference, so no offset moves.
  const next = top[moovIndex + 1];
  const room = next && (next.type === 'free' || next.type === 'skip') ? next : undefined;
  const roomLength = room ? room.end - room.start : 0;
  let resumeAt = oldMoov.end;
  let filler: Uint8Array | undefined;
  if (mediaBehind && delta !== 0) {
    const left = roomLength - delta;
    if (left === 0 || left >= 8) {
      // The free box shrinks or grows (or is created when the moov shrank by 8 bytes or more).
      resumeAt = room ? room.end : oldMoov.end;
      filler = left > 0 ? freeBoxBytes(left) : undefined;
    } else {
      filler = freeBoxBytes(MOOV_PADDING);
      shiftChunkOffsets(moov, oldMoov.end, delta + MOOV_PADDING);
    }
  }
  return async (src, out) => {
    await out.copy(src, 0, oldMoov.start);
    await out.bytes(moov);
    if (filler) await out.bytes(filler);
    await out.copy(src, resumeAt, size);
  };
}
