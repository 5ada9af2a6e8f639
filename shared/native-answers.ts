/**
 * Schemas for what the native host answers and sends (results and events), read by the extension.
 * The host is a separate program, possibly an older or newer version: its answers are checked like
 * any other boundary, and a malformed one becomes `protocol.invalid` instead of a crash later on.
 * Kept beside native-protocol.ts (the types), which is already at its size limit.
 */
import * as v from 'valibot';
import type { JobProgress, JobResult } from './download';
import { DeckhandError, type ErrorInfo } from './errors';
import type {
  FileTagsView, LibraryListing, LibraryTags, ScannedFile, TagFoldersResult, TagScanPage, TagWriteResult, UploadDoneEvent, UploadProgressEvent,
} from './native-protocol';

const count = v.pipe(v.number(), v.minValue(0));
const text = v.string();

/** An error as the host sends it; DeckhandError.from maps unknown codes to `internal`. */
const ErrorInfoSchema = v.custom<ErrorInfo>(
  (x) => !!x && typeof x === 'object' && typeof (x as { code?: unknown }).code === 'string' && typeof (x as { message?: unknown }).message === 'string',
  'an error with a code and a message',
);

const FileTagsViewSchema: v.GenericSchema<unknown, FileTagsView> = v.object({
  title: v.optional(text),
  artists: v.optional(v.array(text)),
  album: v.optional(text),
  genre: v.optional(text),
  bpm: v.optional(v.number()),
  key: v.optional(text),
  label: v.optional(text),
  isrc: v.optional(text),
  durationMs: v.optional(count),
});

const ScannedFileSchema: v.GenericSchema<unknown, ScannedFile> = v.object({
  path: text,
  format: v.picklist(['mp3', 'm4a', 'flac', 'wav', 'aiff', 'ogg', 'opus']),
  writable: v.boolean(),
  bytes: count,
  tags: FileTagsViewSchema,
  error: v.optional(ErrorInfoSchema),
});

export const TagScanPageSchema: v.GenericSchema<unknown, TagScanPage> = v.object({
  root: text,
  folder: text,
  total: count,
  files: v.array(ScannedFileSchema),
  next: v.optional(count),
});

export const TagFoldersResultSchema: v.GenericSchema<unknown, TagFoldersResult> = v.object({ root: text, folder: text, folders: v.array(text) });

export const TagWriteResultSchema: v.GenericSchema<unknown, TagWriteResult> = v.object({ path: text, bytes: count, tags: FileTagsViewSchema });

export const LibraryListingSchema: v.GenericSchema<unknown, LibraryListing> = v.object({
  root: text,
  files: v.array(v.object({ path: text, size: count, mtimeMs: v.number() })),
  truncated: v.boolean(),
});

const LibraryTagsSchema: v.GenericSchema<unknown, LibraryTags> = v.object({
  title: v.optional(text),
  artist: v.optional(text),
  album: v.optional(text),
  genre: v.optional(text),
  bpm: v.optional(v.number()),
  key: v.optional(text),
  isrc: v.optional(text),
  date: v.optional(text),
  label: v.optional(text),
  comment: v.optional(text),
  picture: v.optional(v.object({ mime: text, base64: text })),
  chapters: v.optional(v.array(v.object({ startMs: count, title: text }))),
});

export const LibraryTagsResultSchema: v.GenericSchema<unknown, { tags: LibraryTags; size: number }> = v.object({ tags: LibraryTagsSchema, size: count });

export const JobProgressSchema: v.GenericSchema<unknown, JobProgress> = v.object({
  jobId: text,
  phase: v.picklist(['resolving', 'fetching', 'finishing', 'tagging']),
  bytes: count,
  totalBytes: v.optional(count),
  segmentsDone: count,
  segmentsTotal: count,
  speed: v.optional(v.number()),
  etaSec: v.optional(v.number()),
});

/** job.done: only the fields the extension reads are required. */
export const JobDoneSchema: v.GenericSchema<unknown, Pick<JobResult, 'jobId' | 'path'>> = v.looseObject({ jobId: text, path: text });

/** job.failed and upload.failed. */
export const FailedEventSchema: v.GenericSchema<unknown, { jobId?: string; error: ErrorInfo }> = v.object({ jobId: v.optional(text), error: ErrorInfoSchema });

export const UploadProgressEventSchema: v.GenericSchema<unknown, UploadProgressEvent> = v.object({ jobId: text, sent: count, total: count });

export const UploadDoneEventSchema: v.GenericSchema<unknown, UploadDoneEvent> = v.object({ jobId: text, status: v.number(), body: text });

/** The error a job.failed / upload.failed event carries; a malformed one is itself the error. */
export function failureOf(data: unknown): DeckhandError {
  const parsed = v.safeParse(FailedEventSchema, data);
  return parsed.success ? DeckhandError.from(parsed.output.error) : new DeckhandError('protocol.invalid', 'The companion app reported a failure without a readable error. Update the companion app.');
}

/** `value` as `schema` says, or `protocol.invalid` naming what was malformed (never the values). */
export function readHostAnswer<T>(schema: v.GenericSchema<unknown, T>, value: unknown, what: string): T {
  const parsed = v.safeParse(schema, value);
  if (parsed.success) return parsed.output;
  const where = parsed.issues.slice(0, 3).map((i) => v.getDotPath(i) ?? '(top)').join(', ');
  throw new DeckhandError('protocol.invalid', `The companion app sent a malformed ${what} (${where}). Update the companion app.`);
}
