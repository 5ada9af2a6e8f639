/** The web app in a real browser: infinite scroll, SPA navigation through api-v2, stale hydration, queue. */
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Replica } from '../../server';
import { closeReplicaBrowser, HAS_CHROMIUM, openReplicaBrowser } from '../../test-browser';
import { SOUNDCLOUD_FIXTURES as F } from './fixtures';

let replica: Replica;
let browser: Browser;
let page: Page;

describe.skipIf(!HAS_CHROMIUM)('client app', () => {
  beforeAll(async () => {
    ({ replica, browser, page } = await openReplicaBrowser());
  });
  afterAll(() => closeReplicaBrowser({ replica, browser }));

  const count = (selector: string) => page.$$eval(selector, (els) => els.length);
  const click = (selector: string) => page.$eval(selector, (a) => (a as HTMLElement).click());

  it('appends next_href pages to a profile list as the user scrolls', async () => {
    await page.goto(`${F.pagedUser.url}/tracks`, { waitUntil: 'networkidle0' });
    expect(await count('.soundList__item')).toBe(20);
    for (let i = 0; i < 10 && (await count('.soundList__item')) < F.pagedUser.trackCount; i++) {
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(await count('.soundList__item')).toBe(F.pagedUser.trackCount);
  });

  it('navigates without reloading, leaving the hydration stale', async () => {
    await page.goto(F.users.artist.url, { waitUntil: 'networkidle0' });
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await click(`a.soundTitle__title[href="${new URL(F.userUpload.url).pathname}"]`);
    await page.waitForSelector('.listenEngagement__footer .sc-button-group');
    expect(page.url()).toBe(F.userUpload.url);
    expect(await page.title()).toContain(F.userUpload.title);
    const state = await page.evaluate(() => ({
      marker: (window as unknown as { marker?: number }).marker,
      hydratables: (window as unknown as { __sc_hydration: { hydratable: string }[] }).__sc_hydration.map((h) => h.hydratable),
    }));
    expect(state.marker).toBe(42);
    expect(state.hydratables).toContain('user');
    expect(state.hydratables).not.toContain('sound');
    await page.goBack();
    await page.waitForSelector('.profileHeader');
    expect(page.url()).toBe(F.users.artist.url);
  });

  it('builds a set page from the compact playlist plus tracks?ids, in set order', async () => {
    await page.goto(`${F.users.artist.url}/sets`, { waitUntil: 'networkidle0' });
    await click('a.soundTitle__title');
    await page.waitForSelector('.trackList__item');
    const hrefs = await page.$$eval('a.trackItem__trackTitle', (as) => as.map((a) => a.getAttribute('href')?.split('?')[0]));
    expect(hrefs).toHaveLength(F.playlist.trackCount);
    const byUrn = new Map([F.plain, F.downloadable, F.userUpload, F.snip, ...F.albumTracks].map((t) => [t.urn, new URL(t.url).pathname]));
    const known = F.playlist.expectedOrder.map((u) => byUrn.get(u));
    hrefs.forEach((h, i) => known[i] && expect(h).toBe(known[i]));
  });

  it('opens the collapsed "Next up" queue from the play controls', async () => {
    const display = () => page.$eval('.queue', (q) => getComputedStyle(q).display);
    expect(await display()).toBe('none');
    await click('.playbackSoundBadge__showQueue');
    expect(await display()).toBe('block');
  });
});
