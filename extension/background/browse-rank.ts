/**
 * Merging one search across platforms (pure): filter each platform's hits by the user's filters, then
 * rank. Rank = how well the text matches the query (exact title, every word, some words), then the
 * platform's own order; equal hits alternate between platforms so no platform buries the others.
 *
 * Filters that a platform cannot apply on its search endpoint are applied here, the same way for all
 * three: a result that does not state the filtered fact (no BPM on a Mixcloud show) is left out when
 * that filter is set, because it cannot be shown to match.
 */
import type { SearchFilters, SearchHit } from '../../shared/browse';
import { convertKey } from '../../shared/keys';
import type { PlatformId } from '../../shared/platform';

const words = (text: string) => text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** 3: the title/name is the query; 2: every query word appears; 1: some do; 0: none (the platform matched on something else). */
export function relevance(query: string, hit: SearchHit): number {
  const q = words(query);
  if (!q.length) return 0;
  const name = hit.type === 'track' ? (hit.track.title ?? '') : hit.entity.name;
  const other = hit.type === 'track' ? (hit.track.artist ?? '') : (hit.entity.subtitle ?? '');
  const nameWords = words(name);
  if (nameWords.join(' ') === q.join(' ')) return 3;
  const all = new Set([...nameWords, ...words(other)]);
  const found = q.filter((w) => all.has(w) || [...all].some((a) => a.startsWith(w))).length;
  return found === q.length ? 2 : found > 0 ? 1 : 0;
}

/** Filters only Beatport tracks state (genre and sub-genre by id, label, release date). */
export function hasBeatportOnlyFilter(f: SearchFilters): boolean {
  return f.subGenreId !== undefined || !!f.label?.trim() || !!f.releasedFrom || !!f.releasedTo || f.labelId !== undefined || f.genreId !== undefined;
}

export function passesFilters(hit: SearchHit, f: SearchFilters): boolean {
  if (f.platforms?.length && !f.platforms.includes(hit.type === 'track' ? hit.track.platform : hit.entity.platform)) return false;
  if (hit.type === 'entity') {
    // Track facts do not apply to people and sets; a track-only filter hides them.
    return (
      f.bpmMin === undefined && f.bpmMax === undefined && !f.key && f.durationMinMs === undefined && f.durationMaxMs === undefined && !f.genre && !hasBeatportOnlyFilter(f)
    );
  }
  const t = hit.track;
  if (f.bpmMin !== undefined || f.bpmMax !== undefined) {
    if (t.bpm === undefined) return false;
    if (f.bpmMin !== undefined && t.bpm < f.bpmMin) return false;
    if (f.bpmMax !== undefined && t.bpm > f.bpmMax) return false;
  }
  if (f.key) {
    const wanted = convertKey(f.key, 'camelot');
    if (!wanted || convertKey(t.key, 'camelot') !== wanted) return false;
  }
  if (f.durationMinMs !== undefined || f.durationMaxMs !== undefined) {
    if (t.durationMs === undefined) return false;
    if (f.durationMinMs !== undefined && t.durationMs < f.durationMinMs) return false;
    if (f.durationMaxMs !== undefined && t.durationMs > f.durationMaxMs) return false;
  }
  if (f.genre && !(hit.genre ?? '').toLowerCase().includes(f.genre.trim().toLowerCase())) return false;
  const facts = hit.facts;
  if (f.subGenreId !== undefined && facts?.subGenreId !== f.subGenreId) return false;
  if (f.genreId !== undefined && facts?.genreId !== f.genreId) return false;
  if (f.labelId !== undefined && facts?.labelId !== f.labelId) return false;
  if (f.label?.trim() && !(facts?.label ?? '').toLowerCase().includes(f.label.trim().toLowerCase())) return false;
  // ISO dates compare as strings.
  if (f.releasedFrom && !(facts?.released && facts.released >= f.releasedFrom)) return false;
  if (f.releasedTo && !(facts?.released && facts.released <= f.releasedTo)) return false;
  return true;
}

/** Each platform's hits in its own order -> one filtered list, best first. */
export function mergeHits(query: string, perPlatform: Partial<Record<PlatformId, SearchHit[]>>, filters: SearchFilters): SearchHit[] {
  const scored: { hit: SearchHit; score: number; position: number; platformIndex: number }[] = [];
  Object.values(perPlatform).forEach((hits, platformIndex) => {
    hits
      ?.filter((hit) => passesFilters(hit, filters))
      .forEach((hit, position) => scored.push({ hit, score: relevance(query, hit), position, platformIndex }));
  });
  scored.sort((a, b) => b.score - a.score || a.position - b.position || a.platformIndex - b.platformIndex);
  return scored.map((s) => s.hit);
}
