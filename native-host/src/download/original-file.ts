/**
 * An original file (SoundCloud's download of what the artist uploaded) finished as it is: WAV,
 * AIFF and FLAC are tagged in their own container (RIFF/FORM ID3 chunk, Vorbis comments and a
 * PICTURE block), an M4A (AAC or ALAC) gets a new moov with our ilst (see mp4/original-moov.ts),
 * by writing final.tmp as our header pieces plus byte ranges copied from the part file; the audio
 * is never decoded, remuxed or re-encoded. MP3 originals (and fragmented M4As) are not handled
 * here: the usual progressive path keeps them in their codec (returns undefined).
 */
import { open, rm, type FileHandle } from 'node:fs/promises';
import type { OriginalFormat } from '../../../shared/download';
import { DeckhandError } from '../../../shared/errors';
import { u32, u64 } from '../../../shared/media/bytes';
import { FLAC_MAGIC, flacLayout, parseStreamInfo, readBlockHeader, type FlacBlock } from '../../../shared/media/flac-tags';
import {
  aiffDurationMs, nextChunkOffset, readChunkHeader, riffForm, riffLayout, wavDurationMs, type OriginalPiece, type RiffChunk, type RiffForm,
} from '../../../shared/media/original-layout';
import { retagMoov } from '../../../shared/media/mp4/original-moov';
import { topLevelBoxes } from '../mp4-top-boxes';
import type { Tags } from '../../../shared/media/types';
import { finalTmpPath } from './final-file';
import { PartStore, readExactly, writeAll } from './part-store';

const COPY_CHUNK = 1024 * 1024;
/** More chunks or blocks than this in front of the audio is not a music file. */
const MAX_PARTS = 4096;
/** Largest header body read whole (fmt/COMM/STREAMINFO are tiny). */
const MAX_SMALL_BODY = 1024;
/** Largest moov read whole (a 3-hour ALAC file's sample tables take a few MB; far more is not a music file). */
const MAX_MOOV = 256 * 1024 * 1024;

export type KeptFormat = OriginalFormat | 'm4a';

export interface FinishedOriginal {
  output: KeptFormat;
  bytes: number;
  durationMs?: number;
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Uint8Array> {
  const buf = new Uint8Array(length);
  await readExactly(handle, buf, position);
  return buf;
}

function corrupt(what: string): DeckhandError {
  return new DeckhandError('media.corrupt', `The original file is damaged: ${what} (truncated download?).`);
}

async function riffChunks(handle: FileHandle, form: RiffForm, fileSize: number): Promise<RiffChunk[]> {
  const chunks: RiffChunk[] = [];
  for (let offset = 12; offset + 8 <= fileSize; ) {
    const chunk = readChunkHeader(form, await readAt(handle, offset, 8), offset);
    if (offset + 8 + chunk.size > fileSize) throw corrupt(`chunk "${chunk.id}" runs past the end`);
    chunks.push(chunk);
    if (chunks.length > MAX_PARTS) throw corrupt('too many chunks');
    offset = nextChunkOffset(chunk);
  }
  return chunks;
}

async function riffPieces(handle: FileHandle, form: RiffForm, head: Uint8Array, fileSize: number, tags: Tags): Promise<{ pieces: OriginalPiece[]; durationMs?: number }> {
  const chunks = await riffChunks(handle, form, fileSize);
  const info = chunks.find((c) => c.id === (form === 'wav' ? 'fmt ' : 'COMM'));
  const data = chunks.find((c) => c.id === (form === 'wav' ? 'data' : 'SSND'));
  if (!info || !data || info.size > MAX_SMALL_BODY) throw corrupt(`no ${form === 'wav' ? 'fmt/data' : 'COMM/SSND'} chunk`);
  const body = await readAt(handle, info.offset + 8, info.size);
  const durationMs = form === 'wav' ? wavDurationMs(body, data.size) : aiffDurationMs(body);
  const formType = String.fromCharCode(...head.subarray(8, 12));
  return { pieces: riffLayout(form, formType, chunks, tags, durationMs ?? 0), ...(durationMs !== undefined ? { durationMs } : {}) };
}

async function flacPieces(handle: FileHandle, fileSize: number, tags: Tags): Promise<{ pieces: OriginalPiece[]; durationMs?: number }> {
  const blocks: FlacBlock[] = [];
  let offset = 4;
  for (let last = false; !last; ) {
    if (offset + 4 > fileSize || blocks.length > MAX_PARTS) throw corrupt('metadata blocks run past the end');
    const block = readBlockHeader(await readAt(handle, offset, 4), offset);
    blocks.push(block);
    last = block.last;
    offset += 4 + block.length;
  }
  if (offset > fileSize) throw corrupt('metadata blocks run past the end');
  const first = blocks[0];
  if (first?.type !== 0 || first.length < 18) throw corrupt('no STREAMINFO');
  const info = parseStreamInfo(await readAt(handle, first.offset + 4, first.length));
  const durationMs = info.sampleRate > 0 && info.totalSamples > 0 ? Math.round((info.totalSamples / info.sampleRate) * 1000) : undefined;
  return { pieces: flacLayout(blocks, offset, fileSize, tags), ...(durationMs !== undefined ? { durationMs } : {}) };
}

/** An M4A with our moov; undefined for a fragmented one (its moofs may hold absolute offsets). */
async function m4aPieces(handle: FileHandle, fileSize: number, tags: Tags): Promise<{ pieces: OriginalPiece[]; durationMs?: number } | undefined> {
  const top = await topLevelBoxes(handle, fileSize, corrupt, MAX_PARTS);
  const moov = top.find((b) => b.type === 'moov');
  if (!moov) throw corrupt('no moov box');
  if (top.some((b) => b.type === 'moof')) return undefined;
  if (moov.end - moov.start > MAX_MOOV) throw corrupt('the moov box is implausibly large');
  const retagged = retagMoov(await readAt(handle, moov.start, moov.end - moov.start), moov.start, tags);
  const pieces: OriginalPiece[] = [{ from: 0, length: moov.start }, { bytes: retagged.moov }, { from: moov.end, length: fileSize - moov.end }];
  return { pieces, ...(retagged.durationMs !== undefined ? { durationMs: retagged.durationMs } : {}) };
}

/** Writes the pieces into a new final.tmp, flushed; returns its size. */
async function writePieces(work: string, source: FileHandle, pieces: readonly OriginalPiece[]): Promise<number> {
  const tmp = finalTmpPath(work);
  await rm(tmp, { force: true }); // may be hard-linked to a placed file from an earlier run
  const out = await open(tmp, 'wx');
  let at = 0;
  try {
    const buf = new Uint8Array(COPY_CHUNK);
    for (const piece of pieces) {
      if ('bytes' in piece) {
        await writeAll(out, piece.bytes, at);
        at += piece.bytes.length;
        continue;
      }
      for (let done = 0; done < piece.length; ) {
        const n = Math.min(COPY_CHUNK, piece.length - done);
        await readExactly(source, buf.subarray(0, n), piece.from + done);
        await writeAll(out, buf.subarray(0, n), at);
        done += n;
        at += n;
      }
    }
    await out.datasync();
  } finally {
    await out.close();
  }
  return at;
}

/** The lossless container the part file holds, by its magic bytes. */
export function losslessContainer(head: Uint8Array): OriginalFormat | undefined {
  if (String.fromCharCode(...head.subarray(0, 4)) === FLAC_MAGIC) return 'flac';
  return head.length >= 12 ? riffForm(head) : undefined;
}

/** The container finishOriginal keeps: a lossless one, or an MP4 (ftyp first) as M4A. */
function keptContainer(head: Uint8Array): KeptFormat | undefined {
  return losslessContainer(head) ?? (head.length >= 8 && String.fromCharCode(...head.subarray(4, 8)) === 'ftyp' ? 'm4a' : undefined);
}

async function piecesFor(output: KeptFormat, handle: FileHandle, head: Uint8Array, fileSize: number, tags: Tags) {
  if (output === 'm4a') return m4aPieces(handle, fileSize, tags);
  return output === 'flac' ? flacPieces(handle, fileSize, tags) : riffPieces(handle, output, head, fileSize, tags);
}

/** Tag a downloaded WAV/AIFF/FLAC/M4A original into final.tmp; undefined when it is none of those. */
export async function finishOriginal(work: string, tags: Tags): Promise<FinishedOriginal | undefined> {
  const handle = await open(PartStore.file(work), 'r');
  try {
    const fileSize = (await handle.stat()).size;
    const head = await readAt(handle, 0, Math.min(12, fileSize));
    const output = keptContainer(head);
    if (!output) return undefined;
    const laid = await piecesFor(output, handle, head, fileSize, tags);
    if (!laid) return undefined;
    const { pieces, durationMs } = laid;
    const bytes = await writePieces(work, handle, pieces);
    return { output, bytes, ...(durationMs !== undefined ? { durationMs } : {}) };
  } finally {
    await handle.close();
  }
}
