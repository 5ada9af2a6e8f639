/**
 * `matchTrack(source, candidates)`: the Beatport track a SoundCloud/Mixcloud upload or a local file
 * is, or undefined. Candidates are what an ISRC lookup and a search returned. The source is read
 * twice when its title looks like "Artist - Title" (uploaders and label channels write it so): once
 * as given and once with that credit as the artists; each candidate keeps its better reading.
 */
import { prepareCandidate, readSource, scoreCandidate, type CandidateScore, type SourceReading } from './score';
import { splitUploadTitle } from './title';
import type { BeatportCandidate, MatchOptions, MatchSource, TrackMatch } from './types';

/**
 * Accept from this score on. The gates in score.ts (close title, a shared credited artist, no
 * version conflict) do most of the rejecting; the threshold then asks for enough agreement beyond
 * them: a near title needs the length to agree. On bench/match.bench.ts, 0.70–0.80 is the plateau
 * (0.65 lets a same-artist near title through, 0.85 starts losing extended-only and partial-credit
 * matches); 0.75 sits in its middle.
 */
export const MATCH_THRESHOLD = 0.75;
export const DURATION_TOLERANCE_MS = 5_000;

export function sourceReadings(source: MatchSource): SourceReading[] {
  const readings = [readSource(source.title, source.artists, source.durationMs, source.isrc)];
  const split = splitUploadTitle(source.title);
  if (split) readings.push(readSource(split.title, [split.artist], source.durationMs, source.isrc));
  return readings;
}

function better(a: CandidateScore, b: CandidateScore): CandidateScore {
  if (a.accepted !== b.accepted) return a.accepted ? a : b;
  return b.score > a.score ? b : a;
}

/** Higher score first; on a tie, the agreeing length, then the closer length, then the better version. */
function compare(a: TrackMatch & { diff?: number }, b: TrackMatch & { diff?: number }): number {
  if (b.score !== a.score) return b.score - a.score;
  if ((a.durationAgrees === true) !== (b.durationAgrees === true)) return a.durationAgrees ? -1 : 1;
  if (a.diff !== undefined && b.diff !== undefined && a.diff !== b.diff) return a.diff - b.diff;
  return b.reasons.mix - a.reasons.mix;
}

/** Every accepted candidate, best first (for "not this one": the next is the runner-up). */
export function rankCandidates<T extends BeatportCandidate>(source: MatchSource, candidates: readonly T[], opts: MatchOptions = {}): TrackMatch<T>[] {
  const threshold = opts.threshold ?? MATCH_THRESHOLD;
  const tolerance = opts.durationToleranceMs ?? DURATION_TOLERANCE_MS;
  const readings = sourceReadings(source);
  const seen = new Set<number>(opts.exclude ?? []);
  const ranked: (TrackMatch<T> & { diff?: number })[] = [];
  for (const track of candidates) {
    if (typeof track.id !== 'number' || seen.has(track.id)) continue;
    seen.add(track.id);
    const prepared = prepareCandidate(track);
    const best = readings.map((r) => scoreCandidate(r, prepared, threshold, tolerance)).reduce(better);
    if (!best.accepted) continue;
    const match: TrackMatch<T> & { diff?: number } = { track, id: track.id, score: best.score, reasons: best.reasons, sameVersion: best.sameVersion };
    if (best.durationAgrees !== undefined) match.durationAgrees = best.durationAgrees;
    if (best.durationDiffMs !== undefined) match.diff = best.durationDiffMs;
    ranked.push(match);
  }
  // Array.prototype.sort is stable: equal candidates keep the search's order.
  return ranked.sort(compare).map(({ diff: _diff, ...match }) => match as TrackMatch<T>);
}

/** The best accepted candidate, or undefined when none reaches the threshold. */
export function matchTrack<T extends BeatportCandidate>(source: MatchSource, candidates: readonly T[], opts: MatchOptions = {}): TrackMatch<T> | undefined {
  return rankCandidates(source, candidates, opts)[0];
}
