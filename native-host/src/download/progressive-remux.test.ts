import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headerAllowance } from '../../../shared/media/header-allowance';
import { expectSameAudio } from '../../../shared/media/test-support/checks';
import { fixtures } from '../../../shared/media/test-support/fixtures';
import { fullTags, loadArtwork } from '../../../shared/media/test-support/sample-tags';
import { ffmpeg, ffprobe, topLevelBoxes } from '../../../shared/media/test-support/tools';
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

describe('a fragmented progressive M4A (Mixcloud\'s: init + moof/mdat pairs)', () => {
  // 44.1 kHz with 4 s fragments, and 48 kHz (the most frames per second) with 1 s fragments.
  const sources = [
    ['fmp4Hls', 'reference.mp4'],
    ['fragmented', 'reference.mp4'],
  ] as const;
  it.each(sources)('%s: the room reserved from its fragment headers holds the header, the payload stays put', async (fixture, name) => {
    const source = join(await fixtures[fixture](), name);
    const duration = Number((await ffprobe(source)).format.duration);
    const tags = fullTags(loadArtwork(await fixtures.artwork(), 'jpeg'), 'Am');
    const dir = work();
    copyFileSync(source, PartStore.file(dir));
    const asked: (number | undefined)[] = [];
    let reserved: number | undefined;
    const payload = PayloadWriter.create(dir, async (output, durationSec) => {
      asked.push(durationSec);
      return (reserved = headerAllowance(output, tags, durationSec));
    });
    try {
      expect(await remuxProgressive(dir, undefined, payload)).toBe('m4a');
      const result = await payload.finish(tags);
      // Before: no duration was known for a fragmented file, no room was reserved, and the whole
      // payload was copied behind the header (payload.bin).
      expect(asked).toHaveLength(1);
      expect(asked[0]).toBeCloseTo(duration, 1);
      expect(result.header.length).toBe(reserved);
    } finally {
      await payload.close();
    }
    expect(topLevelBoxes(payload.file)).toEqual(['ftyp', 'moov', 'free', 'mdat']);
    await expectSameAudio(payload.file, { file: source, durationSec: duration }, 'aac');
  });
});
