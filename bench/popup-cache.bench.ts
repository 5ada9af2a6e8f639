/**
 * Opening the popup a second time on the same page: how many requests reach the (replica) network.
 * Real Chromium with the built extension (`npm run build` first). First open: the popup on a SoundCloud
 * track page, a search across the three platforms and a Beatport chart (this fills the background's
 * IndexedDB response cache and the browser's image cache). The popup is closed and opened again on the
 * same tab: it shows the page's items and the last search again. The replica's request log is counted
 * between the two opens (everything the second open asks of any host), and the second open's
 * requests are listed by host and path when there are any.
 */
import { startReplica } from '../e2e/replica/server';
import { SOUNDCLOUD_FIXTURES as SC } from '../e2e/replica/platforms/soundcloud/fixtures';
import { BEATPORT_FIXTURES as BP } from '../e2e/replica/platforms/beatport/fixtures';
import { launchChromium } from '../e2e/harness/chromium';
import type { Page } from 'puppeteer';
import { writeResult } from './report';

const QUERY = 'deep';

async function settle(popup: Page): Promise<void> {
  await popup.waitForFunction(() => document.querySelectorAll('ul[aria-label="Search results"] > li').length > 0, { timeout: 60_000 });
  await popup.waitForNetworkIdle({ idleTime: 500, timeout: 30_000 }).catch(() => undefined);
}

async function main(): Promise<void> {
  const replica = await startReplica({ port: 0, lazyMedia: true });
  const session = await launchChromium({ replica });
  try {
    const bp = await session.newPage(BP.previewTrack.url);
    await bp.waitForSelector('[data-deckhand-track]', { timeout: 60_000 });
    const page = await session.newPage(SC.plain.url);
    await page.waitForSelector('[data-deckhand-track]', { timeout: 60_000 });
    const tabId = await session.tabIdOf(page);

    const logAtFirstOpen = replica.app.log.length;
    const first = await session.openPopup(tabId);
    await first.$$eval('nav button', (bs) => bs.find((b) => b.textContent === 'Search')?.click());
    await first.$eval('input[name="q"]', (el, q) => ((el as HTMLInputElement).value = q as string), QUERY);
    await first.$eval('form[role="search"]', (f) => (f as HTMLFormElement).requestSubmit());
    await settle(first);
    const firstRequests = replica.app.log.length - logAtFirstOpen;
    await first.close();

    const before = replica.app.log.length;
    const t0 = Date.now();
    const second = await session.openPopup(tabId);
    await second.$$eval('nav button', (bs) => bs.find((b) => b.textContent === 'Search')?.click());
    await settle(second);
    const reopenMs = Date.now() - t0;
    const entries = replica.app.log.slice(before);
    const rows = await second.$$eval('ul[aria-label="Search results"] > li', (r) => r.length);
    await second.close();

    const result = {
      query: QUERY,
      firstOpenRequests: firstRequests,
      secondOpenRequests: entries.length,
      secondOpenRequestList: entries.map((e) => `${e.method} ${e.host}${e.path} ${e.status}`),
      secondOpenResultRows: rows,
      secondOpenMs: reopenMs,
    };
    console.log(`first open + search: ${firstRequests} requests`);
    console.log(`second open (same page, same search shown again, ${rows} rows, ${reopenMs} ms): ${entries.length} requests`);
    for (const line of result.secondOpenRequestList) console.log(`  ${line}`);
    writeResult(result);
  } finally {
    await session.close();
    await replica.stop();
  }
}

await main();
