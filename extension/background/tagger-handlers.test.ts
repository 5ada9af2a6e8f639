import { describe, expect, it, vi } from 'vitest';
import type { MatchRecord, StoredCandidate } from '../core/db';
import { Enricher, type MatchStore } from './enrich';
import type { BeatportLookup } from './enrich-lookup';
import { createTaggerHandlers } from './tagger-handlers';
import { fromFileName, subjectOfFile } from './tagger-subject';

const ORIGINAL: StoredCandidate = {
  id: 11, name: 'Solstice Run', mix_name: 'Original Mix', slug: 'solstice-run', artists: [{ id: 1, name: 'Mira Lenz' }], remixers: [],
  isrc: 'DENCT2500111', length_ms: 225_000, bpm: 122, key: { name: 'Eb Minor', camelot_number: 2, camelot_letter: 'A' },
  genre: { id: 90, name: 'Melodic House & Techno' }, release: { id: 900, name: 'Solstice Run', label: { id: 5, name: 'Nocturne Audio' } },
};
const EXTENDED: StoredCandidate = { ...ORIGINAL, id: 12, mix_name: 'Extended Mix', isrc: 'DENCT2500112', length_ms: 372_000 };

function memoryStore(): MatchStore {
  const records = new Map<string, MatchRecord>();
  return { get: async (k) => structuredClone(records.get(k)), put: async (r) => void records.set(r.key, structuredClone(r)) };
}

function setUp(opts: { preferBeatport?: boolean; fromPage?: boolean } = {}) {
  const lookup = {
    byIsrc: vi.fn(async () => [] as StoredCandidate[]),
    search: vi.fn(async (q: string) => (q.includes('Solstice') ? [EXTENDED, ORIGINAL] : [])),
    full: vi.fn(async (id: number) => ({ ...ORIGINAL, id })),
  } satisfies BeatportLookup;
  // Answers shaped as the host's (they are validated): a scan page, or a write result.
  const host = { call: vi.fn(async (action: string, _params: unknown): Promise<unknown> => (action === 'tags.scan' ? { root: '/music/lib', folder: 'Crate', total: 0, files: [] } : { path: 'Crate/solstice.mp3', bytes: 10, tags: {} })) };
  const handlers = createTaggerHandlers({
    host: host as never,
    enricher: new Enricher({ lookup, store: memoryStore() }),
    settings: async () => ({ libraryRoot: '/music/lib', keyNotation: 'camelot', preferBeatport: opts.preferBeatport ?? false }),
    fromExtensionPage: () => opts.fromPage ?? true,
  });
  return { handlers, host, lookup };
}

const page = {} as never;
const FILE = { path: 'Crate/solstice.mp3', title: 'Solstice Run', artists: ['Mira Lenz'], durationMs: 225_300 };

describe('file names as a last resort', () => {
  it.each([
    ['Crate/01 - Mira Lenz - Solstice Run (Original Mix).mp3', { artists: ['Mira Lenz'], title: 'Solstice Run (Original Mix)' }],
    ['03. Juno_Brask – Low Orbit.m4a', { artists: ['Juno Brask'], title: 'Low Orbit' }],
    ['Untitled sketch.mp3', { artists: [], title: 'Untitled sketch' }],
  ])('%s', (name, expected) => expect(fromFileName(name)).toEqual(expected));

  it('a file with its own title is looked up by its tags, keyed by path and what is looked up', () => {
    expect(subjectOfFile(FILE)).toMatchObject({ title: 'Solstice Run', artists: ['Mira Lenz'], key: 'file:Crate/solstice.mp3|mira lenz|solstice run' });
    expect(subjectOfFile({ path: 'a/Mira Lenz - Solstice Run.mp3' })).toMatchObject({ title: 'Solstice Run', artists: ['Mira Lenz'] });
  });
});

describe('tagger.match', () => {
  it('proposes Beatport’s BPM, key, genre, label and ISRC for what the file lacks, with the match ids', async () => {
    const { handlers } = setUp();
    const out = await handlers['tagger.match']({ file: { ...FILE, genre: 'House' } }, page);
    expect(out.match).toMatchObject({ status: 'matched', beatportId: 11, sameVersion: true });
    expect(out.beatport).toEqual({ bpm: 122, key: 'Ebm', genre: 'Melodic House & Techno', label: 'Nocturne Audio', isrc: 'DENCT2500111' });
    // The file's own genre stays: merge fills gaps only.
    expect(out.proposed).toEqual({ bpm: 122, key: 'Ebm', label: 'Nocturne Audio', isrc: 'DENCT2500111', extra: { BEATPORT_TRACK_ID: '11', BEATPORT_MATCH_SCORE: expect.stringMatching(/^(0\.\d\d|1\.00)$/) } });
  });

  it('with "prefer Beatport" the file’s own values are replaced too', async () => {
    const { handlers } = setUp({ preferBeatport: true });
    const out = await handlers['tagger.match']({ file: { ...FILE, genre: 'House', bpm: 61 } }, page);
    expect(out.proposed).toMatchObject({ bpm: 122, genre: 'Melodic House & Techno' });
  });

  it('no match proposes nothing; a file with no title and a bare name is not looked up', async () => {
    const { handlers, lookup } = setUp();
    const none = await handlers['tagger.match']({ file: { path: 'x.mp3', title: 'Paper Moons', artists: ['Nadia Ferro'] } }, page);
    expect(none).toMatchObject({ match: { status: 'none' }, proposed: {} });
    const calls = lookup.search.mock.calls.length;
    const untitled = await handlers['tagger.match']({ file: { path: 'dir/.mp3' } }, page);
    expect(untitled.match.note).toMatch(/no title/);
    expect(lookup.search.mock.calls.length).toBe(calls);
  });
});

describe('host calls', () => {
  it('scan and write go to the host with the user’s library folder and key notation', async () => {
    const { handlers, host } = setUp();
    await handlers['tagger.scan']({ folder: 'Crate', recursive: true }, page);
    await handlers['tagger.write']({ path: 'Crate/solstice.mp3', tags: { bpm: 122 } }, page);
    expect(host.call.mock.calls.map((c) => [c[0], c[1]])).toEqual([
      ['tags.scan', { root: '/music/lib', folder: 'Crate', recursive: true }],
      ['tags.write', { root: '/music/lib', path: 'Crate/solstice.mp3', tags: { bpm: 122 }, keyNotation: 'camelot' }],
    ]);
  });

  it('a malformed host answer is protocol.invalid, not a crash later in the page', async () => {
    const { handlers, host } = setUp();
    host.call.mockResolvedValueOnce({ root: '/music/lib', files: 'nope' });
    await expect(handlers['tagger.scan']({ folder: 'Crate' }, page)).rejects.toMatchObject({ code: 'protocol.invalid' });
  });

  it('refuse anything but the extension’s own pages', async () => {
    const { handlers, host } = setUp({ fromPage: false });
    await expect(handlers['tagger.write']({ path: 'a.mp3', tags: {} }, page)).rejects.toMatchObject({ code: 'protocol.invalid' });
    await expect(handlers['tagger.folders']({}, page)).rejects.toMatchObject({ code: 'protocol.invalid' });
    expect(host.call).not.toHaveBeenCalled();
  });
});
