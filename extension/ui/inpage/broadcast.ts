/**
 * Broadcasts the background sends to content scripts, read defensively. They come from our own
 * background (runtime.onMessage only hears the extension), so a shape check suffices: keeping a
 * schema library out of the content scripts keeps them small. Anything unexpected is ignored.
 */
import type { JobView } from '../../../shared/jobs';
import type { Broadcast } from '../../../shared/messages';
import type { TrackFacts } from './facts';

export type InpageBroadcast =
  | { type: 'job.update'; job: JobView }
  /** facts undefined: the match was rejected (or said nothing): hide what was shown. */
  | { type: 'track.match'; trackKey: string; facts?: TrackFacts };

const num = (v: unknown, min: number, max: number) => (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : undefined);
const str = (v: unknown, max: number) => (typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined);

export function readBroadcast(message: unknown): InpageBroadcast | undefined {
  if (!message || typeof message !== 'object') return undefined;
  const m = message as Partial<Broadcast> & Record<string, unknown>;
  if (m.type === 'job.update') {
    const job = m.job as JobView | undefined;
    return job && typeof job === 'object' && typeof job.trackKey === 'string' ? { type: 'job.update', job } : undefined;
  }
  if (m.type === 'track.match') {
    const trackKey = str(m.trackKey, 400);
    if (!trackKey) return undefined;
    if (m.rejected === true) return { type: 'track.match', trackKey };
    const facts: TrackFacts = {};
    const bpm = num(m.bpm, 1, 999);
    const key = str(m.key, 12);
    const score = num(m.score, 0, 1);
    const beatportUrl = str(m.beatportUrl, 2048);
    if (bpm !== undefined) facts.bpm = bpm;
    if (key !== undefined) facts.key = key;
    if (score !== undefined) facts.score = score;
    if (beatportUrl !== undefined) facts.beatportUrl = beatportUrl;
    return { type: 'track.match', trackKey, ...(bpm !== undefined || key !== undefined ? { facts } : {}) };
  }
  return undefined;
}
