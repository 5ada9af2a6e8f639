/**
 * What content scripts may get from the handlers they are allowed to call. `upload.open` with a
 * `fileUrl`: the upload page fetches that URL from the extension's origin, so only the extension's own
 * pages may name one. `jobs.forTracks`: the button's view of a job, without the absolute path.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const opened: string[] = [];
vi.mock('wxt/browser', () => ({
  browser: {
    runtime: { id: 'ext', getURL: (p: string) => `chrome-extension://ext${p}` },
    storage: { local: {} },
    tabs: { create: async ({ url }: { url: string }) => void opened.push(url) },
  },
}));

const { createHandlers, dispatch } = await import('./handlers');
const savedJob = { id: 'j', kind: 'download', trackKey: 'soundcloud:1', ref: {}, state: 'done', path: '/home/dj/Music/a.mp3', createdAt: 1, updatedAt: 1, attempts: 1 };
const queue = { restore: async () => undefined, forTracks: () => [savedJob] };
const handlers = createHandlers(queue as never, {} as never, {} as never);

const popup = { id: 'ext', url: 'chrome-extension://ext/popup.html' };
const contentScript = { id: 'ext', url: 'https://soundcloud.com/somebody', tab: { id: 7 } };
const openedQuery = () => new URL(opened.at(-1) ?? 'about:blank').searchParams;

beforeEach(() => {
  opened.length = 0;
});

describe('upload.open', () => {
  it('drops a fileUrl a content script names, and still opens the upload page for its platform', async () => {
    const answer = await dispatch(handlers, { type: 'upload.open', platform: 'mixcloud', fileUrl: 'http://127.0.0.1:9/private' }, contentScript as never);
    expect(answer).toMatchObject({ ok: true });
    expect(opened).toHaveLength(1);
    expect(openedQuery().get('platform')).toBe('mixcloud');
    expect(openedQuery().has('fileUrl')).toBe(false);
  });

  it('passes the fileUrl an extension page names', async () => {
    await dispatch(handlers, { type: 'upload.open', platform: 'soundcloud', fileUrl: 'https://files.example/mix.mp3' }, popup as never);
    expect(openedQuery().get('fileUrl')).toBe('https://files.example/mix.mp3');
  });
});

describe('jobs.forTracks', () => {
  it('answers a content script with the file name, not the path', async () => {
    const answer = (await dispatch(handlers, { type: 'jobs.forTracks', keys: ['soundcloud:1'] }, contentScript as never)) as { value: { jobs: Array<Record<string, unknown>> } };
    expect(answer.value.jobs).toEqual([expect.objectContaining({ id: 'j', state: 'done', fileName: 'a.mp3' })]);
    expect(answer.value.jobs[0]).not.toHaveProperty('path');
  });
});
