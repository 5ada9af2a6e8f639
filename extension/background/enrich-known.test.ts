import { describe, expect, it, vi } from 'vitest';
import * as v from 'valibot';
import { RequestSchemas } from '../../shared/messages';
import type { MatchRecord, StoredCandidate } from '../core/db';
import { Enricher, MATCH_TTL_MS, sectionKey, type MatchStore } from './enrich';
import { createEnrichHandlers } from './enrich-handlers';
import type { BeatportLookup } from './enrich-lookup';

const ORIGINAL: StoredCandidate = {
  id: 11, name: 'Solstice Run', mix_name: 'Original Mix', slug: 'solstice-run', artists: [{ id: 1, name: 'Mira Lenz' }], remixers: [],
  isrc: 'DENCT2500111', length_ms: 225_000, bpm: 122, key: { name: 'Eb Minor', camelot_number: 2, camelot_letter: 'A' },
  genre: { id: 90, name: 'Melodic House & Techno' }, release: { id: 900, name: 'Solstice Run', label: { id: 5, name: 'Nocturne Audio' } },
};
const EXTENDED: StoredCandidate = { ...ORIGINAL, id: 12, mix_name: 'Extended Mix', length_ms: 372_000 };
const SOLSTICE = 'soundcloud:soundcloud:tracks:1';
const PAPER = 'soundcloud:soundcloud:tracks:2';

function memoryStore(): MatchStore & { records: Map<string, MatchRecord> } {
  const records = new Map<string, MatchRecord>();
  return { records, get: async (k) => structuredClone(records.get(k)), put: async (r) => void records.set(r.key, structuredClone(r)) };
}

/** An enricher whose lookups answer Solstice Run (original and extended) and nothing else; every call is counted. */
function setUp(now = { t: 1_000 }) {
  const lookup = {
    byIsrc: vi.fn(async () => [] as StoredCandidate[]),
    search: vi.fn(async (q: string) => (q.includes('Solstice') ? [EXTENDED, ORIGINAL] : [])),
    full: vi.fn(async (id: number) => ({ ...ORIGINAL, id })),
  } satisfies BeatportLookup;
  const store = memoryStore();
  const enricher = new Enricher({ lookup, store, now: () => now.t });
  const lookups = () => lookup.byIsrc.mock.calls.length + lookup.search.mock.calls.length + lookup.full.mock.calls.length;
  return { enricher, store, lookups, now };
}

describe('Enricher.known (remembered matches, no lookup)', () => {
  it('answers fresh matches from the store and never asks Beatport, even for items it has never seen', async () => {
    const { enricher, lookups } = setUp();
    await enricher.matchFor({ key: SOLSTICE, title: 'Solstice Run', artists: ['Mira Lenz'], durationMs: 225_400 });
    await enricher.matchFor({ key: PAPER, title: 'Paper Moons', artists: ['Nadia Ferro'] });
    const before = lookups();
    const known = await enricher.known([SOLSTICE, PAPER, 'soundcloud:soundcloud:tracks:3', SOLSTICE]);
    expect(lookups()).toBe(before);
    // "No match" and never-looked-up items are left out; a key asked twice answers once.
    expect(known).toEqual([
      expect.objectContaining({ trackKey: SOLSTICE, status: 'matched', beatportId: 11, bpm: 122, key: 'Ebm', beatportUrl: 'https://www.beatport.com/track/solstice-run/11' }),
    ]);
  });

  it('leaves out expired records, rejected tracks (offering the runner-up) and tracklist sections', async () => {
    const { enricher, store, now } = setUp();
    await enricher.matchFor({ key: SOLSTICE, title: 'Solstice Run', artists: ['Mira Lenz'], durationMs: 225_400 });
    await enricher.reject(SOLSTICE, 11);
    expect((await enricher.known([SOLSTICE]))[0]).toMatchObject({ beatportId: 12, sameVersion: false });
    // Another version: no BPM or key is offered for it.
    expect((await enricher.known([SOLSTICE]))[0]?.bpm).toBeUndefined();
    const section = sectionKey('Mira Lenz', 'Solstice Run');
    store.records.set(section, { ...store.records.get(SOLSTICE)!, key: section });
    expect(await enricher.known([section])).toEqual([]);
    now.t += MATCH_TTL_MS + 1;
    expect(await enricher.known([SOLSTICE])).toEqual([]);
  });

  it('a store that fails answers nothing for that key instead of failing the page', async () => {
    const store: MatchStore = { get: async () => Promise.reject(new Error('closed')), put: async () => undefined };
    const enricher = new Enricher({ lookup: { byIsrc: vi.fn(), search: vi.fn(), full: vi.fn() }, store });
    expect(await enricher.known([SOLSTICE])).toEqual([]);
  });
});

describe('match.known message', () => {
  it('the handler answers the enricher’s remembered matches', async () => {
    const { enricher, lookups } = setUp();
    await enricher.matchFor({ key: SOLSTICE, title: 'Solstice Run', artists: ['Mira Lenz'], durationMs: 225_400 });
    const before = lookups();
    const answer = await createEnrichHandlers(enricher)['match.known']({ keys: [SOLSTICE, PAPER] });
    expect(answer.matches.map((m) => [m.trackKey, m.bpm])).toEqual([[SOLSTICE, 122]]);
    expect(lookups()).toBe(before);
  });

  it('the schema bounds a request: at most 500 keys of at most 400 characters', () => {
    const schema = RequestSchemas['match.known'];
    expect(v.safeParse(schema, { keys: Array.from({ length: 500 }, (_, i) => `soundcloud:${i}`) }).success).toBe(true);
    expect(v.safeParse(schema, { keys: Array.from({ length: 501 }, (_, i) => `soundcloud:${i}`) }).success).toBe(false);
    expect(v.safeParse(schema, { keys: ['k'.repeat(401)] }).success).toBe(false);
    expect(v.safeParse(schema, { keys: 'soundcloud:1' }).success).toBe(false);
  });
});
