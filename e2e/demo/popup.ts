/**
 * The popup part of the tour, opened for the SoundCloud track page: "This page" with the Beatport
 * match line, "Search" over all three platforms, "Charts" (Beatport Top 100) and "Queue" with the
 * three finished downloads. Then the options page.
 */
import type { Page } from 'puppeteer';
import { shot, step, type DemoContext } from './context';
import { KEYS, type DownloadPages } from './downloads';

const TIMEOUT = 60_000;

const openTab = (popup: Page, name: string) =>
  popup.$$eval('nav[aria-label="Views"] button', (buttons, n) => buttons.find((b) => b.textContent?.startsWith(n as string))?.click(), name);

async function thisPage(ctx: DemoContext, popup: Page): Promise<void> {
  const line = await popup.waitForSelector(`.item[data-track="${KEYS.soundcloud}"] [data-match="matched"]`, { timeout: TIMEOUT });
  console.log(`  This page: ${(await line!.evaluate((el) => (el as HTMLElement).innerText)).replace(/\s+/g, ' ').trim()}`);
  await shot(ctx, popup, 'popup-this-page-beatport-match');
}

async function search(ctx: DemoContext, popup: Page, query: string): Promise<void> {
  await openTab(popup, 'Search');
  await popup.waitForSelector('form[role="search"] input[name="q"]', { timeout: TIMEOUT });
  await popup.type('input[name="q"]', query);
  await popup.$eval('form[role="search"]', (f) => (f as HTMLFormElement).requestSubmit());
  await popup.waitForSelector('ul[aria-label="Search results"] > li', { timeout: TIMEOUT });
  await popup.waitForFunction(() => !document.body.textContent?.includes('Searching…'), { timeout: TIMEOUT });
  const platforms = await popup.$$eval('ul[aria-label="Search results"] > li', (rows) =>
    rows.map((r) => ((r as HTMLElement).dataset.track ?? (r as HTMLElement).dataset.entity ?? '').split(':')[0]),
  );
  const counts = [...new Set(platforms)].map((p) => `${platforms.filter((x) => x === p).length} ${p}`).join(', ');
  console.log(`  Search "${query}": ${platforms.length} results (${counts})`);
  await shot(ctx, popup, 'popup-search-all-platforms');
}

async function charts(ctx: DemoContext, popup: Page): Promise<void> {
  await openTab(popup, 'Charts');
  await popup.waitForSelector('.charts form', { timeout: TIMEOUT });
  await popup.$eval('.charts form', (f) => (f as HTMLFormElement).requestSubmit());
  await popup.waitForSelector('ul.list > li[data-track^="beatport:"]', { timeout: TIMEOUT });
  const rows = await popup.$$eval('ul.list > li[data-track^="beatport:"]', (r) => r.length);
  console.log(`  Charts: Beatport Top 100, ${rows} rows`);
  await shot(ctx, popup, 'popup-charts-beatport-top100');
}

async function queue(ctx: DemoContext, popup: Page): Promise<void> {
  await openTab(popup, 'Queue');
  await popup.waitForFunction(() => document.querySelectorAll('ul[aria-label="Download queue"] li.job[data-state="done"]').length >= 3, { timeout: TIMEOUT });
  const states = await popup.$$eval('ul[aria-label="Download queue"] li.job', (jobs) => jobs.map((j) => (j as HTMLElement).dataset.state));
  console.log(`  Queue: ${states.length} jobs (${states.join(', ')})`);
  await shot(ctx, popup, 'popup-queue');
}

export async function popupTour(ctx: DemoContext, pages: DownloadPages): Promise<void> {
  step('5. The popup, opened on the SoundCloud track page');
  const popup = await ctx.session.openPopup(await ctx.session.tabIdOf(pages.soundcloud));
  await thisPage(ctx, popup);
  await search(ctx, popup, 'deep');
  await charts(ctx, popup);
  await queue(ctx, popup);
  await popup.close();

  step('6. The options page');
  const options = await ctx.session.newPage(`chrome-extension://${ctx.session.extensionId}/options.html`);
  await options.waitForSelector('[data-testid="host-status"]', { timeout: TIMEOUT });
  await shot(ctx, options, 'options');
}
