/**
 * Context-menu handlers, called the way the menu calls them (puppeteer cannot click native menus):
 * the service worker exposes them as deckhand.menus.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../replica/server';
import { SOUNDCLOUD_FIXTURES as SC } from '../replica/platforms/soundcloud/fixtures';
import { BEATPORT_FIXTURES as BP } from '../replica/platforms/beatport/fixtures';
import { launchChromium, type ChromiumSession } from '../harness/chromium';

let replica: Replica;
let session: ChromiumSession;

beforeAll(async () => {
  replica = await startReplica({ port: 0 });
  session = await launchChromium({ replica });
  // Jobs are only inspected here: a host-less browser path with a tiny size limit keeps them from running long.
  await session.inWorker(`chrome.storage.local.set({ settings: { jobConcurrency: 1 } })`);
});

afterAll(async () => {
  await session?.close();
  await replica?.stop();
});

interface JobLike {
  id: string;
  trackKey: string;
  ref: { id: string; url: string };
}

const call = (expr: string) => session.inWorker<JobLike[]>(`(async () => { const r = await ${expr}; return JSON.parse(JSON.stringify(r)); })()`);
const cancelAll = () => session.inWorker(`Promise.all(deckhand.queue.list().map(j => deckhand.queue.cancel(j.id)))`);

describe('context menus', () => {
  it('"Download linked" on a track link queues that track', async () => {
    const jobs = await call(`deckhand.menus.downloadLinked({ linkUrl: ${JSON.stringify(SC.userUpload.url)} })`);
    expect(jobs.map((j) => j.ref.id)).toEqual([SC.userUpload.urn]);
    await cancelAll();
  });

  it('"Download linked" on a playlist link queues its tracks in playlist order (not id order)', async () => {
    const jobs = await call(`deckhand.menus.downloadLinked({ linkUrl: ${JSON.stringify(SC.playlist.url)} })`);
    // Items that cannot be downloaded (DRM, preview-only, blocked) are not queued.
    const unavailable = new Set([SC.snip.urn, SC.drmOnly.urn, SC.geoBlocked.urn]);
    expect(jobs.map((j) => j.ref.id)).toEqual(SC.playlist.expectedOrder.filter((id) => !unavailable.has(id)));
    expect(jobs.length).toBeGreaterThan(3);
    expect([...SC.playlist.expectedOrder].sort()).not.toEqual(SC.playlist.expectedOrder);
    await cancelAll();
  });

  it('"Download linked" on a link elsewhere is refused with a reason', async () => {
    const err = await session.inWorker<string>(
      `deckhand.menus.downloadLinked({ linkUrl: 'https://example.org/a/b' }).then(() => 'no error', e => e.code)`,
    );
    expect(err).toBe('input.invalid');
  });

  it('"Download this track" on a track page queues the page’s track; "all" queues every item reported', async () => {
    const page = await session.newPage(SC.album.url);
    await page.waitForSelector('[data-deckhand-track]', { timeout: 20_000 });
    const tabId = await session.tabIdOf(page);
    await page.waitForFunction(() => document.querySelectorAll('[data-deckhand-track]').length >= 3, { timeout: 20_000 });
    await new Promise((r) => setTimeout(r, 500)); // the content script reports its list after 200 ms
    const all = await call(`deckhand.menus.downloadAll({ pageUrl: ${JSON.stringify(SC.album.url)} }, { id: ${tabId} })`);
    expect(all.map((j) => j.ref.id)).toEqual(SC.album.expectedOrder);
    await cancelAll();
    const trackPage = await session.newPage(SC.plain.url);
    await trackPage.waitForSelector(`[data-deckhand-track="soundcloud:${SC.plain.urn}"]`, { timeout: 20_000 });
    const trackTab = await session.tabIdOf(trackPage);
    await new Promise((r) => setTimeout(r, 500));
    const one = await call(`deckhand.menus.downloadThis({ pageUrl: ${JSON.stringify(SC.plain.url)} }, { id: ${trackTab} })`);
    expect(one.map((j) => j.ref.id)).toEqual([SC.plain.urn]);
    await cancelAll();
  });

  it('"Search <platform> for …" opens the platform’s search for the selection', async () => {
    const before = (await session.browser.pages()).length;
    const url = await session.inWorker<string>(`deckhand.menus.search('mixcloud', { selectionText: '  deep house  ' })`);
    expect(url).toBe('https://www.mixcloud.com/search/?q=deep%20house');
    await new Promise((r) => setTimeout(r, 500));
    const pages = await session.browser.pages();
    expect(pages.length).toBe(before + 1);
    expect(pages.some((p) => p.url().startsWith('https://www.mixcloud.com/search/?q=deep'))).toBe(true);
  });

  it('"Upload to Mixcloud" on a link to an audio file opens the upload page with that file chosen', async () => {
    const link = BP.previewTrack.sampleUrl;
    const url = await session.inWorker<string>(`deckhand.menus.upload('mixcloud', { linkUrl: ${JSON.stringify(link)} })`);
    expect(url).toBe(`chrome-extension://${session.extensionId}/upload.html?${new URLSearchParams({ platform: 'mixcloud', fileUrl: link })}`);
    const target = await session.browser.waitForTarget((t) => t.url() === url, { timeout: 10_000 });
    const page = (await target.page())!;
    // The linked file was fetched and chosen: its name fills the title, and no error is shown.
    const name = decodeURIComponent(new URL(link).pathname.split('/').pop()!).replace(/\.[^.]+$/, '');
    await page.waitForFunction(() => !!(document.querySelector('#f-title') as HTMLInputElement | null)?.value, { timeout: 15_000 });
    const title = await page.$eval('#f-title', (el) => (el as HTMLInputElement).value);
    // The replica's preview carries no title tag: the name comes from the file name.
    expect(title).toBe(name.replace(/_/g, ' '));
    expect(await page.evaluate(() => document.body.innerText)).not.toMatch(/Could not fetch the linked file/);
    await expect(session.inWorker(`deckhand.menus.upload('soundcloud', { linkUrl: 'file:///etc/passwd' })`)).rejects.toThrow(/input.invalid|not a web address/);
    await page.close();
  });
});
