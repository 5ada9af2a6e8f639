/**
 * Messages inside the extension (content scripts and popup -> background). Every request is validated
 * by the background with these schemas: a content script is page-adjacent and not trusted.
 */
import * as v from 'valibot';
import { PlatformIdSchema, TrackRefSchema } from './schemas';
import type { ChartView, EntityView, GenreOption, SearchPage } from './browse';
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
  /** Connected accounts (names, pictures, what needs reconnecting); never tokens. */
  'accounts.list': v.object({}),
  /** Run the platform's sign-in from the background (identity API window). */
  'account.connect': v.object({ platform: v.picklist(['soundcloud', 'mixcloud']) }),
  'account.disconnect': v.object({ platform: v.picklist(['soundcloud', 'mixcloud']) }),
  /**
   * An access token for an upload made by the extension's own upload page (never a content
   * script: the sender must be an extension page). `refused` = the token the platform just refused.
   */
  'upload.token': v.object({ platform: v.picklist(['soundcloud', 'mixcloud']), refused: v.optional(v.pipe(v.string(), v.maxLength(8192))) }),
  /** Open the upload page, optionally with a link to an audio file to fetch. */
  'upload.open': v.object({ platform: v.optional(v.picklist(['soundcloud', 'mixcloud'])), fileUrl: v.optional(v.pipe(v.string(), v.maxLength(8192))) }),
  /** One search across the platforms (popup Search tab): merged, ranked, filtered, one page. */
  'browse.search': v.object({
    query: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
    page: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)),
    filters: v.object({
      platforms: v.optional(v.pipe(v.array(PlatformIdSchema), v.maxLength(3))),
      type: v.optional(v.picklist(['tracks', 'people', 'sets'])),
      genre: v.optional(v.pipe(v.string(), v.maxLength(100))),
      bpmMin: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(400))),
      bpmMax: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(400))),
      key: v.optional(v.pipe(v.string(), v.maxLength(20))),
      durationMinMs: v.optional(v.pipe(v.number(), v.minValue(0))),
      durationMaxMs: v.optional(v.pipe(v.number(), v.minValue(0))),
    }),
  }),
  /** A chart (popup Charts tab): Beatport Top 100 / Hype 100 by genre, Mixcloud popular / hot / new by tag. */
  'browse.chart': v.variant('platform', [
    v.object({ platform: v.literal('beatport'), list: v.picklist(['top100', 'hype100']), genreId: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))) }),
    v.object({ platform: v.literal('mixcloud'), list: v.picklist(['popular', 'hot', 'new']), tag: v.optional(v.pipe(v.string(), v.maxLength(100))) }),
  ]),
  /** Beatport's genres, for chart and filter pickers. */
  'browse.genres': v.object({}),
  /** An artist, label, user or set with its tracks; `next` = the cursor of the following page. */
  'browse.entity': v.object({
    platform: PlatformIdSchema,
    kind: v.picklist(['artist', 'label', 'user', 'set']),
    id: v.pipe(v.string(), v.minLength(1), v.maxLength(300)),
    next: v.optional(v.pipe(v.string(), v.maxLength(2000))),
  }),
} as const;

export type RequestType = keyof typeof RequestSchemas;
export type RequestParams<T extends RequestType> = v.InferOutput<(typeof RequestSchemas)[T]>;

export interface HostStatus {
  connected: boolean;
  hostVersion?: string;
  defaultLibraryRoot?: string;
  error?: ErrorInfo;
}

/** A connected account as the UI shows it. */
export interface AccountProfile {
  name: string;
  username: string;
  avatarUrl?: string;
  profileUrl?: string;
  /** Plan and quota in words ("Free — 2 h 10 min of uploads left"). */
  plan?: string;
  /** Pro-only upload fields are allowed (Mixcloud). */
  pro?: boolean;
}

export interface AccountView {
  platform: 'soundcloud' | 'mixcloud';
  connected: boolean;
  /** The platform refused the stored token: connect again. */
  reconnect: boolean;
  hasCredentials: boolean;
  redirectUrl: string;
  profile?: AccountProfile;
}

export interface ResponseTypes {
  'browse.search': SearchPage;
  'browse.chart': ChartView;
  'browse.genres': { genres: GenreOption[] };
  'browse.entity': EntityView;
  'accounts.list': { accounts: AccountView[] };
  'account.connect': AccountView;
  'account.disconnect': { ok: true };
  'upload.token': { accessToken: string };
  'upload.open': { ok: true };
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
export type Broadcast =
  | { type: 'job.update'; job: JobView }
  /**
   * A Beatport match became known for a track (at queue time, from the popup, or "Find on Beatport").
   * `key` is in standard notation ("Am", "F#"); receivers convert it to the user's notation.
   * `rejected` means the user said "not this one": hide what was shown.
   */
  | { type: 'track.match'; trackKey: string; bpm?: number; key?: string; score?: number; beatportUrl?: string; rejected?: boolean };
