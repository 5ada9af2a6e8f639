/** Screenshots: kept for review (named) and taken automatically when a test fails. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { onTestFailed } from 'vitest';
import { ARTIFACTS } from './paths';

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: path as `${string}.png`, fullPage: false });
  return path;
}

/** A failure screenshot gives up after this long: a background tab may never paint. */
const FAILURE_SHOT_MS = 10_000;

/** Call inside a test: if it fails, every listed page is captured (each bounded in time). */
export function screenshotOnFailure(name: string, pages: () => Page[]): void {
  onTestFailed(async () => {
    let i = 0;
    for (const page of pages()) {
      if (page.isClosed()) continue;
      const shot = screenshot(page, `FAILED-${name}-${i++}`).catch(() => undefined);
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([shot, new Promise((resolve) => (timer = setTimeout(resolve, FAILURE_SHOT_MS)))]);
      clearTimeout(timer);
    }
  });
}
