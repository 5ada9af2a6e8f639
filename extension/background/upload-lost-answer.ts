/**
 * An upload is never made twice because its answer was lost. Before an upload's request goes out the
 * job records when (`uploadSentAt`, stored before any byte is sent); a platform's answer, accepted or
 * refused, clears it. A job that starts with the mark still set ran before and never heard back (the
 * worker or the host died mid-request, or the connection broke), so it first looks through the
 * user's own uploads on the platform: found = done with its link and a note, not found = upload,
 * look-up failed = fail with upload.unconfirmed and clear the mark, so that a retry (the user's
 * explicit choice after looking at their profile) uploads.
 */
import { DeckhandError } from '../../shared/errors';
import type { UploadJobInfo, UploadPlatform } from '../../shared/jobs';
import type { JobRecord } from '../core/db';
import { MixcloudMine } from '../platforms/mixcloud/api-mine';
import { SoundCloudOfficial } from '../platforms/soundcloud/api-official';

/** One of the user's own uploads on the platform. */
export interface OwnUpload {
  url: string;
  title: string;
  /** Epoch ms, by the platform's clock. */
  createdAt: number;
  /** The received file's size, where the platform says. */
  bytes?: number;
}

/** The user's own uploads created at or after `sinceMs`. */
export type OwnUploadsSince = (platform: UploadPlatform, sinceMs: number) => Promise<OwnUpload[]>;

/** Stores the job (the mark must be on disk before the request leaves: a dead worker forgets memory). */
export type PersistJob = (job: JobRecord) => Promise<void>;

/** The platform's clock and ours may differ: an upload created up to this much "before" the send counts. */
export const CLOCK_SKEW_MS = 10 * 60_000;

const PLATFORM_NAME: Record<UploadPlatform, string> = { soundcloud: 'SoundCloud', mixcloud: 'Mixcloud' };

export const ownUploadsSince: OwnUploadsSince = (platform, sinceMs) =>
  platform === 'soundcloud' ? new SoundCloudOfficial().uploadsSince(sinceMs) : new MixcloudMine().uploadsSince(sinceMs);

const normalTitle = (title: string) => title.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

/** The upload among `items` that this job made: same title, created after the send, same size where said. */
export function matchingUpload(info: UploadJobInfo, sentAt: number, items: readonly OwnUpload[]): OwnUpload | undefined {
  const title = normalTitle(info.fields.title || info.fileName);
  return items.find((item) =>
    item.createdAt >= sentAt - CLOCK_SKEW_MS && normalTitle(item.title) === title && (item.bytes === undefined || item.bytes === info.fileSize),
  );
}

/**
 * Before an attempt: the upload's page when an earlier attempt's request went out unanswered and the
 * platform has it, undefined when it should be uploaded. Throws upload.unconfirmed when the platform
 * cannot be asked (the mark is cleared first, so the user's retry uploads).
 */
export async function findLostUpload(job: JobRecord & { upload: UploadJobInfo }, lookup: OwnUploadsSince): Promise<OwnUpload | undefined> {
  const sentAt = job.uploadSentAt;
  if (sentAt === undefined) return undefined;
  const platform = PLATFORM_NAME[job.upload.platform];
  let items: OwnUpload[];
  try {
    items = await lookup(job.upload.platform, sentAt - CLOCK_SKEW_MS);
  } catch (err) {
    delete job.uploadSentAt;
    const cause = DeckhandError.from(err);
    throw new DeckhandError(
      'upload.unconfirmed',
      `An earlier attempt may already have uploaded this, and ${platform} could not be checked (${cause.message}). Look at your ${platform} profile; retry only if it is not there.`,
      { cause: err },
    );
  }
  return matchingUpload(job.upload, sentAt, items);
}

/** The note a job finished by the look-up carries. */
export function foundNote(platform: UploadPlatform): string {
  return `Already on ${PLATFORM_NAME[platform]}: the first attempt’s answer was lost, so it was not uploaded again.`;
}

/** Codes that mean the platform answered (or nothing left): the upload did not happen, the mark goes. */
const ANSWERED = new Set(['upload.rejected', 'auth.revoked', 'auth.expired', 'input.invalid']);

/**
 * Runs one attempt of `send` under the mark: `markSent` is called by `send` right before its request
 * leaves (after tokens and the form are ready); an answer from the platform clears the mark.
 */
export async function sendMarked<T>(job: JobRecord, persist: PersistJob, send: (markSent: () => Promise<void>) => Promise<T>): Promise<T> {
  const markSent = async () => {
    job.uploadSentAt ??= Date.now();
    await persist(job).catch((err: unknown) => console.warn('deckhand: could not store the upload mark', job.id, err));
  };
  try {
    const result = await send(markSent);
    delete job.uploadSentAt;
    return result;
  } catch (err) {
    if (ANSWERED.has(DeckhandError.from(err).code)) delete job.uploadSentAt;
    throw err;
  }
}
