/**
 * The first vertical slice, in real Chromium against the replica: the in-page button on a SoundCloud
 * track page downloads the track (1) through the real native host into the library folder, and
 * (2) without the host, through the browser's downloads. Output checked with ffprobe and mutagen.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer';
import { startReplica, type Replica } from '../replica/server';
import { SOUNDCLOUD_FIXTURES as SC } from '../replica/platforms/soundcloud/fixtures';
import { launchChromium, type ChromiumSession } from '../harness/chromium';
import { screenshot, screenshotOnFailure } from '../harness/artifacts';
import { decodeErrors, ffprobe, mutagen } from '../harness/probe';

let replica: Replica;
let session: ChromiumSession;
const pages: Page[] = [];

beforeAll(async () => {
  replica = await startReplica({ port: 0 });
  session = await launchChromium({ replica });
});

afterAll(async () => {
  await session?.close();
  await replica?.stop();
});

async function setSettings(patch: Record<string, unknown>): Promise<void> {
  await session.inWorker(`chrome.storage.local.get('settings').then(r => chrome.storage.local.set({ settings: { ...(r.settings || {}), ...${JSON.stringify(patch)} } }))`);
}

async function buttonFor(page: Page, key: string): Promise<ElementHandle<HTMLButtonElement>> {
  const host = await page.waitForSelector(`[data-deckhand-track="${key}"]`, { timeout: 20_000 });
  const button = await host!.evaluateHandle((h) => (h as HTMLElement).shadowRoot!.querySelector('button') as HTMLButtonElement);
  return button as ElementHandle<HTMLButtonElement>;
}

async function waitForState(page: Page, key: string, states: string[], timeoutMs = 150_000): Promise<string> {
  await page.waitForFunction(
    (k: string, s: string[]) => s.includes((document.querySelector(`[data-deckhand-track="${k}"]`) as HTMLElement | null)?.dataset.deckhandState ?? ''),
    { timeout: timeoutMs, polling: 250 },
    key,
    states,
  );
  return page.$eval(`[data-deckhand-track="${key}"]`, (h) => (h as HTMLElement).dataset.deckhandState as string);
}

function findFile(dir: string, ext: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(ext)) return join(entry.parentPath, entry.name);
  }
  return undefined;
}

function checkAudio(file: string, fixture: typeof SC.plain) {
  const probe = ffprobe(file);
  const audio = probe.streams.find((s) => s.codec_type === 'audio');
  expect(audio?.codec_name).toBe('aac');
  const duration = Number(probe.format.duration);
  const expected = fixture.fullDurationMs / 1000;
  expect(Math.abs(duration - expected) / expected).toBeLessThan(0.005);
  expect(decodeErrors(file)).toBe('');
  const tags = mutagen(file);
  expect(tags.type).toBe('MP4');
  expect(tags.tags['©nam']).toEqual([fixture.expected.title]);
  expect(tags.tags['©ART']).toEqual([fixture.expected.artist]);
  const cover = tags.tags.covr?.[0] as { bytes: number } | undefined;
  expect(cover?.bytes).toBeGreaterThan(1000);
  const url = Object.entries(tags.tags).find(([k]) => /URL/i.test(k))?.[1]?.[0];
  expect(url).toBe(fixture.url);
  return { probe, tags };
}

describe('SoundCloud track page -> tagged M4A', () => {
  it('downloads through the native host into the library folder', async () => {
    screenshotOnFailure('sc-host', () => pages);
    await setSettings({ libraryRoot: session.libraryDir, nativeHost: 'auto' });
    const page = await session.newPage(SC.plain.url);
    pages.push(page);
    const key = `soundcloud:${SC.plain.urn}`;
    const button = await buttonFor(page, key);
    expect(await page.$$eval(`[data-deckhand-track="${key}"]`, (els) => els.length)).toBe(1);
    await screenshot(page, 'soundcloud-track-page-button');
    await button.click();
    expect(await waitForState(page, key, ['done', 'failed'])).toBe('done');
    await screenshot(page, 'soundcloud-track-page-saved');
    const file = findFile(session.libraryDir, '.m4a');
    expect(file, `no .m4a in ${session.libraryDir}`).toBeDefined();
    expect(file!.endsWith(`${SC.plain.expected.artist} - ${SC.plain.expected.title}.m4a`)).toBe(true);
    const { tags } = checkAudio(file!, SC.plain);
    expect(tags.tags['©alb']).toEqual([SC.plain.expected.album]);
    expect(findFile(join(session.libraryDir, '.deckhand'), '.part')).toBeUndefined();
  });

  it('without the host, saves the same kind of file through the browser downloads', async () => {
    screenshotOnFailure('sc-browser', () => pages);
    await setSettings({ nativeHost: 'never' });
    const fixture = SC.userUpload;
    const page = await session.newPage(fixture.url);
    pages.push(page);
    const key = `soundcloud:${fixture.urn}`;
    const button = await buttonFor(page, key);
    await button.click();
    expect(await waitForState(page, key, ['done', 'failed'])).toBe('done');
    const file = findFile(join(session.downloadsDir, 'Deckhand'), '.m4a');
    expect(file, `no .m4a in ${session.downloadsDir}`).toBeDefined();
    checkAudio(file!, fixture);
    const popup = await session.openPopup(await session.tabIdOf(page));
    pages.push(popup);
    await popup.waitForSelector('.item');
    await screenshot(popup, 'popup-this-page');
  });
});
