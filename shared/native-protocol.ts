/**
 * The extension <-> native host protocol (see native-host/PROTOCOL.md). Frames are a 32-bit
 * little-endian length followed by UTF-8 JSON. Both sides may call the other; every call gets
 * exactly one result with the same id.
 */
import type { FileTags } from './upload-tags';
import * as v from 'valibot';
import { ErrorInfoSchema } from './schemas';
import type { ErrorInfo } from './errors';
import { DownloadSpecSchema } from './download';

export const PROTOCOL_VERSION = 1;
export const HOST_NAME = 'app.deckhand.host';
/** Chromium closes the port on host->browser frames above 1 MiB. */
export const MAX_HOST_TO_BROWSER = 1024 * 1024;
/** We never send large payloads to the host; anything above this is refused unread. */
export const MAX_BROWSER_TO_HOST = 1024 * 1024;

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(100));

export const CallSchema = v.object({
  type: v.literal('call'),
  id,
  action: v.pipe(v.string(), v.maxLength(100)),
  params: v.optional(v.unknown()),
});
export const ResultSchema = v.variant('ok', [
  v.object({ type: v.literal('result'), id, ok: v.literal(true), result: v.optional(v.unknown()) }),
  v.object({ type: v.literal('result'), id, ok: v.literal(false), error: ErrorInfoSchema }),
]);
export const EventSchema = v.object({
  type: v.literal('event'),
  event: v.pipe(v.string(), v.maxLength(100)),
  data: v.optional(v.unknown()),
});
export const EnvelopeSchema = v.union([CallSchema, ResultSchema, EventSchema]);
export type Envelope = v.InferOutput<typeof EnvelopeSchema>;
export type CallEnvelope = v.InferOutput<typeof CallSchema>;
export type ResultEnvelope = v.InferOutput<typeof ResultSchema>;
export type EventEnvelope = v.InferOutput<typeof EventSchema>;

const libraryPath = v.pipe(v.string(), v.minLength(1), v.maxLength(4096));
const partName = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const fileName = v.pipe(v.string(), v.minLength(1), v.maxLength(1024));
const contentType = v.pipe(v.string(), v.maxLength(200), v.regex(/^[\w.+-]+\/[\w.+-]+$/));

/** One multipart field of a host-streamed upload: text, or small bytes (artwork) in base64. */
export const UploadFieldSchema = v.union([
  v.object({ name: partName, value: v.pipe(v.string(), v.maxLength(100_000)) }),
  v.object({ name: partName, filename: fileName, contentType, base64: v.pipe(v.string(), v.maxLength(900_000)) }),
]);
export const UploadRequestSchema = v.object({
  url: v.pipe(v.string(), v.maxLength(8192), v.regex(/^https:\/\//)),
  method: v.picklist(['POST', 'PUT']),
  headers: v.record(v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{1,100}$/)), v.pipe(v.string(), v.maxLength(8192))),
  fields: v.pipe(v.array(UploadFieldSchema), v.maxLength(500)),
  /** The library file's part; `position` = how many of `fields` come before it (default: all). */
  fileField: v.object({ name: partName, filename: v.optional(fileName), contentType: v.optional(contentType), position: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))) }),
  /** Relative to the library root. */
  path: libraryPath,
});
export type UploadField = v.InferOutput<typeof UploadFieldSchema>;
export type UploadRequest = v.InferOutput<typeof UploadRequestSchema>;

const tagPath = v.pipe(v.string(), v.maxLength(4096));
const tagText = v.pipe(v.string(), v.maxLength(1000));
/** Largest page tags.scan answers (a page of files with long tags stays far below the 1 MiB frame cap). */
export const MAX_TAG_SCAN_PAGE = 200;

/**
 * The tags tags.write sets on a local file; a field left out keeps what the file has. `key` is in
 * standard notation ("Am"); the host writes it in the call's `keyNotation`. `extra` pairs become
 * TXXX frames (MP3) or ----:com.apple.iTunes atoms (M4A), e.g. BEATPORT_TRACK_ID.
 */
export const TagEditSchema = v.object({
  title: v.optional(tagText),
  artists: v.optional(v.pipe(v.array(tagText), v.maxLength(50))),
  album: v.optional(tagText),
  genre: v.optional(tagText),
  subGenre: v.optional(tagText),
  bpm: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(999))),
  key: v.optional(v.pipe(v.string(), v.maxLength(20))),
  label: v.optional(tagText),
  isrc: v.optional(v.pipe(v.string(), v.maxLength(40))),
  releaseDate: v.optional(v.pipe(v.string(), v.regex(/^\d{4}(-\d{2}-\d{2})?/))),
  catalogNumber: v.optional(tagText),
  extra: v.optional(
    v.pipe(
      v.record(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_ .-]{1,64}$/)), tagText),
      v.check((r) => Object.keys(r).length <= 50, 'at most 50 extra tags'),
    ),
  ),
});
export type TagEdit = v.InferOutput<typeof TagEditSchema>;

/** Calls the extension makes to the host, with the shape of their params. */
export const HostActionParams = {
  hello: v.object({ protocol: v.number(), extensionVersion: v.optional(v.string()) }),
  ping: v.optional(v.object({})),
  'download.start': v.object({ spec: DownloadSpecSchema }),
  /** `root`: the job's library root, so the parts of a job that is not running (paused) go too. */
  'download.cancel': v.object({ jobId: id, root: v.optional(v.pipe(v.string(), v.maxLength(4096))) }),
  /** Stop a job but keep its part files, so the next download.start of the same job resumes. */
  'download.pause': v.object({ jobId: id }),
  /** Remove part folders of jobs idle for `olderThanDays` (default: the host's setting) under `root` (default: the default library). */
  'download.cleanup': v.optional(
    v.object({
      root: v.optional(v.pipe(v.string(), v.maxLength(4096))),
      olderThanDays: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(3650))),
    }),
  ),
  'library.info': v.object({ root: v.optional(v.pipe(v.string(), v.maxLength(4096))) }),
  /** Sub-folders of `folder` (relative to the library root, or absolute under it; default the root itself). */
  'tags.folders': v.object({ root: v.optional(tagPath), folder: v.optional(tagPath) }),
  /** One page of the audio files in `folder` with their current tags (TagScanPage); `cursor` = the previous page's `next`. */
  'tags.scan': v.object({
    root: v.optional(tagPath),
    folder: tagPath,
    recursive: v.optional(v.boolean()),
    cursor: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
    pageSize: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_TAG_SCAN_PAGE))),
  }),
  /** Rewrite one MP3 or M4A file's tags in place (new file beside it, then an atomic rename); the audio bytes stay identical. */
  'tags.write': v.object({ root: v.optional(tagPath), path: v.pipe(tagPath, v.minLength(1)), tags: TagEditSchema, keyNotation: v.picklist(['standard', 'camelot', 'openkey']) }),
  /** Audio files under the library root (paths relative to it; never outside it). */
  'library.list': v.object({ root: v.optional(v.pipe(v.string(), v.maxLength(4096))) }),
  /** One library file's own tags (upload prefill); the cover only when it fits in a frame. */
  'library.tags': v.object({ root: v.optional(v.pipe(v.string(), v.maxLength(4096))), path: libraryPath }),
  /** Stream a library file to a platform as one multipart request built by the extension (token included; never stored). */
  'upload.start': v.object({ jobId: id, root: v.optional(v.pipe(v.string(), v.maxLength(4096))), request: UploadRequestSchema }),
  'upload.cancel': v.object({ jobId: id }),
} as const;
export type HostAction = keyof typeof HostActionParams;

export interface HelloResult {
  protocol: number;
  hostVersion: string;
  os: string;
  defaultLibraryRoot: string;
  capabilities: string[];
}

export interface LibraryInfo {
  root: string;
  exists: boolean;
  writable: boolean;
  freeBytes?: number;
}

/** Calls the host makes to the extension. */
export const ExtensionActionParams = {
  /** A signed URL expired: resolve the job's stream again and return a fresh URL. */
  'stream.refresh': v.object({ jobId: id }),
} as const;
export type ExtensionAction = keyof typeof ExtensionActionParams;

export interface LibraryFile {
  /** Relative to the root, with "/" separators. */
  path: string;
  size: number;
  mtimeMs: number;
}

export interface LibraryListing {
  root: string;
  files: LibraryFile[];
  /** More audio files exist than were listed. */
  truncated: boolean;
}

/** Tags of a library file: the upload page's FileTags, with the cover in base64 (it crosses the JSON protocol). */
export type LibraryTags = Omit<FileTags, 'picture'> & { picture?: { mime: string; base64: string } };

/** upload.progress / upload.done (any HTTP answer: the extension judges it) / upload.failed. */
export interface UploadProgressEvent {
  jobId: string;
  sent: number;
  total: number;
}
export interface UploadDoneEvent {
  jobId: string;
  status: number;
  /** The answer's body as text (at most 256 KiB). */
  body: string;
}

/** A local file's tags as tags.scan and tags.write report them (strings as the file has them). */
export interface FileTagsView {
  title?: string;
  artists?: string[];
  album?: string;
  genre?: string;
  bpm?: number;
  /** As written in the file (any notation). */
  key?: string;
  label?: string;
  isrc?: string;
  durationMs?: number;
}

export type TagFileFormat = 'mp3' | 'm4a' | 'flac' | 'wav' | 'aiff' | 'ogg' | 'opus';

export interface ScannedFile {
  /** Relative to the library root, with `/` separators. */
  path: string;
  format: TagFileFormat;
  /** tags.write can rewrite it (MP3 and M4A). */
  writable: boolean;
  bytes: number;
  tags: FileTagsView;
  /** The tags could not be read (the file is still listed). */
  error?: ErrorInfo;
}

export interface TagScanPage {
  root: string;
  /** The folder scanned, relative to the root ('' = the root). */
  folder: string;
  /** Audio files in the whole listing (every page). */
  total: number;
  files: ScannedFile[];
  /** Cursor of the next page; absent on the last page. */
  next?: number;
}

export interface TagFoldersResult {
  root: string;
  folder: string;
  /** Sub-folders, relative to the root; hidden ones and symlinks left out. */
  folders: string[];
}

export interface TagWriteResult {
  path: string;
  bytes: number;
  /** The tags read back from the rewritten file. */
  tags: FileTagsView;
}

/** Events the host sends without being asked. */
export type HostEventName = 'job.progress' | 'job.done' | 'job.failed' | 'protocol.error' | 'upload.progress' | 'upload.done' | 'upload.failed';
