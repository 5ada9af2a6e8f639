/**
 * The in-browser path: run the media job where blobs can be made (Chrome: the offscreen document;
 * Firefox: this background page), then hand the blob URL to downloads.download and wait for it.
 */
import { browser } from 'wxt/browser';
import { DeckhandError } from '../../shared/errors';
import type { DownloadSpec, JobProgress } from '../../shared/download';
import { runMediaJob } from '../core/media-job';

export interface BrowserSaveHooks {
  signal: AbortSignal;
  progress(p: JobProgress): void;
  refresh(): Promise<string>;
}

/** Messages between the background and the offscreen document. */
export type OffscreenRequest =
  | { target: 'offscreen'; type: 'media.run'; spec: DownloadSpec }
  | { target: 'offscreen'; type: 'media.cancel'; jobId: string }
  | { target: 'offscreen'; type: 'media.release'; url: string };
export type OffscreenToBackground =
  | { target: 'background'; type: 'media.progress'; progress: JobProgress }
  | { target: 'background'; type: 'media.refresh'; jobId: string };
export type OffscreenRunReply = { ok: true; url: string; filename: string; bytes: number } | { ok: false; error: ReturnType<DeckhandError['toJSON']> };

const OFFSCREEN_URL = '/offscreen.html';

/** The Chrome-only APIs used here (the polyfill does not cover them). */
interface ChromeOffscreenApi {
  runtime: { getContexts(filter: { contextTypes: string[] }): Promise<unknown[]> };
  offscreen: { createDocument(opts: { url: string; reasons: string[]; justification: string }): Promise<void> };
}
const chromeApi = (): ChromeOffscreenApi | undefined => {
  const c = (globalThis as { chrome?: Partial<ChromeOffscreenApi> }).chrome;
  return c?.offscreen && c.runtime ? (c as ChromeOffscreenApi) : undefined;
};
const hasOffscreen = () => chromeApi() !== undefined;

let creating: Promise<void> | undefined;
async function ensureOffscreen(): Promise<void> {
  const api = chromeApi() as ChromeOffscreenApi;
  const contexts = await api.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] });
  if (contexts.length > 0) return;
  creating ??= api.offscreen
    .createDocument({ url: OFFSCREEN_URL, reasons: ['BLOBS'], justification: 'Assemble downloaded audio into a file for the downloads API.' })
    .finally(() => (creating = undefined));
  await creating;
}

/** Route progress/refresh messages from the offscreen document to the running job. */
const hooksByJob = new Map<string, BrowserSaveHooks>();
export function handleOffscreenMessage(msg: OffscreenToBackground): Promise<unknown> | undefined {
  if (msg.type === 'media.progress') {
    hooksByJob.get(msg.progress.jobId)?.progress(msg.progress);
    return Promise.resolve({ ok: true });
  }
  const hooks = hooksByJob.get(msg.jobId);
  if (!hooks) return Promise.reject(new Error('no such job'));
  return hooks.refresh().then((url) => ({ url }));
}

async function makeBlobUrl(spec: DownloadSpec, hooks: BrowserSaveHooks): Promise<{ url: string; filename: string; release: () => void }> {
  if (!hasOffscreen()) {
    // Firefox: the background page has a DOM.
    const result = await runMediaJob(spec, hooks);
    const url = URL.createObjectURL(result.blob);
    return { url, filename: result.filename, release: () => URL.revokeObjectURL(url) };
  }
  await ensureOffscreen();
  hooksByJob.set(spec.jobId, hooks);
  const onAbort = () => void browser.runtime.sendMessage({ target: 'offscreen', type: 'media.cancel', jobId: spec.jobId } satisfies OffscreenRequest);
  hooks.signal.addEventListener('abort', onAbort);
  try {
    const reply = (await browser.runtime.sendMessage({ target: 'offscreen', type: 'media.run', spec } satisfies OffscreenRequest)) as OffscreenRunReply;
    if (!reply?.ok) throw DeckhandError.from(reply?.error ?? new DeckhandError('internal', 'The offscreen document did not answer.'));
    const url = reply.url;
    return {
      url,
      filename: reply.filename,
      release: () => void browser.runtime.sendMessage({ target: 'offscreen', type: 'media.release', url } satisfies OffscreenRequest),
    };
  } finally {
    hooks.signal.removeEventListener('abort', onAbort);
    hooksByJob.delete(spec.jobId);
  }
}

function waitForDownload(id: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = async () => {
      const [item] = await browser.downloads.search({ id });
      if (!item) return;
      if (item.state === 'complete') {
        browser.downloads.onChanged.removeListener(listener);
        resolve(item.filename);
      } else if (item.state === 'interrupted') {
        browser.downloads.onChanged.removeListener(listener);
        reject(new DeckhandError(item.error === 'USER_CANCELED' ? 'job.cancelled' : 'library.io', `The browser could not save the file (${item.error}).`));
      }
    };
    const listener = (delta: { id: number }) => {
      if (delta.id === id) void check();
    };
    browser.downloads.onChanged.addListener(listener);
    void check();
  });
}

export async function saveInBrowser(spec: DownloadSpec, folder: string, hooks: BrowserSaveHooks): Promise<string> {
  const { url, filename, release } = await makeBlobUrl(spec, hooks);
  try {
    const safeFolder = folder.replace(/[^\w .-]/g, '_').replace(/^[.\s]+|[.\s]+$/g, '');
    const id = await browser.downloads.download({
      url,
      filename: safeFolder ? `${safeFolder}/${filename}` : filename,
      conflictAction: spec.output.onExists === 'overwrite' ? 'overwrite' : 'uniquify',
      saveAs: false,
    });
    return await waitForDownload(id);
  } finally {
    release();
  }
}
