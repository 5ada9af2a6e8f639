import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSameAudio } from '../../../shared/media/test-support/checks';
import { fixtures } from '../../../shared/media/test-support/fixtures';
import { ffmpeg, topLevelBoxes } from '../../../shared/media/test-support/tools';
import { PartStore } from './part-store';
import { PayloadWriter } from './payload-writer';
import { remuxProgressive } from './progressive-remux';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

const dirs: string[] = [];
function work(): string {
  const dir = mkdtempSync(join(tmpdir(), 'deckhand-progressive-remux-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

let m4a: string;
let longM4a: string;
beforeAll(async () => {
  m4a = await fixtures.m4a();
  // A 2-hour classic M4A (one mdat, moov at the end), copied from the 2-hour TS fixture.
  const dir = work();
  longM4a = join(dir, 'two-hours.m4a');
  await ffmpeg(['-i', join(await fixtures.twoHourTs(), 'reference.ts'), '-c', 'copy', longM4a]);
}, 120_000);

/** The file as a finished progressive part, remuxed by the host's path into final.tmp. */
async function remuxFile(source: string): Promise<{ file: string; arrayBufferGrowth: number }> {
  const dir = work();
  copyFileSync(source, PartStore.file(dir));
  const payload = PayloadWriter.create(dir, async () => undefined);
  gc();
  const before = process.memoryUsage().arrayBuffers;
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().arrayBuffers - before)), 1);
  try {
    expect(await remuxProgressive(dir, undefined, payload)).toBe('m4a');
    await payload.finish({ title: 'Streamed' });
  } finally {
    clearInterval(sampler);
    await payload.close();
  }
  return { file: payload.file, arrayBufferGrowth: peak };
}

describe('a classic (non-fragmented) progressive M4A', () => {
  it.each(['faststart.m4a', 'moov-at-end.m4a'])('%s is remuxed from its moov and sample ranges, bit-exact', async (name) => {
    const source = join(m4a, name);
    const { file } = await remuxFile(source);
    expect(topLevelBoxes(file)).toEqual(['ftyp', 'moov', 'mdat']);
    await expectSameAudio(file, { file: source, durationSec: 30 }, 'aac');
  });

  it('of two hours never sits in memory whole', async () => {
    const size = statSync(longM4a).size;
    expect(size).toBeGreaterThan(50 * 1024 * 1024);
    const { file, arrayBufferGrowth } = await remuxFile(longM4a);
    // The moov (~1.3 MB), 1 MiB pieces, payload batches and garbage not yet collected (measured
    // ~17 MB); reading the file whole would add its 58 MB.
    expect(arrayBufferGrowth).toBeLessThan(size / 2);
    await expectSameAudio(file, { file: longM4a, durationSec: 7200 }, 'aac');
  }, 120_000);

  it('that is cut short is media.corrupt, not a shorter file', async () => {
    const dir = work();
    const whole = readFileSync(join(m4a, 'faststart.m4a'));
    writeFileSync(PartStore.file(dir), whole.subarray(0, whole.length - 1000));
    const payload = PayloadWriter.create(dir, async () => undefined);
    try {
      await expect(remuxProgressive(dir, undefined, payload)).rejects.toMatchObject({ code: 'media.corrupt' });
    } finally {
      await payload.close();
    }
  });
});
