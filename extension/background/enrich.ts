/**
 * Beatport matches for SoundCloud and Mixcloud items (issue 7): ISRC first, then a search by first
 * artist + cleaned title, ranked by the pure matcher in shared/match. What was learnt is kept in
 * IndexedDB (`matches`): a match for a month, "no match" for a day (catalogues grow), and the user's
 * rejections for good ("not this one" is never offered again; the runner-up takes its place).
 * A lookup that cannot run (no Beatport access yet, network) is reported, never stored; it is not
 * tried again at once either (see LookupCoolDown), so rows, sections and reopened popups asking
 * while Beatport is unreachable do not become a storm of doomed requests.
 */
import { DeckhandError } from '../../shared/errors';
import { fieldsToMerge, normaliseIsrc, rankCandidates, searchQuery, type MatchSource, type TrackMatch } from '../../shared/match';
import type { MatchView } from '../../shared/messages';
import { db, type MatchRecord, type StoredCandidate } from '../core/db';
import { trackPageUrl } from '../platforms/beatport/links';
import { displayTitle } from '../platforms/beatport/normalise';
import type { BeatportLookup } from './enrich-lookup';

const DAY = 24 * 60 * 60 * 1000;
export const MATCH_TTL_MS = 30 * DAY;
export const NO_MATCH_TTL_MS = DAY;
/** Accepted candidates kept per item: enough runners-up for a few "not this one". */
const KEEP_RANKED = 5;

/** What to match: a source's facts plus the key its result is remembered under. */
export interface MatchSubject extends MatchSource {
  /** "<platform>:<id>" of an item, or a section key (sectionKey()). */
  key: string;
}

export type MatchOutcome =
  | { status: 'matched'; match: TrackMatch<StoredCandidate> }
  | { status: 'none' }
  | { status: 'unavailable'; note: string };

export interface MatchStore {
  get(key: string): Promise<MatchRecord | undefined>;
  put(record: MatchRecord): Promise<void>;
}

export const idbMatchStore: MatchStore = {
  get: async (key) => (await db()).get('matches', key),
  put: async (record) => void (await (await db()).put('matches', record)),
};

export interface EnricherDeps {
  lookup: BeatportLookup;
  store?: MatchStore;
  now?: () => number;
  /** Told whenever an item's match becomes known or is rejected (section keys are not items). */
  onChange?: (view: MatchView, rejected?: boolean) => void;
}

/** Key for a tracklist section: the same song in two shows is looked up once. */
export function sectionKey(artist: string | undefined, title: string): string {
  const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return `section:${fold(artist ?? '')}|${fold(title)}`;
}

const isItemKey = (key: string) => !key.startsWith('section:');

/** First wait after a failed lookup; it doubles on each failure in a row, up to the maximum. */
export const FAILURE_COOL_DOWN_MS = 20_000;
export const MAX_FAILURE_COOL_DOWN_MS = 10 * 60_000;

/** Failures that say nothing about the item: every lookup would fail the same way for now. */
const isServiceFailure = (code: string) => code.startsWith('network.') || code.startsWith('auth.') || code === 'rate.limited';

/**
 * Failed lookups, held in memory only (a new worker tries again): while one cools down, asks answer
 * "unavailable" with the failure's words instead of a request. A failure of the service (network,
 * sign-in, rate limit) cools down every item; any other only its own.
 */
class LookupCoolDown {
  private readonly failed = new Map<string, { until: number; waitMs: number; note: string }>();
  private static readonly SERVICE = '*';

  /** The note of a failure still cooling down for this key (or for the whole service). */
  pending(key: string, now: number): string | undefined {
    for (const k of [LookupCoolDown.SERVICE, key]) {
      const f = this.failed.get(k);
      if (f && now < f.until) return f.note;
    }
    return undefined;
  }

  fail(key: string, err: DeckhandError, now: number): void {
    const k = isServiceFailure(err.code) ? LookupCoolDown.SERVICE : key;
    const previous = this.failed.get(k);
    const waitMs = previous ? Math.min(previous.waitMs * 2, MAX_FAILURE_COOL_DOWN_MS) : FAILURE_COOL_DOWN_MS;
    // A rate limit that says when to come back is honoured even past the doubling.
    this.failed.set(k, { until: Math.max(now + waitMs, err.retryAt ?? 0), waitMs, note: err.message });
  }

  succeed(key: string): void {
    this.failed.delete(LookupCoolDown.SERVICE);
    this.failed.delete(key);
  }
}

/** The UI's view of an outcome: BPM and key only where the merge would take them. */
export function matchView(key: string, outcome: MatchOutcome): MatchView {
  if (outcome.status === 'unavailable') return { trackKey: key, status: 'unavailable', note: outcome.note };
  if (outcome.status === 'none') return { trackKey: key, status: 'none' };
  const { match } = outcome;
  const t = match.track;
  const facts = fieldsToMerge(match, {});
  const artists = (t.artists ?? []).flatMap((a) => (a.name?.trim() ? [a.name.trim()] : []));
  return {
    trackKey: key,
    status: 'matched',
    beatportId: match.id,
    beatportUrl: trackPageUrl(match.id, t.slug),
    title: displayTitle(t.name, t.mix_name),
    ...(artists.length ? { artists } : {}),
    ...(facts.bpm !== undefined ? { bpm: facts.bpm } : {}),
    ...(facts.key !== undefined ? { key: facts.key } : {}),
    score: match.score,
    sameVersion: match.sameVersion,
  };
}

function outcomeOf(record: MatchRecord): MatchOutcome {
  const best = record.ranked.find((m) => !record.rejected.includes(m.id));
  return best ? { status: 'matched', match: best } : { status: 'none' };
}

export class Enricher {
  private readonly store: MatchStore;
  private readonly now: () => number;
  private readonly inflight = new Map<string, Promise<MatchOutcome>>();
  private readonly coolDown = new LookupCoolDown();

  constructor(private readonly deps: EnricherDeps) {
    this.store = deps.store ?? idbMatchStore;
    this.now = deps.now ?? (() => Date.now());
  }

  /** The remembered outcome if still fresh, else a new lookup (unless a failure cools down). Never throws. */
  matchFor(subject: MatchSubject): Promise<MatchOutcome> {
    const running = this.inflight.get(subject.key);
    if (running) return running;
    const work = this.resolve(subject).finally(() => this.inflight.delete(subject.key));
    this.inflight.set(subject.key, work);
    return work;
  }

  /**
   * The matches already remembered for these items, read from the store alone (never a Beatport
   * request): what the in-page chips show when a page loads. Only fresh matches: an expired record is
   * looked up again by matchFor and may answer differently. Unknown keys and "no match" are left out.
   */
  async known(keys: string[]): Promise<MatchView[]> {
    const now = this.now();
    const wanted = [...new Set(keys)].filter(isItemKey);
    const records = await Promise.all(wanted.map((key) => this.store.get(key).catch(() => undefined)));
    return records.flatMap((record) => {
      if (!record || now >= record.expiresAt) return [];
      const outcome = outcomeOf(record);
      return outcome.status === 'matched' ? [matchView(record.key, outcome)] : [];
    });
  }

  /** "Not this one": remembered for good; answers the next accepted candidate, or none. */
  async reject(key: string, beatportId: number): Promise<MatchOutcome> {
    const now = this.now();
    const record: MatchRecord = (await this.store.get(key)) ?? { key, ranked: [], rejected: [], usedIsrc: false, checkedAt: now, expiresAt: now };
    if (!record.rejected.includes(beatportId)) record.rejected.push(beatportId);
    record.ranked = record.ranked.filter((m) => m.id !== beatportId);
    await this.store.put(record);
    const outcome = outcomeOf(record);
    if (isItemKey(key)) {
      this.deps.onChange?.({ trackKey: key, status: 'none' }, true);
      if (outcome.status === 'matched') this.deps.onChange?.(matchView(key, outcome));
    }
    return outcome;
  }

  private async resolve(subject: MatchSubject): Promise<MatchOutcome> {
    const stored = await this.store.get(subject.key).catch(() => undefined);
    const isrc = subject.isrc ? normaliseIsrc(subject.isrc) : undefined;
    // A "no match" found without an ISRC is worth a second look once one is known.
    const retryWithIsrc = !!isrc && stored?.ranked.length === 0 && !stored.usedIsrc;
    if (stored && this.now() < stored.expiresAt && !retryWithIsrc) return outcomeOf(stored);
    const cooling = this.coolDown.pending(subject.key, this.now());
    if (cooling !== undefined) return { status: 'unavailable', note: cooling };
    const rejected = stored?.rejected ?? [];
    let ranked: TrackMatch<StoredCandidate>[];
    try {
      ranked = await this.lookUp(subject, isrc, rejected);
    } catch (err) {
      const failure = DeckhandError.from(err);
      this.coolDown.fail(subject.key, failure, this.now());
      return { status: 'unavailable', note: failure.message };
    }
    this.coolDown.succeed(subject.key);
    const now = this.now();
    const record: MatchRecord = {
      key: subject.key,
      ranked,
      rejected,
      usedIsrc: !!isrc,
      checkedAt: now,
      expiresAt: now + (ranked.length ? MATCH_TTL_MS : NO_MATCH_TTL_MS),
    };
    await this.store.put(record).catch(() => undefined);
    const outcome = outcomeOf(record);
    if (outcome.status === 'matched' && isItemKey(subject.key)) this.deps.onChange?.(matchView(subject.key, outcome));
    return outcome;
  }

  /** ISRC hits first; the search as well unless the ISRC found the same version. */
  private async lookUp(subject: MatchSubject, isrc: string | undefined, rejected: number[]): Promise<TrackMatch<StoredCandidate>[]> {
    const source: MatchSource = { ...subject, ...(isrc ? { isrc } : {}) };
    const candidates: StoredCandidate[] = isrc ? await this.deps.lookup.byIsrc(isrc) : [];
    let ranked = rankCandidates(source, candidates, { exclude: rejected });
    if (!ranked[0]?.sameVersion) {
      candidates.push(...(await this.deps.lookup.search(searchQuery(source))));
      ranked = rankCandidates(source, candidates, { exclude: rejected });
    }
    ranked = ranked.slice(0, KEEP_RANKED);
    const best = ranked[0];
    if (best && (!best.track.release?.label?.name || !best.track.genre?.name)) {
      // List items may leave the label or genre out: one more (cached) request for the one we use.
      const full = await this.deps.lookup.full(best.id).catch(() => undefined);
      if (full) ranked[0] = { ...best, track: { ...best.track, ...full } };
    }
    return ranked;
  }
}
