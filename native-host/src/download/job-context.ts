/** What the fetch steps of one job share. */
import type { DownloadSpec, JobProgress } from '../../../shared/download';
import type { Journal } from './journal';
import type { HttpClient } from './net';
import type { PayloadWriter } from './payload-writer';
import type { ProgressMeter } from './progress';
import type { StreamSession } from './stream-session';

export interface JobDeps {
  http: HttpClient;
  defaultRoot: string;
  /** Ask the extension for a fresh stream URL (signed URLs expire). */
  refreshUrl: () => Promise<string>;
  progress: (p: JobProgress) => void;
  signal: AbortSignal;
}

export interface FetchContext {
  spec: DownloadSpec;
  http: HttpClient;
  session: StreamSession;
  /** The job's work folder (part file, journal, payload, final.tmp). */
  work: string;
  journal: Journal;
  payload: PayloadWriter;
  meter: ProgressMeter;
  signal: AbortSignal;
}
