import { describe, expect, it } from 'vitest';
import { fieldsToMerge } from './merge';
import type { BeatportCandidate, TrackMatch } from './types';

const track: BeatportCandidate = {
  id: 19533819,
  name: 'Solstice Run',
  mix_name: 'Extended Mix',
  artists: [{ name: 'Mira Lenz' }],
  remixers: [],
  isrc: 'DENCT2500112',
  length_ms: 372_100,
  bpm: 122,
  key: { camelot_number: 2, camelot_letter: 'A', name: 'Eb Minor' },
  genre: { id: 90, name: 'Melodic House & Techno' },
  sub_genre: null,
  catalog_number: 'NOCT101',
  new_release_date: '2025-04-18',
  publish_date: '2025-04-18',
  release: { id: 4381100, name: 'Solstice Run', label: { id: 1, name: 'Nocturne Audio' } },
};

function match(sameVersion: boolean, extra: Partial<TrackMatch> = {}): TrackMatch {
  return { track, id: 19533819, score: 0.8125, reasons: { title: 1, artists: 1, mix: 0.75, duration: 0, isrc: 'absent', notes: [] }, sameVersion, ...extra };
}

describe('fieldsToMerge', () => {
  it('fills release- and version-level fields from the same version', () => {
    expect(fieldsToMerge(match(true), {})).toEqual({
      genre: 'Melodic House & Techno',
      label: 'Nocturne Audio',
      catalogNumber: 'NOCT101',
      releaseDate: '2025-04-18',
      album: 'Solstice Run',
      bpm: 122,
      key: 'Ebm',
      durationMs: 372_100,
      isrc: 'DENCT2500112',
      mixName: 'Extended Mix',
      extra: { BEATPORT_TRACK_ID: '19533819', BEATPORT_MATCH_SCORE: '0.81' },
    });
  });

  it('gives only genre, label and release data from another version', () => {
    const fields = fieldsToMerge(match(false), {});
    expect(fields).toMatchObject({ genre: 'Melodic House & Techno', label: 'Nocturne Audio', catalogNumber: 'NOCT101' });
    for (const versionField of ['bpm', 'key', 'durationMs', 'isrc', 'mixName', 'remixers'] as const) expect(fields[versionField]).toBeUndefined();
  });

  it('takes BPM and key (never length or ISRC) from another version when asked for any version', () => {
    const fields = fieldsToMerge(match(false), {}, { anyVersion: true });
    expect(fields).toMatchObject({ bpm: 122, key: 'Ebm' });
    expect(fields.durationMs).toBeUndefined();
    expect(fields.isrc).toBeUndefined();
  });

  it('never overwrites what the source says', () => {
    const fields = fieldsToMerge(match(true), { genre: 'Deep House', bpm: 124, key: 'Am', isrc: 'GBXYZ2400001', durationMs: 371_000, album: 'My Set', extra: { BEATPORT_TRACK_ID: '1' } });
    expect(fields.genre).toBeUndefined();
    expect(fields.bpm).toBeUndefined();
    expect(fields.key).toBeUndefined();
    expect(fields.isrc).toBeUndefined();
    expect(fields.durationMs).toBeUndefined();
    expect(fields.album).toBeUndefined();
    expect(fields.label).toBe('Nocturne Audio');
    expect(fields.extra).toEqual({ BEATPORT_TRACK_ID: '1', BEATPORT_MATCH_SCORE: '0.81' });
  });

  it('fills fields the source has only as blanks', () => {
    expect(fieldsToMerge(match(true), { genre: '  ', remixers: [] }).genre).toBe('Melodic House & Techno');
  });

  it('keeps existing free-form tags and rounds BPM', () => {
    const fields = fieldsToMerge(match(true, { track: { ...track, bpm: 121.6 } }), { extra: { SOURCE: 'soundcloud' } });
    expect(fields.bpm).toBe(122);
    expect(fields.extra).toEqual({ SOURCE: 'soundcloud', BEATPORT_TRACK_ID: '19533819', BEATPORT_MATCH_SCORE: '0.81' });
  });

  it('tolerates a candidate with almost nothing in it', () => {
    const bare = fieldsToMerge({ track: { id: 5 }, id: 5, score: 1, reasons: { title: 1, artists: 1, mix: 1, isrc: 'match', notes: [] }, sameVersion: true }, {});
    expect(bare).toEqual({ extra: { BEATPORT_TRACK_ID: '5', BEATPORT_MATCH_SCORE: '1.00' } });
  });

  it('writes the remixers and the publish date when the release date is missing', () => {
    const remix = { ...track, mix_name: 'Juno Brask Remix', remixers: [{ name: 'Juno Brask' }], new_release_date: null, publish_date: '2025-04-20T00:00:00-06:00' };
    expect(fieldsToMerge(match(true, { track: remix }), {})).toMatchObject({ remixers: ['Juno Brask'], releaseDate: '2025-04-20' });
  });
});
