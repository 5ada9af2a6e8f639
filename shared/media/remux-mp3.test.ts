import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectProbeChapters, expectSameAudio } from './test-support/checks';
import { expectMp3Tags } from './test-support/expect-tags';
import { cut, fixtures, remuxToFile, scratchDir } from './test-support/fixtures';
import { fullTags, loadArtwork } from './test-support/sample-tags';
import { exiftool, ffprobe, mutagen } from './test-support/tools';

let mp3: string;
let art: string;
const out = scratchDir();

beforeAll(async () => {
  mp3 = await fixtures.mp3();
  art = await fixtures.artwork();
});

async function sourceDuration(file: string): Promise<number> {
  return Number((await ffprobe(file)).format.duration);
}

describe('MP3 → MP3', () => {
  it('replaces ID3v2.3 + LAME Info + ID3v1 with our ID3v2.4 + Info frame, frames untouched', async () => {
    const source = join(mp3, 'cbr.mp3');
    const file = join(out, 'cbr.mp3');
    const tags = fullTags(loadArtwork(art, 'jpeg'), '8A');
    // SoundCloud MP3 HLS: raw slices of one file, cut anywhere.
    const result = await remuxToFile({ input: 'mp3' }, cut(readFileSync(source), [159_659, 1, 3000]), tags, file);
    expect(result).toMatchObject({ container: 'mp3', codec: 'mp3', sampleRate: 44100, channels: 2 });
    const duration = await sourceDuration(source);
    expect(Math.abs(result.durationSec - duration)).toBeLessThan(0.03);
    const probe = await expectSameAudio(file, { file: source, durationSec: duration }, 'mp3');
    expectProbeChapters(probe, tags.chapters ?? [], result.durationSec);
    await expectMp3Tags(file, tags, 'Am', result.durationSec * 1000);

    // The Info frame makes the duration exact for readers that trust it, and carries the stream
    // bitrate for readers (exiftool) that estimate CBR duration from the first frame.
    const m = await mutagen(file);
    expect(Math.abs(m.length - result.durationSec)).toBeLessThan(1e-6);
    const exif = await exiftool(file);
    expect(exif['MPEG:AudioBitrate']).toBe(128000);
    expect(Math.abs(Number(exif['Composite:Duration']) - result.durationSec)).toBeLessThan(0.5);
    expect(exif['ID3v1:Title']).toBeUndefined();
  });

  it('writes a Xing frame with frame count for VBR input', async () => {
    const source = join(mp3, 'vbr.mp3');
    const file = join(out, 'vbr.mp3');
    const result = await remuxToFile({ input: 'mp3' }, [readFileSync(source)], { title: 'VBR' }, file);
    const duration = await sourceDuration(source);
    await expectSameAudio(file, { file: source, durationSec: duration }, 'mp3');
    const exif = await exiftool(file);
    expect(exif['MPEG:VBRFrames']).toBe(Math.round((result.durationSec * 44100) / 1152));
    expect(Math.abs(Number(exif['Composite:Duration']) - result.durationSec)).toBeLessThan(0.001);
    const m = await mutagen(file);
    expect(Math.abs(m.length - result.durationSec)).toBeLessThan(1e-6);
  });

  it('tolerates junk between frames and a false sync word', async () => {
    const source = new Uint8Array(readFileSync(join(mp3, 'vbr.mp3')));
    const middle = findFrameStart(source, Math.floor(source.length / 2));
    const junk = new Uint8Array([0xff, 0xfb, 0x90, 0x00, 0x12, 0x34, 0x00, 0xff, 0xe0, 0x55]);
    const file = join(out, 'junk.mp3');
    await remuxToFile({ input: 'mp3' }, [source.subarray(0, middle), junk, source.subarray(middle)], {}, file);
    await expectSameAudio(file, { file: join(mp3, 'vbr.mp3'), durationSec: await sourceDuration(join(mp3, 'vbr.mp3')) }, 'mp3');
  });
});

/** Offset of an MPEG audio frame boundary at or after `near`: a sync whose frame is followed by another sync. */
function findFrameStart(b: Uint8Array, near: number): number {
  for (let p = near; p + 4 < b.length; p++) {
    if (b[p] !== 0xff || ((b[p + 1] ?? 0) & 0xe0) !== 0xe0) continue;
    const kbps = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320][(b[p + 2] ?? 0) >> 4] ?? 0;
    const length = Math.floor((144 * kbps * 1000) / 44100) + (((b[p + 2] ?? 0) >> 1) & 1);
    if (length > 0 && b[p + length] === 0xff && ((b[p + length + 1] ?? 0) & 0xe0) === 0xe0) return p;
  }
  throw new Error('no frame found');
}
