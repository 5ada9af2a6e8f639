import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtures, remuxToFile, scratchDir } from './test-support/fixtures';
import { HOSTILE, hostileTags } from './test-support/sample-tags';
import { decodeErrors, exiftool, ffprobe, mutagen } from './test-support/tools';

const out = scratchDir();
let adts: Uint8Array;
let mp3: Uint8Array;

beforeAll(async () => {
  adts = readFileSync(join(await fixtures.adts(), 'reference.aac'));
  mp3 = readFileSync(join(await fixtures.mp3(), 'cbr.mp3'));
});

// What the writers keep: NUL and other C0 controls removed, a lone surrogate replaced, the rest intact.
const title = HOSTILE.title.replace('\u0000', '');
const artist = 'DJ NullBell 👩‍🎤';
const chapter = HOSTILE.chapter.replace('\u0000', '');

async function expectIntactFile(file: string): Promise<void> {
  const probe = await ffprobe(file);
  expect(probe.stderr).toBe('');
  expect(await decodeErrors(file)).toBe('');
  const exif = await exiftool(file);
  expect(exif['ExifTool:Warning']).toBeUndefined();
  expect(exif['ExifTool:Error']).toBeUndefined();
}

describe('hostile tag strings', () => {
  it('M4A: NUL, RTL marks, 2,000 chars and emoji neither break the file nor the tags', async () => {
    const file = join(out, 'hostile.m4a');
    await remuxToFile({ input: 'aac' }, [adts], hostileTags(), file);
    await expectIntactFile(file);
    const m = await mutagen(file);
    expect(m.tags?.['©nam']).toEqual([title]);
    expect(title.length).toBeGreaterThan(2000);
    expect(m.tags?.['©ART']).toEqual([artist]);
    expect(m.tags?.['©alb']).toEqual(['\u200F']);
    expect(m.tags?.['----:com.apple.iTunes:initialkey']).toEqual(['not a key at all']);
    expect(m.tags?.['----:com.apple.iTunes:WEIRDNAME']).toEqual(['val\uFFFDue']);
    // chpl titles are at most 255 bytes: 63 four-byte emoji, never half a character.
    expect(m.chapters).toEqual([{ start: 1, title: '🎵'.repeat(63) }]);
  });

  it('MP3: the same strings survive as ID3v2.4 UTF-8 frames', async () => {
    const file = join(out, 'hostile.mp3');
    await remuxToFile({ input: 'mp3' }, [mp3], hostileTags(), file);
    await expectIntactFile(file);
    const m = await mutagen(file);
    const f = m.frames ?? {};
    expect(f['TIT2']).toEqual({ text: [title], encoding: 3 });
    // Empty and blank artists are dropped, not written as empty values.
    expect(f['TPE1']).toEqual({ text: [artist], encoding: 3 });
    expect(f['TKEY']).toBeUndefined();
    expect(f['TXXX:INITIALKEY']).toEqual({ text: ['not a key at all'], encoding: 3 });
    expect(f['TXXX:WEIRDNAME']).toEqual({ text: ['val\uFFFDue'], encoding: 3 });
    expect(f['WOAF']).toBe('https://example.com/%C3%A4%20%C3%B6?q=1');
    expect(f['CHAP:chp0']).toMatchObject({ start: 1000, title: chapter });
  });
});
