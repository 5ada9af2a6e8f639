// Key notation: every key in every notation, both ways (beatport.md §9).
import { describe, expect, it } from 'vitest';
import { convertKey, formatKey, parseKey } from './keys';

// beatport.md §9: [standard (flats), sharp spelling, long name, Camelot, Open Key]
const TABLE: [string, string, string, string, string][] = [
  ['Am', 'Am', 'A Minor', '8A', '1m'],
  ['Em', 'Em', 'E Minor', '9A', '2m'],
  ['Bm', 'Bm', 'B Minor', '10A', '3m'],
  ['Gbm', 'F#m', 'Gb Minor', '11A', '4m'],
  ['Dbm', 'C#m', 'Db Minor', '12A', '5m'],
  ['Abm', 'G#m', 'Ab Minor', '1A', '6m'],
  ['Ebm', 'D#m', 'Eb Minor', '2A', '7m'],
  ['Bbm', 'A#m', 'Bb Minor', '3A', '8m'],
  ['Fm', 'Fm', 'F Minor', '4A', '9m'],
  ['Cm', 'Cm', 'C Minor', '5A', '10m'],
  ['Gm', 'Gm', 'G Minor', '6A', '11m'],
  ['Dm', 'Dm', 'D Minor', '7A', '12m'],
  ['C', 'C', 'C Major', '8B', '1d'],
  ['G', 'G', 'G Major', '9B', '2d'],
  ['D', 'D', 'D Major', '10B', '3d'],
  ['A', 'A', 'A Major', '11B', '4d'],
  ['E', 'E', 'E Major', '12B', '5d'],
  ['B', 'B', 'B Major', '1B', '6d'],
  ['Gb', 'F#', 'F# Major', '2B', '7d'],
  ['Db', 'C#', 'Db Major', '3B', '8d'],
  ['Ab', 'G#', 'Ab Major', '4B', '9d'],
  ['Eb', 'D#', 'Eb Major', '5B', '10d'],
  ['Bb', 'A#', 'Bb Major', '6B', '11d'],
  ['F', 'F', 'F Major', '7B', '12d'],
];

describe('key notation, all 24 keys', () => {
  it.each(TABLE)('%s ↔ %s ↔ %s ↔ %s ↔ %s', (standard, sharp, long, camelot, openKey) => {
    for (const input of [standard, sharp, long, camelot, openKey]) {
      expect(convertKey(input, 'standard')).toBe(standard);
      expect(convertKey(input, 'camelot')).toBe(camelot);
      expect(convertKey(input, 'openkey')).toBe(openKey);
    }
    const number = Number(camelot.slice(0, -1));
    const letter = camelot.slice(-1);
    expect(convertKey({ camelot_number: number, camelot_letter: letter, name: 'ignored' }, 'standard')).toBe(standard);
    expect(standard.length).toBeLessThanOrEqual(3); // fits ID3 TKEY
  });

  it('covers each key exactly once', () => {
    expect(new Set(TABLE.map((row) => row[0])).size).toBe(24);
    const keys = TABLE.map((row) => parseKey(row[0]));
    expect(new Set(keys.map((k) => `${k?.pitchClass}${k?.minor}`)).size).toBe(24);
  });
});

describe('parseKey spellings', () => {
  it.each([
    ['A minor', 'Am'],
    ['a min', 'Am'],
    ['Amin', 'Am'],
    ['F# Major', 'Gb'],
    ['F sharp minor', 'Gbm'],
    ['E♭ minor', 'Ebm'],
    ['B♯', 'C'],
    ['Cb', 'B'],
    ['AM', 'A'],
    ['08A', 'Am'],
    ['8a', 'Am'],
    [' 12d ', 'F'],
  ])('%s → %s', (input, standard) => {
    expect(convertKey(input, 'standard')).toBe(standard);
  });

  it.each(['', 'o', 'H', '13A', '0m', 'Am7', 'minor', 'foo'])('rejects %j', (input) => {
    expect(parseKey(input)).toBeUndefined();
  });

  it('falls back to the name of a Beatport key object without Camelot fields, and tolerates nulls', () => {
    expect(convertKey({ camelot_number: null, camelot_letter: null, name: 'Gb Minor' }, 'camelot')).toBe('11A');
    expect(convertKey({ camelot_number: 13, camelot_letter: 'A' }, 'camelot')).toBeUndefined();
    expect(parseKey(null)).toBeUndefined();
    expect(parseKey(undefined)).toBeUndefined();
  });

  it('formats a parsed key in every notation', () => {
    const key = { pitchClass: 1, minor: true };
    expect([formatKey(key, 'standard'), formatKey(key, 'camelot'), formatKey(key, 'openkey')]).toEqual(['Dbm', '12A', '5m']);
  });
});
