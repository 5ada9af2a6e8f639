/** Job updates reach tabs without the file's folder or an upload's details; the popup still gets all. */
import { describe, expect, it, vi } from 'vitest';
import type { JobView } from '../../shared/jobs';
import type { TrackRef } from '../../shared/track';

const toTabs: Array<{ tabId: number; message: unknown }> = [];
vi.mock('wxt/browser', () => ({
  browser: {
    runtime: { getURL: (p: string) => `chrome-extension://ext${p}` },
    storage: { session: { get: async () => ({}), set: async () => undefined, remove: async () => undefined } },
    tabs: { sendMessage: async (tabId: number, message: unknown) => void toTabs.push({ tabId, message }) },
  },
}));

const { acceptUiPort, publish, setPage, tabJobView } = await import('./pages');

const ref: TrackRef = { platform: 'soundcloud', id: '77', url: 'https://soundcloud.com/u/t', kind: 'track', title: 'T' };
const done: JobView = {
  id: 'job-1', kind: 'download', trackKey: 'soundcloud:77', ref, state: 'done', via: 'host',
  path: '/home/dj/Music/Deckhand/Artist - T.mp3', note: 'Not enriched', createdAt: 1, updatedAt: 2, attempts: 1,
};

describe('job updates to tabs', () => {
  it('send the file name, not its absolute path, to the tab showing the track; the popup gets the full job', async () => {
    const posted: unknown[] = [];
    acceptUiPort({ name: 'deckhand-ui', sender: { url: 'chrome-extension://ext/popup.html' }, postMessage: (m: unknown) => void posted.push(m), onDisconnect: { addListener: () => undefined } } as never);
    await setPage(5, 'https://soundcloud.com/u/t', [ref]);
    publish(done);
    await vi.waitFor(() => expect(toTabs).toHaveLength(1));
    const sent = toTabs[0]!.message as { job: JobView };
    expect(toTabs[0]!.tabId).toBe(5);
    expect(sent.job).toMatchObject({ state: 'done', fileName: 'Artist - T.mp3', trackKey: 'soundcloud:77' });
    expect(sent.job.path).toBeUndefined();
    expect(JSON.stringify(sent)).not.toContain('/home/dj');
    expect(posted).toContainEqual({ type: 'job.update', job: done });
  });

  it('leaves out upload details and takes the name from a Windows path too', () => {
    const upload: JobView = {
      ...done, kind: 'upload', path: 'C:\\Users\\dj\\Music\\mix.wav',
      upload: { platform: 'mixcloud', source: 'library', fileName: 'mix.wav', fileSize: 1, libraryPath: 'private/mix.wav', fields: {} as never, pro: false },
    };
    const view = tabJobView(upload);
    expect(view.fileName).toBe('mix.wav');
    expect(view).not.toHaveProperty('upload');
    expect(view).not.toHaveProperty('path');
  });

  it('keeps what the button draws: progress and error', () => {
    const failed = tabJobView({ ...done, state: 'failed', path: undefined, error: { code: 'network.http', message: 'HTTP 500', expected: true } as never, progress: { phase: 'fetching', bytes: 5, total: 10 } as never });
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'network.http' }, progress: { bytes: 5 } });
    expect(failed).not.toHaveProperty('fileName');
  });
});
