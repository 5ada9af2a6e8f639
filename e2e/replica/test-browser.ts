/**
 * Test support for the replica's client-app tests: a replica and a headless Chromium that resolves the
 * real host names to it (certificate errors ignored: these tests check the pages' scripts, not TLS),
 * with one 1280×900 page. The extension's own browser runs live in e2e/harness.
 */
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { CHROMIUM } from '../harness/paths';
import { startReplica, type Replica } from './server';

/** Whether the client-app tests can run here (they skip without Chromium). */
export const HAS_CHROMIUM = existsSync(CHROMIUM);

export interface ReplicaBrowser {
  replica: Replica;
  browser: Browser;
  page: Page;
}

/** `extraArgs`: Chromium switches a platform's player needs (muted audio, autoplay). */
export async function openReplicaBrowser(extraArgs: string[] = []): Promise<ReplicaBrowser> {
  const replica = await startReplica({ port: 0, lazyMedia: true });
  let browser: Browser | undefined;
  try {
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [`--host-resolver-rules=${replica.hostResolverRules}`, '--ignore-certificate-errors', '--no-sandbox', ...extraArgs],
    });
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    return { replica, browser, page };
  } catch (e) {
    await closeReplicaBrowser({ replica, browser });
    throw e;
  }
}

/** Closes what is open; either part may be missing (a failed open, or a test file's hook that never ran). */
export async function closeReplicaBrowser(opened: Partial<ReplicaBrowser>): Promise<void> {
  await opened.browser?.close();
  await opened.replica?.stop();
}
