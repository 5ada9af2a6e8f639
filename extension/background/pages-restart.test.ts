/**
 * The tab registry outlives a service-worker restart (storage.session), and works from memory alone
 * where a browser has no storage.session.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrackRef } from '../../shared/track';

const sent: { tabId: number; message: unknown }[] = [];
let session: Map<string, unknown> | undefined;

vi.mock('wxt/browser', () => ({
  browser: {
    runtime: { getURL: (p: string) => `chrome-extension://ext${p}` },
    get storage() {
      const area = session;
      if (!area) return {};
      return {
        session: {
          get: async () => Object.fromEntries(area),
          set: async (items: Record<string, unknown>) => void Object.entries(items).forEach(([k, v]) => area.set(k, structuredClone(v))),
          remove: async (key: string) => void area.delete(key),
        },
      };
    },
    tabs: { sendMessage: async (tabId: number, message: unknown) => void sent.push({ tabId, message }) },
  },
}));

const track: TrackRef = { platform: 'beatport', id: '17', url: 'https://www.beatport.com/track/x/17', kind: 'preview', title: 'X' };
const job = { id: 'j1', trackKey: 'beatport:17', ref: track, state: 'done', createdAt: 1, updatedAt: 2, attempts: 1 } as const;

/** A fresh copy of the module: what a restarted service worker starts with. */
async function freshWorker() {
  vi.resetModules();
  return import('./pages');
}

const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  sent.length = 0;
});

describe('tab registry across a worker restart', () => {
  it('a restarted worker still sends job updates to the tab that reported the track', async () => {
    session = new Map();
    const before = await freshWorker();
    await before.setPage(9, track.url, [track]);
    const after = await freshWorker();
    after.publish(job);
    await flush();
    expect(sent).toEqual([{ tabId: 9, message: { type: 'job.update', job } }]);
    expect((await after.pageOf(9))?.tracks).toEqual([track]);
  });

  it('a closed tab is forgotten by the next worker too', async () => {
    session = new Map();
    const before = await freshWorker();
    await before.setPage(9, track.url, [track]);
    await before.forgetTab(9);
    const after = await freshWorker();
    after.publish(job);
    await flush();
    expect(sent).toEqual([]);
  });

  it('without storage.session the registry works from memory', async () => {
    session = undefined;
    const pages = await freshWorker();
    await pages.setPage(5, track.url, [track]);
    pages.publish(job);
    await flush();
    expect(sent).toEqual([{ tabId: 5, message: { type: 'job.update', job } }]);
  });
});
