import { existsSync, linkSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSameAudio } from '../../../shared/media/test-support/checks';
import { fixtures, segmentFiles } from '../../../shared/media/test-support/fixtures';
import { packetCount, topLevelBoxes } from '../../../shared/media/test-support/tools';
import { PayloadWriter, type HeaderReservation } from './payload-writer';

const dirs: string[] = [];
function work(): string {
  const dir = mkdtempSync(join(tmpdir(), 'deckhand-payload-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

let hls: string;
let duration: number;
beforeAll(async () => {
  hls = await fixtures.tsHls();
  duration = ((await packetCount(join(hls, 'reference.ts'))) * 1024) / 44100;
});

async function writeShow(dir: string, reservation: HeaderReservation): Promise<{ headerBytes: number; file: string }> {
  const payload = PayloadWriter.create(dir, reservation);
  try {
    await payload.start('ts', { durationSec: duration });
    for (const f of segmentFiles(hls, '.ts')) await payload.push(new Uint8Array(readFileSync(f)));
    const result = await payload.finish({ title: 'Reserved' });
    return { headerBytes: result.header.length, file: payload.file };
  } finally {
    await payload.close();
  }
}

describe('PayloadWriter', () => {
  it('writes the payload behind the reserved room and the header in front: final.tmp is complete', async () => {
    const dir = work();
    const { headerBytes, file } = await writeShow(dir, async () => 64 * 1024);
    expect(headerBytes).toBe(64 * 1024);
    expect(topLevelBoxes(file)).toEqual(['ftyp', 'moov', 'free', 'mdat']);
    await expectSameAudio(file, { file: join(hls, 'reference.ts'), durationSec: duration, adts: true }, 'aac');
  });

  it('moves the payload behind a header that outgrew its room, leaving no stray file', async () => {
    const dir = work();
    const { headerBytes, file } = await writeShow(dir, async () => 100);
    expect(headerBytes).toBeGreaterThan(100);
    expect(topLevelBoxes(file)).toEqual(['ftyp', 'moov', 'mdat']);
    expect(existsSync(join(dir, 'payload.bin'))).toBe(false);
    await expectSameAudio(file, { file: join(hls, 'reference.ts'), durationSec: duration, adts: true }, 'aac');
  });

  it('never writes into a final.tmp an earlier run linked into the library', async () => {
    const dir = work();
    const placed = join(dir, 'placed.m4a');
    writeFileSync(placed, 'the finished file of an earlier run');
    linkSync(placed, join(dir, 'final.tmp'));
    await writeShow(dir, async () => 64 * 1024);
    expect(readFileSync(placed, 'utf8')).toBe('the finished file of an earlier run');
  });
});
