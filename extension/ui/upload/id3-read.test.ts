import { describe, expect, it } from 'vitest';
import { buildId3Tag } from '../../../shared/media/id3';
import { decodeText, id3Length, readId3, tagsFromFileName } from './id3-read';
import { fieldsFromTags } from './model';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

describe('readId3', () => {
  it('reads back what the project’s own ID3v2.4 writer wrote: text, comment, picture and chapters', () => {
    const tag = buildId3Tag({
      title: 'Tidewater', artists: ['Solen', 'Mira'], album: 'Harbour', genre: 'Deep House', bpm: 122, key: 'Am', label: 'Night Label',
      isrc: 'GBAYE0601498', date: '2024-05-17', comment: 'Recorded live.', artwork: { mime: 'image/png', data: PNG },
      chapters: [{ startMs: 0, title: 'Intro' }, { startMs: 90_000, title: 'Mira - Night Drive' }],
    }, 300_000);
    expect(id3Length(tag.subarray(0, 10))).toBeLessThanOrEqual(tag.length);
    const tags = readId3(tag);
    expect(tags).toMatchObject({
      title: 'Tidewater', artist: 'Solen, Mira', album: 'Harbour', genre: 'Deep House', bpm: 122, key: 'Am', label: 'Night Label',
      isrc: 'GBAYE0601498', date: '2024-05-17', comment: 'Recorded live.',
      chapters: [{ startMs: 0, title: 'Intro' }, { startMs: 90_000, title: 'Mira - Night Drive' }],
    });
    expect(tags.picture?.mime).toBe('image/png');
    expect([...tags.picture!.data]).toEqual([...PNG]);
  });

  it('reads ID3v2.3 UTF-16 text frames (BOM) with plain 32-bit sizes', () => {
    const text = [0x01, 0xff, 0xfe, ...[...'Naïve'].flatMap((c) => [c.charCodeAt(0), 0])];
    const frame = [...'TIT2'].map((c) => c.charCodeAt(0)).concat([0, 0, 0, text.length, 0, 0], text);
    const tag = new Uint8Array([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, frame.length, ...frame]);
    expect(readId3(tag).title).toBe('Naïve');
  });

  it('gives nothing (never throws) for files without a tag or with a truncated one', () => {
    expect(readId3(new Uint8Array([0xff, 0xfb, 0x90, 0x00]))).toEqual({});
    expect(id3Length(new Uint8Array(4))).toBe(0);
    const tag = buildId3Tag({ title: 'Cut short' }, 1000);
    expect(() => readId3(tag.subarray(0, 25))).not.toThrow();
  });

  it('decodes Latin-1 and joins multiple NUL-separated values', () => {
    expect(decodeText(0, new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0, 0x42]))).toBe('Café, B');
  });
});

describe('pre-filling the form', () => {
  it('uses the file name when there are no tags', () => {
    expect(tagsFromFileName('Mira - Night Drive.mp3')).toEqual({ artist: 'Mira', title: 'Night Drive' });
    expect(fieldsFromTags({}, 'Mira - Night_Drive.mp3').title).toBe('Mira - Night Drive');
    expect(fieldsFromTags({}, 'live set.wav').title).toBe('live set');
  });

  it('turns tags into fields: chapters become a tracklist, a full date the release date, the picture the artwork', () => {
    const f = fieldsFromTags({ title: 'Set', genre: 'Techno', bpm: 127.6, date: '2024-05-17T20:00', picture: { mime: 'image/png', data: PNG }, chapters: [{ startMs: 0, title: 'Intro' }, { startMs: 3_725_000, title: 'A - B' }] }, 'x.mp3');
    expect(f).toMatchObject({ title: 'Set', genre: 'Techno', tags: ['Techno'], bpm: '128', releaseDate: '2024-05-17', tracklist: '0:00 Intro\n1:02:05 A - B', artworkName: 'cover.png' });
    expect(f.artwork?.size).toBe(PNG.length);
  });
});
