/**
 * Firefox: the firefox-mv2 build installs in firefox-esr (headless, through puppeteer's WebDriver
 * BiDi), its SoundCloud content script runs on a replica page reached through the replica acting as
 * Firefox's HTTPS proxy, and its button downloads through the real native host registered for Firefox.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startReplica, type Replica } from '../replica/server';
import { SOUNDCLOUD_FIXTURES as SC } from '../replica/platforms/soundcloud/fixtures';
import { launchFirefox, type FirefoxSession } from '../harness/firefox';
import { GECKO_ID } from '../../wxt.config';
import { ffprobe, mutagen } from '../harness/probe';

let replica: Replica;
let ff: FirefoxSession;

beforeAll(async () => {
  replica = await startReplica({ port: 0 });
  ff = await launchFirefox(replica, { withHost: true });
});

afterAll(async () => {
  await ff?.close();
  await replica?.stop();
});

it('installs the Firefox build and injects the download button on a SoundCloud track page', async () => {
  expect(ff.addonId).toBe(GECKO_ID);
  const page = await ff.browser.newPage();
  await page.goto(SC.plain.url, { waitUntil: 'domcontentloaded' });
  const key = `soundcloud:${SC.plain.urn}`;
  const host = await page.waitForSelector(`[data-deckhand-track="${key}"]`, { timeout: 30_000 });
  const label = await host!.evaluate((h) => (h as HTMLElement).shadowRoot?.querySelector('button')?.textContent ?? '');
  expect(label).toContain('Download');
  expect(await page.$$eval(`[data-deckhand-track="${key}"]`, (els) => els.length)).toBe(1);
});

it('downloads through the native host from Firefox', async () => {
  const page = await ff.browser.newPage();
  await page.goto(SC.userUpload.url, { waitUntil: 'domcontentloaded' });
  const key = `soundcloud:${SC.userUpload.urn}`;
  const host = await page.waitForSelector(`[data-deckhand-track="${key}"]`, { timeout: 30_000 });
  await host!.evaluate((h) => (h as HTMLElement).shadowRoot!.querySelector('button')!.click());
  await page.waitForFunction(
    (k: string) => ['done', 'failed'].includes((document.querySelector(`[data-deckhand-track="${k}"]`) as HTMLElement).dataset.deckhandState ?? ''),
    { timeout: 120_000, polling: 500 },
    key,
  );
  const state = await host!.evaluate((h) => [(h as HTMLElement).dataset.deckhandState, (h as HTMLElement).shadowRoot!.querySelector('button')!.title]);
  expect(state[0], String(state[1])).toBe('done');
  const file = readdirSync(ff.libraryDir).find((f) => f.endsWith('.m4a'));
  expect(file).toBe(`${SC.userUpload.expected.artist} - ${SC.userUpload.expected.title}.m4a`);
  const path = join(ff.libraryDir, file!);
  expect(existsSync(path)).toBe(true);
  expect(ffprobe(path).streams[0]?.codec_name).toBe('aac');
  expect(mutagen(path).tags['©nam']).toEqual([SC.userUpload.expected.title]);
});
