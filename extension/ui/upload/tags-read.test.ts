/**
 * Upload prefill from real files: ffmpeg makes and tags an MP3 (ID3v2.3 and 2.4), an M4A, a FLAC, a
 * WAV and an AIFF with a cover attached where the format holds one; the fields ffmpeg cannot write
 * into MP4 (tempo, key, ISRC, label) are added with mutagen under the names Deckhand's own M4A
 * writer uses. Files are read as disk-backed Blobs, as the upload page reads a chosen File.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, openAsBlob, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldsFromTags } from './model';
import { readFileTags, tagsFromFileName } from './tags-read';

let dir: string;
const TAGS = {
  title: 'Night Drive', artist: 'Mira', album: 'Nights', genre: 'Deep House', TBPM: '122', TKEY: 'Am', TSRC: 'GBAYE0601498',
  date: '2024-05-17', publisher: 'Night Label', comment: 'Recorded live.',
};
const metadataArgs = Object.entries(TAGS).flatMap(([k, v]) => ['-metadata', `${k}=${v}`]);
const ffmpeg = (...args: string[]) => execFileSync('ffmpeg', ['-v', 'error', '-y', ...args]);
const withCover = (out: string, codec: string[], extra: string[] = []) =>
  ffmpeg('-f', 'lavfi', '-i', 'sine=frequency=440:duration=3', '-i', join(dir, 'cover.png'), ...extra, '-map', '0:a', '-map', '1:v', ...codec, '-c:v', 'png', '-disposition:v', 'attached_pic', ...metadataArgs, join(dir, out));
const read = async (name: string) => readFileTags(await openAsBlob(join(dir, name)));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'deckhand-tags-'));
  ffmpeg('-f', 'lavfi', '-i', 'color=c=orange:s=120x120', '-frames:v', '1', join(dir, 'cover.png'));
  writeFileSync(join(dir, 'chapters.txt'), ';FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=1500\ntitle=Intro\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=1500\nEND=3000\ntitle=Mira - Night Drive\n');
  const chapters = ['-i', join(dir, 'chapters.txt'), '-map_chapters', '2'];
  withCover('v24.mp3', ['-c:a', 'libmp3lame', '-id3v2_version', '4'], chapters);
  withCover('v23.mp3', ['-c:a', 'libmp3lame', '-id3v2_version', '3']);
  // Index first, with a chapter track: music-metadata 11 throws on its chapters, the tags must survive.
  withCover('tagged.m4a', ['-c:a', 'aac', '-movflags', '+faststart'], chapters);
  // Vorbis comments have no ID3 frame names: BPM, INITIALKEY and ISRC are the usual ones.
  withCover('tagged.flac', ['-c:a', 'flac', '-metadata', 'BPM=122', '-metadata', 'INITIALKEY=Am', '-metadata', 'ISRC=GBAYE0601498']);
  withCover('tagged.aiff', ['-c:a', 'pcm_s16be', '-write_id3v2', '1']);
  ffmpeg('-f', 'lavfi', '-i', 'sine=duration=3', '-c:a', 'pcm_s16le', ...metadataArgs, join(dir, 'tagged.wav'));
  execFileSync('/usr/bin/python3', ['-c', [
    'import sys; from mutagen.mp4 import MP4, MP4FreeForm',
    'f = MP4(sys.argv[1]); f["tmpo"] = [122]',
    'for k, v in (("initialkey", "Am"), ("ISRC", "GBAYE0601498"), ("LABEL", "Night Label")): f["----:com.apple.iTunes:" + k] = [MP4FreeForm(v.encode())]',
    'f.save()',
  ].join('\n'), join(dir, 'tagged.m4a')]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const EVERY_FIELD = { title: 'Night Drive', artist: 'Mira', album: 'Nights', genre: 'Deep House', bpm: 122, key: 'Am', isrc: 'GBAYE0601498', label: 'Night Label', date: '2024-05-17' };

describe('readFileTags', () => {
  it('reads an ID3v2.4 MP3: every field, the cover and the chapters', async () => {
    const tags = await read('v24.mp3');
    expect(tags).toMatchObject(EVERY_FIELD);
    expect(tags.picture?.mime).toBe('image/png');
    expect([...tags.picture!.data.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    expect(tags.chapters).toEqual([{ startMs: 0, title: 'Intro' }, { startMs: 1500, title: 'Mira - Night Drive' }]);
  });

  it('reads an ID3v2.3 MP3 (year and date frames instead of TDRC)', async () => {
    const tags = await read('v23.mp3');
    expect(tags).toMatchObject({ ...EVERY_FIELD, date: expect.stringMatching(/^2024/) });
    expect(tags.picture?.data.length).toBeGreaterThan(50);
  });

  it('reads an M4A: iTunes atoms, tempo, the freeform key, ISRC and label, and cover art (its chapter track is not read)', async () => {
    const tags = await read('tagged.m4a');
    expect(tags).toMatchObject({ ...EVERY_FIELD, comment: 'Recorded live.' });
    expect(tags.picture?.mime).toBe('image/png');
    expect(tags.chapters).toBeUndefined();
  });

  it('reads a FLAC (Vorbis comments and a PICTURE block)', async () => {
    const tags = await read('tagged.flac');
    expect(tags).toMatchObject({ ...EVERY_FIELD, comment: 'Recorded live.' });
    expect(tags.picture?.mime).toBe('image/png');
  });

  it('reads an AIFF with an ID3 chunk', async () => {
    const tags = await read('tagged.aiff');
    expect(tags).toMatchObject(EVERY_FIELD);
    expect(tags.picture?.mime).toBe('image/png');
  });

  it('reads what a WAV’s RIFF INFO holds (title, artist, comment)', async () => {
    expect(await read('tagged.wav')).toMatchObject({ title: 'Night Drive', artist: 'Mira', comment: 'Recorded live.' });
  });

  it('answers {} for bytes that are no audio file', async () => {
    expect(await readFileTags(new Blob([new Uint8Array(4096).fill(7)]))).toEqual({});
  });
});

describe('the form from tags', () => {
  it('fills every field and the artwork from an M4A’s tags', async () => {
    const fields = fieldsFromTags(await read('tagged.m4a'), 'x.m4a');
    expect(fields).toMatchObject({ title: 'Night Drive', genre: 'Deep House', bpm: '122', key: 'Am', isrc: 'GBAYE0601498', label: 'Night Label', releaseDate: '2024-05-17', description: 'Recorded live.' });
    expect(fields.artwork?.type).toBe('image/png');
  });

  it('turns an MP3’s chapters into the tracklist', async () => {
    expect(fieldsFromTags(await read('v24.mp3'), 'x.mp3').tracklist).toBe('0:00 Intro\n0:01 Mira - Night Drive');
  });

  it('falls back to the file name without tags', () => {
    expect(tagsFromFileName('Mira - Night_Drive.wav')).toEqual({ artist: 'Mira', title: 'Night Drive' });
    expect(fieldsFromTags({}, 'Mira - Night Drive.mp3').title).toBe('Mira - Night Drive');
  });
});
