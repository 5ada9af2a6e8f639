/**
 * Remuxing a downloaded progressive file from the part file in pieces, so memory stays bounded:
 * MPEG audio and ADTS in 1 MiB pieces (their parsers carry frames across pieces), a fragmented
 * M4A (Mixcloud's: init + moof/mdat fragments) fragment by fragment, a classic M4A (one big mdat)
 * by reading its moov and then its samples in ranges of up to 1 MiB.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { DeckhandError } from '../../../shared/errors';
import { sniffContainer } from '../../../shared/hls/playlist';
import { progressiveIndex, type ByteRun } from '../../../shared/media/mp4/progressive-index';
import type { InputContainer } from '../../../shared/media/types';
import { fragmentedDurationSec } from './fragment-duration';
import { PartStore, readExactly } from './part-store';
import type { PayloadWriter } from './payload-writer';

const PIECE_BYTES = 1024 * 1024;
/** A moov (the index of a classic M4A) larger than this is refused: hours of audio need ~2 MB. */
const MAX_MOOV_BYTES = 64 * 1024 * 1024;

export interface TopBox {
  type: string;
  offset: number;
  size: number;
}

/** The top-level boxes of an MP4 file, from their headers only. */
export async function topLevelBoxes(handle: FileHandle, fileSize: number): Promise<TopBox[]> {
  const boxes: TopBox[] = [];
  const head = Buffer.alloc(16);
  for (let offset = 0; offset < fileSize; ) {
    const want = Math.min(16, fileSize - offset);
    if (want < 8) throw new DeckhandError('media.corrupt', `Stray ${want} bytes at the end of the M4A.`);
    await readExactly(handle, head.subarray(0, want), offset);
    let size = head.readUInt32BE(0);
    const type = head.toString('latin1', 4, 8);
    if (size === 1 && want === 16) size = Number(head.readBigUInt64BE(8));
    else if (size === 0) size = fileSize - offset;
    if (size < 8 || offset + size > fileSize) throw new DeckhandError('media.corrupt', `The M4A box "${type}" at ${offset} runs past the end (truncated download?).`);
    boxes.push({ type, offset, size });
    offset += size;
  }
  return boxes;
}

/** Consecutive pieces of the given sizes from `from` on. */
export function* consecutive(sizes: Iterable<number>, from: number): Generator<ByteRun> {
  let offset = from;
  for (const length of sizes) {
    yield { offset, length };
    offset += length;
  }
}

/** Sizes of consecutive pieces covering [from, to). */
function* pieces(from: number, to: number, size = PIECE_BYTES): Generator<number> {
  for (let at = from; at < to; at += size) yield Math.min(size, to - at);
}

async function remuxM4a(handle: FileHandle, fileSize: number, payload: PayloadWriter): Promise<void> {
  const boxes = await topLevelBoxes(handle, fileSize);
  const moofBoxes = boxes.filter((b) => b.type === 'moof');
  const moofs = moofBoxes.map((b) => b.offset);
  const first = moofs[0];
  if (first !== undefined) {
    const init = new Uint8Array(first);
    await readExactly(handle, init, 0);
    // Its duration (from the fragment headers) sizes the room for the header, as for a classic M4A.
    const durationSec = await fragmentedDurationSec(handle, init, moofBoxes);
    await payload.start('fmp4', { init, ...(durationSec !== undefined ? { durationSec } : {}) });
    const bounds = [...moofs, fileSize];
    await payload.replay(handle, consecutive(moofs.map((start, i) => (bounds[i + 1] as number) - start), first));
    return;
  }
  // A classic M4A: its index (moov) in memory, its samples read range by range wherever they lie.
  const moovBox = boxes.find((b) => b.type === 'moov');
  if (!moovBox) throw new DeckhandError('media.corrupt', 'The M4A has no moov box (truncated download?).');
  if (moovBox.size > MAX_MOOV_BYTES) throw new DeckhandError('media.unsupported', `The M4A index is ${moovBox.size} bytes, too large to read.`);
  const moov = new Uint8Array(moovBox.size);
  await readExactly(handle, moov, moovBox.offset);
  const index = progressiveIndex(moov);
  await payload.start('m4a', { init: moov, durationSec: index.durationSec });
  await payload.replay(handle, index.runs(PIECE_BYTES, fileSize));
}

/** Feed the finished part file of a progressive download to the payload writer. */
export async function remuxProgressive(work: string, declared: InputContainer | undefined, payload: PayloadWriter): Promise<InputContainer> {
  const handle = await open(PartStore.file(work), 'r');
  try {
    const fileSize = (await handle.stat()).size;
    const head = new Uint8Array(Math.min(512, fileSize));
    await readExactly(handle, head, 0);
    const sniffed = sniffContainer(head);
    if (sniffed === 'html') throw new DeckhandError('media.bad-content-type', 'The file is a web page, not audio.');
    const container = sniffed ?? declared;
    if (!container) throw new DeckhandError('media.unsupported', 'The file is in an unknown format.');
    if (container === 'm4a' || container === 'fmp4') {
      await remuxM4a(handle, fileSize, payload);
    } else {
      await payload.start(container);
      await payload.replay(handle, consecutive(pieces(0, fileSize), 0));
    }
    return container;
  } finally {
    await handle.close();
  }
}
