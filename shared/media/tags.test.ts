import { describe, expect, it } from 'vitest';
import type { TrackMetadata } from '../track';
import { buildTags } from './tags';
import { normalizeDate } from './text';

const artwork = { data: new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), mime: 'image/jpeg' as const };

const beatport: TrackMetadata = {
  platform: 'beatport',
  id: '18211234',
  url: 'https://www.beatport.com/track/night-drive/18211234',
  title: 'Night Drive',
  mixName: 'Extended Mix',
  kind: 'preview',
  artists: ['Ada Lux', 'Ben Q'],
  albumArtist: 'Ada Lux',
  album: 'Roads EP',
  genre: 'Melodic House & Techno',
  subGenre: 'Melodic House',
  bpm: 123.6,
  key: 'Eb Minor',
  label: 'Afterlight',
  isrc: 'GBAYE2400123',
  catalogNumber: 'AFT042',
  releaseDate: '2024-05-17T00:00:00Z',
  trackNumber: 3,
  trackTotal: 7,
  discNumber: 1,
  comment: 'c',
  description: 'd',
  durationMs: 300_000,
  extra: { BEATPORT_TRACK_ID: '18211234' },
};

describe('buildTags', () => {
  it('maps every metadata field', () => {
    expect(buildTags(beatport, { artwork, keyNotation: 'camelot' })).toEqual({
      title: 'Night Drive (Extended Mix)',
      artists: ['Ada Lux', 'Ben Q'],
      albumArtist: 'Ada Lux',
      album: 'Roads EP',
      genre: 'Melodic House & Techno',
      bpm: 124,
      key: '2A',
      label: 'Afterlight',
      isrc: 'GBAYE2400123',
      date: '2024-05-17',
      trackNumber: 3,
      trackTotal: 7,
      discNumber: 1,
      comment: 'c',
      description: 'd',
      url: 'https://www.beatport.com/track/night-drive/18211234',
      artwork,
      extra: { CATALOGNUMBER: 'AFT042', STYLE: 'Melodic House', BEATPORT_TRACK_ID: '18211234' },
    });
  });

  it('converts the key to the chosen notation and keeps unknown keys as written', () => {
    expect(buildTags(beatport, { keyNotation: 'standard' }).key).toBe('Ebm');
    expect(buildTags(beatport, { keyNotation: 'openkey' }).key).toBe('7m');
    expect(buildTags({ ...beatport, key: 'o' }, { keyNotation: 'camelot' }).key).toBe('o');
  });

  it('does not repeat a mix name the title already has', () => {
    expect(buildTags({ ...beatport, title: 'Night Drive (Extended Mix)' }, { keyNotation: 'standard' }).title).toBe('Night Drive (Extended Mix)');
  });

  it('keeps only timed chapters, in order, ending at the next start or the track end', () => {
    const tags = buildTags(
      {
        ...beatport,
        chapters: [
          { startMs: 120_000, title: 'Second', artist: 'B' },
          { title: 'Untimed' },
          { startMs: 0, title: 'First', artist: 'A' },
        ],
      },
      { keyNotation: 'standard' },
    );
    expect(tags.chapters).toEqual([
      { startMs: 0, endMs: 120_000, title: 'A - First' },
      { startMs: 120_000, endMs: 300_000, title: 'B - Second' },
    ]);
    expect(buildTags({ ...beatport, chapters: [{ title: 'Untimed' }] }, { keyNotation: 'standard' }).chapters).toBeUndefined();
  });

  it('leaves out what the source lacks and drops a track total below the number', () => {
    const minimal: TrackMetadata = { platform: 'soundcloud', id: 'soundcloud:tracks:1', url: 'https://soundcloud.com/a/b', title: 'T', trackNumber: 5, trackTotal: 2, bpm: Number.NaN };
    expect(buildTags(minimal, { keyNotation: 'standard' })).toEqual({ title: 'T', url: 'https://soundcloud.com/a/b', trackNumber: 5 });
  });
});

describe('normalizeDate', () => {
  it.each([
    ['2024', '2024'],
    ['2024-05', '2024-05'],
    ['2024-05-17', '2024-05-17'],
    ['2024-05-17T00:00:00Z', '2024-05-17'],
    ['2024-05-17T13:45:09.123+02:00', '2024-05-17T13:45:09'],
    ['2024-05-17 13:45', '2024-05-17T13:45:00'],
    ['yesterday', undefined],
    ['', undefined],
  ])('%j → %j', (input, expected) => {
    expect(normalizeDate(input)).toBe(expected);
  });
});
