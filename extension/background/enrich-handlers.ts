/**
 * The background's one enricher (Beatport lookups through the shared client, matches in IndexedDB,
 * `track.match` broadcasts to the UI and the tabs showing the item) and its message handlers:
 * `match.get` (the popup's match line), `match.reject` ("not this one") and `match.known` (the in-page
 * chips of a page just loaded: remembered matches only, no lookup).
 */
import type { Broadcast, MatchView, RequestParams } from '../../shared/messages';
import { trackKey } from '../../shared/jobs';
import type { TrackRef } from '../../shared/track';
import { Enricher, matchView, type MatchSubject } from './enrich';
import { beatportLookup } from './enrich-lookup';
import { broadcastForTrack } from './pages';

export function matchBroadcast(view: MatchView, rejected = false): Broadcast {
  if (rejected) return { type: 'track.match', trackKey: view.trackKey, rejected: true };
  return {
    type: 'track.match',
    trackKey: view.trackKey,
    ...(view.bpm !== undefined ? { bpm: view.bpm } : {}),
    ...(view.key ? { key: view.key } : {}),
    ...(view.score !== undefined ? { score: view.score } : {}),
    ...(view.beatportUrl ? { beatportUrl: view.beatportUrl } : {}),
  };
}

export const backgroundEnricher = new Enricher({
  lookup: beatportLookup(),
  onChange: (view, rejected) => broadcastForTrack(matchBroadcast(view, rejected), view.trackKey),
});

/** Why an item is not looked up on Beatport, or undefined when it is. */
export function notMatchable(ref: TrackRef): string | undefined {
  if (ref.platform === 'beatport') return 'Already a Beatport track.';
  if (ref.kind === 'show' || ref.kind === 'set') return 'A mix or a set: its tracklist sections are matched when it is downloaded.';
  if (!ref.title?.trim()) return 'The item has no title to look up.';
  return undefined;
}

export function subjectOfRef(ref: TrackRef): MatchSubject {
  return {
    key: trackKey(ref),
    title: ref.title ?? '',
    artists: ref.artist ? [ref.artist] : [],
    ...(ref.durationMs !== undefined ? { durationMs: ref.durationMs } : {}),
  };
}

export function createEnrichHandlers(enricher: Enricher = backgroundEnricher) {
  return {
    'match.get': async ({ ref }: RequestParams<'match.get'>): Promise<MatchView> => {
      const why = notMatchable(ref);
      if (why) return { trackKey: trackKey(ref), status: 'none', note: why };
      return matchView(trackKey(ref), await enricher.matchFor(subjectOfRef(ref)));
    },
    'match.reject': async ({ trackKey: key, beatportId }: RequestParams<'match.reject'>): Promise<MatchView> =>
      matchView(key, await enricher.reject(key, beatportId)),
    'match.known': async ({ keys }: RequestParams<'match.known'>): Promise<{ matches: MatchView[] }> => ({ matches: await enricher.known(keys) }),
  };
}
