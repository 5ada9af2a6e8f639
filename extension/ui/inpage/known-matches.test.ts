import { describe, expect, it } from 'vitest';
import type { MatchView } from '../../../shared/messages';
import type { TrackRef } from '../../../shared/track';
import { askKnownMatches, factsOfMatch, KNOWN_BATCH, wantsKnownMatch } from './known-matches';
import type { TrackFacts } from './facts';

const sc = (id: number, extra: Partial<TrackRef> = {}): TrackRef => ({ platform: 'soundcloud', id: `soundcloud:tracks:${id}`, url: `https://soundcloud.com/a/${id}`, kind: 'track', ...extra });
const matched = (trackKey: string, extra: Partial<MatchView> = {}): MatchView => ({ trackKey, status: 'matched', bpm: 122, key: 'Ebm', score: 0.93, beatportUrl: 'https://www.beatport.com/track/x/11', ...extra });

describe('which items ask for a remembered match', () => {
  it('SoundCloud and Mixcloud tracks without BPM/key of their own; not Beatport rows, shows or sets', () => {
    expect(wantsKnownMatch(sc(1))).toBe(true);
    expect(wantsKnownMatch({ platform: 'mixcloud', id: '/a/b/', url: 'https://www.mixcloud.com/a/b/', kind: 'track' })).toBe(true);
    expect(wantsKnownMatch({ platform: 'mixcloud', id: '/a/b/', url: 'https://www.mixcloud.com/a/b/', kind: 'show' })).toBe(false);
    expect(wantsKnownMatch(sc(2, { kind: 'set' }))).toBe(false);
    expect(wantsKnownMatch(sc(3, { bpm: 120 }))).toBe(false);
    expect(wantsKnownMatch({ platform: 'beatport', id: '11', url: 'https://www.beatport.com/track/x/11', kind: 'preview' })).toBe(false);
  });
});

describe('a remembered match as chip facts', () => {
  it('keeps BPM, key, score and link; a match with neither BPM nor key (another version) gives no chip', () => {
    expect(factsOfMatch(matched('k'))).toEqual({ bpm: 122, key: 'Ebm', score: 0.93, beatportUrl: 'https://www.beatport.com/track/x/11' });
    expect(factsOfMatch(matched('k', { bpm: undefined, key: undefined, sameVersion: false }))).toBeUndefined();
    expect(factsOfMatch({ trackKey: 'k', status: 'none' })).toBeUndefined();
  });
});

describe('asking for the remembered matches of a page', () => {
  it('asks in batches of KNOWN_BATCH, one at a time, and hands over each match that has facts', async () => {
    const keys = Array.from({ length: KNOWN_BATCH * 2 + 5 }, (_, i) => `soundcloud:soundcloud:tracks:${i}`);
    const batches: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const got: [string, TrackFacts][] = [];
    await askKnownMatches(
      keys,
      async (batch) => {
        batches.push(batch.length);
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        await new Promise((r) => setTimeout(r, 1));
        inFlight--;
        // Every 100th key was matched; one of them to another version only. A key not asked for is ignored.
        const matches = batch.filter((k) => Number(k.split(':').pop()) % 100 === 0).map((k) => (k.endsWith(':100') ? matched(k, { bpm: undefined, key: undefined }) : matched(k)));
        return { matches: [...matches, matched('soundcloud:elsewhere')] };
      },
      (key, facts) => got.push([key, facts]),
    );
    expect(batches).toEqual([KNOWN_BATCH, KNOWN_BATCH, 5]);
    expect(maxInFlight).toBe(1);
    expect(got.map(([k]) => k)).toEqual(['soundcloud:soundcloud:tracks:0', 'soundcloud:soundcloud:tracks:200', 'soundcloud:soundcloud:tracks:300', 'soundcloud:soundcloud:tracks:400']);
    expect(got[0]?.[1]).toMatchObject({ bpm: 122, key: 'Ebm' });
  });

  it('a failing background ends the asking quietly', async () => {
    const keys = Array.from({ length: KNOWN_BATCH + 1 }, (_, i) => `k${i}`);
    let calls = 0;
    await expect(askKnownMatches(keys, async () => { calls++; throw new Error('no receiver'); }, () => undefined)).resolves.toBeUndefined();
    expect(calls).toBe(1);
  });
});
