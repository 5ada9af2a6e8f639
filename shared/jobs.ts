/** Jobs in the queue: what the popup, the buttons and the background agree on. */
import type { ErrorInfo } from './errors';
import type { JobProgress } from './download';
import type { TrackRef } from './track';

export type JobState = 'queued' | 'running' | 'paused' | 'done' | 'failed' | 'cancelled';

export type UploadPlatform = 'soundcloud' | 'mixcloud';

/** The upload form's values that travel with a job (the artwork separately, as base64). */
export interface UploadFormValues {
  title: string;
  description: string;
  genre: string;
  tags: string[];
  label: string;
  bpm: string;
  key: string;
  releaseDate: string;
  isrc: string;
  /** SoundCloud sharing / Mixcloud unlisted. */
  privacy: 'public' | 'private';
  license: string;
  downloadable: boolean;
  streamable: boolean;
  /** Mixcloud tracklist, one section per line ("12:30 Artist - Song", or a chapter title). */
  tracklist: string;
  /** Mixcloud Pro only. */
  publishDate: string;
  disableComments: boolean;
  hideStats: boolean;
}

/**
 * What an upload job sends. `page`: a File chosen in an upload page, which streams it while open
 * (a service worker cannot keep a File); `library`: a library file the native host streams.
 */
export interface UploadJobInfo {
  platform: UploadPlatform;
  source: 'page' | 'library';
  fileName: string;
  fileSize: number;
  /** Relative to the library root (source = library). */
  libraryPath?: string;
  fields: UploadFormValues;
  /** Mixcloud Pro fields allowed. */
  pro: boolean;
  artwork?: { name: string; type: string; base64: string };
  /** The new page on the platform, once uploaded. */
  url?: string;
}

export interface JobView {
  id: string;
  /** Absent on rows stored before uploads existed: a download. */
  kind?: 'download' | 'upload';
  /** Set for kind 'upload' (`ref` then only names the platform and the title). */
  upload?: UploadJobInfo;
  /** "<platform>:<id>" of the item, as on the in-page button. */
  trackKey: string;
  ref: TrackRef;
  state: JobState;
  progress?: JobProgress;
  error?: ErrorInfo;
  /** Where it landed (absolute path via the host, or the downloads name). */
  path?: string;
  /** The saved file's name without its folder: what web pages' in-page buttons get instead of `path`. */
  fileName?: string;
  via?: 'host' | 'browser';
  /** Something the user should know that is not a failure (e.g. "Not enriched: Beatport did not answer"). */
  note?: string;
  createdAt: number;
  /**
   * Strictly increasing per job at every stored change (the queue makes it so), and unchanged by
   * progress reports: a view with a smaller value is an older snapshot (see `supersedes`).
   */
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

export function isUploadJob(job: JobView): job is JobView & { kind: 'upload'; upload: UploadJobInfo } {
  return job.kind === 'upload' && !!job.upload;
}

/**
 * Whether `incoming` should replace `current` for the same track. Views travel on two channels that
 * do not keep order between them (a request's answer, and broadcasts), so a "queued" answer can
 * arrive after the "running" or even "done" broadcast of the same job: it must not win. For the same
 * job the later stored change wins (equal: a progress report of the same state, taken); between two
 * jobs for one track the one created later wins.
 */
export function supersedes(incoming: JobView, current: JobView | undefined): boolean {
  if (!current) return true;
  if (incoming.id === current.id) return incoming.updatedAt >= current.updatedAt;
  return incoming.createdAt >= current.createdAt;
}
