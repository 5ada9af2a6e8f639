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

/**
 * What a failed test should print besides its screenshots (the queue's rows, say): a harness registers
 * it when it starts a browser. Several run per file when a spec holds more than one session.
 */
const failureDumps = new Map<string, () => Promise<unknown>>();
export function onFailureDump(name: string, dump: (() => Promise<unknown>) | undefined): void {
  if (dump) failureDumps.set(name, dump);
  else failureDumps.delete(name);
}

async function bounded<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let stop = () => undefined as void;
  const timeout = new Promise<undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    stop = () => clearTimeout(timer);
  });
  const result = await Promise.race([work.catch(() => undefined), timeout]);
  stop();
  return result;
}

/** Call inside a test: if it fails, every listed page is captured (each bounded in time) and the dumps printed. */
export function screenshotOnFailure(name: string, pages: () => Page[]): void {
  onTestFailed(async () => {
    for (const [what, dump] of failureDumps) {
      const value = await bounded(dump(), FAILURE_SHOT_MS);
      console.error(`[${name}] ${what} at failure:`, JSON.stringify(value, null, 1)?.slice(0, 6_000));
    }
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
