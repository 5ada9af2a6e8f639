/**
 * Chips for tracks matched earlier (by a download or a popup lookup) on a page just loaded: the
 * page's SoundCloud and Mixcloud tracks are asked of the background's remembered matches
 * (`match.known` reads the store only, never Beatport), in batches, one batch at a time.
 */
import type { MatchView } from '../../../shared/messages';
import type { TrackRef } from '../../../shared/track';
import { factsOf, type TrackFacts } from './facts';

/** Keys per request (the message allows 500): a 500-item feed is four small store reads. */
export const KNOWN_BATCH = 200;

/** Items a remembered match can say something about: not Beatport's own, not mixes, not rows that state BPM/key. */
export function wantsKnownMatch(ref: TrackRef): boolean {
  return ref.platform !== 'beatport' && ref.kind !== 'show' && ref.kind !== 'set' && !factsOf(ref);
}

/** The chip's facts of a match; undefined when it gives neither BPM nor key (another version). */
export function factsOfMatch(view: MatchView): TrackFacts | undefined {
  if (view.status !== 'matched' || (view.bpm === undefined && !view.key)) return undefined;
  return {
    ...(view.bpm !== undefined ? { bpm: view.bpm } : {}),
    ...(view.key ? { key: view.key } : {}),
    ...(view.score !== undefined ? { score: view.score } : {}),
    ...(view.beatportUrl ? { beatportUrl: view.beatportUrl } : {}),
  };
}

/** Ask for the keys batch by batch; each match with facts goes to onFacts. A failed batch ends it quietly. */
export async function askKnownMatches(
  keys: string[],
  ask: (keys: string[]) => Promise<{ matches: MatchView[] }>,
  onFacts: (key: string, facts: TrackFacts) => void,
): Promise<void> {
  for (let i = 0; i < keys.length; i += KNOWN_BATCH) {
    const batch = keys.slice(i, i + KNOWN_BATCH);
    const wanted = new Set(batch);
    let answer: { matches: MatchView[] };
    try {
      answer = await ask(batch);
    } catch {
      return;
    }
    for (const view of answer.matches) {
      const facts = wanted.has(view.trackKey) ? factsOfMatch(view) : undefined;
      if (facts) onFacts(view.trackKey, facts);
    }
  }
}
