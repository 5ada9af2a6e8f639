import { describe, expect, it } from 'vitest';
import { catalogue } from '../../e2e/replica/platforms/beatport/catalogue';
import { BEATPORT_FIXTURES as F } from '../../e2e/replica/platforms/beatport/fixtures';
import { trackItem } from '../../e2e/replica/platforms/beatport/api-tracks';
import { MATCH_THRESHOLD, matchTrack, rankCandidates } from './matcher';
import type { BeatportCandidate, MatchSource } from './types';

let nextId = 1000;
function bp(name: string, mix: string, artists: string[], extra: Partial<BeatportCandidate> = {}): BeatportCandidate {
  return { id: nextId++, name, mix_name: mix, artists: artists.map((a) => ({ name: a })), remixers: [], length_ms: 300_000, isrc: null, ...extra };
}

const original = bp('Solstice Run', 'Original Mix', ['Mira Lenz'], { length_ms: 225_400, isrc: 'DENCT2500111' });
const extended = bp('Solstice Run', 'Extended Mix', ['Mira Lenz'], { length_ms: 372_100, isrc: 'DENCT2500112' });
const remix = bp('Lantern Code', 'Juno Brask Remix', ['Kasso Vale'], { length_ms: 398_000 });
const lanternOriginal = bp('Lantern Code', 'Original Mix', ['Kasso Vale'], { length_ms: 372_000 });
const paperMoons = bp('Paper Moons ', 'Original Mix', ['Nadia Ferro', 'Tomás Reyel'], { length_ms: 301_000 });
const decoys = [
  bp('Paper Moons', 'Original Mix', ['Petra Voss'], { length_ms: 301_500 }),
  bp('Solar Run', 'Original Mix', ['Mira Lenz'], { length_ms: 225_000 }),
  bp('Lantern Code', 'Petra Voss Remix', ['Kasso Vale'], { length_ms: 398_500 }),
];
const all = [original, extended, remix, lanternOriginal, paperMoons, ...decoys];
const idOf = (source: MatchSource, candidates = all) => matchTrack(source, candidates)?.id;

describe('matchTrack: hard cases', () => {
  it('ignores artist order and separators', () => {
    expect(idOf({ title: 'Paper Moons', artists: ['Tomás Reyel & Nadia Ferro'], durationMs: 301_000 })).toBe(paperMoons.id);
    expect(idOf({ title: 'Paper Moons', artists: ['Tomas Reyel', 'Nadia Ferro'] })).toBe(paperMoons.id);
    expect(idOf({ title: 'Paper Moons', artists: ['nadia ferro x tomas reyel'] })).toBe(paperMoons.id);
  });

  it('lets the length pick the original over the extended mix', () => {
    const m = matchTrack({ title: 'Solstice Run', artists: ['Mira Lenz'], durationMs: 226_000 }, all);
    expect(m?.id).toBe(original.id);
    expect(m?.sameVersion).toBe(true);
  });

  it('takes the extended mix when the source asks for it', () => {
    expect(idOf({ title: 'Solstice Run (Extended Mix)', artists: ['Mira Lenz'] })).toBe(extended.id);
    expect(idOf({ title: 'Solstice Run [Extended]', artists: ['Mira Lenz'], durationMs: 372_000 })).toBe(extended.id);
  });

  it('matches the extended mix when it is all Beatport has, but as another version', () => {
    const m = matchTrack({ title: 'Solstice Run', artists: ['Mira Lenz'], durationMs: 226_000 }, [extended]);
    expect(m?.id).toBe(extended.id);
    expect(m?.sameVersion).toBe(false);
    expect(m?.durationAgrees).toBe(false);
    expect(m?.reasons.notes.join(' ')).toContain('length differs by 146 s');
  });

  it('finds a remix from the remixer named in the title when `remixers` is empty', () => {
    const m = matchTrack({ title: 'Lantern Code (Juno Brask Remix)', artists: ['Kasso Vale'] }, all);
    expect(m?.id).toBe(remix.id);
    expect(m?.reasons.mix).toBe(1);
  });

  it('finds a remix uploaded by its remixer under their own name', () => {
    expect(idOf({ title: 'Lantern Code (Juno Brask Remix)', artists: ['Juno Brask'], durationMs: 398_000 })).toBe(remix.id);
  });

  it('never takes a remix for the original, nor another remixer\'s remix', () => {
    expect(idOf({ title: 'Lantern Code', artists: ['Kasso Vale'] }, [remix])).toBeUndefined();
    expect(idOf({ title: 'Lantern Code (Ilo Marr Remix)', artists: ['Kasso Vale'] })).toBeUndefined();
  });

  it('accepts featured artists in the title or in the artists, and Beatport\'s "feat." in the name', () => {
    const higher = bp('Higher Ground feat. Lua Mar', 'Original Mix', ['Selva Kin', 'Lua Mar'], { length_ms: 356_000 });
    expect(idOf({ title: 'Higher Ground (feat. Lua Mar)', artists: ['Selva Kin'] }, [higher])).toBe(higher.id);
    expect(idOf({ title: 'Higher Ground', artists: ['Selva Kin ft. Lua Mar'] }, [higher])).toBe(higher.id);
    expect(idOf({ title: 'Higher Ground', artists: ['Selva Kin'] }, [higher])).toBe(higher.id);
  });

  it('matches non-Latin scripts as written and transliterated', () => {
    const warm = bp('Тёплый шум', 'Original Mix', ['Лёша Дым'], { length_ms: 389_000 });
    const yakou = bp('Тёплый шум', '夜行 Remix', ['Лёша Дым'], { remixers: [{ name: '夜行' }], length_ms: 412_000 });
    expect(idOf({ title: 'Тёплый шум', artists: ['Лёша Дым'] }, [warm, yakou])).toBe(warm.id);
    expect(idOf({ title: 'Teplyy Shum', artists: ['Lyosha Dym'] }, [warm, yakou])).toBe(warm.id);
    expect(idOf({ title: 'Tjoplyj shum', artists: ['Ljosha Dym'], durationMs: 389_000 }, [warm, yakou])).toBe(warm.id);
    expect(idOf({ title: 'Тёплый шум (夜行 Remix)', artists: ['Лёша Дым'] }, [warm, yakou])).toBe(yakou.id);
  });

  it('reads "Artist - Title" uploads from a label channel', () => {
    expect(idOf({ title: 'Tomás Reyel & Nadia Ferro - Paper Moons', artists: ['Parallel Motion'] })).toBe(paperMoons.id);
    expect(idOf({ title: 'Mira Lenz - Solstice Run - Extended Mix', artists: [] })).toBe(extended.id);
  });

  it('returns undefined for tracks that are not on Beatport', () => {
    expect(idOf({ title: 'Paper Moons', artists: ['Ilo Marr'] })).toBeUndefined();
    expect(idOf({ title: 'Copper Sirens', artists: ['Mira Lenz'] })).toBeUndefined();
    expect(idOf({ title: 'Solstice Run (VIP)', artists: ['Mira Lenz'] })).toBeUndefined();
    expect(idOf({ title: 'Solstice Run', artists: ['Mira Lenz'] }, [])).toBeUndefined();
  });

  it('needs the length to agree before it forgives a near title', () => {
    expect(idOf({ title: 'Solstice Rum', artists: ['Mira Lenz'], durationMs: 225_000 }, [original])).toBe(original.id);
    expect(idOf({ title: 'Solstice Rum', artists: ['Mira Lenz'], durationMs: 290_000 }, [original])).toBeUndefined();
  });
});

describe('matchTrack: ISRC', () => {
  it('wins outright with an agreeing length, whatever the text says', () => {
    const m = matchTrack({ title: 'Untitled', artists: ['Unknown'], isrc: 'de-nct-25-00111', durationMs: 225_000 }, all);
    expect(m).toMatchObject({ id: original.id, score: 1, sameVersion: true });
    expect(m?.reasons.isrc).toBe('match');
  });

  it('still matches with a disagreeing length, as another version', () => {
    const m = matchTrack({ title: 'Solstice Run', artists: ['Mira Lenz'], isrc: 'DENCT2500112', durationMs: 225_000 }, [extended]);
    expect(m?.id).toBe(extended.id);
    expect(m?.sameVersion).toBe(false);
    expect(m?.score).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
  });

  it('does not penalise a different ISRC (Beatport sells other versions)', () => {
    expect(idOf({ title: 'Solstice Run', artists: ['Mira Lenz'], isrc: 'USABC2400001', durationMs: 225_000 })).toBe(original.id);
  });
});

describe('rankCandidates and options', () => {
  it('ranks every accepted candidate and skips the rejected ones', () => {
    const source = { title: 'Solstice Run', artists: ['Mira Lenz'], durationMs: 225_000 };
    expect(rankCandidates(source, all).map((m) => m.id)).toEqual([original.id, extended.id]);
    expect(matchTrack(source, all, { exclude: [original.id as number] })?.id).toBe(extended.id);
  });

  it('gives each component and the notes', () => {
    const m = matchTrack({ title: 'Solstice Run (Extended Mix)', artists: ['Mira Lenz'], durationMs: 226_000 }, [extended]);
    expect(m?.reasons).toMatchObject({ title: 1, artists: 1, mix: 1, duration: 0, isrc: 'absent' });
    expect(m?.score).toBeCloseTo(0.85, 3);
  });

  it('honours a custom threshold', () => {
    const source = { title: 'Solstice Run', artists: ['Mira Lenz'], durationMs: 226_000 };
    expect(matchTrack(source, [extended])).toBeDefined();
    expect(matchTrack(source, [extended], { threshold: 0.9 })).toBeUndefined();
  });

  it('skips candidates without an id', () => {
    expect(matchTrack({ title: 'Solstice Run', artists: ['Mira Lenz'] }, [{ name: 'Solstice Run', artists: [{ name: 'Mira Lenz' }] }])).toBeUndefined();
  });
});

describe('matchTrack on the replica catalogue', () => {
  const candidates = [...catalogue().tracks.values()].map((t) => trackItem(t) as BeatportCandidate);

  it.each(F.matchingCases.map((c) => [c.case, c] as const))('%s', (_name, c) => {
    const m = matchTrack({ title: c.sourceTitle, artists: [], durationMs: c.sourceDurationSec * 1000 }, candidates);
    if (c.expect === 'match') expect(m?.id).toBe(c.track.id);
    else expect(m).toBeUndefined();
  });
});
