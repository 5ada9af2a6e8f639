/** What a download job asks for: the same spec drives the native host and the in-browser path. */
import * as v from 'valibot';
import { TrackMetadataSchema } from './schemas';

export const OUTPUT_FORMATS = ['m4a', 'mp3'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Containers an original file keeps (besides MP3 and M4A): lossless uploads. */
export const ORIGINAL_FORMATS = ['wav', 'flac', 'aiff'] as const;
export type OriginalFormat = (typeof ORIGINAL_FORMATS)[number];

export const ON_EXISTS = ['skip', 'overwrite', 'rename'] as const;
export type OnExists = (typeof ON_EXISTS)[number];

const url = v.pipe(v.string(), v.maxLength(8192), v.regex(/^https?:\/\//i));

export const MediaSourceSchema = v.object({
  /** hls: a master or media playlist; progressive: one file. */
  protocol: v.picklist(['hls', 'progressive']),
  url,
  /** What the segments or the file contain, when the resolver knows. */
  container: v.optional(v.picklist(['fmp4', 'ts', 'mp3', 'aac', 'm4a'])),
  /** A short excerpt (Beatport preview, SoundCloud snippet): labelled as such, never saved as the full track. */
  preview: v.optional(v.boolean()),
  /**
   * original: the artist's own file (SoundCloud's "download"), saved as it is (never remuxed or
   * re-encoded) and tagged in its own container; stream (default): what the player plays.
   */
  kind: v.optional(v.picklist(['stream', 'original'])),
});
export type MediaSource = v.InferOutput<typeof MediaSourceSchema>;

export const DownloadSpecSchema = v.object({
  jobId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.:-]{1,100}$/)),
  source: MediaSourceSchema,
  metadata: TrackMetadataSchema,
  /** Cover candidates, largest first; the first that loads is embedded. */
  artworkUrls: v.optional(v.pipe(v.array(url), v.maxLength(8))),
  output: v.object({
    /** Absolute library root; the host falls back to its default when absent. */
    root: v.optional(v.pipe(v.string(), v.maxLength(4096))),
    /** File-name template, e.g. "{artist} - {title}" (the extension is added). */
    template: v.pipe(v.string(), v.minLength(1), v.maxLength(1000)),
    /** The file's extension; an original's is the host's to confirm from the bytes. */
    format: v.picklist([...OUTPUT_FORMATS, ...ORIGINAL_FORMATS]),
    onExists: v.optional(v.picklist(ON_EXISTS)),
    keyNotation: v.optional(v.picklist(['standard', 'camelot', 'openkey'])),
  }),
  options: v.optional(
    v.object({
      concurrency: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(32))),
    }),
  ),
});
export type DownloadSpec = v.InferOutput<typeof DownloadSpecSchema>;

export interface JobProgress {
  jobId: string;
  phase: 'resolving' | 'fetching' | 'finishing' | 'tagging';
  bytes: number;
  totalBytes?: number;
  segmentsDone: number;
  segmentsTotal: number;
  /** Bytes per second over the last few seconds. */
  speed?: number;
  /** Seconds left, estimated. */
  etaSec?: number;
}

export interface JobResult {
  jobId: string;
  /** Absolute path on disk (host) or relative download name (browser). */
  path: string;
  bytes: number;
  durationMs?: number;
  skipped?: boolean;
  /** Files written beside it (host): the cue sheet of a mix with a tracklist. */
  extraFiles?: string[];
}
