/**
 * Every SoundCloud page kind in real Chromium against the replica: exactly one Deckhand button per
 * track item, in SoundCloud's own button group, small in lists and medium on the track page; SPA
 * navigation, infinite scroll, the "Next up" queue, unavailable tracks, the popup's page list and a
 * hostile page (nothing executes); icon-only buttons on grid tiles; a set's "Download all". Screenshots of each page kind are kept in e2e/artifacts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { startReplica, type Replica } from '../replica/server';
import { SOUNDCLOUD_FIXTURES as SC } from '../replica/platforms/soundcloud/fixtures';
import { launchChromium, type ChromiumSession } from '../harness/chromium';
import { screenshot, screenshotOnFailure } from '../harness/artifacts';

let replica: Replica;
let session: ChromiumSession;
const pages: Page[] = [];
const dialogs: string[] = [];

beforeAll(async () => {
  replica = await startReplica({ port: 0 });
  session = await launchChromium({ replica, withHost: false });
});

// Earlier tests' tabs only cost memory (and a background tab never paints a screenshot).
beforeEach(async () => {
  await Promise.all(pages.splice(0).map((p) => p.close().catch(() => undefined)));
});

afterAll(async () => {
  await session?.close();
  await replica?.stop();
});

const ORIGIN = 'https://soundcloud.com';
/** Track items of each kind (sets seen from outside excluded), as the page marks them up. */
const ITEMS = {
  sound: '.sound:not(.playlist)',
  setRow: '.trackItem',
  chart: '.chartTrack',
  tile: '.playableTile',
  related: '.soundBadge',
  queue: '.queueItemView',
};

async function open(url: string): Promise<Page> {
  const page = await session.newPage();
  pages.push(page);
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  return page;
}

/** Buttons per item of `selector`, once at least `min` items exist and each has its one button. */
async function buttonsPerItem(page: Page, selector: string, min = 1): Promise<number[]> {
  await page
    .waitForFunction(
      (sel: string, n: number) => {
        const items = [...document.querySelectorAll(sel)];
        return items.length >= n && items.every((el) => el.querySelectorAll('[data-deckhand-track]').length === 1);
      },
      { timeout: 15_000, polling: 100 },
      selector,
      min,
    )
    .catch(() => undefined); // the assertions below say what is wrong
  return page.$$eval(selector, (els) => els.map((el) => el.querySelectorAll('[data-deckhand-track]').length));
}

/**
 * `resolve` requests for track URLs: what the reader asks for when the page gave no data (and what the
 * app itself asks when it navigates to a track page: pass that page's URL to leave it out).
 */
const trackLookups = (appNavigatesTo?: string) =>
  replica.app.log.filter((e) => {
    if (e.host !== 'api-v2.soundcloud.com' || !e.path.startsWith('/resolve?')) return false;
    const url = new URLSearchParams(e.path.slice('/resolve?'.length)).get('url') ?? '';
    return /^https:\/\/soundcloud\.com\/[^/]+\/(?!sets\/)[^/]+/.test(url) && url !== appNavigatesTo;
  }).length;

const allButtons = (page: Page) => page.$$eval('[data-deckhand-track]', (els) => els.length);
/** A set page's "Download all" (not a track's button). */
const DOWNLOAD_ALL = '[data-deckhand-action="download-all"]';
/** Size class, group and state of each button host inside `selector`. */
const buttonFacts = (page: Page, selector: string) =>
  page.$$eval(`${selector} [data-deckhand-track]`, (hosts) =>
    hosts.map((h) => {
      const b = (h as HTMLElement).shadowRoot?.querySelector('button.dh');
      return {
        key: (h as HTMLElement).dataset.deckhandTrack,
        size: b?.classList.contains('medium') ? 'medium' : 'small',
        inGroup: h.parentElement?.classList.contains('sc-button-group') ?? false,
        state: (h as HTMLElement).dataset.deckhandState,
        label: b?.querySelector('.label')?.textContent,
        title: b?.getAttribute('title'),
      };
    }),
  );

async function expectOnePerItem(page: Page, selector: string, count?: number): Promise<number> {
  const per = await buttonsPerItem(page, selector, count ?? 1);
  if (count !== undefined) expect(per.length, selector).toBe(count);
  expect(per.length, selector).toBeGreaterThan(0);
  expect(per.every((n) => n === 1), `${selector}: ${per.join(',')}`).toBe(true);
  return per.length;
}

describe('SoundCloud pages: one button per track item', () => {
  it('track page: medium button in the engagement bar, small ones on related tracks; private link', async () => {
    screenshotOnFailure('sc-pages-track', () => pages);
    const lookupsBefore = trackLookups();
    const page = await open(SC.plain.url);
    await expectOnePerItem(page, '.listenEngagement', 1);
    await expectOnePerItem(page, ITEMS.related, 3);
    expect(trackLookups() - lookupsBefore).toBe(3); // server-rendered related tracks: looked up once each
    expect(await allButtons(page)).toBe(4);
    const [main] = await buttonFacts(page, '.listenEngagement');
    expect(main).toMatchObject({ key: `soundcloud:${SC.plain.urn}`, size: 'medium', inGroup: true, state: 'idle', label: 'Download' });
    expect((await buttonFacts(page, ITEMS.related)).every((b) => b.size === 'small' && b.inGroup)).toBe(true);
    await screenshot(page, 'sc-pages-track');

    const priv = await open(SC.private.url);
    await expectOnePerItem(priv, '.listenEngagement', 1);
    expect((await buttonFacts(priv, '.listenEngagement'))[0]?.key).toBe(`soundcloud:${SC.private.urn}`);
    await screenshot(priv, 'sc-pages-private-track');
  });

  it('unavailable tracks: the button says why and does nothing', async () => {
    const expected: [typeof SC.plain, string][] = [[SC.drmOnly, 'DRM'], [SC.snip, 'Preview only'], [SC.geoBlocked, 'Blocked']];
    for (const [fixture, label] of expected) {
      const page = await open(fixture.url);
      await expectOnePerItem(page, '.listenEngagement', 1);
      const [b] = await buttonFacts(page, '.listenEngagement');
      expect(b, fixture.key).toMatchObject({ state: 'unavailable', label });
      expect(b?.title?.length).toBeGreaterThan(10);
      await page.$eval('.listenEngagement [data-deckhand-track]', (h) => (h as HTMLElement).shadowRoot?.querySelector('button')?.click());
      await new Promise((r) => setTimeout(r, 800));
      expect((await buttonFacts(page, '.listenEngagement'))[0]?.state, fixture.key).toBe('unavailable'); // nothing queued
      if (fixture === SC.drmOnly) await screenshot(page, 'sc-pages-unavailable-drm');
    }
  });

  it('set pages: every row in set order, nothing on the set header', async () => {
    for (const set of [SC.playlist, SC.album]) {
      const page = await open(set.url);
      await expectOnePerItem(page, ITEMS.setRow, set.trackCount);
      const keys = (await buttonFacts(page, ITEMS.setRow)).map((b) => b.key);
      expect(keys).toEqual(set.expectedOrder.map((u) => `soundcloud:${u}`));
      expect(await allButtons(page)).toBe(set.trackCount);
      if (set === SC.playlist) await screenshot(page, 'sc-pages-set');
    }
  });

  it('user pages, every tab: tracks get buttons, sets seen from outside do not', async () => {
    for (const tab of ['', '/tracks', '/popular-tracks', '/likes', '/reposts', '/albums', '/sets']) {
      const page = await open(`${SC.users.artist.url}${tab}`);
      const sounds = await page.$$eval(ITEMS.sound, (els) => els.length);
      if (sounds) await expectOnePerItem(page, ITEMS.sound, sounds);
      else await new Promise((r) => setTimeout(r, 1500)); // give a wrong button time to appear
      expect(await allButtons(page), tab).toBe(sounds);
      expect(await page.$$eval('.sound.playlist [data-deckhand-track]', (els) => els.length), tab).toBe(0);
      if (tab === '') await screenshot(page, 'sc-pages-user');
    }
  });

  it('feed, search, charts, discover and home', async () => {
    const kinds: [string, string, string][] = [
      [`${ORIGIN}/feed`, ITEMS.sound, 'sc-pages-feed'],
      [`${ORIGIN}/search?q=night`, ITEMS.sound, 'sc-pages-search'],
      [`${ORIGIN}/search/sounds?q=tape`, ITEMS.sound, 'sc-pages-search-sounds'],
      [`${ORIGIN}/charts/top`, ITEMS.chart, 'sc-pages-charts'],
      [`${ORIGIN}/discover`, ITEMS.tile, 'sc-pages-discover'],
      [`${ORIGIN}/`, ITEMS.tile, 'sc-pages-home'],
    ];
    for (const [url, selector, shot] of kinds) {
      const page = await open(url);
      const n = await page.$$eval(selector, (els) => els.length);
      expect(await expectOnePerItem(page, selector, n), url).toBe(n);
      expect(await allButtons(page), url).toBe(n);
      await screenshot(page, shot);
    }
    for (const tab of ['people', 'sets']) {
      const page = await open(`${ORIGIN}/search/${tab}?q=night`);
      await new Promise((r) => setTimeout(r, 1500));
      expect(await allButtons(page), tab).toBe(0);
    }
  });

  it('the "Next up" queue: buttons appear when it opens', async () => {
    const page = await open(`${ORIGIN}/charts/top`);
    await expectOnePerItem(page, ITEMS.chart);
    expect(await page.$$eval(`${ITEMS.queue} [data-deckhand-track]`, (els) => els.length)).toBe(0);
    await page.click('.playbackSoundBadge__showQueue');
    await expectOnePerItem(page, ITEMS.queue, 5);
    await screenshot(page, 'sc-pages-queue');
  });

  it('items whose data never arrives get no button', async () => {
    const page = await open(`${SC.users.label.url}/tracks`);
    const n = await expectOnePerItem(page, ITEMS.sound);
    await page.evaluate(() => {
      const copy = document.querySelector('.soundList__item')!.cloneNode(true) as HTMLElement;
      copy.querySelector('[data-deckhand-track]')?.remove();
      copy.querySelector('a.soundTitle__title')!.setAttribute('href', '/nobody-here/no-such-track');
      copy.id = 'ghost';
      document.querySelector('.lazyLoadingList__list')!.append(copy);
    });
    await new Promise((r) => setTimeout(r, 2500)); // the lookup's 404 comes back well within this
    expect(await page.$$eval('#ghost [data-deckhand-track]', (els) => els.length)).toBe(0);
    expect(await allButtons(page)).toBe(n);
  });
});

describe('Beatport match beside the button', () => {
  /** The chip in each button's shadow root under `selector`, by track key. */
  const chips = (page: Page, selector: string) =>
    page.$$eval(`${selector} [data-deckhand-track]`, (hosts) =>
      hosts.map((h) => {
        const chip = (h as HTMLElement).shadowRoot?.querySelector('.facts');
        return { key: (h as HTMLElement).dataset.deckhandTrack, text: chip?.textContent ?? null, href: chip?.getAttribute('href') ?? null, afterButton: chip?.previousElementSibling?.matches('button.dh') ?? null };
      }),
    );
  const broadcast = (tabId: number, message: Record<string, unknown>) =>
    session.inWorker(`chrome.tabs.sendMessage(${tabId}, ${JSON.stringify(message)}).catch(() => undefined)`);
  const setNotation = (notation: string) =>
    session.inWorker(`chrome.storage.local.get('settings').then((r) => chrome.storage.local.set({ settings: { ...(r.settings || {}), keyNotation: ${JSON.stringify(notation)} } }))`);

  it('shows BPM and key from a track.match broadcast, in the chosen notation, and removes them on rejection', async () => {
    screenshotOnFailure('sc-pages-match', () => pages);
    const page = await open(SC.plain.url);
    await expectOnePerItem(page, '.listenEngagement', 1);
    await expectOnePerItem(page, ITEMS.related, 3);
    const tabId = await session.tabIdOf(page);
    const main = `soundcloud:${SC.plain.urn}`;
    const [related] = await buttonFacts(page, ITEMS.related);
    expect((await chips(page, '.listenEngagement'))[0]?.text).toBeNull(); // nothing before a match is known

    await broadcast(tabId, { type: 'track.match', trackKey: main, bpm: 123.7, key: 'Am', score: 0.96, beatportUrl: 'https://www.beatport.com/track/rust/1234567' });
    await broadcast(tabId, { type: 'track.match', trackKey: related?.key, bpm: 126, key: 'F#', score: 0.91 });
    await page.waitForFunction(() => [...document.querySelectorAll('[data-deckhand-track]')].filter((h) => h.shadowRoot?.querySelector('.facts')).length >= 2, { timeout: 5_000 });
    expect(await chips(page, '.listenEngagement')).toEqual([{ key: main, text: '124 BPM · Am', href: 'https://www.beatport.com/track/rust/1234567', afterButton: true }]);
    expect((await chips(page, ITEMS.related)).find((c) => c.key === related?.key)?.text).toBe('126 BPM · Gb');

    // The user's notation: buttons are redrawn and keep what the match said.
    await setNotation('camelot');
    try {
      await page.waitForFunction((k: string) => [...document.querySelectorAll(`[data-deckhand-track="${k}"]`)].some((h) => h.shadowRoot?.querySelector('.facts')?.textContent === '124 BPM · 8A'), { timeout: 5_000 }, main);
      expect((await chips(page, ITEMS.related)).find((c) => c.key === related?.key)?.text).toBe('126 BPM · 2B');
      await page.$eval('.listenEngagement', (el) => el.scrollIntoView({ block: 'center' }));
      await screenshot(page, 'sc-pages-match');
    } finally {
      await setNotation('standard');
    }

    // "Not this one": the chip goes; the button stays.
    await broadcast(tabId, { type: 'track.match', trackKey: main, rejected: true });
    await page.waitForFunction((k: string) => !document.querySelector(`[data-deckhand-track="${k}"]`)?.shadowRoot?.querySelector('.facts'), { timeout: 5_000 }, main);
    expect(await chips(page, '.listenEngagement')).toEqual([{ key: main, text: null, href: null, afterButton: null }]);
    expect(await allButtons(page)).toBe(1 + (await page.$$eval(ITEMS.related, (els) => els.length)));
  });
});

describe('SoundCloud as a single-page app', () => {
  it('follows SPA navigation: track -> user -> set -> back -> back', async () => {
    screenshotOnFailure('sc-pages-spa', () => pages);
    const page = await open(SC.plain.url);
    await expectOnePerItem(page, '.listenEngagement', 1);
    await expectOnePerItem(page, ITEMS.related, 3);
    const lookupsBefore = trackLookups(SC.plain.url);
    await page.evaluate(() => ((window as unknown as { spaMarker: number }).spaMarker = 1));
    const marker = () => page.evaluate(() => (window as unknown as { spaMarker?: number }).spaMarker);

    await page.click('.fullHero .soundTitle__username a');
    await page.waitForFunction(() => document.querySelector('.profileHeader') !== null);
    const sounds = await expectOnePerItem(page, ITEMS.sound);
    expect(await allButtons(page)).toBe(sounds);
    await screenshot(page, 'sc-pages-spa-user');

    await page.click(`.sound.playlist a.soundTitle__title[href$="/sets/neon-harbour"]`);
    await page.waitForFunction(() => location.pathname.includes('/sets/'));
    await expectOnePerItem(page, ITEMS.setRow, SC.album.trackCount);
    expect(await allButtons(page)).toBe(SC.album.trackCount);
    await page.waitForSelector(DOWNLOAD_ALL, { timeout: 10_000 });

    await page.goBack();
    await page.waitForFunction(() => document.querySelector('.profileHeader') !== null);
    expect(await expectOnePerItem(page, ITEMS.sound)).toBe(sounds);
    expect(await page.$$eval(DOWNLOAD_ALL, (els) => els.length)).toBe(0); // a profile is not a set
    await page.goBack();
    await page.waitForFunction(() => document.querySelector('.listenEngagement') !== null);
    await expectOnePerItem(page, '.listenEngagement', 1);
    expect((await buttonFacts(page, '.listenEngagement'))[0]?.key).toBe(`soundcloud:${SC.plain.urn}`);
    expect(await marker()).toBe(1); // never reloaded: all of it was SPA navigation
    expect(trackLookups(SC.plain.url)).toBe(lookupsBefore); // every item's data came from the app's own (hooked) requests
  });

  it('infinite scroll on the paged user: 64 items, 64 buttons, from the answers the page fetched', async () => {
    const lookupsBefore = trackLookups();
    const page = await open(`${SC.pagedUser.url}/tracks`);
    await expectOnePerItem(page, ITEMS.sound, 20);
    expect(trackLookups()).toBe(lookupsBefore); // the first page's data came from the app's own request
    for (let i = 0; i < 20 && (await page.$$eval(ITEMS.sound, (els) => els.length)) < SC.pagedUser.trackCount; i++) {
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await new Promise((r) => setTimeout(r, 400));
    }
    expect(await expectOnePerItem(page, ITEMS.sound, SC.pagedUser.trackCount)).toBe(64);
    expect(await allButtons(page)).toBe(64);
    expect(new Set((await buttonFacts(page, ITEMS.sound)).map((b) => b.key)).size).toBe(64);
    expect(trackLookups()).toBe(lookupsBefore); // scrolled-in pages were read from the hooked fetch
    await screenshot(page, 'sc-pages-infinite-scroll-end');

    // The page's list keeps document order for the popup, also with the "Next up" rows after it.
    await page.click('.playbackSoundBadge__showQueue');
    await expectOnePerItem(page, ITEMS.queue, 5);
    await new Promise((r) => setTimeout(r, 500)); // the page report is debounced
    const inDom = [...new Set(await page.$$eval('[data-deckhand-track]', (els) => els.map((e) => (e as HTMLElement).dataset.deckhandTrack)))];
    const popup = await session.openPopup(await session.tabIdOf(page));
    pages.push(popup);
    await popup.waitForSelector('li.item[data-track]');
    expect(await popup.$$eval('li.item[data-track]', (els) => els.map((e) => e.getAttribute('data-track')))).toEqual(inDom);
    expect(inDom.length).toBe(64 + 5);
  });
});

describe('popup and hostile data', () => {
  it('the popup lists what the page shows', async () => {
    const page = await open(SC.album.url);
    await expectOnePerItem(page, ITEMS.setRow, SC.album.trackCount);
    await new Promise((r) => setTimeout(r, 500)); // the page report is debounced
    const popup = await session.openPopup(await session.tabIdOf(page));
    pages.push(popup);
    await popup.waitForSelector('li.item[data-track]');
    const listed = await popup.$$eval('li.item[data-track]', (els) => els.map((e) => e.getAttribute('data-track')));
    expect(listed).toEqual(SC.album.expectedOrder.map((u) => `soundcloud:${u}`));
    await popup.waitForFunction(() => [...document.querySelectorAll('img.art')].every((i) => (i as HTMLImageElement).complete), { timeout: 5_000 }).catch(() => undefined);
    await screenshot(popup, 'sc-pages-popup');
  });

  it('hostile titles and names never execute, on the page or in the popup', async () => {
    const before = dialogs.length;
    const page = await open(SC.hostile.url);
    await expectOnePerItem(page, '.listenEngagement', 1);
    const [b] = await buttonFacts(page, '.listenEngagement');
    expect(b?.title).toContain('<script>alert("sc")</script>'); // shown as text
    await expectOnePerItem(page, ITEMS.related, 3);
    await page.$eval('.listenEngagement', (el) => el.scrollIntoView({ block: 'center' }));
    await screenshot(page, 'sc-pages-hostile');
    const profile = await open(SC.users.hostile.url);
    await expectOnePerItem(profile, ITEMS.sound);
    await page.bringToFront();
    await new Promise((r) => setTimeout(r, 500));
    const popup = await session.openPopup(await session.tabIdOf(page));
    pages.push(popup);
    await popup.waitForSelector('li.item[data-track]');
    const titles = await popup.$$eval('li.item .title', (els) => els.map((e) => e.textContent ?? ''));
    expect(titles).toContain(SC.hostile.title);
    await screenshot(popup, 'sc-pages-popup-hostile');
    // No hostile markup became elements, in the documents or in the buttons' shadow roots.
    for (const p of [page, profile, popup]) {
      const injected = await p.evaluate(() => {
        const roots: ParentNode[] = [document, ...[...document.querySelectorAll('[data-deckhand-track]')].map((h) => h.shadowRoot as ParentNode)];
        return roots.reduce((n, r) => n + r.querySelectorAll('img[src="x"], b, script:not([src]):not([type])').length, 0);
      });
      expect(injected).toBe(p === popup ? 0 : 2); // the site's own two inline scripts (version, hydration)
    }
    expect(dialogs.slice(before)).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});

describe('grid tiles and whole sets', () => {
  it('discover tiles: an icon-only button that stays inside its tile, named for screen readers', async () => {
    screenshotOnFailure('sc-pages-tiles', () => pages);
    const page = await open(`${ORIGIN}/discover`);
    const n = await expectOnePerItem(page, ITEMS.tile);
    const tiles = await page.$$eval(ITEMS.tile, (els) =>
      els.map((tile) => {
        const host = tile.querySelector('[data-deckhand-track]') as HTMLElement;
        const b = host.shadowRoot!.querySelector('button.dh') as HTMLButtonElement;
        const box = b.getBoundingClientRect();
        const t = tile.getBoundingClientRect();
        return { compact: b.classList.contains('compact'), width: box.width, inside: box.right <= t.right + 0.5, name: b.getAttribute('aria-label') ?? '' };
      }),
    );
    expect(tiles).toHaveLength(n);
    for (const t of tiles) {
      expect(t).toMatchObject({ compact: true, inside: true });
      expect(t.width).toBeLessThanOrEqual(24);
      expect(t.name).toMatch(/^(Download “.+” with Deckhand|.+: .+)$/); // what it does, or why it cannot
    }
    await screenshot(page, 'sc-pages-discover-tiles');
  });

  it('an album page: "Download all" queues the whole album in its order', async () => {
    screenshotOnFailure('sc-pages-download-all', () => pages);
    const set = SC.album;
    const page = await open(set.url);
    await expectOnePerItem(page, ITEMS.setRow, set.trackCount);
    const host = await page.waitForSelector(`.listenEngagement__footer .sc-button-group > ${DOWNLOAD_ALL}`, { timeout: 10_000 });
    expect(await page.$$eval(DOWNLOAD_ALL, (els) => els.length)).toBe(1);
    const button = await host!.evaluateHandle((h) => (h as HTMLElement).shadowRoot!.querySelector('button') as HTMLButtonElement);
    expect(await button.evaluate((b) => [b.textContent, b.getAttribute('aria-label')])).toEqual(['Download all', 'Download every track of this album with Deckhand, in order']);
    await (button as unknown as { click(): Promise<void> }).click();
    await page.waitForFunction((sel: string) => (document.querySelector(sel) as HTMLElement | null)?.dataset.deckhandState === 'queued', { timeout: 20_000 }, DOWNLOAD_ALL);
    expect(await button.evaluate((b) => b.textContent)).toBe(`Queued ${set.expectedOrder.length}`);
    await screenshot(page, 'sc-pages-download-all');
    // In the album's own order (oldest job first), every track once.
    const keys = new Set(set.expectedOrder.map((u) => `soundcloud:${u}`));
    const jobs = await session.inWorker<{ id: string; trackKey: string }[]>('deckhand.queue.list()');
    const queued = jobs.filter((j) => keys.has(j.trackKey)).reverse();
    expect(queued.map((j) => j.trackKey)).toEqual(set.expectedOrder.map((u) => `soundcloud:${u}`));
    // The rows' own buttons follow their jobs.
    await page.waitForFunction((sel: string) => [...document.querySelectorAll(sel)].every((h) => (h as HTMLElement).dataset.deckhandState !== 'idle'), { timeout: 10_000 }, `${ITEMS.setRow} [data-deckhand-track]`);
    await session.inWorker(`Promise.all(deckhand.queue.list().map((j) => deckhand.queue.cancel(j.id)))`);
  });
});
