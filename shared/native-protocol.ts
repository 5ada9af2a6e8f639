/**
 * The extension <-> native host protocol (see native-host/PROTOCOL.md). Frames are a 32-bit
 * little-endian length followed by UTF-8 JSON. Both sides may call the other; every call gets
 * exactly one result with the same id.
 */
import * as v from 'valibot';
import { ErrorInfoSchema } from './schemas';
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

/** Calls the extension makes to the host, with the shape of their params. */
export const HostActionParams = {
  hello: v.object({ protocol: v.number(), extensionVersion: v.optional(v.string()) }),
  ping: v.optional(v.object({})),
  'download.start': v.object({ spec: DownloadSpecSchema }),
  'download.cancel': v.object({ jobId: id }),
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

/** Events the host sends without being asked. */
export type HostEventName = 'job.progress' | 'job.done' | 'job.failed' | 'protocol.error';
