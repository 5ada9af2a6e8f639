import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { headerAllowance } from './header-allowance';
import { createRemuxer } from './remuxer';
import { expectSameAudio } from './test-support/checks';
import { expectM4aTags, expectMp3Tags } from './test-support/expect-tags';
import { cut, fixtures, scratchDir, segmentFiles } from './test-support/fixtures';
import { fullTags, loadArtwork } from './test-support/sample-tags';
import { exiftool, ffprobe, mutagen, packetCount, topLevelBoxes } from './test-support/tools';
import type { InputContainer, PayloadLayout, RemuxResult, Tags } from './types';

const out = scratchDir();
let hls: string;
let mp3: string;
let art: string;

beforeAll(async () => {
  [hls, mp3, art] = await Promise.all([fixtures.tsHls(), fixtures.mp3(), fixtures.artwork()]);
});

/** Remux, then lay the file out as the host does: the payload at `payloadOffset`, the header in front. */
async function remuxReserved(input: InputContainer, segments: Uint8Array[], tags: Tags, layout: PayloadLayout, file: string): Promise<RemuxResult> {
  const remuxer = createRemuxer({ input });
  const payload: Buffer[] = [];
  for (const s of segments) await remuxer.push(s, (chunk) => void payload.push(Buffer.from(chunk)));
  const result = remuxer.finish(tags, layout);
  writeFileSync(file, Buffer.concat([result.header, ...payload]));
  return result;
}

describe('header written in front of a payload already in place', () => {
  it('M4A: fills the reserved room with a free box; the audio, index and tags are intact', async () => {
    const reference = join(hls, 'reference.ts');
    const segments = segmentFiles(hls, '.ts').map((f) => new Uint8Array(readFileSync(f)));
    const duration = ((await packetCount(reference)) * 1024) / 44100;
    const tags = fullTags(loadArtwork(art, 'jpeg'), 'Am');
    const payloadOffset = headerAllowance('m4a', tags, duration) as number;
    const file = join(out, 'reserved.m4a');
    const result = await remuxReserved('ts', segments, tags, { payloadOffset }, file);

    expect(result.header.length).toBe(payloadOffset);
    expect(topLevelBoxes(file)).toEqual(['ftyp', 'moov', 'free', 'mdat']);
    const exif = await exiftool(file);
    expect(exif['QuickTime:MediaDataOffset']).toBe(payloadOffset);
    await expectSameAudio(file, { file: reference, durationSec: duration, adts: true }, 'aac');
    await expectM4aTags(file, tags);
  });

  it('M4A: a room too small (or leaving under 8 bytes) gives the header its natural length', async () => {
    const segments = segmentFiles(hls, '.ts').map((f) => new Uint8Array(readFileSync(f)));
    const natural = (await remuxReserved('ts', segments, {}, {}, join(out, 'natural.m4a'))).header.length;
    for (const payloadOffset of [natural - 1, natural + 4]) {
      const result = await remuxReserved('ts', segments, {}, { payloadOffset }, join(out, 'too-small.m4a'));
      expect(result.header.length).toBe(natural);
    }
    const exact = await remuxReserved('ts', segments, {}, { payloadOffset: natural }, join(out, 'exact.m4a'));
    expect(exact.header.length).toBe(natural);
    expect(topLevelBoxes(join(out, 'exact.m4a'))).toEqual(['ftyp', 'moov', 'mdat']);
  });

  it('MP3: ID3 padding fills the reserved room; Info frame and frames follow', async () => {
    const source = join(mp3, 'cbr.mp3');
    const tags = fullTags(loadArtwork(art, 'jpeg'), '8A');
    const payloadOffset = headerAllowance('mp3', tags, undefined) as number;
    const file = join(out, 'reserved.mp3');
    const result = await remuxReserved('mp3', cut(readFileSync(source), [159_659, 1, 3000]), tags, { payloadOffset }, file);

    expect(result.header.length).toBe(payloadOffset);
    const duration = Number((await ffprobe(source)).format.duration);
    await expectSameAudio(file, { file: source, durationSec: duration }, 'mp3');
    await expectMp3Tags(file, tags, 'Am', result.durationSec * 1000);
    expect(Math.abs((await mutagen(file)).length - result.durationSec)).toBeLessThan(1e-6);
  });

  it('an M4A of unknown duration gets no reservation; an MP3 needs none', () => {
    expect(headerAllowance('m4a', {}, undefined)).toBeUndefined();
    const art = { data: new Uint8Array(300_000), mime: 'image/jpeg' as const };
    // The index of a 2-hour show (~310,000 frames × 4 bytes) and the cover are covered.
    expect(headerAllowance('m4a', { artwork: art }, 7200)).toBeGreaterThan(310_000 * 4 + 300_000);
    expect(headerAllowance('mp3', { artwork: art }, undefined)).toBeGreaterThan(300_000);
  });
});
