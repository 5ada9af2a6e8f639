import { closeSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRemuxer } from './remuxer';
import { fixtures, scratchDir } from './test-support/fixtures';
import { ffprobe, packetsMd5 } from './test-support/tools';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

function retainedBytes(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Reads a file in fresh `size`-byte buffers, like segments arriving one after another. */
function* pieces(file: string, size: number): Generator<Uint8Array> {
  const fd = openSync(file, 'r');
  try {
    for (;;) {
      const buf = new Uint8Array(size);
      const n = readSync(fd, buf, 0, size, null);
      if (n === 0) return;
      yield buf.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

function copyInto(fd: number, file: string): void {
  for (const piece of pieces(file, 4 * 1024 * 1024)) writeSync(fd, piece);
}

const out = scratchDir();
let source: string;
beforeAll(async () => {
  source = join(await fixtures.twoHourTs(), 'reference.ts');
});

describe('memory', () => {
  it('remuxes a 2-hour TS stream keeping only compact tables (heap growth of a few MB)', async () => {
    const inputBytes = statSync(source).size;
    const dir = out;
    const payloadFile = join(dir, 'payload.bin');
    const payloadFd = openSync(payloadFile, 'w');
    const remuxer = createRemuxer({ input: 'ts' });
    const before = retainedBytes();
    let peak = 0;
    let pushes = 0;
    for (const piece of pieces(source, 1024 * 1024)) {
      await remuxer.push(piece, (chunk) => {
        writeSync(payloadFd, chunk);
      });
      if (++pushes % 10 === 0) peak = Math.max(peak, retainedBytes() - before);
    }
    closeSync(payloadFd);
    const growth = retainedBytes() - before;
    const result = remuxer.finish({ title: 'Two hours' });

    expect(inputBytes).toBeGreaterThan(50 * 1024 * 1024);
    expect(result.payloadBytes).toBeGreaterThan(50 * 1024 * 1024);
    // Sizes (4 B × ~310,000 frames, grown by doubling) plus a carry of less than a packet.
    expect(growth).toBeLessThan(8 * 1024 * 1024);
    expect(peak).toBeLessThan(12 * 1024 * 1024);
    expect(Math.abs(result.durationSec - 7200) / 7200).toBeLessThan(0.005);

    const file = join(dir, 'two-hours.m4a');
    const fd = openSync(file, 'w');
    writeSync(fd, result.header);
    copyInto(fd, payloadFile);
    closeSync(fd);
    const probe = await ffprobe(file);
    expect(probe.stderr).toBe('');
    expect(Math.abs(Number(probe.format.duration) - result.durationSec)).toBeLessThanOrEqual(0.001);
    expect(Math.abs(Number(probe.streams[0]?.duration) - result.durationSec)).toBeLessThan(1e-6);
    expect(await packetsMd5(file)).toBe(await packetsMd5(source, true));
  });
});
