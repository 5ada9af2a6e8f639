import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DeckhandError } from '../errors';
import { createRemuxer } from './remuxer';
import { expectM4aStructure, expectSameAudio } from './test-support/checks';
import { expectM4aTags } from './test-support/expect-tags';
import { cut, fixtures, remuxToFile, scratchDir } from './test-support/fixtures';
import { fullTags, loadArtwork } from './test-support/sample-tags';
import { decodedMd5, exiftool, ffprobe, packetCount } from './test-support/tools';

let adts: string;
let m4a: string;
let art: string;
const out = scratchDir();

beforeAll(async () => {
  adts = await fixtures.adts();
  m4a = await fixtures.m4a();
  art = await fixtures.artwork();
});

describe('raw ADTS → M4A', () => {
  it('strips ADTS headers, keeps every frame, reads mono 48 kHz config', async () => {
    const source = join(adts, 'reference.aac');
    const sourceDuration = ((await packetCount(source)) * 1024) / 48000;
    const file = join(out, 'adts.m4a');
    const tags = fullTags(loadArtwork(art, 'jpeg'), '12B');
    // Small, odd pushes: frames straddle almost every push boundary.
    const result = await remuxToFile({ input: 'aac' }, cut(readFileSync(source), [997, 3, 4096, 65_537]), tags, file);
    expect(result).toMatchObject({ container: 'm4a', codec: 'mp4a.40.2', sampleRate: 48000, channels: 1 });
    expect(Math.abs(result.durationSec - sourceDuration)).toBeLessThan(1e-9);
    await expectSameAudio(file, { file: source, durationSec: sourceDuration, adts: true }, 'aac');
    await expectM4aStructure(file, result.durationSec);
    await expectM4aTags(file, tags);
  });

  it('skips an ID3 tag before each packed-audio segment and junk between frames', async () => {
    const source = new Uint8Array(readFileSync(join(adts, 'reference.aac')));
    // HLS packed audio puts an ID3 PRIV timestamp tag at the start of every segment.
    const id3 = new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 20, ...new Array<number>(20).fill(0x41)]);
    const junk = new Uint8Array([0x00, 0xff, 0xf1, 0x13, 0x37, 0xff]);
    const half = findFrameStart(source, Math.floor(source.length / 2));
    const segments = [new Uint8Array([...id3, ...source.subarray(0, half)]), new Uint8Array([...junk, ...id3, ...source.subarray(half)])];
    const file = join(out, 'adts-id3-junk.m4a');
    const result = await remuxToFile({ input: 'aac' }, segments, {}, file);
    const sourceDuration = ((await packetCount(join(adts, 'reference.aac'))) * 1024) / 48000;
    expect(Math.abs(result.durationSec - sourceDuration)).toBeLessThan(1e-9);
    await expectSameAudio(file, { file: join(adts, 'reference.aac'), durationSec: sourceDuration, adts: true }, 'aac');
  });
});

/** The same frames with protection_absent = 0 and a (dummy) 2-byte CRC after each 7-byte header. */
function withCrc(b: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let pos = 0; pos + 7 <= b.length; ) {
    const length = (((b[pos + 3] ?? 0) & 3) << 11) | ((b[pos + 4] ?? 0) << 3) | ((b[pos + 5] ?? 0) >> 5);
    const header = [...b.subarray(pos, pos + 7)];
    const longer = length + 2;
    header[1] = (header[1] ?? 0) & 0xfe;
    header[3] = ((header[3] ?? 0) & 0xfc) | (longer >> 11);
    header[4] = (longer >> 3) & 0xff;
    header[5] = (((longer & 7) << 5) | ((header[5] ?? 0) & 0x1f)) & 0xff;
    out.push(...header, 0xab, 0xcd, ...b.subarray(pos + 7, pos + length));
    pos += length;
  }
  return new Uint8Array(out);
}

/** Offset of the ADTS frame that contains `near` (walking frame lengths from the start). */
function findFrameStart(b: Uint8Array, near: number): number {
  let pos = 0;
  for (;;) {
    const length = (((b[pos + 3] ?? 0) & 3) << 11) | ((b[pos + 4] ?? 0) << 3) | ((b[pos + 5] ?? 0) >> 5);
    if (pos + length > near) return pos;
    pos += length;
  }
}

describe('ADTS with CRC', () => {
  it('strips the 9-byte header (7 + CRC) so the access units match the CRC-less source', async () => {
    const source = join(adts, 'reference.aac');
    const file = join(out, 'adts-crc.m4a');
    const result = await remuxToFile({ input: 'aac' }, [withCrc(new Uint8Array(readFileSync(source)))], {}, file);
    const sourceDuration = ((await packetCount(source)) * 1024) / 48000;
    expect(Math.abs(result.durationSec - sourceDuration)).toBeLessThan(1e-9);
    await expectSameAudio(file, { file: source, durationSec: sourceDuration, adts: true }, 'aac');
  });
});

describe('progressive M4A → M4A', () => {
  for (const name of ['faststart.m4a', 'moov-at-end.m4a']) {
    it(`re-uses the samples of ${name} and writes index-first with tags`, async () => {
      const source = join(m4a, name);
      const file = join(out, `progressive-${name}`);
      const tags = fullTags(loadArtwork(art, 'png'));
      const result = await remuxToFile({ input: 'm4a' }, [readFileSync(source)], tags, file);
      // The source's edit list hides the encoder's 1024 priming samples; ours must hide them too.
      const sourceDuration = Number((await ffprobe(source)).format.duration);
      expect(Math.abs(result.durationSec - sourceDuration)).toBeLessThan(0.001);
      await expectSameAudio(file, { file: source, durationSec: sourceDuration }, 'aac');
      expect(await decodedMd5(file)).toBe(await decodedMd5(source));
      // mdhd counts every sample, the skipped priming included: the source's own mdhd says how many.
      await expectM4aStructure(file, result.durationSec, Number((await exiftool(source))['Track1:MediaDuration']));
      await expectM4aTags(file, tags);
    });
  }

  it('reads a fragmented file (init + moof/mdat pairs, as concatenated DASH fragments) pushed whole', async () => {
    const source = join(await fixtures.fragmented(), 'reference.mp4');
    const file = join(out, 'progressive-fragmented.m4a');
    const result = await remuxToFile({ input: 'm4a' }, [readFileSync(source)], {}, file);
    await expectSameAudio(file, { file: source, durationSec: result.durationSec }, 'aac');
    await expectM4aStructure(file, result.durationSec);
  });

  it('refuses a second push and a truncated file', async () => {
    const bytes = readFileSync(join(m4a, 'faststart.m4a'));
    const remuxer = createRemuxer({ input: 'm4a' });
    await remuxer.push(bytes, () => {});
    await expect(remuxer.push(bytes, () => {})).rejects.toMatchObject({ code: 'media.unsupported' });
    const truncated = createRemuxer({ input: 'm4a' });
    await expect(truncated.push(bytes.subarray(0, bytes.length - 5000), () => {})).rejects.toBeInstanceOf(DeckhandError);
    await expect(createRemuxer({ input: 'm4a' }).push(bytes.subarray(0, bytes.length - 5000), () => {})).rejects.toMatchObject({ code: 'media.corrupt' });
  });
});
