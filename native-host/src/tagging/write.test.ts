/**
 * tags.write on real files made by ffmpeg: tags read back by mutagen (an independent reader), the
 * audio packets' MD5 (ffmpeg) equal before and after, frames and atoms we do not set kept, and
 * nothing written outside the library root or to formats we do not rewrite.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutagen } from '../../../e2e/harness/probe';
import { writeFileTags } from './index';
import { audioMd5, makeAudio } from './test-media';

let root: string;
let outside: string;
let originals: string;

const EDIT = {
  bpm: 124,
  key: 'Am',
  genre: 'Melodic House & Techno',
  label: 'Lantern Records',
  isrc: 'GBABC2400001',
  extra: { BEATPORT_TRACK_ID: '17001', BEATPORT_MATCH_SCORE: '0.97' },
};

beforeAll(() => {
  const base = mkdtempSync(path.join(tmpdir(), 'deckhand-tagging-'));
  root = path.join(base, 'library');
  outside = path.join(base, 'outside');
  originals = path.join(base, 'originals');
  for (const d of [root, outside, originals]) mkdirSync(d);
  const tagged = { title: 'Solstice Run', artist: 'Mira Lenz', album: 'Old Album', comment: 'keep me', TBPM: '99' };
  makeAudio(path.join(originals, 'v24.mp3'), { format: 'mp3', seconds: 3, metadata: tagged, cover: true });
  makeAudio(path.join(originals, 'v23.mp3'), { format: 'mp3', seconds: 3, metadata: tagged, id3Version: 3 });
  makeAudio(path.join(originals, 'bare.mp3'), { format: 'mp3', seconds: 3, id3Version: 0 });
  makeAudio(path.join(originals, 'front.m4a'), { format: 'm4a', seconds: 3, metadata: tagged, faststart: true, cover: true });
  makeAudio(path.join(originals, 'back.m4a'), { format: 'm4a', seconds: 3, metadata: tagged });
});

afterAll(() => rmSync(path.dirname(root), { recursive: true, force: true }));

/** A fresh copy of an original in the library. */
function fresh(name: string, as = name): string {
  const file = path.join(root, as);
  copyFileSync(path.join(originals, name), file);
  return file;
}

describe('tags.write on MP3', () => {
  it.each(['v24.mp3', 'v23.mp3', 'bare.mp3'])('%s: Beatport fields written as ID3v2.4, audio packets identical', async (name) => {
    const file = fresh(name);
    const before = audioMd5(file);
    const result = await writeFileTags(root, name, EDIT, 'camelot');
    expect(result.path).toBe(name);
    expect(audioMd5(file)).toBe(before);
    const { tags, id3_version } = mutagen(file);
    expect(id3_version).toEqual([2, 4, 0]);
    expect(tags.TBPM).toEqual([['124']]);
    // TKEY keeps the standard name (ID3 allows 3 characters); the user's notation goes to TXXX.
    expect(tags.TKEY).toEqual([['Am']]);
    expect(tags['TXXX:INITIALKEY']).toEqual([['8A']]);
    expect(tags.TCON).toEqual([['Melodic House & Techno']]);
    expect(tags.TPUB).toEqual([['Lantern Records']]);
    expect(tags.TSRC).toEqual([['GBABC2400001']]);
    expect(tags['TXXX:BEATPORT_TRACK_ID']).toEqual([['17001']]);
    expect(result.tags).toMatchObject({ bpm: 124, key: 'Am', genre: 'Melodic House & Techno', label: 'Lantern Records', isrc: 'GBABC2400001' });
    if (name !== 'bare.mp3') {
      // Frames we did not set stay; the BPM we set replaced the old one instead of adding a second.
      expect(tags.TIT2).toEqual([['Solstice Run']]);
      expect(tags.TPE1).toEqual([['Mira Lenz']]);
      expect(tags.TALB).toEqual([['Old Album']]);
      expect(JSON.stringify(tags)).toContain('keep me');
    }
    if (name === 'v24.mp3') expect(tags['APIC:']).toEqual([{ mime: 'image/png', bytes: statSync(path.join(originals, '.cover-v24.mp3.png')).size, type: 0 }]);
  });

  it('a second write replaces the first one’s key text instead of leaving a contradicting INITIALKEY', async () => {
    const file = fresh('v24.mp3', 'twice.mp3');
    await writeFileTags(root, 'twice.mp3', EDIT, 'camelot');
    await writeFileTags(root, 'twice.mp3', { key: 'Dm' }, 'standard');
    const { tags } = mutagen(file);
    expect(tags.TKEY).toEqual([['Dm']]);
    expect(tags['TXXX:INITIALKEY']).toBeUndefined();
    expect(tags.TBPM).toEqual([['124']]);
  });
});

describe('tags.write on M4A', () => {
  it.each(['front.m4a', 'back.m4a'])('%s: items written, other atoms kept, audio packets identical', async (name) => {
    const file = fresh(name);
    const before = audioMd5(file);
    await writeFileTags(root, name, EDIT, 'openkey');
    expect(audioMd5(file)).toBe(before);
    const { tags } = mutagen(file);
    expect(tags.tmpo).toEqual([124]);
    expect(tags['----:com.apple.iTunes:initialkey']).toEqual(['1m']);
    expect(tags['©gen']).toEqual(['Melodic House & Techno']);
    expect(tags['----:com.apple.iTunes:LABEL']).toEqual(['Lantern Records']);
    expect(tags['----:com.apple.iTunes:ISRC']).toEqual(['GBABC2400001']);
    expect(tags['----:com.apple.iTunes:BEATPORT_MATCH_SCORE']).toEqual(['0.97']);
    expect(tags['©nam']).toEqual(['Solstice Run']);
    expect(tags['©cmt']).toEqual(['keep me']);
    if (name === 'front.m4a') expect(tags.covr).toHaveLength(1);
  });

  it('a moov in front of the media that grows moves the chunk offsets, and a later edit uses the room left', async () => {
    const file = fresh('front.m4a', 'grow.m4a');
    const before = audioMd5(file);
    const long = 'x'.repeat(900);
    await writeFileTags(root, 'grow.m4a', { ...EDIT, album: long, title: long }, 'standard');
    expect(audioMd5(file)).toBe(before);
    const sizeAfterGrow = readFileSync(file).length;
    await writeFileTags(root, 'grow.m4a', { genre: 'Techno (Peak Time / Driving)' }, 'standard');
    // The second edit fits the free box left behind the moov: same size, nothing moved.
    expect(readFileSync(file).length).toBe(sizeAfterGrow);
    expect(audioMd5(file)).toBe(before);
    expect(mutagen(file).tags['©alb']).toEqual([long]);
  });
});

describe('tags.write refuses', () => {
  it('formats it does not rewrite, and files whose content is not what the name says', async () => {
    writeFileSync(path.join(root, 'song.flac'), 'fLaC....');
    await expect(writeFileTags(root, 'song.flac', EDIT, 'standard')).rejects.toMatchObject({ code: 'media.unsupported' });
    writeFileSync(path.join(root, 'fake.mp3'), 'this is a text file, not audio'.repeat(10));
    await expect(writeFileTags(root, 'fake.mp3', EDIT, 'standard')).rejects.toMatchObject({ code: 'media.unsupported' });
    expect(readFileSync(path.join(root, 'fake.mp3'), 'utf8')).toMatch(/^this is a text file/);
  });

  it('paths outside the library root, directly or through a link, and leaves them untouched', async () => {
    const target = path.join(outside, 'private.mp3');
    copyFileSync(path.join(originals, 'v24.mp3'), target);
    const bytes = readFileSync(target);
    symlinkSync(target, path.join(root, 'link.mp3'));
    await expect(writeFileTags(root, '../outside/private.mp3', EDIT, 'standard')).rejects.toMatchObject({ code: 'library.path-escape' });
    await expect(writeFileTags(root, target, EDIT, 'standard')).rejects.toMatchObject({ code: 'library.path-escape' });
    await expect(writeFileTags(root, 'link.mp3', EDIT, 'standard')).rejects.toMatchObject({ code: 'library.path-escape' });
    expect(readFileSync(target).equals(bytes)).toBe(true);
  });

  it('leaves no temporary file behind, whether the write worked or not', () => {
    expect(readdirSync(root).filter((n) => n.includes('.deckhand-'))).toEqual([]);
  });
});
