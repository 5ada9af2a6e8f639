/**
 * The finished file before it gets its name: header ++ payload in final.tmp in the work folder,
 * flushed to disk so that the name, once given, never points at data still in flight. The payload
 * writer normally builds final.tmp in place; writeFinalTmp is its way out when the header outgrew
 * the room reserved for it, and copies the payload behind the header.
 */
import { open, rm } from 'node:fs/promises';
import path from 'node:path';
import { DeckhandError } from '../../../shared/errors';
import { writeAll } from './part-store';

const COPY_CHUNK = 4 * 1024 * 1024;

export function finalTmpPath(work: string): string {
  return path.join(work, 'final.tmp');
}

/** header ++ `payloadBytes` of `payloadFile` read from `payloadOffset`, into a new final.tmp. */
export async function writeFinalTmp(work: string, header: Uint8Array, payloadFile: string, payloadBytes: number, payloadOffset = 0): Promise<string> {
  const tmp = finalTmpPath(work);
  // A final.tmp left by an earlier run may be hard-linked to a file in the library: unlink it
  // rather than truncate (and so rewrite) that file.
  await rm(tmp, { force: true });
  const out = await open(tmp, 'wx');
  try {
    await writeAll(out, header, 0);
    const src = await open(payloadFile, 'r');
    try {
      // Two buffers: the next piece is read while the previous one is written (twice as fast as
      // one buffer on a 2-hour show).
      const buffers = [new Uint8Array(COPY_CHUNK), new Uint8Array(COPY_CHUNK)];
      let writing: Promise<void> = Promise.resolve();
      let offset = 0;
      for (let i = 0; ; i++) {
        const buf = buffers[i % 2] as Uint8Array;
        const { bytesRead } = await src.read(buf, 0, COPY_CHUNK, payloadOffset + offset);
        await writing;
        if (bytesRead === 0) break;
        writing = writeAll(out, buf.subarray(0, bytesRead), header.length + offset);
        writing.catch(() => undefined); // awaited next round; a failed read must not leave it unobserved
        offset += bytesRead;
      }
      if (offset !== payloadBytes) throw new DeckhandError('media.size-mismatch', `Payload file holds ${offset} bytes, expected ${payloadBytes}.`);
    } finally {
      await src.close();
    }
    await out.datasync();
  } finally {
    await out.close();
  }
  return tmp;
}
