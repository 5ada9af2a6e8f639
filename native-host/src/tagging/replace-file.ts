/**
 * Rewriting a library file safely: the new file is written beside the old one under a hidden
 * temporary name, flushed to disk, given the old file's mode, and renamed over it in one step, so
 * the path always holds either the old file or the complete new one. A file that changed while we
 * worked (another tagger, DJ software) is left alone. Audio bytes are copied in bounded chunks.
 */
import { randomBytes } from 'node:crypto';
import { lstat, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { DeckhandError } from '../../../shared/errors';

const CHUNK = 1024 * 1024;

/** Reads `length` bytes at `position` (fewer at the end of the file). */
export async function readAt(file: FileHandle, position: number, length: number): Promise<Uint8Array> {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await file.read(buf, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return new Uint8Array(buf.buffer, buf.byteOffset, got);
}

/** The output being written: bytes in order, or a range of the source copied as it is. */
export class FileWriter {
  private position = 0;
  constructor(private readonly out: FileHandle) {}

  async bytes(data: Uint8Array): Promise<void> {
    let done = 0;
    while (done < data.length) {
      const { bytesWritten } = await this.out.write(data, done, data.length - done, this.position);
      done += bytesWritten;
      this.position += bytesWritten;
    }
  }

  async copy(source: FileHandle, from: number, to: number): Promise<void> {
    for (let at = from; at < to; at += CHUNK) {
      const chunk = await readAt(source, at, Math.min(CHUNK, to - at));
      if (chunk.length < Math.min(CHUNK, to - at)) throw new DeckhandError('library.io', 'The file got shorter while it was being rewritten.');
      await this.bytes(chunk);
    }
  }

  get written(): number {
    return this.position;
  }
}

/** `.<name>.deckhand-<8 hex>.tmp`: the hidden copy replaceFile writes beside the file it rewrites. */
const TEMP_NAME = /^\..+\.deckhand-[0-9a-f]{8}\.tmp$/;
/** A rewrite takes seconds; a copy this old was left by a host that died mid-write. */
export const STALE_TEMP_MS = 60 * 60 * 1000;

export function isTaggerTemp(name: string): boolean {
  return TEMP_NAME.test(name);
}

/**
 * Remove the tagger's temporary copies among `names` (entries of `dir`) that are older than an hour.
 * Best effort: a copy that cannot be removed now is tried again on the next scan.
 */
export async function removeStaleTemps(dir: string, names: readonly string[], now = Date.now()): Promise<void> {
  for (const name of names.filter(isTaggerTemp)) {
    const file = path.join(dir, name);
    const info = await lstat(file).catch(() => undefined);
    if (info?.isFile() && now - info.mtimeMs > STALE_TEMP_MS) await rm(file, { force: true }).catch(() => undefined);
  }
}

const ioError = (err: unknown, what: string) =>
  err instanceof DeckhandError ? err : new DeckhandError('library.io', `${what}: ${(err as Error).message}`);

/**
 * Replace `target` with what `build` writes (reading the old file through `source`). Returns the
 * new size. On any failure the temporary file is removed and the old file is untouched.
 */
export async function replaceFile(target: string, build: (source: FileHandle, out: FileWriter, size: number) => Promise<void>): Promise<number> {
  const before = await stat(target);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.deckhand-${randomBytes(4).toString('hex')}.tmp`);
  let source: FileHandle | undefined;
  let out: FileHandle | undefined;
  try {
    source = await open(target, 'r');
    out = await open(temp, 'wx', before.mode & 0o777);
    const writer = new FileWriter(out);
    await build(source, writer, before.size);
    await out.sync();
    await out.close();
    out = undefined;
    const now = await stat(target);
    if (now.size !== before.size || now.mtimeMs !== before.mtimeMs || now.ino !== before.ino) {
      throw new DeckhandError('library.io', 'The file changed while its tags were being written; it was left as it is.');
    }
    await rename(temp, target);
    return writer.written;
  } catch (err) {
    await out?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw ioError(err, 'The file could not be rewritten');
  } finally {
    await source?.close().catch(() => undefined);
  }
}
