import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectM4aStructure, expectProbeChapters, expectSameAudio } from './test-support/checks';
import { expectM4aTags } from './test-support/expect-tags';
import { fixtures, remuxToFile, segmentFiles, splitFragmented, scratchDir } from './test-support/fixtures';
import { fullTags, loadArtwork } from './test-support/sample-tags';
import { decodedMd5, ffprobe, packetsMd5 } from './test-support/tools';
import { createRemuxer } from './remuxer';
import { DeckhandError } from '../errors';

let hls: string;
let fragmented: string;
let art: string;
const out = scratchDir();

beforeAll(async () => {
  hls = await fixtures.fmp4Hls();
  fragmented = await fixtures.fragmented();
  art = await fixtures.artwork();
});

describe('fMP4 HLS → M4A', () => {
  it('remuxes init + segments bit-exactly, with the real duration, index first and every tag', async () => {
    const file = join(out, 'fmp4.m4a');
    const tags = fullTags(loadArtwork(art, 'jpeg'));
    const segments = segmentFiles(hls, '.m4s').map((f) => readFileSync(f));
    expect(segments.length).toBeGreaterThan(5);
    const result = await remuxToFile({ input: 'fmp4', init: readFileSync(join(hls, 'init.mp4')) }, segments, tags, file);
    const reference = await ffprobe(join(hls, 'reference.mp4'));
    const durationSec = Number(reference.format.duration);

    expect(result).toMatchObject({ container: 'm4a', codec: 'mp4a.40.2', sampleRate: 44100, channels: 2 });
    expect(Math.abs(result.durationSec - durationSec)).toBeLessThan(0.001);
    const probe = await expectSameAudio(file, { file: join(hls, 'reference.mp4'), durationSec }, 'aac');
    expectProbeChapters(probe, tags.chapters ?? [], result.durationSec);
    await expectM4aStructure(file, result.durationSec);
    await expectM4aTags(file, tags);
  });

  it('reads segments holding several moof/mdat pairs (48 kHz, PNG cover)', async () => {
    const file = join(out, 'multi-moof.m4a');
    const source = join(fragmented, 'reference.mp4');
    const { init, segments } = splitFragmented(readFileSync(source), 4);
    expect(segments.length).toBeGreaterThan(5);
    const tags = fullTags(loadArtwork(art, 'png'), 'Ebm');
    const result = await remuxToFile({ input: 'fmp4', init }, segments, tags, file);
    expect(result.sampleRate).toBe(48000);
    await expectSameAudio(file, { file: source, durationSec: result.durationSec }, 'aac');
    await expectM4aStructure(file, result.durationSec);
    await expectM4aTags(file, tags);
  });

  it('carries the init segment\'s edit list: the encoder priming stays skipped, sample for sample', async () => {
    const source = join(await fixtures.fragmentedPrimed(), 'reference.mp4');
    const { init, segments } = splitFragmented(readFileSync(source), 3);
    const file = join(out, 'primed.m4a');
    const result = await remuxToFile({ input: 'fmp4', init }, segments, {}, file);
    // ffprobe counts the fragments' samples, priming included; the file plays 1024 fewer.
    const mediaSec = Number((await ffprobe(source)).format.duration);
    expect(Math.abs(result.durationSec - (mediaSec - 1024 / 44100))).toBeLessThan(1e-6);
    // ffmpeg ignores a fragmented file's edit list when decoding it, so the reference is the same
    // encode as a progressive M4A (same packets), whose edit list it does honour.
    const progressive = join(await fixtures.m4a(), 'faststart.m4a');
    expect(await packetsMd5(progressive)).toBe(await packetsMd5(source));
    expect(await decodedMd5(file)).toBe(await decodedMd5(progressive));
    expect(await decodedMd5(file)).not.toBe(await decodedMd5(source));
    await expectSameAudio(file, { file: source, durationSec: result.durationSec }, 'aac');
    await expectM4aStructure(file, result.durationSec, mediaSec);
  });

  it('accepts the init segment concatenated in front of the first segment', async () => {
    const [first, ...rest] = segmentFiles(hls, '.m4s').map((f) => new Uint8Array(readFileSync(f)));
    const init = readFileSync(join(hls, 'init.mp4'));
    const file = join(out, 'init-in-first.m4a');
    const joined = new Uint8Array([...init, ...(first ?? [])]);
    const result = await remuxToFile({ input: 'fmp4' }, [joined, ...rest], {}, file);
    await expectSameAudio(file, { file: join(hls, 'reference.mp4'), durationSec: result.durationSec }, 'aac');
  });

  it('fails with media.missing-init when no init segment is given', async () => {
    const remuxer = createRemuxer({ input: 'fmp4' });
    const segment = readFileSync(segmentFiles(hls, '.m4s')[0] ?? '');
    await expect(remuxer.push(segment, () => {})).rejects.toMatchObject({ code: 'media.missing-init' });
    expect(() => createRemuxer({ input: 'fmp4', init: new Uint8Array(0) })).toThrow(DeckhandError);
  });

  it('fails with media.corrupt on a truncated segment', async () => {
    const remuxer = createRemuxer({ input: 'fmp4', init: readFileSync(join(hls, 'init.mp4')) });
    const segment = readFileSync(segmentFiles(hls, '.m4s')[0] ?? '');
    await expect(remuxer.push(segment.subarray(0, segment.length - 100), () => {})).rejects.toMatchObject({ code: 'media.corrupt' });
  });
});
