/**
 * The part file of a job and the journal that vouches for it. Media is appended in order; every
 * half second (not per segment: a 2-hour show has 720) the data is flushed to disk and then the
 * journal is replaced, so a crash loses at most that half second of transfer and never leaves a
 * journal ahead of its data.
 */
import { constants } from 'node:fs';
import { open, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { DeckhandError } from '../../../shared/errors';
import { saveJournal, saveJournalText, storedBytes, type Journal } from './journal';

const CHECKPOINT_MS = 500;

export async function writeAll(handle: FileHandle, data: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < data.length) {
    const { bytesWritten } = await handle.write(data, done, data.length - done, position + done);
    done += bytesWritten;
  }
}

/** Reads exactly `buf.length` bytes at `position`, or throws (a part file shorter than its journal). */
export async function readExactly(handle: FileHandle, buf: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < buf.length) {
    const { bytesRead } = await handle.read(buf, done, buf.length - done, position + done);
    if (bytesRead === 0) throw new DeckhandError('media.size-mismatch', 'The part file is shorter than its journal.');
    done += bytesRead;
  }
}

export class PartStore {
  private lastCheckpoint = Date.now();
  private flushing: Promise<void> | undefined;

  private constructor(
    readonly work: string,
    readonly journal: Journal,
    readonly handle: FileHandle,
    private position: number,
  ) {}

  static file(work: string): string {
    return path.join(work, 'data.part');
  }

  /**
   * Opens the part file at the end of what the journal vouches for (anything after it is dropped).
   * A part file shorter than that (lost on a power cut) starts the job over.
   */
  static async open(work: string, journal: Journal): Promise<PartStore> {
    const file = PartStore.file(work);
    let handle = await open(file, constants.O_RDWR | constants.O_CREAT);
    let position = storedBytes(journal);
    if ((await handle.stat()).size < position) {
      await handle.close();
      await rm(file, { force: true });
      handle = await open(file, 'w+');
      journal.sizes = [];
      journal.received = 0;
      journal.hasInit = false;
      position = 0;
    }
    await handle.truncate(position);
    return new PartStore(work, journal, handle, position);
  }

  get bytes(): number {
    return this.position;
  }

  /** Append `data`; `account` records it in the journal (a segment size, or progressive bytes). */
  async append(data: Uint8Array, account: (j: Journal) => void): Promise<void> {
    await writeAll(this.handle, data, this.position);
    this.position += data.length;
    account(this.journal);
    if (!this.flushing && Date.now() - this.lastCheckpoint >= CHECKPOINT_MS) {
      // Flushing can take tens of ms on a busy disk: it runs beside the download, one at a time,
      // for a snapshot of the journal taken now (the flush covers at least the data it lists).
      this.lastCheckpoint = Date.now();
      const flushing = this.flush(JSON.stringify(this.journal)).finally(() => (this.flushing = undefined));
      flushing.catch(() => undefined); // a failure here is met again by the next checkpoint()
      this.flushing = flushing;
    }
  }

  /** Wait for a background flush, then flush the data and record it in the journal. */
  async checkpoint(): Promise<void> {
    await this.settled();
    this.lastCheckpoint = Date.now();
    await this.flush(JSON.stringify(this.journal));
  }

  private async flush(snapshot: string): Promise<void> {
    await this.handle.datasync();
    await saveJournalText(this.work, snapshot);
  }

  private async settled(): Promise<void> {
    await this.flushing?.catch(() => undefined);
  }

  /** Forget everything stored (the server sent a different file). */
  async reset(): Promise<void> {
    await this.settled();
    await this.handle.truncate(0);
    this.position = 0;
    this.journal.sizes = [];
    this.journal.received = 0;
    await saveJournal(this.work, this.journal);
  }

  async close(): Promise<void> {
    await this.settled();
    await this.handle.close();
  }
}
