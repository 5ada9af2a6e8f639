/**
 * Scores one Beatport candidate against one reading of the source.
 *
 * score = (0.40·title + 0.30·artists + 0.15·mix + 0.15·duration) / (sum of the weights present)
 * (duration drops out when either length is unknown), accepted when score ≥ the threshold AND three
 * gates hold: the core titles are close (similarity > TITLE_FLOOR), at least one of the candidate's
 * credited artists is among the source's (or the source credits only the remixer of a remix), and
 * the versions do not conflict (mix > 0). The title component is 1 for equal titles and
 * (similarity − 0.8) / 0.2 otherwise, so a typo costs more than a raw edit ratio says: similar
 * titles by the same artist are the commonest decoys. Duration is 1 within 3 s, falling to 0 at
 * 30 s. An equal ISRC is accepted outright (score 1 when the lengths agree or are unknown, else
 * at least the threshold).
 */
import { compareArtists, splitArtists } from './artists';
import { mixScore, parseMix, type MixInfo } from './mix';
import { parseTitle, type ParsedTitle } from './title';
import { similarity } from './fold';
import type { BeatportCandidate, MatchReasons } from './types';

export const WEIGHTS = { title: 0.4, artists: 0.3, mix: 0.15, duration: 0.15 } as const;
/** Titles less similar than this never match. */
export const TITLE_FLOOR = 0.8;
/** Lengths this close score full marks; the duration score falls to 0 at DURATION_ZERO_MS. */
const DURATION_EXACT_MS = 3_000;
const DURATION_ZERO_MS = 30_000;

export interface SourceReading {
  title: ParsedTitle;
  /** Folded names: the credits plus artists featured in the title. */
  names: string[];
  durationMs?: number;
  isrc?: string;
}

export interface PreparedCandidate {
  core: string;
  mix: MixInfo;
  main: string[];
  featured: string[];
  remixers: string[];
  durationMs?: number;
  isrc?: string;
}

export interface CandidateScore {
  score: number;
  accepted: boolean;
  reasons: MatchReasons;
  durationAgrees?: boolean;
  durationDiffMs?: number;
  sameVersion: boolean;
}

export function normaliseIsrc(isrc: string | null | undefined): string | undefined {
  const cleaned = (isrc ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '');
  return cleaned.length === 12 ? cleaned : undefined;
}

const known = (ms: number | null | undefined): number | undefined => (typeof ms === 'number' && ms > 0 ? ms : undefined);

export function readSource(title: string, credits: readonly string[], durationMs?: number, isrc?: string): SourceReading {
  const parsed = parseTitle(title);
  const names = splitArtists([...credits, ...parsed.featured]);
  const reading: SourceReading = { title: parsed, names };
  const length = known(durationMs);
  if (length !== undefined) reading.durationMs = length;
  const code = normaliseIsrc(isrc);
  if (code) reading.isrc = code;
  return reading;
}

export function prepareCandidate(c: BeatportCandidate): PreparedCandidate {
  const parsed = parseTitle(c.name ?? '');
  const mix = c.mix_name?.trim() ? parseMix(c.mix_name) : parsed.mix;
  const featured = splitArtists(parsed.featured);
  const credited = splitArtists((c.artists ?? []).map((a) => a.name ?? ''));
  const main = credited.filter((name) => !featured.includes(name));
  const remixers = splitArtists([...(c.remixers ?? []).map((a) => a.name ?? ''), ...mix.by]);
  const prepared: PreparedCandidate = { core: parsed.core, mix, main: main.length ? main : credited, featured, remixers };
  const length = known(c.length_ms);
  if (length !== undefined) prepared.durationMs = length;
  const code = normaliseIsrc(c.isrc);
  if (code) prepared.isrc = code;
  return prepared;
}

function titleComponent(sim: number): number {
  return sim >= 1 ? 1 : Math.max(0, (sim - TITLE_FLOOR) / (1 - TITLE_FLOOR));
}

function durationComponent(diffMs: number): number {
  if (diffMs <= DURATION_EXACT_MS) return 1;
  return Math.max(0, 1 - (diffMs - DURATION_EXACT_MS) / (DURATION_ZERO_MS - DURATION_EXACT_MS));
}

const round = (n: number) => Math.round(n * 1000) / 1000;
const mixLabel = (m: MixInfo, unspecified: string) => m.text || unspecified;

export function scoreCandidate(src: SourceReading, cand: PreparedCandidate, threshold: number, toleranceMs: number): CandidateScore {
  const notes: string[] = [];
  const titleSim = similarity(src.title.core, cand.core);
  const title = titleComponent(titleSim);
  if (titleSim < 1) notes.push(`title similarity ${round(titleSim)}`);
  const artistCmp = compareArtists(src.names, cand);
  notes.push(`artists: ${artistCmp.mainMatched}/${artistCmp.mainTotal} of Beatport's credited, ${artistCmp.sourceMatched}/${artistCmp.sourceTotal} of the source's names`);
  const mix = mixScore(src.title.mix, cand.mix);
  if (mix < 1) notes.push(`version: "${mixLabel(src.title.mix, 'unspecified')}" vs "${mixLabel(cand.mix, 'Original Mix')}"`);

  let weighted = WEIGHTS.title * title + WEIGHTS.artists * artistCmp.score + WEIGHTS.mix * mix;
  let weights = WEIGHTS.title + WEIGHTS.artists + WEIGHTS.mix;
  const reasons: MatchReasons = { title: round(title), artists: round(artistCmp.score), mix: round(mix), isrc: 'absent', notes };
  let durationAgrees: boolean | undefined;
  let durationDiffMs: number | undefined;
  if (src.durationMs !== undefined && cand.durationMs !== undefined) {
    durationDiffMs = Math.abs(src.durationMs - cand.durationMs);
    const duration = durationComponent(durationDiffMs);
    reasons.duration = round(duration);
    weighted += WEIGHTS.duration * duration;
    weights += WEIGHTS.duration;
    durationAgrees = durationDiffMs <= toleranceMs;
    if (!durationAgrees) notes.push(`length differs by ${Math.round(durationDiffMs / 1000)} s`);
  }
  let score = weighted / weights;
  let accepted = titleSim > TITLE_FLOOR && artistCmp.score > 0 && mix > 0 && score >= threshold;
  if (src.isrc && cand.isrc) {
    reasons.isrc = src.isrc === cand.isrc ? 'match' : 'differs';
    if (reasons.isrc === 'match') {
      notes.unshift('ISRC matches');
      accepted = true;
      score = durationAgrees === false ? Math.max(score, threshold) : 1;
    }
  }
  const sameVersion = durationAgrees ?? (reasons.isrc === 'match' || mix === 1);
  if (!sameVersion) notes.push('another version: BPM, key, length and ISRC are not taken from it');
  const result: CandidateScore = { score: round(score), accepted, reasons, sameVersion };
  if (durationAgrees !== undefined) result.durationAgrees = durationAgrees;
  if (durationDiffMs !== undefined) result.durationDiffMs = durationDiffMs;
  return result;
}
