/**
 * Collects the payload pieces one push produces and hands them to the sink in few, large chunks:
 * views that are contiguous in the same buffer merge without copying (an fMP4 trun, a progressive
 * chunk run); small scattered pieces (ADTS frames without their headers) are copied into blocks.
 */
import { concatBytes } from './bytes';
import type { PayloadSink } from './types';

/** Pieces at least this large go to the sink as they are; smaller ones are grouped up to it. */
const BLOCK_BYTES = 256 * 1024;

export class PayloadBatch {
  private runs: Uint8Array[] = [];

  add(view: Uint8Array): void {
    if (view.length === 0) return;
    const last = this.runs[this.runs.length - 1];
    if (last && last.buffer === view.buffer && last.byteOffset + last.length === view.byteOffset) {
      this.runs[this.runs.length - 1] = new Uint8Array(last.buffer, last.byteOffset, last.length + view.length);
    } else {
      this.runs.push(view);
    }
  }

  /** Send everything collected so far, in order, awaiting the sink between chunks. */
  async flushTo(sink: PayloadSink): Promise<void> {
    const runs = this.runs;
    this.runs = [];
    let group: Uint8Array[] = [];
    let groupBytes = 0;
    const sendGroup = async (): Promise<void> => {
      if (group.length === 0) return;
      const chunk = group.length === 1 ? (group[0] as Uint8Array) : concatBytes(group);
      group = [];
      groupBytes = 0;
      await sink(chunk);
    };
    for (const run of runs) {
      if (run.length >= BLOCK_BYTES) {
        await sendGroup();
        await sink(run);
        continue;
      }
      group.push(run);
      groupBytes += run.length;
      if (groupBytes >= BLOCK_BYTES) await sendGroup();
    }
    await sendGroup();
  }
}
