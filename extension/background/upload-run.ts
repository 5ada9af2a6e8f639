/**
 * Runs upload jobs for the queue (a File held by an upload page, or a library file streamed by the
 * native host) and answers the upload page's queue and library requests.
 */
import { browser, type Browser } from 'wxt/browser';
import { DeckhandError } from '../../shared/errors';
import { isUploadJob, type UploadJobInfo, type UploadPlatform } from '../../shared/jobs';
import type { RequestParams, ResponseTypes } from '../../shared/messages';
import type { LibraryListing, LibraryTags } from '../../shared/native-protocol';
import { LibraryListingSchema, LibraryTagsResultSchema, readHostAnswer } from '../../shared/native-answers';
import { db, type JobRecord } from '../core/db';
import type { NativeHost } from '../core/native';
import { getSettings } from '../core/settings';
import * as mixcloudAuth from '../platforms/mixcloud/auth';
import * as soundcloudAuth from '../platforms/soundcloud/auth';
import type { HostLink } from './host-run';
import type { JobControl, JobQueue } from './queue';
import { runLibraryUpload } from './upload-host';
import { findLostUpload, foundNote, ownUploadsSince, sendMarked, type OwnUploadsSince, type PersistJob } from './upload-lost-answer';
import { UploadPages } from './upload-page-link';

export async function uploadToken(platform: UploadPlatform, refused?: string): Promise<string> {
  if (platform === 'soundcloud') return soundcloudAuth.accessToken(refused);
  if (refused) throw await mixcloudAuth.tokenRefused(refused);
  return mixcloudAuth.accessToken();
}

const libraryRoot = async () => (await getSettings()).libraryRoot || undefined;

const storeJob: PersistJob = async (job) => {
  await (await db()).put('jobs', job);
};

/**
 * Upload jobs. An attempt whose predecessor sent its request and never heard back first looks for
 * the upload on the platform (upload-lost-answer.ts): a restarted worker must not upload it twice.
 */
export function createUploadRunner(
  host: HostLink & Pick<NativeHost, 'connect'>, pages: Pick<UploadPages, 'run'>,
  deps: { lookup?: OwnUploadsSince; persist?: PersistJob; token?: typeof uploadToken } = {},
) {
  const { lookup = ownUploadsSince, persist = storeJob, token = uploadToken } = deps;
  return async (record: JobRecord, ctl: JobControl): Promise<{ url?: string }> => {
    if (!isUploadJob(record)) throw new DeckhandError('internal', `Job ${record.id} is not an upload.`);
    const job: JobRecord & { upload: UploadJobInfo } = record;
    const earlier = await findLostUpload(job, lookup);
    if (earlier) {
      delete job.uploadSentAt;
      job.note = foundNote(job.upload.platform);
      return { url: earlier.url };
    }
    return sendMarked(job, persist, async (markSent) => {
      if (job.upload.source === 'page') return pages.run(job, ctl, markSent);
      await host.connect();
      return runLibraryUpload(host, job, ctl, token, await libraryRoot(), markSent);
    });
  };
}

type Sender = Browser.runtime.MessageSender;
type Handler<T extends 'upload.enqueue' | 'upload.library' | 'upload.libraryTags'> = (params: RequestParams<T>, sender: Sender) => Promise<ResponseTypes[T]>;

function requireExtensionPage(sender: Sender): void {
  if (!sender.url?.startsWith(browser.runtime.getURL('/')) || sender.id !== browser.runtime.id) {
    throw new DeckhandError('protocol.invalid', 'Only the extension’s own pages may do this.');
  }
}

export function uploadHandlers(queue: JobQueue, host: NativeHost): {
  'upload.enqueue': Handler<'upload.enqueue'>;
  'upload.library': Handler<'upload.library'>;
  'upload.libraryTags': Handler<'upload.libraryTags'>;
} {
  return {
    'upload.enqueue': async ({ upload }, sender) => {
      requireExtensionPage(sender);
      if (upload.source === 'library' && !upload.libraryPath) throw new DeckhandError('input.invalid', 'A library upload needs the file’s path.');
      return { job: await queue.addUpload(upload) };
    },
    'upload.library': async (_params, sender) => {
      requireExtensionPage(sender);
      const root = await libraryRoot();
      return readHostAnswer(LibraryListingSchema, await host.call('library.list', root ? { root } : {}), 'library listing');
    },
    'upload.libraryTags': async ({ path }, sender) => {
      requireExtensionPage(sender);
      const root = await libraryRoot();
      return readHostAnswer(LibraryTagsResultSchema, await host.call('library.tags', { path, ...(root ? { root } : {}) }), 'file’s tags');
    },
  };
}
