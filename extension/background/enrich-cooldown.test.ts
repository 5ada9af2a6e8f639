/** A failed Beatport lookup is not tried again at once: no storm of doomed requests while Beatport is unreachable. */
import { describe, expect, it, vi } from 'vitest';
import { DeckhandError } from '../../shared/errors';
import type { MatchRecord, StoredCandidate } from '../core/db';
import { Enricher, FAILURE_COOL_DOWN_MS, MAX_FAILURE_COOL_DOWN_MS, type MatchStore, type MatchSubject } from './enrich';
import type { BeatportLookup } from './enrich-lookup';

const TRACK: StoredCandidate = {
  id: 11, name: 'Solstice Run', mix_name: 'Original Mix', slug: 'solstice-run', artists: [{ id: 1, name: 'Mira Lenz' }], remixers: [],
  isrc: null, length_ms: 225_000, bpm: 122, key: null, genre: { id: 90, name: 'Melodic House & Techno' }, sub_genre: null,
  catalog_number: null, new_release_date: null, publish_date: null, release: { id: 900, name: 'Solstice Run', label: { id: 5, name: 'Nocturne Audio' } },
};
const A: MatchSubject = { key: 'soundcloud:a', title: 'Solstice Run', artists: ['Mira Lenz'], durationMs: 225_000 };
// Another upload of the same song (a different item key), so both find TRACK.
const B: MatchSubject = { key: 'soundcloud:b', title: 'Solstice Run (Original Mix)', artists: ['Mira Lenz'] };

function setup() {
  const records = new Map<string, MatchRecord>();
  const store: MatchStore = { get: async (k) => records.get(k), put: async (r) => void records.set(r.key, r) };
  const search = vi.fn<BeatportLookup['search']>(async () => [TRACK]);
  const lookup: BeatportLookup = { byIsrc: async () => [], search, full: async () => TRACK };
  let now = 1_000_000;
  const clock = { advance: (ms: number) => void (now += ms) };
  return { enricher: new Enricher({ lookup, store, now: () => now }), search, records, clock };
}

describe('Enricher after a failed lookup', () => {
  it('answers every item "unavailable" without a request while a service failure cools down, then looks again', async () => {
    const { enricher, search, records, clock } = setup();
    search.mockRejectedValueOnce(new DeckhandError('network.offline', 'Beatport could not be reached.'));
    expect(await enricher.matchFor(A)).toEqual({ status: 'unavailable', note: 'Beatport could not be reached.' });
    // Other rows of the popup, and the same row asked again: no request.
    expect(await enricher.matchFor(B)).toEqual({ status: 'unavailable', note: 'Beatport could not be reached.' });
    expect(await enricher.matchFor(A)).toEqual({ status: 'unavailable', note: 'Beatport could not be reached.' });
    expect(search).toHaveBeenCalledOnce();
    expect(records.size).toBe(0); // failures are never stored

    clock.advance(FAILURE_COOL_DOWN_MS);
    expect((await enricher.matchFor(A)).status).toBe('matched');
    expect((await enricher.matchFor(B)).status).toBe('matched');
    expect(search).toHaveBeenCalledTimes(3);
  });

  it('doubles the wait on failures in a row, up to the maximum, and forgets it after a success', async () => {
    const { enricher, search, clock } = setup();
    search.mockRejectedValue(new DeckhandError('network.timeout'));
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      await enricher.matchFor(A);
      const calls = search.mock.calls.length;
      let waited = 0;
      while (search.mock.calls.length === calls) {
        clock.advance(1_000);
        waited += 1_000;
        await enricher.matchFor(A);
      }
      waits.push(waited);
    }
    expect(waits.slice(0, 4)).toEqual([1, 2, 4, 8].map((n) => n * FAILURE_COOL_DOWN_MS));
    expect(waits.at(-1)).toBe(MAX_FAILURE_COOL_DOWN_MS);

    search.mockResolvedValue([TRACK]);
    clock.advance(MAX_FAILURE_COOL_DOWN_MS);
    expect((await enricher.matchFor(B)).status).toBe('matched');
    search.mockRejectedValueOnce(new DeckhandError('network.timeout'));
    await enricher.matchFor(A); // fails again: the first wait, not the doubled one
    const calls = search.mock.calls.length;
    clock.advance(FAILURE_COOL_DOWN_MS);
    await enricher.matchFor(A);
    expect(search.mock.calls.length).toBe(calls + 1);
  });

  it('waits for the time a rate limit names, even past its own doubling', async () => {
    const { enricher, search, clock } = setup();
    search.mockRejectedValueOnce(new DeckhandError('rate.limited', 'Beatport asked us to wait.', { retryAt: 1_000_000 + 5 * FAILURE_COOL_DOWN_MS }));
    await enricher.matchFor(A);
    clock.advance(4 * FAILURE_COOL_DOWN_MS);
    expect(await enricher.matchFor(B)).toEqual({ status: 'unavailable', note: 'Beatport asked us to wait.' });
    clock.advance(FAILURE_COOL_DOWN_MS);
    expect((await enricher.matchFor(B)).status).toBe('matched');
    expect(search).toHaveBeenCalledTimes(2);
  });

  it('cools down only the item when the failure is the item’s own', async () => {
    const { enricher, search } = setup();
    search.mockRejectedValueOnce(new DeckhandError('protocol.invalid', 'Beatport’s answer could not be read.'));
    expect((await enricher.matchFor(A)).status).toBe('unavailable');
    expect((await enricher.matchFor(B)).status).toBe('matched');
    expect(await enricher.matchFor(A)).toEqual({ status: 'unavailable', note: 'Beatport’s answer could not be read.' });
    expect(search).toHaveBeenCalledTimes(2);
  });
});
