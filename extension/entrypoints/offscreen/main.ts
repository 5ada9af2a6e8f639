/**
 * Chrome's offscreen document (reason BLOBS): runs in-browser download jobs and turns their result
 * into blob URLs for downloads.download, which the service worker cannot do itself.
 */
import { browser } from 'wxt/browser';
import { DeckhandError } from '../../../shared/errors';
import { runMediaJob } from '../../core/media-job';
import type { OffscreenRequest, OffscreenRunReply, OffscreenToBackground } from '../../background/save-in-browser';

const running = new Map<string, AbortController>();

async function run(spec: Extract<OffscreenRequest, { type: 'media.run' }>['spec']): Promise<OffscreenRunReply> {
  const controller = new AbortController();
  running.set(spec.jobId, controller);
  try {
    const result = await runMediaJob(spec, {
      signal: controller.signal,
      progress: (progress) => void browser.runtime.sendMessage({ target: 'background', type: 'media.progress', progress } satisfies OffscreenToBackground).catch(() => undefined),
      refresh: async () => {
        const answer = (await browser.runtime.sendMessage({ target: 'background', type: 'media.refresh', jobId: spec.jobId } satisfies OffscreenToBackground)) as { url?: string };
        if (!answer?.url) throw new DeckhandError('stream.expired');
        return answer.url;
      },
    });
    return { ok: true, url: URL.createObjectURL(result.blob), filename: result.filename, bytes: result.bytes };
  } catch (err) {
    return { ok: false, error: DeckhandError.from(err).toJSON() };
  } finally {
    running.delete(spec.jobId);
  }
}

browser.runtime.onMessage.addListener((message: unknown) => {
  const msg = message as OffscreenRequest;
  if (msg?.target !== 'offscreen') return undefined;
  if (msg.type === 'media.run') return run(msg.spec);
  if (msg.type === 'media.cancel') running.get(msg.jobId)?.abort();
  if (msg.type === 'media.release') URL.revokeObjectURL(msg.url);
  return Promise.resolve({ ok: true });
});
