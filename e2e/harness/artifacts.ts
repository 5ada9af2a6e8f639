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

/** Call inside a test: if it fails, every listed page is captured. */
export function screenshotOnFailure(name: string, pages: () => Page[]): void {
  onTestFailed(async () => {
    let i = 0;
    for (const page of pages()) {
      if (!page.isClosed()) await screenshot(page, `FAILED-${name}-${i++}`).catch(() => undefined);
    }
  });
}
