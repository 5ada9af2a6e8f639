/**
 * The Beatport requests enrichment makes, through the one Beatport client (page or user token, the
 * shared rate limiter and the response cache): tracks by ISRC, a track search, and one track in
 * full. Answers are slimmed to what the matcher and the merge read, so match records stay small.
 */
import type { StoredCandidate } from '../core/db';
import { BeatportApi } from '../platforms/beatport/api';
import { beatportApi } from '../platforms/beatport';
import type { BpNamed, BpPage, BpTrack } from '../platforms/beatport/types';

export interface BeatportLookup {
  byIsrc(isrc: string): Promise<StoredCandidate[]>;
  search(query: string): Promise<StoredCandidate[]>;
  /** One track with its release and label (list items may lack them). */
  full(id: number): Promise<StoredCandidate>;
}

/** Search results read: the right version is nearly always on the first page. */
const SEARCH_PER_PAGE = 25;

const named = (x: BpNamed | null | undefined) => (x ? { ...(x.id !== undefined ? { id: x.id } : {}), ...(x.name !== undefined ? { name: x.name } : {}) } : null);

export function slimTrack(t: BpTrack): StoredCandidate {
  const out: StoredCandidate = {
    ...(t.id !== undefined ? { id: t.id } : {}),
    ...(t.name !== undefined ? { name: t.name } : {}),
    ...(t.slug !== undefined ? { slug: t.slug } : {}),
    mix_name: t.mix_name ?? null,
    artists: (t.artists ?? []).map((a) => named(a) ?? {}),
    remixers: (t.remixers ?? []).map((a) => named(a) ?? {}),
    isrc: t.isrc ?? null,
    length_ms: t.length_ms ?? null,
    bpm: t.bpm ?? null,
    key: t.key ? { ...(t.key.name !== undefined ? { name: t.key.name } : {}), ...(t.key.camelot_number !== undefined ? { camelot_number: t.key.camelot_number } : {}), ...(t.key.camelot_letter !== undefined ? { camelot_letter: t.key.camelot_letter } : {}) } : null,
    genre: named(t.genre),
    sub_genre: named(t.sub_genre),
    catalog_number: t.catalog_number ?? null,
    new_release_date: t.new_release_date ?? null,
    publish_date: t.publish_date ?? null,
    release: t.release ? { ...named(t.release), label: named(t.release.label) } : null,
  };
  return out;
}

export function beatportLookup(api: BeatportApi = beatportApi): BeatportLookup {
  return {
    async byIsrc(isrc) {
      const page = await api.get<BpPage<BpTrack>>('catalog/tracks/', { isrc, per_page: 10 }, 'search');
      return (page.results ?? []).map(slimTrack);
    },
    async search(query) {
      const answer = await api.get<{ tracks?: BpTrack[] }>('catalog/search/', { q: query, type: 'tracks', per_page: SEARCH_PER_PAGE }, 'search');
      return (answer.tracks ?? []).map(slimTrack);
    },
    async full(id) {
      return slimTrack(await api.track(id));
    },
  };
}
