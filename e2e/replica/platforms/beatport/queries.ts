/**
 * Catalogue questions that both the API and the pages ask: top and hype lists, an entity's tracks or
 * releases, release recommendations, and full-text search.
 */
import { catalogue } from './catalogue';
import { orderTracks } from './filters';
import type { BpArtist, BpChart, BpLabel, BpRelease, BpTrack } from './model';

const tracks = () => [...catalogue().tracks.values()];
const releases = () => [...catalogue().releases.values()];

/** Most popular first. Genres other than Tech House have fewer than 100 tracks: their lists are shorter. */
export function topTracks(genreId?: number, num = 100): BpTrack[] {
  return tracks()
    .filter((t) => genreId === undefined || t.genreId === genreId)
    .sort((a, b) => a.popularity - b.popularity || a.id - b.id)
    .slice(0, num);
}

/** Hype 100: tracks flagged `is_hype`, hottest first (no API path exists for it; pages only). */
export function hypeTracks(genreId?: number): BpTrack[] {
  return tracks()
    .filter((t) => t.isHype && (genreId === undefined || t.genreId === genreId))
    .sort((a, b) => a.hypeRank - b.hypeRank || a.id - b.id)
    .slice(0, 100);
}

export function topReleases(genreId?: number, num = 100): BpRelease[] {
  return releases()
    .filter((r) => genreId === undefined || releaseGenre(r) === genreId)
    .sort((a, b) => a.popularity - b.popularity || a.id - b.id)
    .slice(0, num);
}

export function releaseGenre(r: BpRelease): number | undefined {
  const first = r.trackIds[0];
  return first === undefined ? undefined : catalogue().tracks.get(first)?.genreId;
}

/** Running order (position 1 first). */
export function releaseTracks(r: BpRelease): BpTrack[] {
  return r.trackIds.flatMap((id) => catalogue().tracks.get(id) ?? []);
}

export function artistTracks(a: BpArtist): BpTrack[] {
  return orderTracks(tracks().filter((t) => t.artistIds.includes(a.id) || t.remixerIds.includes(a.id)), null);
}

export function artistTopTracks(a: BpArtist, num: number): BpTrack[] {
  return artistTracks(a).sort((x, y) => x.popularity - y.popularity).slice(0, num);
}

export function labelReleases(l: BpLabel): BpRelease[] {
  return releases()
    .filter((r) => r.labelId === l.id)
    .sort((a, b) => (a.publishDate < b.publishDate ? 1 : a.publishDate > b.publishDate ? -1 : b.id - a.id));
}

export function labelTopTracks(l: BpLabel, num: number): BpTrack[] {
  const ids = new Set(labelReleases(l).map((r) => r.id));
  return tracks().filter((t) => ids.has(t.releaseId)).sort((a, b) => a.popularity - b.popularity).slice(0, num);
}

export function genreTracks(genreId: number, subGenreId?: number): BpTrack[] {
  return orderTracks(tracks().filter((t) => t.genreId === genreId && (subGenreId === undefined || t.subGenreId === subGenreId)), null);
}

export function chartTracks(c: BpChart): BpTrack[] {
  return c.trackIds.flatMap((id) => catalogue().tracks.get(id) ?? []);
}

export function recommendations(r: BpRelease): BpRelease[] {
  const genre = releaseGenre(r);
  return releases().filter((x) => x.id !== r.id && releaseGenre(x) === genre).sort((a, b) => a.popularity - b.popularity).slice(0, 7);
}

/** Lowercase, accents stripped, punctuation to spaces: "Zoë Ångström" -> "zoe angstrom". */
export function normalise(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** 0 = no match; more matching words and whole-name hits score higher. */
function score(query: string[], haystack: string, name: string): number {
  if (!query.length) return 0;
  const words = haystack.split(' ');
  let total = 0;
  for (const q of query) {
    if (words.includes(q)) total += 2;
    else if (haystack.includes(q)) total += 1;
    else return 0;
  }
  return total + (normalise(name) === query.join(' ') ? 5 : 0);
}

export interface Scored<T> {
  item: T;
  score: number;
}

function rank<T>(items: T[], query: string[], text: (item: T) => string, name: (item: T) => string, pop: (item: T) => number): Scored<T>[] {
  return items
    .map((item) => ({ item, score: score(query, normalise(text(item)), name(item)) }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || pop(a.item) - pop(b.item));
}

export interface SearchHits {
  tracks: Scored<BpTrack>[];
  releases: Scored<BpRelease>[];
  artists: Scored<BpArtist>[];
  labels: Scored<BpLabel>[];
  charts: Scored<BpChart>[];
}

/** Search across the catalogue; an exact ISRC finds its track first. */
export function search(q: string): SearchHits {
  const cat = catalogue();
  const query = normalise(q).split(' ').filter(Boolean);
  const names = (ids: number[]) => ids.map((id) => cat.artists.get(id)?.name ?? '').join(' ');
  const isrc = q.trim().toUpperCase();
  const trackHits = rank(
    tracks(),
    query,
    (t) => `${names(t.artistIds)} ${names(t.remixerIds)} ${t.name} ${t.mixName} ${cat.releases.get(t.releaseId)?.name ?? ''} ${t.isrc ?? ''}`,
    (t) => t.name,
    (t) => t.popularity,
  );
  const exact = tracks().filter((t) => t.isrc === isrc);
  return {
    tracks: [...exact.map((item) => ({ item, score: 100 })), ...trackHits.filter((h) => !exact.includes(h.item))],
    releases: rank(releases(), query, (r) => `${names(r.artistIds)} ${r.name} ${r.catalogNumber}`, (r) => r.name, (r) => r.popularity),
    artists: rank([...cat.artists.values()], query, (a) => a.name, (a) => a.name, (a) => a.id),
    labels: rank([...cat.labels.values()], query, (l) => l.name, (l) => l.name, (l) => l.id),
    charts: rank([...cat.charts.values()], query, (c) => `${c.name} ${cat.artists.get(c.artistId)?.name ?? ''}`, (c) => c.name, (c) => c.id),
  };
}
