import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DeckhandError } from '../../shared/errors';
import type { MatchView } from '../../shared/messages';
import { resetDbConnection, type MatchRecord, type StoredCandidate } from '../core/db';
import { Enricher, MATCH_TTL_MS, NO_MATCH_TTL_MS, idbMatchStore, matchView, sectionKey, type MatchStore, type MatchSubject } from './enrich';
import type { BeatportLookup } from './enrich-lookup';

const release = { id: 900, name: 'Solstice Run', label: { id: 5, name: 'Nocturne Audio' } };
const ORIGINAL: StoredCandidate = {
  id: 11, name: 'Solstice Run', mix_name: 'Original Mix', slug: 'solstice-run', artists: [{ id: 1, name: 'Mira Lenz' }], remixers: [],
  isrc: 'DENCT2500111', length_ms: 225_000, bpm: 122, key: { name: 'Eb Minor', camelot_number: 2, camelot_letter: 'A' },
  genre: { id: 90, name: 'Melodic House & Techno' }, sub_genre: null, catalog_number: 'NOC001', new_release_date: '2025-04-18', publish_date: '2025-04-18', release,
};
const EXTENDED: StoredCandidate = { ...ORIGINAL, id: 12, mix_name: 'Extended Mix', isrc: 'DENCT2500112', length_ms: 372_000 };
const OTHER: StoredCandidate = { ...ORIGINAL, id: 99, name: 'Paper Moons', artists: [{ id: 7, name: 'Nadia Ferro' }], isrc: 'X', length_ms: 301_000 };

const SUBJECT: MatchSubject = { key: 'soundcloud:soundcloud:tracks:1', title: 'Solstice Run', artists: ['Mira Lenz'], durationMs: 225_400 };

function memoryStore(): MatchStore & { records: Map<string, MatchRecord> } {
  const records = new Map<string, MatchRecord>();
  return {
    records,
    get: async (key) => structuredClone(records.get(key)),
    put: async (record) => void records.set(record.key, structuredClone(record)),
  };
}

function fakeLookup(results: { isrc?: StoredCandidate[]; search?: StoredCandidate[]; full?: StoredCandidate } = {}) {
  const lookup = {
    byIsrc: vi.fn(async (_isrc: string) => results.isrc ?? []),
    search: vi.fn(async (_q: string) => results.search ?? []),
    full: vi.fn(async (id: number) => ({ ...(results.full ?? ORIGINAL), id })),
  } satisfies BeatportLookup;
  return lookup;
}

describe('Enricher.matchFor', () => {
  it('searches by first artist + title and picks the version whose length agrees', async () => {
    const lookup = fakeLookup({ search: [EXTENDED, ORIGINAL, OTHER] });
    const changes: MatchView[] = [];
    const e = new Enricher({ lookup, store: memoryStore(), onChange: (v) => changes.push(v) });
    const out = await e.matchFor(SUBJECT);
    expect(lookup.byIsrc).not.toHaveBeenCalled();
    expect(lookup.search).toHaveBeenCalledWith('Mira Lenz Solstice Run');
    expect(out.status).toBe('matched');
    if (out.status !== 'matched') return;
    expect(out.match.id).toBe(11);
    expect(out.match.sameVersion).toBe(true);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ trackKey: SUBJECT.key, status: 'matched', beatportId: 11, bpm: 122, key: 'Ebm', beatportUrl: 'https://www.beatport.com/track/solstice-run/11' });
  });

  it('asks by ISRC first and skips the search when the ISRC hit is the same version', async () => {
    const lookup = fakeLookup({ isrc: [ORIGINAL], search: [OTHER] });
    const e = new Enricher({ lookup, store: memoryStore() });
    const out = await e.matchFor({ ...SUBJECT, isrc: 'de-nct-25-00111' });
    expect(lookup.byIsrc).toHaveBeenCalledWith('DENCT2500111');
    expect(lookup.search).not.toHaveBeenCalled();
    expect(out.status === 'matched' && out.match.id).toBe(11);
  });

  it('searches as well when the ISRC points at another version (Beatport sells the extended mix)', async () => {
    const lookup = fakeLookup({ isrc: [{ ...EXTENDED, isrc: 'DENCT2500111' }], search: [EXTENDED, ORIGINAL] });
    const e = new Enricher({ lookup, store: memoryStore() });
    const out = await e.matchFor({ ...SUBJECT, isrc: 'DENCT2500111' });
    expect(lookup.search).toHaveBeenCalledOnce();
    expect(out.status === 'matched' && out.match.id).toBe(11);
  });

  it('remembers matches for a month and "no match" for a day, then looks again', async () => {
    let now = 1_000;
    const store = memoryStore();
    const lookup = fakeLookup({ search: [ORIGINAL] });
    const e = new Enricher({ lookup, store, now: () => now });
    await e.matchFor(SUBJECT);
    expect(store.records.get(SUBJECT.key)?.expiresAt).toBe(1_000 + MATCH_TTL_MS);
    now += MATCH_TTL_MS - 1;
    await e.matchFor(SUBJECT);
    expect(lookup.search).toHaveBeenCalledTimes(1);
    now += 2;
    await e.matchFor(SUBJECT);
    expect(lookup.search).toHaveBeenCalledTimes(2);

    const none = fakeLookup({ search: [OTHER] });
    const e2 = new Enricher({ lookup: none, store, now: () => now });
    const subject = { ...SUBJECT, key: 'soundcloud:2' };
    expect((await e2.matchFor(subject)).status).toBe('none');
    expect(store.records.get('soundcloud:2')).toMatchObject({ ranked: [], expiresAt: now + NO_MATCH_TTL_MS });
    await e2.matchFor(subject);
    expect(none.search).toHaveBeenCalledTimes(1);
    // An ISRC learnt later (at queue time) earns a second look despite the fresh "no match".
    await e2.matchFor({ ...subject, isrc: 'DENCT2500111' });
    expect(none.byIsrc).toHaveBeenCalledOnce();
  });

  it('reports a Beatport failure as unavailable and remembers nothing', async () => {
    const store = memoryStore();
    const lookup = fakeLookup();
    lookup.search.mockRejectedValueOnce(new DeckhandError('auth.required', 'Open any beatport.com page.'));
    const e = new Enricher({ lookup, store });
    expect(await e.matchFor(SUBJECT)).toEqual({ status: 'unavailable', note: 'Open any beatport.com page.' });
    expect(store.records.size).toBe(0);
  });

  it('completes a list item that lacks the label or genre with the full track (one request)', async () => {
    const bare: StoredCandidate = { ...ORIGINAL, genre: null, release: { id: 900, name: 'Solstice Run', label: null } };
    const lookup = fakeLookup({ search: [bare], full: ORIGINAL });
    const e = new Enricher({ lookup, store: memoryStore() });
    const out = await e.matchFor(SUBJECT);
    expect(lookup.full).toHaveBeenCalledWith(11);
    expect(out.status === 'matched' && out.match.track.release?.label?.name).toBe('Nocturne Audio');
  });

  it('shares one lookup between concurrent asks for the same item', async () => {
    const lookup = fakeLookup({ search: [ORIGINAL] });
    const e = new Enricher({ lookup, store: memoryStore() });
    await Promise.all([e.matchFor(SUBJECT), e.matchFor(SUBJECT), e.matchFor(SUBJECT)]);
    expect(lookup.search).toHaveBeenCalledOnce();
  });
});

describe('Enricher.reject ("not this one")', () => {
  it('offers the runner-up, never the rejected one again, even after the lookup is refreshed', async () => {
    let now = 0;
    const store = memoryStore();
    const lookup = fakeLookup({ search: [ORIGINAL, EXTENDED] });
    const events: [MatchView, boolean | undefined][] = [];
    const e = new Enricher({ lookup, store, now: () => now, onChange: (v, r) => events.push([v, r]) });
    await e.matchFor(SUBJECT);
    const next = await e.reject(SUBJECT.key, 11);
    expect(next.status === 'matched' && next.match.id).toBe(12);
    expect(events.slice(1).map(([v, r]) => [v.beatportId, !!r])).toEqual([[undefined, true], [12, false]]);
    expect((await e.reject(SUBJECT.key, 12)).status).toBe('none');
    now += MATCH_TTL_MS + 1;
    expect((await e.matchFor(SUBJECT)).status).toBe('none');
    expect(lookup.search).toHaveBeenCalledTimes(2);
    expect(store.records.get(SUBJECT.key)?.rejected).toEqual([11, 12]);
  });

  it('remembers a rejection made before any lookup', async () => {
    const lookup = fakeLookup({ search: [ORIGINAL, EXTENDED] });
    const e = new Enricher({ lookup, store: memoryStore() });
    expect((await e.reject(SUBJECT.key, 11)).status).toBe('none');
    const out = await e.matchFor(SUBJECT);
    expect(out.status === 'matched' && out.match.id).toBe(12);
  });
});

describe('views and keys', () => {
  it('shows BPM and key only from the same version (what the merge would write)', () => {
    const view = matchView('k', { status: 'matched', match: { track: EXTENDED, id: 12, score: 0.8, reasons: { title: 1, artists: 1, mix: 0.5, isrc: 'absent', notes: [] }, sameVersion: false } });
    expect(view).toMatchObject({ status: 'matched', beatportId: 12, title: 'Solstice Run (Extended Mix)', artists: ['Mira Lenz'], score: 0.8, sameVersion: false });
    expect(view.bpm).toBeUndefined();
    expect(view.key).toBeUndefined();
  });

  it('keys sections by folded artist and title, so the same song in two shows is looked up once', () => {
    expect(sectionKey('Mira  Lenz', 'SOLSTICE Run ')).toBe(sectionKey('mira lenz', 'solstice run'));
    expect(sectionKey(undefined, 'A')).not.toBe(sectionKey('B', 'A'));
  });

  it('never broadcasts section matches (they are not items on a page)', async () => {
    const onChange = vi.fn();
    const e = new Enricher({ lookup: fakeLookup({ search: [ORIGINAL] }), store: memoryStore(), onChange });
    await e.matchFor({ ...SUBJECT, key: sectionKey('Mira Lenz', 'Solstice Run') });
    expect(onChange).not.toHaveBeenCalled();
  });
});

describe('IndexedDB store', () => {
  beforeEach(async () => {
    await resetDbConnection();
    (globalThis as { indexedDB: IDBFactory }).indexedDB = new IDBFactory();
  });

  it('keeps matches and rejections in the matches store', async () => {
    const e = new Enricher({ lookup: fakeLookup({ search: [ORIGINAL, EXTENDED] }) });
    await e.matchFor(SUBJECT);
    await e.reject(SUBJECT.key, 11);
    const record = await idbMatchStore.get(SUBJECT.key);
    expect(record?.rejected).toEqual([11]);
    expect(record?.ranked.map((m) => m.id)).toEqual([12]);
  });
});
