/** The catalogue's promises: size, real ids and names, the data traps, determinism, fixtures. */
import { describe, expect, it } from 'vitest';
import { buildCatalogue, catalogue, FULL_TOP100_GENRE_ID } from './catalogue';
import { HOSTILE_TITLE } from './catalogue-special';
import { BEATPORT_FIXTURES as F } from './fixtures';
import { GENRES, keyByName, KEYS } from './reference';
import { nextDataUrl, parseNextDataPath, parsePagePath } from './routes';

const tracks = [...catalogue().tracks.values()];

describe('catalogue', () => {
  it('is big enough and uses the real genre ids', () => {
    expect(tracks.length).toBeGreaterThanOrEqual(120);
    expect(catalogue().releases.size).toBeGreaterThanOrEqual(10);
    const ids = new Map(GENRES.map((g) => [g.id, g.name]));
    expect(ids.get(11)).toBe('Tech House');
    expect(ids.get(89)).toBe('Afro House');
    expect(ids.get(16)).toBe('DJ Tools');
    expect(tracks.filter((t) => t.genreId === FULL_TOP100_GENRE_ID).length).toBeGreaterThanOrEqual(100);
  });

  it('names black keys with flats and carries camelot values', () => {
    expect(KEYS).toHaveLength(24);
    expect(keyByName('F# Minor')).toMatchObject({ name: 'Gb Minor', camelotNumber: 11, camelotLetter: 'A' });
    expect(keyByName('Db Major')).toMatchObject({ camelotNumber: 3, camelotLetter: 'B', id: 15 });
    expect(keyByName('Ab Minor')).toMatchObject({ camelotNumber: 1, camelotLetter: 'A' });
    // Ids seen in captures: F Minor 4, D Minor 7, A Minor 8, B Minor 10, F Major 19.
    expect([4, 7, 8, 10, 19].map((id) => KEYS.find((k) => k.id === id)?.name)).toEqual(['F Minor', 'D Minor', 'A Minor', 'B Minor', 'F Major']);
    expect(KEYS.some((k) => k.name.includes('#'))).toBe(false);
  });

  it('contains the real data traps', () => {
    expect(tracks.some((t) => t.name.endsWith(' '))).toBe(true);
    expect(tracks.some((t) => /Remix$/.test(t.mixName) && t.remixerIds.length === 0)).toBe(true);
    expect(tracks.some((t) => /Remix$/.test(t.mixName) && t.remixerIds.length > 0)).toBe(true);
    expect(tracks.filter((t) => t.subGenreId !== null).length).toBeLessThan(tracks.length / 4);
    expect(tracks.some((t) => t.bpm !== null && t.bpm < 90 && t.genreId !== 16)).toBe(true);
    expect(new Set(tracks.map((t) => t.mixName.replace(/^.* Remix$/, 'X Remix')))).toEqual(new Set(['Original Mix', 'Extended Mix', 'X Remix', 'Radio Edit', 'Club Mix', 'Dub', '"Dub" & <b>Bold</b> Mix']));
  });

  it('is the same on every build (seeded, no clock)', () => {
    const again = buildCatalogue();
    expect([...again.tracks.values()]).toEqual(tracks);
    expect([...again.charts.values()]).toEqual([...catalogue().charts.values()]);
  });

  it('keeps the hostile item out of the happy-path roles', () => {
    expect(HOSTILE_TITLE).toHaveLength(2000);
    expect(F.hostile.track.isrc).toBeNull();
    const happy = [F.previewTrack, F.halfTimeBpm, F.extendedVsOriginal.original, F.extendedVsOriginal.extended, F.remixNoRemixers];
    expect(happy.some((t) => t.id === F.hostile.track.id)).toBe(false);
    expect(F.top100.trackIds).not.toContain(F.hostile.track.id);
  });

  it('describes a complete happy-path preview', () => {
    expect(F.previewTrack).toMatchObject({ title: 'Lantern Code (Original Mix)', artists: ['Kasso Vale'], genre: 'Tech House', subGenre: 'Latin Tech', bpm: 126, key: { name: 'Db Minor', camelot: '12A' } });
    expect(F.previewTrack.sampleEndMs - F.previewTrack.sampleStartMs).toBe(120_000);
    expect(F.extendedVsOriginal.original.isrc).not.toBe(F.extendedVsOriginal.extended.isrc);
    expect(F.extendedVsOriginal.extended.lengthMs ?? 0).toBeGreaterThan((F.extendedVsOriginal.original.lengthMs ?? 0) + 60_000);
    expect(F.remixNoRemixers.remixers).toEqual([]);
  });
});

describe('page routes', () => {
  it('parses localised paths and round-trips /_next/data URLs', () => {
    const route = parsePagePath('/de/genre/tech-house/11/top-100', new URLSearchParams('page=2'));
    expect(route).toMatchObject({ kind: 'genreTop100', locale: 'de', path: '/genre/tech-house/11/top-100', query: { description: 'tech-house', id: '11', page: '2' } });
    if (!route) return;
    const url = new URL(nextDataUrl('BUILD', route), 'https://www.beatport.com');
    expect(url.pathname).toBe('/_next/data/BUILD/de/genre/tech-house/11/top-100.json');
    expect(parseNextDataPath(url.pathname, url.searchParams)?.route).toEqual(route);
    expect(parsePagePath('/nowhere', new URLSearchParams())).toBeUndefined();
    expect(parseNextDataPath('/_next/data/BUILD/en.json', new URLSearchParams())?.route?.kind).toBe('home');
  });
});
