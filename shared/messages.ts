/**
 * Messages inside the extension (content scripts and popup -> background). Every request is validated
 * by the background with these schemas: a content script is page-adjacent and not trusted.
 */
import * as v from 'valibot';
import { PlatformIdSchema, TrackRefSchema } from './schemas';
import { ENTITY_LIST_IDS, TRACK_LIST_IDS, type ChartView, type EntityRef, type EntityView, type GenreOption, type SearchPage, type TrackView } from './browse';
import type { ErrorInfo } from './errors';
import type { JobView } from './jobs';
import type { LibraryListing, LibraryTags } from './native-protocol';
import { TagEditSchema, type TagEdit, type TagFoldersResult, type TagScanPage, type TagWriteResult } from './native-protocol';
import type { TrackMetadata, TrackRef } from './track';

const jobId = v.pipe(v.string(), v.maxLength(100));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
/** An upload job as the upload page describes it (limits generous: the platform modules validate). */
const UploadJobInfoSchema = v.object({
  platform: v.picklist(['soundcloud', 'mixcloud']),
  source: v.picklist(['page', 'library']),
  fileName: v.pipe(v.string(), v.minLength(1), v.maxLength(1024)),
  fileSize: v.pipe(v.number(), v.integer(), v.minValue(0)),
  libraryPath: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(4096))),
  fields: v.object({
    title: text(1000), description: text(20_000), genre: text(500), tags: v.pipe(v.array(text(500)), v.maxLength(100)), label: text(500), bpm: text(20),
    key: text(20), releaseDate: text(40), isrc: text(40), privacy: v.picklist(['public', 'private']), license: text(100), downloadable: v.boolean(),
    streamable: v.boolean(), tracklist: text(100_000), publishDate: text(40), disableComments: v.boolean(), hideStats: v.boolean(),
  }),
  pro: v.boolean(),
  artwork: v.optional(v.object({ name: text(1024), type: text(200), base64: text(15_000_000) })),
});

/** A local file as the "Tag files" page asks for its match: its path and the tags it has. */
const taggerText = v.optional(v.pipe(v.string(), v.maxLength(500)));
export const TaggerFileSchema = v.object({
  path: v.pipe(v.string(), v.minLength(1), v.maxLength(4096)),
  title: taggerText,
  artists: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(500))), v.maxLength(20))),
  durationMs: v.optional(v.pipe(v.number(), v.minValue(0))),
  isrc: taggerText,
  bpm: v.optional(v.number()),
  key: taggerText,
  genre: taggerText,
  label: taggerText,
});
export type TaggerFile = v.InferOutput<typeof TaggerFileSchema>;

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
  /** Keep a queued job out of the queue, or stop a running one keeping what it fetched. */
  'job.pause': v.object({ jobId }),
  /** Queue a paused job again; the native host continues from its part files. */
  'job.resume': v.object({ jobId }),
  'jobs.pauseAll': v.object({}),
  'jobs.resumeAll': v.object({}),
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
  /** The Beatport sign-in as the accounts UI shows it (extension pages only; never the token). */
  'beatport.account': v.object({}),
  /**
   * Connect Beatport (extension pages only): the user's beatport.com session, the docs-client login
   * (username and password used once, only tokens kept) or a pasted token (JSON or bare).
   */
  'beatport.connect': v.variant('method', [
    v.object({ method: v.literal('session') }),
    v.object({ method: v.literal('login'), username: v.pipe(v.string(), v.minLength(1), v.maxLength(200)), password: v.pipe(v.string(), v.minLength(1), v.maxLength(500)) }),
    v.object({ method: v.literal('paste'), token: v.pipe(v.string(), v.minLength(20), v.maxLength(16_384)) }),
  ]),
  'beatport.disconnect': v.object({}),
  /**
   * Whether a SoundCloud or Mixcloud page is the connected account's own profile (the upload entry
   * point's content script asks; the answer is a yes/no, never the account or a token).
   */
  'upload.ownProfile': v.object({ url: v.pipe(v.string(), v.maxLength(2048)) }),
  /** The Beatport match of an item (popup match line): cached, else looked up (rate-limited). */
  'match.get': v.object({ ref: TrackRefSchema }),
  /** "Not this one": never offer this Beatport track for that item again; answers the next best. */
  'match.reject': v.object({ trackKey: v.pipe(v.string(), v.maxLength(400)), beatportId: v.pipe(v.number(), v.integer(), v.minValue(1)) }),
  /** "Download all" on a set, album or release page: the whole list, in its order (as the context menu's). */
  'page.downloadAll': v.object({ pageUrl: v.pipe(v.string(), v.maxLength(8192)) }),
  /** Matches already remembered for a page's items (in-page chips on load): never a Beatport request. */
  'match.known': v.object({ keys: v.pipe(v.array(v.pipe(v.string(), v.maxLength(400))), v.maxLength(500)) }),
  /**
   * Queue an upload (extension pages only). source 'page': the calling page holds the File and
   * streams it when the queue says so (upload-page port); 'library': the native host streams it.
   */
  'upload.enqueue': v.object({ upload: UploadJobInfoSchema }),
  /** Audio files in the library folder, through the native host (upload page's library picker). */
  'upload.library': v.object({}),
  /** One library file's tags for the form, read by the native host. */
  'upload.libraryTags': v.object({ path: v.pipe(v.string(), v.minLength(1), v.maxLength(4096)) }),
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
      subGenreId: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
      label: v.optional(v.pipe(v.string(), v.maxLength(200))),
      releasedFrom: v.optional(v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/))),
      releasedTo: v.optional(v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/))),
      labelId: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
      genreId: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
    }),
  }),
  /** A chart (popup Charts tab): Beatport Top 100 / Hype 100 by genre, Mixcloud popular / hot / new by tag. */
  'browse.chart': v.variant('platform', [
    v.object({ platform: v.literal('beatport'), list: v.picklist(['top100', 'hype100', 'djcharts']), genreId: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))) }),
    v.object({ platform: v.literal('mixcloud'), list: v.picklist(['popular', 'hot', 'new']), tag: v.optional(v.pipe(v.string(), v.maxLength(100))) }),
  ]),
  /** Beatport's genres, for chart and filter pickers. */
  'browse.genres': v.object({}),
  /** A Beatport genre's sub-genres, for the Search tab's sub-genre filter. */
  'browse.subGenres': v.object({ genreId: v.pipe(v.number(), v.integer(), v.minValue(1)) }),
  /** An artist, label, user or set with its tracks; `next` = the cursor of the following page. */
  'browse.entity': v.object({
    platform: PlatformIdSchema,
    kind: v.picklist(['artist', 'label', 'user', 'set', 'chart']),
    id: v.pipe(v.string(), v.minLength(1), v.maxLength(300)),
    next: v.optional(v.pipe(v.string(), v.maxLength(2000))),
    /** Which of the entity's lists (a user's likes, followers, …); absent = its first. */
    list: v.optional(v.picklist(ENTITY_LIST_IDS)),
  }),
  /** A track's or show's own view: about (description, tracklist, access), related tracks or comments. */
  'browse.track': v.object({
    ref: TrackRefSchema,
    list: v.optional(v.picklist(TRACK_LIST_IDS)),
    next: v.optional(v.pipe(v.string(), v.maxLength(2000))),
  }),
  /** Beatport labels matching a name (Search tab: pick one to filter by label_id). */
  'browse.labels': v.object({ query: v.pipe(v.string(), v.minLength(1), v.maxLength(200)) }),
  /** "Tag files" page (extension pages only): sub-folders of a library folder, through the native host. */
  'tagger.folders': v.object({ folder: v.optional(v.pipe(v.string(), v.maxLength(4096))) }),
  /** One page of a library folder's audio files with their tags (host tags.scan). */
  'tagger.scan': v.object({
    folder: v.pipe(v.string(), v.maxLength(4096)),
    recursive: v.optional(v.boolean()),
    cursor: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  }),
  /** A local file's Beatport match and the tags it would gain (the user's merge settings applied). */
  'tagger.match': v.object({ file: TaggerFileSchema }),
  /** Write accepted tags into a library file (host tags.write, in the user's key notation). */
  'tagger.write': v.object({ path: v.pipe(v.string(), v.minLength(1), v.maxLength(4096)), tags: TagEditSchema }),
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

/** How Beatport is connected: the site session, the docs-client login, or a pasted token. */
export type BeatportMethod = 'session' | 'login' | 'paste';

export interface BeatportAccountView {
  connected: boolean;
  method?: BeatportMethod;
  /** Beatport refused the stored sign-in (or the site session ended): connect again. */
  reconnect: boolean;
  profile?: AccountProfile;
}

/**
 * An item's Beatport match as the UI shows it. `none`: looked up, nothing confident; `unavailable`:
 * could not look (no Beatport access yet, network): `note` says why, nothing is remembered.
 */
export interface MatchView {
  trackKey: string;
  status: 'matched' | 'none' | 'unavailable';
  beatportId?: number;
  beatportUrl?: string;
  /** "Name (Mix Name)" and the credited artists, as Beatport lists them. */
  title?: string;
  artists?: string[];
  bpm?: number;
  /** Standard notation ("Am"); the UI converts it to the user's notation. */
  key?: string;
  /** In [0, 1]. */
  score?: number;
  /** False: another version of the song (its BPM and key are not taken). */
  sameVersion?: boolean;
  note?: string;
}

export interface ResponseTypes {
  'match.get': MatchView;
  'match.reject': MatchView;
  'match.known': { matches: MatchView[] };
  /** Jobs added now, and tracks of the list that were saved before. */
  'page.downloadAll': { queued: number; saved: number };
  'browse.search': SearchPage;
  'browse.chart': ChartView;
  'browse.genres': { genres: GenreOption[] };
  'browse.subGenres': { genres: GenreOption[] };
  'browse.entity': EntityView;
  'browse.track': TrackView;
  'browse.labels': { labels: EntityRef[] };
  'tagger.folders': TagFoldersResult;
  'tagger.scan': TagScanPage;
  'tagger.match': TaggerProposal;
  'tagger.write': TagWriteResult;
  'accounts.list': { accounts: AccountView[] };
  'account.connect': AccountView;
  'account.disconnect': { ok: true };
  'upload.token': { accessToken: string };
  'upload.open': { ok: true };
  'upload.enqueue': { job: JobView };
  'upload.library': LibraryListing;
  'upload.libraryTags': { tags: LibraryTags; size: number };
  'beatport.account': BeatportAccountView;
  'beatport.connect': BeatportAccountView;
  'beatport.disconnect': { ok: true };
  'upload.ownProfile': { own: boolean };
  'download.request': { jobId: string; job: JobView };
  'page.tracks': { ok: true };
  'soundcloud.clientId': { ok: true };
  'track.metadata': { metadata: TrackMetadata };
  'beatport.anonToken': { ok: true };
  'jobs.forTracks': { jobs: JobView[] };
  'jobs.list': { jobs: JobView[] };
  'job.cancel': { ok: true };
  'job.retry': { ok: true };
  'job.pause': { ok: true };
  'job.resume': { ok: true };
  'jobs.pauseAll': { ok: true };
  'jobs.resumeAll': { ok: true };
  'tab.tracks': { pageUrl?: string; tracks: TrackRef[] };
  'host.status': HostStatus;
}

export type Request = { [T in RequestType]: { type: T } & RequestParams<T> }[RequestType];

/** Every answer is an envelope so errors cross the boundary as values. */
export type Reply<T extends RequestType> = { ok: true; value: ResponseTypes[T] } | { ok: false; error: ErrorInfo };

/**
 * A local file's Beatport match for the "Tag files" review: `proposed` holds only the tags the
 * write would change (BPM, key in standard notation, genre, label, ISRC, plus BEATPORT_TRACK_ID and
 * BEATPORT_MATCH_SCORE), after the user's merge settings; `beatport` what Beatport says, for the table.
 */
export interface TaggerProposal {
  path: string;
  match: MatchView;
  proposed: TagEdit;
  beatport: { bpm?: number; key?: string; genre?: string; label?: string; isrc?: string };
}

/** Broadcasts from the background to content scripts and the popup. */
export type Broadcast =
  | { type: 'job.update'; job: JobView }
  /**
   * A Beatport match became known for a track (at queue time, from the popup, or "Find on Beatport").
   * `key` is in standard notation ("Am", "F#"); receivers convert it to the user's notation.
   * `rejected` means the user said "not this one": hide what was shown.
   */
  | { type: 'track.match'; trackKey: string; bpm?: number; key?: string; score?: number; beatportUrl?: string; rejected?: boolean }
  /** A tab's page reported its items (it grew, or navigated): an open popup on that tab follows. UI ports only. */
  | { type: 'page.tracks'; tabId: number; pageUrl: string; tracks: TrackRef[] };
