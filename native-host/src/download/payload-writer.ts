/**
 * The remuxer of a job writing its payload (the audio samples of the final file) to payload.bin in
 * the work folder as media arrives. The payload is not journaled: after a restart it is rebuilt
 * from the part file, which is fast (no network) and gives the same bytes.
 */
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { DeckhandError } from '../../../shared/errors';
import { createRemuxer } from '../../../shared/media/index';
import type { InputContainer, Remuxer, RemuxResult, Tags } from '../../../shared/media/types';
import { noteChurn } from './memory';
import { readExactly, writeAll } from './part-store';

export class PayloadWriter {
  private remuxer: Remuxer | undefined;
  private position = 0;

  private constructor(
    readonly file: string,
    private readonly handle: FileHandle,
  ) {}

  /** An empty payload file (a resumed job starts its payload over). */
  static async create(work: string): Promise<PayloadWriter> {
    const file = path.join(work, 'payload.bin');
    return new PayloadWriter(file, await open(file, 'w'));
  }

  get started(): boolean {
    return this.remuxer !== undefined;
  }

  get bytes(): number {
    return this.position;
  }

  start(input: InputContainer, init?: Uint8Array): void {
    this.remuxer = createRemuxer({ input, ...(init ? { init } : {}) });
  }

  async push(media: Uint8Array): Promise<void> {
    if (!this.remuxer) throw new DeckhandError('internal', 'push() before start()');
    await this.remuxer.push(media, async (chunk) => {
      await writeAll(this.handle, chunk, this.position);
      this.position += chunk.length;
      noteChurn(chunk.length);
    });
  }

  /** Push `sizes` consecutive pieces of `source` starting at `offset` (replaying stored segments). */
  async replay(source: FileHandle, sizes: readonly number[], offset = 0): Promise<void> {
    let buffer = new Uint8Array(0);
    let at = offset;
    for (const size of sizes) {
      // One buffer reused for every piece: the remuxer copies what it keeps across pushes.
      if (buffer.length < size) buffer = new Uint8Array(Math.max(size, buffer.length * 2));
      const piece = buffer.subarray(0, size);
      await readExactly(source, piece, at);
      at += size;
      await this.push(piece);
    }
  }

  finish(tags: Tags): RemuxResult {
    if (!this.remuxer) throw new DeckhandError('media.no-segments', 'No media was received.');
    const result = this.remuxer.finish(tags);
    if (result.payloadBytes !== this.position) {
      throw new DeckhandError('media.size-mismatch', `Payload ${this.position} bytes, the remuxer counted ${result.payloadBytes}`);
    }
    return result;
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}
