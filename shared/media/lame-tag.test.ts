/**
 * The encoder's LAME extension (delay and padding) carried into our Info frame: decoders that
 * honour it then give exactly the source's samples, not ~25 ms of encoder priming in front. The
 * tag CRC is checked by readers (ffmpeg warns on a bad one), so it is recomputed for our frame.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { crc16, readLameTag } from './lame-tag';
import { mpegAudioSyntax, type MpegFrameHeader } from './mpeg-audio';
import { fixtures, remuxToFile, scratchDir } from './test-support/fixtures';
import { run } from './test-support/tools';

let mp3: string;
const out = scratchDir();

beforeAll(async () => {
  mp3 = await fixtures.mp3();
});

async function decoded(file: string): Promise<{ md5: string; warnings: string }> {
  const { stdout, stderr } = await run('ffmpeg', ['-hide_banner', '-v', 'warning', '-i', file, '-map', '0:a', '-c:a', 'pcm_s16le', '-f', 'md5', '-']);
  return { md5: stdout.trim(), warnings: stderr.trim() };
}

/** The first MPEG audio frame of an MP3 (after its ID3v2 tag, if any). */
function firstFrame(bytes: Uint8Array): { frame: Uint8Array; header: MpegFrameHeader } {
  for (let p = 0; p + 4 <= bytes.length; p++) {
    const header = mpegAudioSyntax.parse(bytes, p) as MpegFrameHeader | undefined;
    if (header && bytes[p + header.length] === 0xff) return { frame: bytes.subarray(p, p + header.length), header };
  }
  throw new Error('no frame');
}

/** Where the "LAME"/"Lavc" encoder name starts in a header frame. */
function lameStart(frame: Uint8Array): number {
  const text = Buffer.from(frame).toString('latin1');
  const at = Math.max(text.indexOf('LAME'), text.indexOf('Lavc'), text.indexOf('Lavf'));
  if (at < 0) throw new Error('no LAME extension');
  return at;
}

describe('LAME extension', () => {
  it('crc16 is CRC-16/ARC', () => {
    expect(crc16(new TextEncoder().encode('123456789'))).toBe(0xbb3d);
  });

  it.each(['cbr.mp3', 'vbr.mp3'])('%s: our Info frame carries it on, and the decoded audio is the source\'s', async (name) => {
    const source = join(mp3, name);
    const file = join(out, `lame-${name}`);
    await remuxToFile({ input: 'mp3' }, [readFileSync(source)], { title: 'LAME' }, file);

    const src = firstFrame(new Uint8Array(readFileSync(source)));
    const ours = firstFrame(new Uint8Array(readFileSync(file)));
    const theirs = readLameTag(src.frame, src.header.info);
    const carried = readLameTag(ours.frame, ours.header.info);
    expect(theirs).toBeDefined();
    expect(carried).toBeDefined();
    // Encoder name, delay/padding (bytes 21–23) and the rest up to the music length: unchanged.
    expect(Buffer.from(carried?.subarray(0, 28) ?? [])).toEqual(Buffer.from(theirs?.subarray(0, 28) ?? []));
    // The tag CRC covers the frame up to it: LAME's own (in the source) checks out with crc16, and ours.
    for (const { frame } of [src, ours]) {
      const crcAt = lameStart(frame) + 34;
      expect(crc16(frame.subarray(0, crcAt))).toBe(((frame[crcAt] ?? 0) << 8) | (frame[crcAt + 1] ?? 0));
    }
    const [want, got] = await Promise.all([decoded(source), decoded(file)]);
    expect(got.warnings).toBe('');
    expect(got.md5).toBe(want.md5);
  });

  it('is absent from a header frame without one', () => {
    const frame = new Uint8Array(417);
    frame.set([0xff, 0xfb, 0x90, 0x64]);
    frame.set(new TextEncoder().encode('Info'), 36);
    frame.set([0, 0, 0, 0x0f], 40);
    const header = mpegAudioSyntax.parse(frame, 0) as MpegFrameHeader;
    expect(readLameTag(frame, header.info)).toBeUndefined();
  });
});
