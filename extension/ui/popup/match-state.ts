/**
 * Beatport matches for the popup's rows. Lazy: a row asks only once it is visible, and each item is
 * asked once per popup. The page's first items are the exception (requestPageMatches): asked as soon
 * as the page lists them, whichever tab is shown. The asks go to the background at once (bounded
 * only against runaway lists): the background spaces its Beatport requests through the shared
 * limiter, remembers answers in IndexedDB, and finishes a lookup even when the popup closes first —
 * so a reopened popup finds every row it showed already answered and makes no request. (A queue held
 * here died with the popup.)
 */
import { signal } from '@preact/signals';
import { trackKey } from '../../../shared/jobs';
import type { KeyNotation } from '../../../shared/keys';
import type { MatchView } from '../../../shared/messages';
import type { TrackRef } from '../../../shared/track';
import { send } from '../../core/messaging';
import { getSettings } from '../../core/settings';

export const matches = signal<ReadonlyMap<string, MatchView>>(new Map());
export const keyNotation = signal<KeyNotation>('standard');

const MAX_IN_FLIGHT = 32;
/**
 * How many of the page's items are asked for at once: "This page" is the view every popup opens on,
 * so its first rows are what the next open shows first, even when this one moved to Search before the
 * page finished listing them (SoundCloud's related tracks arrive about a second after the page).
 * Further rows ask when scrolled into view, like every other list.
 */
export const PAGE_AHEAD = 12;
const asked = new Set<string>();
const refs = new Map<string, TrackRef>();
const waiting: TrackRef[] = [];
let inFlight = 0;
let settingsRead = false;

/** Items Deckhand looks up on Beatport: SoundCloud/Mixcloud tracks, not shows, sets or Beatport's own. */
export function matchable(ref: TrackRef): boolean {
  return ref.platform !== 'beatport' && (ref.kind === 'track' || ref.kind === 'preview') && !!ref.title?.trim();
}

function put(view: MatchView): void {
  const next = new Map(matches.value);
  next.set(view.trackKey, view);
  matches.value = next;
}

function pump(): void {
  while (inFlight < MAX_IN_FLIGHT && waiting.length > 0) {
    const ref = waiting.shift() as TrackRef;
    inFlight++;
    send('match.get', { ref })
      .then(put, (err: unknown) => put({ trackKey: trackKey(ref), status: 'unavailable', note: err instanceof Error ? err.message : String(err) }))
      .finally(() => {
        inFlight--;
        pump();
      });
  }
}

/** Ask for an item's match (once). */
export function requestMatch(ref: TrackRef): void {
  if (!settingsRead) {
    settingsRead = true;
    void getSettings().then((s) => (keyNotation.value = s.keyNotation), () => undefined);
  }
  const key = trackKey(ref);
  if (asked.has(key) || !matchable(ref)) return;
  asked.add(key);
  refs.set(key, ref);
  waiting.push(ref);
  pump();
}

/** The page's items as listed (on open, and each time the page reports more): the first ones are asked now. */
export function requestPageMatches(items: readonly TrackRef[]): void {
  items.filter(matchable).slice(0, PAGE_AHEAD).forEach(requestMatch);
}

/**
 * A match became known elsewhere (a download enriched the track, "Find on Beatport"): ask again for
 * a row already shown, so its line updates while the popup is open. The answer comes from the
 * background's IndexedDB, not from Beatport.
 */
export function refreshMatch(key: string): void {
  const shown = matches.value.get(key);
  if (!shown || !asked.has(key)) return;
  const ref = refs.get(key);
  if (!ref) return;
  waiting.push(ref);
  pump();
}

/** "Not this one": the background answers the next best candidate, or none. */
export async function rejectMatch(view: MatchView): Promise<void> {
  if (view.beatportId === undefined) return;
  put({ trackKey: view.trackKey, status: 'none' });
  try {
    put(await send('match.reject', { trackKey: view.trackKey, beatportId: view.beatportId }));
  } catch (err) {
    put({ trackKey: view.trackKey, status: 'unavailable', note: err instanceof Error ? err.message : String(err) });
  }
}
