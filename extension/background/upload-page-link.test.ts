/**
 * The background side of uploads streamed by an upload page: start/progress/answer over the page's
 * port, pause and cancel reach the page, and a closed page fails the job with upload.page-closed.
 */
import { describe, expect, it, vi } from 'vitest';
vi.mock('wxt/browser', () => ({ browser: { runtime: { getURL: (p: string) => `chrome-extension://ext${p}` } } }));
import { DeckhandError } from '../../shared/errors';
import type { JobProgress } from '../../shared/download';
import type { JobRecord } from '../core/db';
import { PAUSE_REASON } from './queue';
import { UPLOAD_PAGE_PORT, UploadPages, type BackgroundToPage } from './upload-page-link';

function fakePort(url = 'chrome-extension://ext/upload.html') {
  const listeners: Array<(m: unknown) => void> = [];
  const gone: Array<() => void> = [];
  const sent: BackgroundToPage[] = [];
  return {
    name: UPLOAD_PAGE_PORT,
    sender: { url },
    sent,
    postMessage: (m: BackgroundToPage) => void sent.push(m),
    onMessage: { addListener: (l: (m: unknown) => void) => void listeners.push(l) },
    onDisconnect: { addListener: (l: () => void) => void gone.push(l) },
    fromPage: (m: unknown) => listeners.forEach((l) => l(m)),
    close: () => gone.forEach((l) => l()),
  };
}

const job = (id: string) => ({ id, kind: 'upload' }) as JobRecord;
const control = () => {
  const controller = new AbortController();
  const progress: JobProgress[] = [];
  return { controller, progress, ctl: { signal: controller.signal, progress: (p: JobProgress) => void progress.push(p) } };
};

describe('UploadPages', () => {
  it('starts the job in the page that holds it, passes its progress on and settles with the new page’s URL', async () => {
    const pages = new UploadPages(() => true, 50);
    const port = fakePort();
    pages.accept(port as never);
    port.fromPage({ type: 'hold', jobIds: ['j1'] });
    const { ctl, progress } = control();
    const running = pages.run(job('j1'), ctl);
    expect(port.sent).toEqual([{ type: 'start', jobId: 'j1' }]);
    port.fromPage({ type: 'progress', jobId: 'j1', sent: 5, total: 10 });
    port.fromPage({ type: 'progress', jobId: 'j1', sent: 'lots', total: 10 }); // malformed: ignored
    port.fromPage({ type: 'answer', jobId: 'j1', answer: { ok: true, url: 'https://soundcloud.com/me/night-drive' } });
    await expect(running).resolves.toEqual({ url: 'https://soundcloud.com/me/night-drive' });
    expect(progress).toHaveLength(1);
    expect(progress[0]).toMatchObject({ jobId: 'j1', phase: 'fetching', bytes: 5, totalBytes: 10 });
  });

  it('a refusal becomes upload.rejected; an error from the page keeps its code', async () => {
    const pages = new UploadPages(() => true, 50);
    const port = fakePort();
    pages.accept(port as never);
    port.fromPage({ type: 'hold', jobIds: ['a', 'b'] });
    const a = pages.run(job('a'), control().ctl);
    port.fromPage({ type: 'answer', jobId: 'a', answer: { ok: false, message: 'Title taken' } });
    await expect(a).rejects.toMatchObject({ code: 'upload.rejected', message: 'Title taken' });
    const b = pages.run(job('b'), control().ctl);
    port.fromPage({ type: 'failed', jobId: 'b', error: new DeckhandError('auth.revoked').toJSON() });
    await expect(b).rejects.toMatchObject({ code: 'auth.revoked' });
  });

  it('pause and cancel abort the page’s request', async () => {
    const pages = new UploadPages(() => true, 50);
    const port = fakePort();
    pages.accept(port as never);
    port.fromPage({ type: 'hold', jobIds: ['p'] });
    const { controller, ctl } = control();
    const running = pages.run(job('p'), ctl);
    controller.abort(PAUSE_REASON);
    await expect(running).rejects.toMatchObject({ code: 'job.cancelled', message: expect.stringContaining('from the beginning') });
    expect(port.sent.at(-1)).toEqual({ type: 'abort', jobId: 'p' });
  });

  it('fails with upload.page-closed when the page closes mid-upload or no open page holds the file', async () => {
    const pages = new UploadPages(() => true, 50);
    const port = fakePort();
    pages.accept(port as never);
    port.fromPage({ type: 'hold', jobIds: ['c'] });
    const running = pages.run(job('c'), control().ctl);
    port.close();
    await expect(running).rejects.toMatchObject({ code: 'upload.page-closed' });
    await expect(pages.run(job('c'), control().ctl)).rejects.toMatchObject({ code: 'upload.page-closed' });
  });

  it('ignores ports of other pages (content scripts)', async () => {
    const pages = new UploadPages((url) => !!url?.startsWith('chrome-extension://ext/'), 50);
    const port = fakePort('https://soundcloud.com/upload');
    pages.accept(port as never);
    port.fromPage({ type: 'hold', jobIds: ['x'] });
    await expect(pages.run(job('x'), control().ctl)).rejects.toMatchObject({ code: 'upload.page-closed' });
    expect(port.sent).toEqual([]);
  });
});
