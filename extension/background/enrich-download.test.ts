import { describe, expect, it, vi } from 'vitest';
import type { MatchRecord, StoredCandidate } from '../core/db';
import type { TrackMetadata } from '../../shared/track';
import { DeckhandError } from '../../shared/errors';
import { Enricher, type MatchStore } from './enrich';
import { enrichMetadata } from './enrich-download';
import type { BeatportLookup } from './enrich-lookup';

const TRACK: StoredCandidate = {
  id: 11, name: 'Solstice Run', mix_name: 'Original Mix', slug: 'solstice-run', artists: [{ id: 1, name: 'Mira Lenz' }], remixers: [],
  isrc: 'DENCT2500111', length_ms: 225_000, bpm: 122, key: { name: 'Eb Minor', camelot_number: 2, camelot_letter: 'A' },
  genre: { id: 90, name: 'Melodic House & Techno' }, catalog_number: 'NOC001', new_release_date: '2025-04-18',
  release: { id: 900, name: 'Solstice Run', label: { id: 5, name: 'Nocturne Audio' } },
};
const PAPER: StoredCandidate = { ...TRACK, id: 21, name: 'Paper Moons ', artists: [{ name: 'Nadia Ferro' }], length_ms: 301_000, bpm: 124, key: { name: 'A Minor' } };

const SC: TrackMetadata = {
  platform: 'soundcloud', id: 'soundcloud:tracks:1', url: 'https://soundcloud.com/deepwave-audio/solstice-run', title: 'Solstice Run',
  artists: ['Mira Lenz'], durationMs: 225_300, genre: 'Deep House', extra: { SOUNDCLOUD_ID: '1' },
};

function store(): MatchStore {
  const records = new Map<string, MatchRecord>();
  return { get: async (k) => records.get(k), put: async (r) => void records.set(r.key, r) };
}

function enricher(search: (q: string) => Promise<StoredCandidate[]>): Enricher {
  const lookup: BeatportLookup = { byIsrc: async () => [], search, full: async () => TRACK };
  return new Enricher({ lookup, store: store() });
}

const ON = { enrichFromBeatport: true, preferBeatport: false };

describe('enrichMetadata (queue time)', () => {
  it('fills what SoundCloud lacks and keeps what it says; records the Beatport id and score', async () => {
    const { metadata, note } = await enrichMetadata(SC, enricher(async () => [TRACK]), ON);
    expect(metadata).toMatchObject({ bpm: 122, key: 'Ebm', label: 'Nocturne Audio', isrc: 'DENCT2500111', catalogNumber: 'NOC001', releaseDate: '2025-04-18' });
    expect(metadata.genre).toBe('Deep House');
    expect(metadata.durationMs).toBe(225_300);
    expect(metadata.mixName).toBeUndefined();
    expect(metadata.extra).toMatchObject({ SOUNDCLOUD_ID: '1', BEATPORT_TRACK_ID: '11' });
    expect(Number(metadata.extra?.BEATPORT_MATCH_SCORE)).toBeGreaterThan(0.75);
    expect(note).toMatch(/^Enriched from Beatport \(match \d+%\)\.$/);
  });

  it('lets Beatport win when the user prefers it, but keeps the audio’s own length', async () => {
    const { metadata } = await enrichMetadata(SC, enricher(async () => [TRACK]), { ...ON, preferBeatport: true });
    expect(metadata.genre).toBe('Melodic House & Techno');
    expect(metadata.mixName).toBe('Original Mix');
    expect(metadata.durationMs).toBe(225_300);
    expect(metadata.extra?.SOUNDCLOUD_ID).toBe('1');
  });

  it('does nothing when the setting is off or the item is a Beatport one', async () => {
    const search = vi.fn(async () => [TRACK]);
    expect(await enrichMetadata(SC, enricher(search), { ...ON, enrichFromBeatport: false })).toEqual({ metadata: SC });
    const beatportItem: TrackMetadata = { ...SC, platform: 'beatport' };
    expect(await enrichMetadata(beatportItem, enricher(search), ON)).toEqual({ metadata: beatportItem });
    expect(search).not.toHaveBeenCalled();
  });

  it('leaves the download unenriched with a note when Beatport fails or is slow', async () => {
    const failing = await enrichMetadata(SC, enricher(async () => Promise.reject(new DeckhandError('network.offline', 'Beatport could not be reached.'))), ON);
    expect(failing).toEqual({ metadata: SC, note: 'Not enriched from Beatport: Beatport could not be reached.' });
    const slow = await enrichMetadata(SC, enricher(() => new Promise(() => undefined)), ON, { trackMs: 20, sectionsMs: 20 });
    expect(slow).toEqual({ metadata: SC, note: 'Not enriched: Beatport did not answer in time.' });
    const none = await enrichMetadata(SC, enricher(async () => [PAPER]), ON);
    expect(none).toEqual({ metadata: SC, note: 'No confident Beatport match: nothing added.' });
  });
});

describe('Mixcloud shows: each tracklist section', () => {
  const SHOW: TrackMetadata = {
    platform: 'mixcloud', id: '/dj/show/', url: 'https://www.mixcloud.com/dj/show/', title: 'Show', kind: 'show', durationMs: 3_600_000,
    chapters: [
      { startMs: 0, title: 'Solstice Run', artist: 'Mira Lenz' },
      { title: 'Unknown Dubplate', artist: 'Nobody' },
      { startMs: 600_000, title: 'Paper Moons', artist: 'Nadia Ferro' },
    ],
  };

  it('gives matched sections BPM and key; unknown stays unknown; the show itself is not matched', async () => {
    const search = vi.fn(async (q: string) => (q.includes('Solstice') ? [TRACK] : q.includes('Paper') ? [PAPER] : []));
    const { metadata, note } = await enrichMetadata(SHOW, enricher(search), ON);
    expect(metadata.chapters).toEqual([
      { startMs: 0, title: 'Solstice Run', artist: 'Mira Lenz', bpm: 122, key: 'Ebm' },
      { title: 'Unknown Dubplate', artist: 'Nobody' },
      { startMs: 600_000, title: 'Paper Moons', artist: 'Nadia Ferro', bpm: 124, key: 'Am' },
    ]);
    expect(metadata.bpm).toBeUndefined();
    expect(search).toHaveBeenCalledTimes(3);
    expect(note).toBe('Beatport: BPM/key for 2 of 3 tracklist sections.');
  });

  it('stops at the first "cannot look" and says why', async () => {
    const search = vi.fn(async () => Promise.reject(new DeckhandError('auth.required', 'Open any beatport.com page.')));
    const { metadata, note } = await enrichMetadata(SHOW, enricher(search), ON);
    expect(metadata.chapters).toEqual(SHOW.chapters);
    expect(note).toBe('Tracklist not enriched from Beatport: Open any beatport.com page.');
    expect(search.mock.calls.length).toBeLessThanOrEqual(2);
  });
});
