/** What every step of the demo tour shares: the browser session, the output folder and screenshots. */
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import type { ChromiumSession } from '../harness/chromium';
import type { Replica } from '../replica/server';

export interface DemoContext {
  replica: Replica;
  session: ChromiumSession;
  /** demo-output/: screenshots here, saved files under library/. */
  out: string;
  library: string;
  /** Screenshot names written so far, in order. */
  shots: string[];
}

/** Numbered screenshots, so demo-output/ lists them in tour order. */
export async function shot(ctx: DemoContext, page: Page, name: string): Promise<void> {
  const file = `${String(ctx.shots.length + 1).padStart(2, '0')}-${name}.png`;
  // A background tab of a visible browser is not painted: bring it forward first.
  await page.bringToFront();
  await page.screenshot({ path: join(ctx.out, file) as `${string}.png` });
  ctx.shots.push(file);
  console.log(`  screenshot  demo-output/${file}`);
}

export function step(text: string): void {
  console.log(`\n${text}`);
}

/** The shadow-root button of an in-page Deckhand control, clicked as a user would. */
export async function clickDeckhandButton(page: Page, hostSelector: string): Promise<void> {
  const host = await page.waitForSelector(hostSelector, { timeout: 30_000 });
  if (!host) throw new Error(`No Deckhand button on ${page.url()} (${hostSelector})`);
  await host.evaluate((h) => h.scrollIntoView({ block: 'center' }));
  await host.evaluate((h) => (h.shadowRoot?.querySelector('button.dh:not(.copy)') as HTMLButtonElement | null)?.click());
}

/** Wait until every in-page button for `key` says done or failed; a failure throws with the reason the button shows. */
export async function waitSaved(page: Page, key: string, what: string): Promise<void> {
  await page.waitForFunction(
    (k: string) => {
      const hosts = [...document.querySelectorAll<HTMLElement>(`[data-deckhand-track="${k}"]`)];
      return hosts.length > 0 && hosts.every((h) => ['done', 'failed'].includes(h.dataset.deckhandState ?? ''));
    },
    { timeout: 240_000, polling: 250 },
    key,
  );
  const failed = await page.$$eval(`[data-deckhand-track="${key}"]`, (hosts) =>
    hosts.filter((h) => (h as HTMLElement).dataset.deckhandState === 'failed').map((h) => h.shadowRoot?.querySelector('button')?.title ?? ''),
  );
  if (failed.length) throw new Error(`${what}: the download failed (${failed[0] || 'no reason shown'})`);
}
