/**
 * Runs upload jobs for the queue (a File held by an upload page, or a library file streamed by the
 * native host) and answers the upload page's queue and library requests.
 */
import { browser, type Browser } from 'wxt/browser';
import { DeckhandError } from '../../shared/errors';
import { isUploadJob, type UploadPlatform } from '../../shared/jobs';
import type { RequestParams, ResponseTypes } from '../../shared/messages';
import type { LibraryListing, LibraryTags } from '../../shared/native-protocol';
import { LibraryListingSchema, LibraryTagsResultSchema, readHostAnswer } from '../../shared/native-answers';
import type { JobRecord } from '../core/db';
import type { NativeHost } from '../core/native';
import { getSettings } from '../core/settings';
import * as mixcloudAuth from '../platforms/mixcloud/auth';
import * as soundcloudAuth from '../platforms/soundcloud/auth';
import type { JobControl, JobQueue } from './queue';
import { runLibraryUpload } from './upload-host';
import { UploadPages } from './upload-page-link';

export async function uploadToken(platform: UploadPlatform, refused?: string): Promise<string> {
  if (platform === 'soundcloud') return soundcloudAuth.accessToken(refused);
  if (refused) throw await mixcloudAuth.tokenRefused(refused);
  return mixcloudAuth.accessToken();
}

const libraryRoot = async () => (await getSettings()).libraryRoot || undefined;

export function createUploadRunner(host: NativeHost, pages: UploadPages) {
  return async (job: JobRecord, ctl: JobControl): Promise<{ url?: string }> => {
    if (!isUploadJob(job)) throw new DeckhandError('internal', `Job ${job.id} is not an upload.`);
    if (job.upload.source === 'page') return pages.run(job, ctl);
    await host.connect();
    return runLibraryUpload(host, job, ctl, uploadToken, await libraryRoot());
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
