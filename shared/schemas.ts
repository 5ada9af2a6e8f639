/** Valibot schemas for what crosses a boundary (content script -> background, extension <-> host). */
import * as v from 'valibot';
import { PLATFORM_IDS } from './platform';
import { isErrorCode, type ErrorCode } from './errors';

const str = (max = 4000) => v.pipe(v.string(), v.maxLength(max));
const httpsUrl = v.pipe(v.string(), v.maxLength(8192), v.check((s) => /^https?:\/\//i.test(s), 'must be an http(s) URL'));

export const PlatformIdSchema = v.picklist(PLATFORM_IDS);
export const TrackKindSchema = v.picklist(['track', 'show', 'preview', 'set']);
export const ErrorCodeSchema = v.custom<ErrorCode>((x) => isErrorCode(x), 'unknown error code');

export const ChapterSchema = v.object({
  startMs: v.optional(v.pipe(v.number(), v.minValue(0))),
  title: str(1000),
  artist: v.optional(str(1000)),
  bpm: v.optional(v.pipe(v.number(), v.minValue(0))),
  key: v.optional(str(20)),
});

export const TrackRefSchema = v.object({
  platform: PlatformIdSchema,
  id: str(300),
  url: httpsUrl,
  kind: TrackKindSchema,
  title: v.optional(str()),
  artist: v.optional(str()),
  artworkUrl: v.optional(httpsUrl),
  durationMs: v.optional(v.pipe(v.number(), v.minValue(0))),
  bpm: v.optional(v.number()),
  key: v.optional(str(20)),
  unavailable: v.optional(v.object({ code: ErrorCodeSchema, reason: v.optional(str()) })),
  inSet: v.optional(
    v.object({
      title: str(),
      index: v.pipe(v.number(), v.integer(), v.minValue(1)),
      total: v.pipe(v.number(), v.integer(), v.minValue(1)),
      artist: v.optional(str(1000)),
      isAlbum: v.optional(v.boolean()),
    }),
  ),
});

export const TrackMetadataSchema = v.object({
  platform: PlatformIdSchema,
  id: str(300),
  url: httpsUrl,
  title: str(),
  kind: v.optional(TrackKindSchema),
  artists: v.optional(v.array(str(1000))),
  albumArtist: v.optional(str(1000)),
  album: v.optional(str()),
  genre: v.optional(str(200)),
  subGenre: v.optional(str(200)),
  bpm: v.optional(v.number()),
  key: v.optional(str(20)),
  label: v.optional(str(1000)),
  isrc: v.optional(str(20)),
  catalogNumber: v.optional(str(100)),
  releaseDate: v.optional(str(40)),
  trackNumber: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  trackTotal: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  discNumber: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  mixName: v.optional(str(1000)),
  remixers: v.optional(v.array(str(1000))),
  description: v.optional(str(20000)),
  comment: v.optional(str(20000)),
  tags: v.optional(v.array(str(200))),
  artworkUrl: v.optional(httpsUrl),
  durationMs: v.optional(v.pipe(v.number(), v.minValue(0))),
  chapters: v.optional(v.array(ChapterSchema)),
  extra: v.optional(v.record(str(100), str(4000))),
});

export const ErrorInfoSchema = v.object({
  code: ErrorCodeSchema,
  message: str(8000),
  expected: v.optional(v.boolean()),
  retryAt: v.optional(v.number()),
  status: v.optional(v.number()),
});
