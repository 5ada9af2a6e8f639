/**
 * Messages inside the extension (content scripts and popup -> background). Every request is validated
 * by the background with these schemas: a content script is page-adjacent and not trusted.
 */
import * as v from 'valibot';
import { TrackRefSchema } from './schemas';
import type { ErrorInfo } from './errors';
import type { JobView } from './jobs';
import type { TrackMetadata, TrackRef } from './track';

const jobId = v.pipe(v.string(), v.maxLength(100));

export const RequestSchemas = {
  /** Queue a download of an item seen on a page or in the popup. */
  'download.request': v.object({ ref: TrackRefSchema }),
  /** A content script reports the items on its page (replaces the previous list for that tab). */
  'page.tracks': v.object({ pageUrl: v.pipe(v.string(), v.maxLength(8192)), tracks: v.pipe(v.array(TrackRefSchema), v.maxLength(5000)) }),
  /** Full metadata of one item (copy tags, details). */
  'track.metadata': v.object({ ref: TrackRefSchema }),
  /** Beatport's anonymous page token (anonSession in __NEXT_DATA__): public, for catalogue reads. */
  'beatport.anonToken': v.object({
    token: v.pipe(v.string(), v.minLength(20), v.maxLength(8192)),
    expiresAt: v.pipe(v.number(), v.integer()),
  }),
  /** The SoundCloud web client id observed in the page (public, not a user token). */
  'soundcloud.clientId': v.object({ clientId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9]{20,64}$/)) }),
  /** Jobs for the given track keys (a content script draws its buttons' state). */
  'jobs.forTracks': v.object({ keys: v.pipe(v.array(v.pipe(v.string(), v.maxLength(400))), v.maxLength(5000)) }),
  'jobs.list': v.object({}),
  'job.cancel': v.object({ jobId }),
  'job.retry': v.object({ jobId }),
  /** Items on a tab's page, for the popup. */
  'tab.tracks': v.object({ tabId: v.number() }),
  'host.status': v.object({}),
} as const;

export type RequestType = keyof typeof RequestSchemas;
export type RequestParams<T extends RequestType> = v.InferOutput<(typeof RequestSchemas)[T]>;

export interface HostStatus {
  connected: boolean;
  hostVersion?: string;
  defaultLibraryRoot?: string;
  error?: ErrorInfo;
}

export interface ResponseTypes {
  'download.request': { jobId: string; job: JobView };
  'page.tracks': { ok: true };
  'soundcloud.clientId': { ok: true };
  'track.metadata': { metadata: TrackMetadata };
  'beatport.anonToken': { ok: true };
  'jobs.forTracks': { jobs: JobView[] };
  'jobs.list': { jobs: JobView[] };
  'job.cancel': { ok: true };
  'job.retry': { ok: true };
  'tab.tracks': { pageUrl?: string; tracks: TrackRef[] };
  'host.status': HostStatus;
}

export type Request = { [T in RequestType]: { type: T } & RequestParams<T> }[RequestType];

/** Every answer is an envelope so errors cross the boundary as values. */
export type Reply<T extends RequestType> = { ok: true; value: ResponseTypes[T] } | { ok: false; error: ErrorInfo };

/** Broadcasts from the background to content scripts and the popup. */
export type Broadcast = { type: 'job.update'; job: JobView };
