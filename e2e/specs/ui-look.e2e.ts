/**
 * The look of the extension's own pages in real Chromium, in the light and the dark scheme: the popup
 * (This page, Search with its filters, Charts, Queue), options with accounts, "Tag files" and the
 * upload page. Checks what a screenshot alone would not prove: text contrast (WCAG AA, 4.5:1) on every
 * page in both schemes, a visible focus ring on every control reached with Tab (date inputs included),
 * a popup whose header and tabs stay put while only the list scrolls, and "Download all" that counts
 * only what it would queue ("All saved", disabled, when nothing is left). Screenshots: e2e/artifacts/ui-*.png.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { startReplica, type Replica } from '../replica/server';
import { SOUNDCLOUD_FIXTURES as SC } from '../replica/platforms/soundcloud/fixtures';
import { launchChromium, type ChromiumSession } from '../harness/chromium';
import { screenshot, screenshotOnFailure } from '../harness/artifacts';
import { contrastFailures, focusRingless, type ContrastFailure, type FocusStop } from './ui-look-probes';

let replica: Replica;
let session: ChromiumSession;
const pages: Page[] = [];
const SCHEMES = ['light', 'dark'] as const;
type Scheme = (typeof SCHEMES)[number];

beforeAll(async () => {
  replica = await startReplica({ port: 0, lazyMedia: true });
  session = await launchChromium({ replica });
}, 120_000);

afterAll(async () => {
  await session?.close();
  await replica?.stop();
});

beforeEach(() => screenshotOnFailure('ui-look', () => pages));

const ext = (path: string) => `chrome-extension://${session.extensionId}/${path}`;

async function inScheme(page: Page, scheme: Scheme): Promise<void> {
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
}

async function openPage(url: string): Promise<Page> {
  const page = await session.newPage(url);
  pages.push(page);
  return page;
}

async function openPopupFor(page: Page, scheme: Scheme): Promise<Page> {
  const popup = await session.openPopup(await session.tabIdOf(page));
  pages.push(popup);
  await inScheme(popup, scheme);
  await popup.waitForSelector('[role="tab"]');
  await popup.waitForFunction(() => !document.body.textContent?.includes('Loading…'), { timeout: 30_000 });
  return popup;
}

const tab = (popup: Page, name: string) => popup.$$eval('nav [role="tab"]', (bs, n) => (bs as HTMLElement[]).find((b) => b.textContent?.startsWith(n as string))?.click(), name);

/** The latest job of a track, as the background holds it. */
async function jobState(key: string): Promise<string | undefined> {
  return session.inWorker<string | undefined>(`globalThis.deckhand.queue.restore().then(() => (globalThis.deckhand.queue.forTracks([${JSON.stringify(key)}])[0] || {}).state)`);
}

async function waitSaved(key: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const state = await jobState(key).catch(() => undefined);
    if (state === 'done') return;
    if (state === 'failed' || Date.now() > deadline) throw new Error(`${key} ended ${state}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

const plainKey = `soundcloud:${SC.plain.urn}`;
let album: Page;
let single: Page;

describe('the extension’s pages in light and dark', () => {
  it('"Download all" counts only what it would queue, and says "All saved" when nothing is left', async () => {
    album = await openPage(SC.album.url);
    await album.waitForSelector(`[data-deckhand-track="${plainKey}"]`, { timeout: 60_000 });
    await album.$eval(`[data-deckhand-track="${plainKey}"]`, (h) => (h.shadowRoot?.querySelector('button.dh') as HTMLButtonElement).click());
    await waitSaved(plainKey);
    single = await openPage(SC.plain.url);
    await single.waitForSelector(`[data-deckhand-track="${plainKey}"][data-deckhand-state="done"]`, { timeout: 60_000 });

    const albumPopup = await openPopupFor(album, 'light');
    await albumPopup.waitForSelector(`li[data-track="${plainKey}"] .status.ok`, { timeout: 30_000 });
    // The popup follows the page as its rows appear; the whole album is listed in the end.
    await albumPopup.waitForFunction((n) => document.querySelectorAll('li[data-track]').length === n, { timeout: 30_000 }, SC.album.trackCount);
    const onPage = SC.album.trackCount;
    const albumAll = await albumPopup.$eval('.bar .primary', (b) => ({ text: b.textContent, disabled: (b as HTMLButtonElement).disabled }));
    expect(albumAll).toEqual({ text: `Download all (${onPage - 1})`, disabled: false });
    await screenshot(albumPopup, 'ui-popup-page-light');

    const singlePopup = await openPopupFor(single, 'dark');
    await singlePopup.waitForSelector(`li[data-track="${plainKey}"] .status.ok`, { timeout: 30_000 });
    const singleAll = await singlePopup.$eval('.bar .primary', (b) => ({ text: b.textContent, disabled: (b as HTMLButtonElement).disabled }));
    expect(singleAll).toEqual({ text: 'All saved', disabled: true });
    await screenshot(singlePopup, 'ui-popup-page-all-saved-dark');
  }, 240_000);

  for (const scheme of SCHEMES) {
    it(`popup tabs in ${scheme}: readable text, a focus ring on every control, only the list scrolls`, async () => {
      const popup = await openPopupFor(album, scheme);
      const failures: ContrastFailure[] = [];
      failures.push(...(await contrastFailures(popup, 'This page')));
      await screenshot(popup, `ui-popup-page-${scheme}`);
      // Seven rows are taller than the popup: the panel scrolls, the document and the tabs do not.
      const scroll = await popup.evaluate(() => {
        const panel = document.querySelector('[role="tabpanel"]') as HTMLElement;
        const navTop = document.querySelector('nav')!.getBoundingClientRect().top;
        panel.scrollTop = 10_000;
        window.scrollTo(0, 10_000);
        return {
          documentScrolls: document.scrollingElement!.scrollHeight > window.innerHeight,
          panelScrolled: panel.scrollTop > 0,
          navMoved: document.querySelector('nav')!.getBoundingClientRect().top !== navTop,
          barStays: Math.round(document.querySelector('[role="tabpanel"] .bar')!.getBoundingClientRect().top) === Math.round(panel.getBoundingClientRect().top),
          footerShown: document.querySelector('.popup-footer')!.getBoundingClientRect().bottom <= window.innerHeight,
        };
      });
      await screenshot(popup, `ui-popup-page-scrolled-${scheme}`);
      expect(scroll).toEqual({ documentScrolls: false, panelScrolled: true, navMoved: false, barStays: true, footerShown: true });
      await tab(popup, 'Search');
      await popup.$$eval('.search-form .link', (bs) => (bs[0] as HTMLElement).click());
      await popup.waitForSelector('#f-bp-from');
      failures.push(...(await contrastFailures(popup, 'Search')));
      await screenshot(popup, `ui-popup-search-${scheme}`);
      const walk = await focusRingless(popup);
      // The walk went through the whole form (both release dates) to the footer, not cut short.
      expect(walk.reached.filter((w) => w.includes('[type=date]'))).toHaveLength(2);
      expect(walk.reached.some((w) => w.includes('Tag files in a folder'))).toBe(true);
      await popup.focus('#f-bp-from');
      await screenshot(popup, `ui-popup-search-date-focus-${scheme}`);
      await tab(popup, 'Charts');
      await screenshot(popup, `ui-popup-charts-${scheme}`);
      await tab(popup, 'Queue');
      await popup.waitForSelector('li[data-job]');
      failures.push(...(await contrastFailures(popup, 'Queue')));
      await screenshot(popup, `ui-popup-queue-${scheme}`);
      expect(failures).toEqual([]);
      expect(walk.ringless).toEqual([]);
    }, 120_000);
  }

  for (const scheme of SCHEMES) {
    it(`options, tag files and upload in ${scheme}: readable text`, async () => {
      const failures: ContrastFailure[] = [];
      const ringless: FocusStop[] = [];
      for (const [name, path] of [['options', 'options.html'], ['tagger', 'tagger.html'], ['upload', 'upload.html?platform=soundcloud']] as const) {
        const page = await openPage('about:blank');
        await inScheme(page, scheme);
        await page.setViewport({ width: 900, height: 1000 });
        await page.goto(ext(path), { waitUntil: 'domcontentloaded' });
        await page.waitForSelector('#app main h1');
        await new Promise((r) => setTimeout(r, 1_000)); // the host status and accounts answer
        failures.push(...(await contrastFailures(page, name)));
        await screenshot(page, `ui-${name}-${scheme}`);
        if (name === 'upload') {
          const walk = await focusRingless(page);
          expect(walk.reached.filter((w) => w.includes('[type=date]'))).toHaveLength(1);
          ringless.push(...walk.ringless);
        }
        await page.close();
      }
      expect(failures).toEqual([]);
      expect(ringless).toEqual([]);
    }, 120_000);
  }
});
