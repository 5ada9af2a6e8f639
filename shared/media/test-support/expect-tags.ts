/**
 * TEST-ONLY: asserts that mutagen (and exiftool, as a second opinion) read back every field of
 * fullTags() from an M4A or an MP3.
 */
import { expect } from 'vitest';
import type { Tags } from '../types';
import { exiftool, mutagen } from './tools';

const FREEFORM = '----:com.apple.iTunes:';

export async function expectM4aTags(file: string, tags: Tags): Promise<void> {
  const m = await mutagen(file);
  expect(m.type).toBe('MP4');
  const t = m.tags ?? {};
  expect(t['©nam']).toEqual([tags.title]);
  expect(t['©ART']).toEqual([tags.artists?.join(', ')]);
  expect(t['aART']).toEqual([tags.albumArtist]);
  expect(t['©alb']).toEqual([tags.album]);
  expect(t['©gen']).toEqual([tags.genre]);
  expect(t['tmpo']).toEqual([Math.round(tags.bpm ?? 0)]);
  expect(t[`${FREEFORM}initialkey`]).toEqual([tags.key]);
  expect(t['©day']).toEqual([tags.date]);
  expect(t['trkn']).toEqual([[tags.trackNumber, tags.trackTotal]]);
  expect(t['disk']).toEqual([[tags.discNumber, 0]]);
  expect(t['©cmt']).toEqual([tags.comment]);
  expect(t['desc']).toEqual([tags.description]);
  expect(t['covr']).toEqual([{ len: tags.artwork?.data.length, format: tags.artwork?.mime === 'image/png' ? 14 : 13 }]);
  expect(t[`${FREEFORM}LABEL`]).toEqual([tags.label]);
  expect(t[`${FREEFORM}ISRC`]).toEqual([tags.isrc]);
  expect(t[`${FREEFORM}URL`]).toEqual([tags.url]);
  for (const [name, value] of Object.entries(tags.extra ?? {})) expect(t[`${FREEFORM}${name}`]).toEqual([value]);
  expect(m.chapters).toEqual((tags.chapters ?? []).map((c) => ({ start: c.startMs / 1000, title: c.title })));

  const exif = await exiftool(file);
  expect(exif['ItemList:Title']).toBe(tags.title);
  expect(exif['ItemList:BeatsPerMinute']).toBe(Math.round(tags.bpm ?? 0));
  expect(exif['iTunes:InitialKey']).toBe(tags.key);
  expect(exif['iTunes:ISRC']).toBe(tags.isrc);
  expect(exif['ItemList:CoverArt']).toBeDefined();
  expect(exif['UserData:ChapterList']).toEqual((tags.chapters ?? []).map((c) => `${c.startMs / 1000} ${c.title}`));
}

export async function expectMp3Tags(file: string, tags: Tags, standardKey: string, durationMs: number): Promise<void> {
  const m = await mutagen(file);
  expect(m.type).toBe('MP3');
  expect(m.version).toEqual([2, 4, 0]);
  const f = m.frames ?? {};
  const text = (key: string) => (f[key] as { text: string[]; encoding: number } | undefined)?.text;
  expect(text('TIT2')).toEqual([tags.title]);
  expect(text('TPE1')).toEqual(tags.artists);
  expect((f['TPE1'] as { encoding: number }).encoding).toBe(3); // UTF-8
  expect(text('TPE2')).toEqual([tags.albumArtist]);
  expect(text('TALB')).toEqual([tags.album]);
  expect(text('TCON')).toEqual([tags.genre]);
  expect(text('TBPM')).toEqual([String(Math.round(tags.bpm ?? 0))]);
  expect(text('TKEY')).toEqual([standardKey]);
  if (tags.key !== standardKey) expect(text('TXXX:INITIALKEY')).toEqual([tags.key]);
  expect(text('TPUB')).toEqual([tags.label]);
  expect(text('TSRC')).toEqual([tags.isrc]);
  expect(text('TDRC')).toEqual([tags.date]);
  expect(text('TRCK')).toEqual([`${tags.trackNumber}/${tags.trackTotal}`]);
  expect(text('TPOS')).toEqual([String(tags.discNumber)]);
  expect(text('COMM::eng')).toEqual([tags.comment]);
  expect(text('TXXX:DESCRIPTION')).toEqual([tags.description]);
  expect(f['WOAF']).toBe(tags.url);
  expect(f['APIC:']).toEqual({ mime: tags.artwork?.mime, type: 3, len: tags.artwork?.data.length, encoding: 3 });
  for (const [name, value] of Object.entries(tags.extra ?? {})) expect(text(`TXXX:${name}`)).toEqual([value]);
  const chapters = tags.chapters ?? [];
  expect(f['CTOC:toc']).toEqual({ children: chapters.map((_, i) => `chp${i}`), flags: 3 });
  chapters.forEach((c, i) => {
    const end = c.endMs ?? chapters[i + 1]?.startMs ?? Math.round(durationMs);
    expect(f[`CHAP:chp${i}`]).toEqual({ start: c.startMs, end, title: c.title });
  });

  const exif = await exiftool(file);
  expect(exif['ID3v2_4:Title']).toBe(tags.title);
  expect(exif['ID3v2_4:InitialKey']).toBe(standardKey);
  expect(exif['ID3v2_4:BeatsPerMinute']).toBe(Math.round(tags.bpm ?? 0));
  expect(exif['ID3v2_4:ISRC']).toBe(tags.isrc);
  expect(exif['ID3v2_4:Picture']).toBeDefined();
}
