import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectM4aStructure, expectSameAudio } from './test-support/checks';
import { expectM4aTags } from './test-support/expect-tags';
import { cut, fixtures, remuxToFile, segmentFiles, scratchDir } from './test-support/fixtures';
import { fullTags, loadArtwork } from './test-support/sample-tags';
import { decodeErrors, packetCount } from './test-support/tools';

let hls: string;
let art: string;
const out = scratchDir();
let reference: string;
let sourceDuration: number;

beforeAll(async () => {
  hls = await fixtures.tsHls();
  art = await fixtures.artwork();
  reference = join(hls, 'reference.ts');
  // ADTS headers carry no duration: count the source's AAC frames instead.
  sourceDuration = ((await packetCount(reference)) * 1024) / 44100;
});

describe('MPEG-TS (ADTS AAC) HLS → M4A', () => {
  it('remuxes the segments bit-exactly with the real duration and every tag', async () => {
    const file = join(out, 'ts.m4a');
    const tags = fullTags(loadArtwork(art, 'jpeg'), 'Am');
    const segments = segmentFiles(hls, '.ts').map((f) => readFileSync(f));
    expect(segments.length).toBeGreaterThan(5);
    const result = await remuxToFile({ input: 'ts' }, segments, tags, file);
    expect(result).toMatchObject({ container: 'm4a', codec: 'mp4a.40.2', sampleRate: 44100, channels: 2 });
    expect(Math.abs(result.durationSec - sourceDuration)).toBeLessThan(1e-9);
    await expectSameAudio(file, { file: reference, durationSec: sourceDuration, adts: true }, 'aac');
    await expectM4aStructure(file, result.durationSec);
    await expectM4aTags(file, tags);
  });

  it('joins PES packets and TS packets split across segment files', async () => {
    // Odd sizes: cuts fall inside TS packets, inside PES packets and inside ADTS frames.
    const pieces = cut(readFileSync(reference), [50_001, 7, 188 * 13 + 5, 31_337, 1]);
    expect(pieces.length).toBeGreaterThan(20);
    const file = join(out, 'ts-recut.m4a');
    const result = await remuxToFile({ input: 'ts' }, pieces, {}, file);
    expect(Math.abs(result.durationSec - sourceDuration)).toBeLessThan(1e-9);
    await expectSameAudio(file, { file: reference, durationSec: sourceDuration, adts: true }, 'aac');
  });

  it('drops the damaged frame when a TS packet is lost, and still decodes cleanly', async () => {
    const bytes = new Uint8Array(readFileSync(reference));
    // Remove one audio packet (PID 0x100, ffmpeg's default) from the middle of the stream.
    let victim = Math.floor(bytes.length / 2 / 188) * 188;
    while ((((bytes[victim + 1] ?? 0) & 0x1f) << 8 | (bytes[victim + 2] ?? 0)) !== 0x100) victim += 188;
    const damaged = new Uint8Array([...bytes.subarray(0, victim), ...bytes.subarray(victim + 188)]);
    const file = join(out, 'ts-lost-packet.m4a');
    const result = await remuxToFile({ input: 'ts' }, [damaged], {}, file);
    const frames = Math.round((result.durationSec * 44100) / 1024);
    const sourceFrames = Math.round((sourceDuration * 44100) / 1024);
    expect(frames).toBeLessThan(sourceFrames);
    expect(frames).toBeGreaterThanOrEqual(sourceFrames - 2);
    expect(await decodeErrors(file)).toBe('');
  });
});
