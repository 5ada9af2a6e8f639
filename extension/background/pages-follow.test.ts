/** A page's report reaches the popups open on any tab (they keep the ones for their own tab). */
import { describe, expect, it, vi } from 'vitest';
import type { TrackRef } from '../../shared/track';

vi.mock('wxt/browser', () => ({
  browser: {
    runtime: { getURL: (p: string) => `chrome-extension://ext${p}` },
    storage: { session: { get: async () => ({}), set: async () => undefined, remove: async () => undefined } },
    tabs: { sendMessage: async () => undefined },
  },
}));

const { acceptUiPort, setPage } = await import('./pages');

function fakePort(name: string, url = 'chrome-extension://ext/popup.html') {
  const posted: unknown[] = [];
  let onDisconnect: () => void = () => undefined;
  const port = { name, sender: { url }, postMessage: (m: unknown) => void posted.push(m), onDisconnect: { addListener: (fn: () => void) => void (onDisconnect = fn) } };
  return { port: port as unknown as Parameters<typeof acceptUiPort>[0], posted, disconnect: () => onDisconnect() };
}

describe('setPage', () => {
  it('tells every open UI port which tab now lists what, and no port once it closed', async () => {
    const ui = fakePort('deckhand-ui');
    const other = fakePort('something-else');
    acceptUiPort(ui.port);
    acceptUiPort(other.port);
    const tracks: TrackRef[] = [{ platform: 'soundcloud', id: 'soundcloud:tracks:1', url: 'https://soundcloud.com/u/t1', kind: 'track', title: 'T' }];
    await setPage(3, 'https://soundcloud.com/u/t1', tracks);
    expect(ui.posted).toEqual([{ type: 'page.tracks', tabId: 3, pageUrl: 'https://soundcloud.com/u/t1', tracks }]);
    expect(other.posted).toEqual([]);
    ui.disconnect();
    await setPage(3, 'https://soundcloud.com/u/t1', []);
    expect(ui.posted).toHaveLength(1);
  });

  it('never tells a content script (a port from a web page) what other tabs show', async () => {
    const content = fakePort('deckhand-ui', 'https://soundcloud.com/somebody');
    acceptUiPort(content.port);
    await setPage(4, 'https://www.mixcloud.com/u/show/', []);
    expect(content.posted).toEqual([]);
  });
});
