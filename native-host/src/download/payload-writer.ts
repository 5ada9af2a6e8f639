/**
 * The remuxer of a job writing its payload (the audio samples of the final file) straight into
 * final.tmp as media arrives, behind room reserved for the header: when the last segment is in,
 * the header is written in front and the file is complete, without copying the payload (a 2-hour
 * show's 115 MB copy took about a second). Should the header outgrow the room, the payload is moved
 * behind it instead. The payload is not journaled: after a restart it is rebuilt from the part
 * file, which is fast (no network) and gives the same bytes (the reservation is deterministic).
 */
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { DeckhandError } from '../../../shared/errors';
import { createRemuxer } from '../../../shared/media/index';
import type { ByteRun } from '../../../shared/media/mp4/progressive-index';
import type { InputContainer, OutputContainer, Remuxer, RemuxResult, Tags } from '../../../shared/media/types';
import { finalTmpPath, writeFinalTmp } from './final-file';
import { noteChurn } from './memory';
import { readExactly, writeAll } from './part-store';

/** Flush written payload in the background every so often, so the final flush is short. */
const SYNC_EVERY_BYTES = 32 * 1024 * 1024;

/** Bytes to leave for the header of an `output` file of about `durationSec` (undefined: none). */
export type HeaderReservation = (output: OutputContainer, durationSec: number | undefined) => Promise<number | undefined>;

export interface PayloadStart {
  init?: Uint8Array;
  /** Expected duration (a playlist's total), for the header reservation. */
  durationSec?: number;
}

export class PayloadWriter {
  private remuxer: Remuxer | undefined;
  private handle: FileHandle | undefined;
  /** Where the payload starts in final.tmp. */
  private offset = 0;
  private position = 0;
  private unsynced = 0;
  private syncing: Promise<void> | undefined;

  private constructor(
    readonly work: string,
    private readonly reservation: HeaderReservation,
  ) {}

  static create(work: string, reservation: HeaderReservation): PayloadWriter {
    return new PayloadWriter(work, reservation);
  }

  get file(): string {
    return finalTmpPath(this.work);
  }

  get started(): boolean {
    return this.remuxer !== undefined;
  }

  get bytes(): number {
    return this.position;
  }

  /** A fresh final.tmp (a resumed job starts its payload over). */
  async start(input: InputContainer, opts: PayloadStart = {}): Promise<void> {
    const remuxer = createRemuxer({ input, ...(opts.init ? { init: opts.init } : {}) });
    this.offset = (await this.reservation(remuxer.output, opts.durationSec)) ?? 0;
    // A final.tmp left by an earlier run may be hard-linked to a file in the library: unlink it
    // rather than truncate (and so rewrite) that file.
    await rm(this.file, { force: true });
    this.handle = await open(this.file, 'wx');
    this.remuxer = remuxer;
  }

  async push(media: Uint8Array): Promise<void> {
    const { remuxer, handle } = this;
    if (!remuxer || !handle) throw new DeckhandError('internal', 'push() before start()');
    await remuxer.push(media, async (chunk) => {
      await writeAll(handle, chunk, this.offset + this.position);
      this.position += chunk.length;
      noteChurn(chunk.length);
      this.unsynced += chunk.length;
      if (this.unsynced >= SYNC_EVERY_BYTES && !this.syncing) {
        this.unsynced = 0;
        const syncing = handle.datasync().finally(() => (this.syncing = undefined));
        syncing.catch(() => undefined); // a failure here is met again by the final datasync
        this.syncing = syncing;
      }
    });
  }

  /** Push the given ranges of `source`, one piece each, in order (replaying stored media). */
  async replay(source: FileHandle, ranges: Iterable<ByteRun>): Promise<void> {
    let buffer = new Uint8Array(0);
    for (const { offset, length } of ranges) {
      // One buffer reused for every piece: the remuxer copies what it keeps across pushes.
      if (buffer.length < length) buffer = new Uint8Array(Math.max(length, buffer.length * 2));
      const piece = buffer.subarray(0, length);
      await readExactly(source, piece, offset);
      await this.push(piece);
    }
  }

  /** The header with `tags` in front of the payload: final.tmp is then complete and on disk. */
  async finish(tags: Tags): Promise<RemuxResult> {
    const { remuxer, handle } = this;
    if (!remuxer || !handle) throw new DeckhandError('media.no-segments', 'No media was received.');
    const result = remuxer.finish(tags, this.offset > 0 ? { payloadOffset: this.offset } : {});
    if (result.payloadBytes !== this.position) {
      throw new DeckhandError('media.size-mismatch', `Payload ${this.position} bytes, the remuxer counted ${result.payloadBytes}`);
    }
    await this.syncing?.catch(() => undefined);
    if (result.header.length === this.offset) {
      await writeAll(handle, result.header, 0);
      await handle.datasync();
      return result;
    }
    // The header did not fit the room left for it: move the payload behind it.
    await this.close();
    const moved = path.join(this.work, 'payload.bin');
    await rename(this.file, moved);
    await writeFinalTmp(this.work, result.header, moved, result.payloadBytes, this.offset);
    await rm(moved, { force: true });
    return result;
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await this.syncing?.catch(() => undefined);
    await handle?.close();
  }
}
