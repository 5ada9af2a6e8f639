/** The background: one queue, one native port, message routing. Entry: entrypoints/background.ts. */
import { browser } from 'wxt/browser';
import { NativeHost } from '../core/native';
import { getSettings } from '../core/settings';
import { JobQueue } from './queue';
import { createExecutor, refreshStream } from './execute';
import { createHandlers, dispatch } from './handlers';
import { acceptUiPort, forgetTab, publish } from './pages';
import { handleOffscreenMessage, type OffscreenToBackground } from './save-in-browser';
import { createMenuHandlers, installMenus, type MenuHandlers } from './menus';
import { notify, notifyJob } from './notify';

export function startBackground(): { queue: JobQueue; host: NativeHost; menus: MenuHandlers } {
  const host = new NativeHost(browser.runtime.getManifest().version);
  host.onCall('stream.refresh', async (params) => refreshStream(String((params as { jobId?: unknown })?.jobId ?? '')));
  const queue = new JobQueue({
    execute: createExecutor(host),
    publish: (job) => {
      publish(job);
      notifyJob(job);
    },
    concurrency: async () => (await getSettings()).jobConcurrency,
    // Only jobs that ran on the host have part files there (job.spec.output.root is set for them).
    discard: async (job) => {
      if (job.via === 'browser') return;
      await host.connect();
      await host.call('download.cancel', { jobId: job.id, ...(job.spec?.output.root ? { root: job.spec.output.root } : {}) });
    },
  });
  const handlers = createHandlers(queue, host);

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    const target = (message as { target?: string } | undefined)?.target;
    if (target === 'offscreen') return undefined; // for the offscreen document
    if (target === 'background') return handleOffscreenMessage(message as OffscreenToBackground);
    return dispatch(handlers, message, sender);
  });
  browser.runtime.onConnect.addListener(acceptUiPort);
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
  const menus = createMenuHandlers({
    enqueue: (ref) => queue.add(ref),
    openTab: (url) => browser.tabs.create({ url }),
  });
  installMenus(menus, notify);
  // A listener for browser start-up makes Chromium start this worker then, so the queue resumes
  // after a browser restart without waiting for a page or the popup to wake it.
  browser.runtime.onStartup.addListener(() => void queue.restore());
  void queue.restore();
  return { queue, host, menus };
}
