/**
 * An MP4 file's top-level boxes (ftyp, moov, mdat, free…), read from their headers alone, never the
 * media: used where the host edits a file's moov in place of its old one (a kept original, a
 * re-tagged library file).
 */
import type { FileHandle } from 'node:fs/promises';
import { u32, u64 } from '../../shared/media/bytes';

export interface TopBox {
  type: string;
  start: number;
  end: number;
}

/**
 * `bad(what)` makes the error for a box whose size runs past the end of the file, or for more than
 * `maxBoxes` boxes.
 */
export async function topLevelBoxes(handle: FileHandle, fileSize: number, bad: (what: string) => Error, maxBoxes = Infinity): Promise<TopBox[]> {
  const found: TopBox[] = [];
  for (let start = 0; start + 8 <= fileSize; ) {
    const head = new Uint8Array(Math.min(16, fileSize - start));
    const { bytesRead } = await handle.read(head, 0, head.length, start);
    const type = String.fromCharCode(...head.subarray(4, 8));
    let size = bytesRead < 8 ? 0 : u32(head, 0);
    if (size === 1) size = bytesRead === 16 ? u64(head, 8) : 0;
    else if (size === 0 && bytesRead >= 8) size = fileSize - start;
    if (size < 8 || start + size > fileSize) throw bad(`the MP4 box "${type}" at ${start} runs past the end`);
    found.push({ type, start, end: start + size });
    if (found.length > maxBoxes) throw bad('too many boxes');
    start += size;
  }
  return found;
}
