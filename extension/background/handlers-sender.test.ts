/** Requests that reveal other tabs, every job, accounts or private lists answer extension pages only. */
import { describe, expect, it, vi } from 'vitest';

vi.mock('wxt/browser', () => ({
  browser: { runtime: { id: 'ext', getURL: (p: string) => `chrome-extension://ext${p}` }, storage: { local: {} } },
}));

const { dispatch } = await import('./handlers');

const popup = { id: 'ext', url: 'chrome-extension://ext/popup.html' };
const contentScript = { id: 'ext', url: 'https://soundcloud.com/somebody', tab: { id: 7 } };

/** Handlers that answer without touching anything: only the sender check is under test. */
const answers = {
  'tab.tracks': async () => ({ tracks: [] }),
  'jobs.list': async () => ({ jobs: [] }),
  'accounts.list': async () => ({ accounts: [] }),
  'account.disconnect': async () => ({ ok: true }),
  'host.status': async () => ({ connected: false }),
  'browse.entity': async () => ({ items: [] }),
  'jobs.forTracks': async () => ({ jobs: [] }),
} as unknown as Parameters<typeof dispatch>[0];

const ask = (message: Record<string, unknown>, sender: object) => dispatch(answers, message, sender as never) as Promise<{ ok: boolean; error?: { code: string } }>;

describe('dispatch: sender checks', () => {
  it.each([
    { type: 'tab.tracks', tabId: 3 },
    { type: 'jobs.list' },
    { type: 'accounts.list' },
    { type: 'account.disconnect', platform: 'soundcloud' },
    { type: 'host.status' },
    { type: 'browse.entity', platform: 'soundcloud', kind: 'user', id: 'me' },
  ])('refuses $type from a content script and answers the popup', async (message) => {
    expect(await ask(message, contentScript)).toMatchObject({ ok: false, error: { code: 'protocol.invalid' } });
    expect(await ask(message, popup)).toMatchObject({ ok: true });
  });

  it('still answers what the in-page buttons ask for, and other users’ pages', async () => {
    expect(await ask({ type: 'jobs.forTracks', keys: ['soundcloud:1'] }, contentScript)).toMatchObject({ ok: true });
    expect(await ask({ type: 'browse.entity', platform: 'soundcloud', kind: 'user', id: 'somebody' }, contentScript)).toMatchObject({ ok: true });
  });
});
