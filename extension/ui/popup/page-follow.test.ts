/**
 * The popup follows its tab's page and asks the page's first matches at once. Without this, a popup
 * opened while SoundCloud was still listing its related tracks kept a one-item snapshot: the later
 * items were never shown, never matched, and the next open had to ask Beatport for them (issue 4).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Broadcast } from '../../../shared/messages';
import type { TrackRef } from '../../../shared/track';

const TAB = 7;
const track = (n: number, extra: Partial<TrackRef> = {}): TrackRef => ({
  platform: 'soundcloud', id: `soundcloud:tracks:${n}`, url: `https://soundcloud.com/u/t${n}`, kind: 'track', title: `Track ${n}`, artist: 'Leon Brandt', ...extra,
});

let listener: ((m: unknown) => void) | undefined;
let answerTabTracks: (tracks: TrackRef[]) => void = () => undefined;
const asked: string[] = [];

vi.mock('wxt/browser', () => ({
  browser: {
    runtime: {
      connect: () => ({ onMessage: { addListener: (fn: (m: unknown) => void) => (listener = fn) } }),
      sendMessage: async (msg: { type: string; ref?: TrackRef }) => {
        if (msg.type === 'tab.tracks') return { ok: true, value: { pageUrl: 'https://soundcloud.com/u/t1', tracks: await new Promise<TrackRef[]>((r) => (answerTabTracks = r)) } };
        if (msg.type === 'jobs.list') return { ok: true, value: { jobs: [] } };
        if (msg.type === 'match.get' && msg.ref) {
          asked.push(msg.ref.id);
          return { ok: true, value: { trackKey: `${msg.ref.platform}:${msg.ref.id}`, status: 'none' } };
        }
        return { ok: true, value: { connected: false } };
      },
    },
  },
}));
vi.mock('../../core/settings', () => ({ getSettings: async () => ({ keyNotation: 'standard' }) }));

const broadcast = (m: Broadcast) => listener?.(m);
const settle = () => new Promise((r) => setTimeout(r, 0));

async function openPopup() {
  vi.resetModules(); // a fresh popup: nothing asked yet
  const state = await import('./state');
  const loaded = state.loadPopup();
  await settle();
  return { state, loaded };
}

beforeEach(() => {
  asked.length = 0;
  listener = undefined;
  vi.stubGlobal('location', { search: `?tabId=${TAB}` });
});

describe('the popup and its tab’s page', () => {
  it('lists items the page reports after the popup opened and asks their matches, whatever tab is shown', async () => {
    const { state, loaded } = await openPopup();
    answerTabTracks([track(1)]);
    await loaded;
    expect(state.pageItems.value.map((t) => t.id)).toEqual(['soundcloud:tracks:1']);

    broadcast({ type: 'page.tracks', tabId: TAB, pageUrl: 'https://soundcloud.com/u/t1', tracks: [track(1), track(2), track(3), track(4)] });
    broadcast({ type: 'page.tracks', tabId: TAB + 1, pageUrl: 'https://soundcloud.com/other', tracks: [track(9)] });
    await settle();
    expect(state.pageItems.value.map((t) => t.id)).toEqual([1, 2, 3, 4].map((n) => `soundcloud:tracks:${n}`));
    // Each asked once, although track 1 was listed twice; the other tab's item never.
    expect(asked.sort()).toEqual([1, 2, 3, 4].map((n) => `soundcloud:tracks:${n}`));
  });

  it('keeps a report that came before the first answer (the answer is older)', async () => {
    const { state, loaded } = await openPopup();
    broadcast({ type: 'page.tracks', tabId: TAB, pageUrl: 'https://soundcloud.com/u/t1', tracks: [track(1), track(2)] });
    answerTabTracks([track(1)]);
    await loaded;
    expect(state.pageItems.value).toHaveLength(2);
  });

  it('asks at once only for the first matchable items; shows and Beatport items never', async () => {
    const { PAGE_AHEAD } = await import('./match-state');
    const { loaded } = await openPopup();
    const items = [
      track(100, { kind: 'show', platform: 'mixcloud' }),
      track(101, { platform: 'beatport', kind: 'preview' }),
      ...Array.from({ length: PAGE_AHEAD + 5 }, (_, i) => track(i + 1)),
    ];
    answerTabTracks(items);
    await loaded;
    await settle();
    expect(asked).toEqual(Array.from({ length: PAGE_AHEAD }, (_, i) => `soundcloud:tracks:${i + 1}`));
  });
});
