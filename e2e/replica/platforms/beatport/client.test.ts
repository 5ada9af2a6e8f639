/**
 * The site's client in a real browser: SPA navigation through /_next/data with a stale
 * __NEXT_DATA__, back/forward, infinite scroll, search and the player's `current` row.
 */
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Replica } from '../../server';
import { closeReplicaBrowser, HAS_CHROMIUM, openReplicaBrowser } from '../../test-browser';
import { BEATPORT_FIXTURES as F } from './fixtures';

let replica: Replica;
let browser: Browser;
let page: Page;

const rows = () => page.$$eval('[data-testid="tracks-table-row"]', (list) => list.length);
const navigations = (n: number) => page.waitForFunction((want) => document.documentElement.dataset.replicaNavigations === String(want), { timeout: 30_000 }, n);
const domNextDataPage = () => page.$eval('#__NEXT_DATA__', (s) => JSON.parse(s.textContent ?? '{}').page as string);

describe.skipIf(!HAS_CHROMIUM)('client app', () => {
  beforeAll(async () => {
    ({ replica, browser, page } = await openReplicaBrowser(['--mute-audio']));
  }, 120_000);
  afterAll(() => closeReplicaBrowser({ replica, browser }));

  it('navigates without reloading and leaves __NEXT_DATA__ stale', async () => {
    await page.goto('https://www.beatport.com/top-100', { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => document.readyState === 'complete');
    const since = Date.now();
    await page.click(`a[href="/track/lantern-code/${F.previewTrack.id}"]`);
    await navigations(1);
    expect(page.url()).toBe(F.previewTrack.url);
    expect(await page.$eval('main h1', (h) => h.className)).toContain('TrackDetail');
    expect(await domNextDataPage()).toBe('/top-100');
    expect(await page.evaluate(() => (window as unknown as { __NEXT_DATA__: { page: string } }).__NEXT_DATA__.page)).toBe('/top-100');
    const fetched = replica.app.log.filter((e) => e.t >= since && e.path.startsWith('/_next/data/'));
    expect(fetched.map((e) => e.path)).toEqual([expect.stringContaining(`/en/track/lantern-code/${F.previewTrack.id}.json`)]);
    expect(replica.app.log.some((e) => e.t >= since && e.path === '/top-100' && e.host === 'www.beatport.com')).toBe(false);
    await page.goBack();
    await navigations(2);
    expect(await rows()).toBe(100);
  }, 60_000);

  it('loads the next page when the list is scrolled to its end', async () => {
    await page.goto('https://www.beatport.com/genre/tech-house/11', { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => document.readyState === 'complete');
    expect(await rows()).toBe(25);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="tracks-table-row"]').length === 50, { timeout: 30_000 });
    expect(await page.$eval('[data-next-page]', (el) => (el as HTMLElement).dataset.nextPage)).toBe('3');
    expect(await page.$$eval('[class*="TrackNo"]', (els) => els.map((e) => e.textContent).slice(24, 26))).toEqual(['25', '26']);
  }, 60_000);

  it('plays a preview and marks its row current', async () => {
    await page.click('[data-testid="tracks-table-row"]:nth-child(2) [data-testid="play-button"]');
    await page.waitForSelector('.row.current');
    const state = await page.evaluate(() => ({
      current: document.querySelectorAll('.row.current').length,
      id: (document.querySelector('.row.current') as HTMLElement).dataset.trackId,
      src: document.querySelector<HTMLAudioElement>('[data-testid="player-audio"]')?.src,
      second: (document.querySelectorAll('[data-testid="tracks-table-row"]')[1] as HTMLElement).dataset.trackId,
    }));
    expect(state.current).toBe(1);
    expect(state.id).toBe(state.second);
    expect(state.src).toMatch(/^https:\/\/geo-samples\.beatport\.com\/track\/[0-9a-f-]{36}\.LOFI\.mp3$/);
  }, 60_000);

  it('runs a search from the header without reloading', async () => {
    const before = Number(await page.evaluate(() => document.documentElement.dataset.replicaNavigations ?? '0'));
    await page.type('header input[name="q"]', 'Solstice');
    await page.keyboard.press('Enter');
    await navigations(before + 1);
    expect(new URL(page.url()).pathname).toBe('/search');
    expect(await page.$eval('main', (m) => m.textContent ?? '')).toContain('Solstice Run');
  }, 60_000);
});
