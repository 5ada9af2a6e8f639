/** Jobs in the queue: what the popup, the buttons and the background agree on. */
import type { ErrorInfo } from './errors';
import type { JobProgress } from './download';
import type { TrackRef } from './track';

export type JobState = 'queued' | 'running' | 'paused' | 'done' | 'failed' | 'cancelled';

export interface JobView {
  id: string;
  /** "<platform>:<id>" of the item, as on the in-page button. */
  trackKey: string;
  ref: TrackRef;
  state: JobState;
  progress?: JobProgress;
  error?: ErrorInfo;
  /** Where it landed (absolute path via the host, or the downloads name). */
  path?: string;
  via?: 'host' | 'browser';
  /** Something the user should know that is not a failure (e.g. "Not enriched: Beatport did not answer"). */
  note?: string;
  createdAt: number;
  updatedAt: number;
  attempts: number;
}

export function trackKey(ref: Pick<TrackRef, 'platform' | 'id'>): string {
  return `${ref.platform}:${ref.id}`;
}

/** 0..1 when measurable. */
export function progressFraction(p: JobProgress | undefined): number | undefined {
  if (!p) return undefined;
  if (p.totalBytes && p.totalBytes > 0) return Math.min(1, p.bytes / p.totalBytes);
  if (p.segmentsTotal > 0) return Math.min(1, p.segmentsDone / p.segmentsTotal);
  return undefined;
}
