/**
 * Enrichment at queue time: a SoundCloud or Mixcloud download gains the Beatport facts its source
 * lacks (never overwriting unless the user prefers Beatport), and a Mixcloud show's tracklist
 * sections gain BPM and key for the cue sheet and chapters. Nothing here fails a download: whatever
 * goes wrong leaves the metadata as it was and comes back as a note for the job.
 */
import { fieldsToMerge } from '../../shared/match';
import type { Chapter, TrackMetadata } from '../../shared/track';
import type { Settings } from '../core/settings';
import { sectionKey, type Enricher, type MatchOutcome } from './enrich';

export interface EnrichBudget {
  /** Longest a single item waits for Beatport before downloading unenriched. */
  trackMs: number;
  /** Longest a show waits for its sections (the rest stay unknown). */
  sectionsMs: number;
}

export const DEFAULT_BUDGET: EnrichBudget = { trackMs: 20_000, sectionsMs: 60_000 };
/** Sections looked up at once (the Beatport limiter spaces them further). */
const SECTION_CONCURRENCY = 2;
const MAX_SECTIONS = 150;

export interface Enriched {
  metadata: TrackMetadata;
  /** For the job: why nothing was added, or what was. */
  note?: string;
}

type EnrichSettings = Pick<Settings, 'enrichFromBeatport' | 'preferBeatport'>;

const TIMED_OUT = Symbol('timed out');

function within<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The merged metadata: fills gaps, or (prefer) lets Beatport's facts win. The audio's length always
 * stays, and so does the title as the uploader wrote it unless Beatport is preferred: a mix name
 * would be appended to it in the tags ("Solstice Run (Original Mix)").
 */
export function mergeMatch(meta: TrackMetadata, outcome: MatchOutcome & { status: 'matched' }, prefer: boolean): TrackMetadata {
  const fields = fieldsToMerge(outcome.match, prefer ? { extra: meta.extra ?? {} } : meta);
  if (prefer) delete fields.durationMs;
  else delete fields.mixName;
  return { ...meta, ...fields };
}

export async function enrichMetadata(meta: TrackMetadata, enricher: Enricher, settings: EnrichSettings, budget: EnrichBudget = DEFAULT_BUDGET): Promise<Enriched> {
  if (!settings.enrichFromBeatport || meta.platform === 'beatport') return { metadata: meta };
  try {
    if (meta.kind === 'show' || (meta.chapters?.length ?? 0) > 0) return await enrichSections(meta, enricher, budget.sectionsMs);
    return await enrichTrack(meta, enricher, settings.preferBeatport, budget.trackMs);
  } catch (err) {
    // The enricher does not throw; this is for the unforeseen. The download goes on unenriched.
    return { metadata: meta, note: `Not enriched from Beatport: ${err instanceof Error ? err.message : String(err)}` };
  }
}

async function enrichTrack(meta: TrackMetadata, enricher: Enricher, prefer: boolean, ms: number): Promise<Enriched> {
  const outcome = await within(
    enricher.matchFor({
      key: `${meta.platform}:${meta.id}`,
      title: meta.title,
      artists: meta.artists ?? [],
      ...(meta.durationMs !== undefined ? { durationMs: meta.durationMs } : {}),
      ...(meta.isrc ? { isrc: meta.isrc } : {}),
    }),
    ms,
  );
  if (outcome === TIMED_OUT) return { metadata: meta, note: 'Not enriched: Beatport did not answer in time.' };
  if (outcome.status === 'unavailable') return { metadata: meta, note: `Not enriched from Beatport: ${outcome.note}` };
  if (outcome.status === 'none') return { metadata: meta, note: 'No confident Beatport match: nothing added.' };
  return { metadata: mergeMatch(meta, outcome, prefer), note: `Enriched from Beatport (match ${Math.round(outcome.match.score * 100)}%).` };
}

/** BPM and key for one section from its match (same version only), or the section as it was. */
function withFacts(chapter: Chapter, outcome: MatchOutcome): Chapter {
  if (outcome.status !== 'matched') return chapter;
  const facts = fieldsToMerge(outcome.match, {});
  if (facts.bpm === undefined && !facts.key) return chapter;
  return { ...chapter, ...(facts.bpm !== undefined ? { bpm: facts.bpm } : {}), ...(facts.key ? { key: facts.key } : {}) };
}

async function enrichSections(meta: TrackMetadata, enricher: Enricher, ms: number): Promise<Enriched> {
  const chapters = [...(meta.chapters ?? [])];
  const todo = chapters.map((c, i) => ({ c, i })).filter(({ c }) => c.title.trim() !== '').slice(0, MAX_SECTIONS);
  if (todo.length === 0) return { metadata: meta };
  const deadline = Date.now() + ms;
  let next = 0;
  let matched = 0;
  let unavailable: string | undefined;
  const worker = async () => {
    while (next < todo.length && Date.now() < deadline && unavailable === undefined) {
      const { c, i } = todo[next++] as { c: Chapter; i: number };
      const outcome = await within(enricher.matchFor({ key: sectionKey(c.artist, c.title), title: c.title, artists: c.artist ? [c.artist] : [] }), Math.max(0, deadline - Date.now()));
      if (outcome === TIMED_OUT) return;
      if (outcome.status === 'unavailable') unavailable = outcome.note;
      const enriched = withFacts(c, outcome);
      if (enriched !== c) matched++;
      chapters[i] = enriched;
    }
  };
  await Promise.all(Array.from({ length: SECTION_CONCURRENCY }, worker));
  const note =
    unavailable !== undefined && matched === 0
      ? `Tracklist not enriched from Beatport: ${unavailable}`
      : `Beatport: BPM/key for ${matched} of ${chapters.length} tracklist sections.`;
  return { metadata: { ...meta, chapters }, note };
}
