/**
 * The first vertical slice, in real Chromium against the replica: the in-page button on a SoundCloud
 * track page downloads the track (1) through the real native host into the library folder, and
 * (2) without the host, through the browser's downloads. Output checked with ffprobe and mutagen.
 * A track whose artist allows downloads: signed out it falls back to the stream with a note saying
 * why; signed in, the artist's WAV arrives as it is (same decoded audio), tagged in its ID3 chunk.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer';
import { startReplica, type Replica } from '../replica/server';
import { SOUNDCLOUD_FIXTURES as SC } from '../replica/platforms/soundcloud/fixtures';
import { launchChromium, type ChromiumSession } from '../harness/chromium';
import { screenshot, screenshotOnFailure } from '../harness/artifacts';
import { decodeErrors, ffprobe, mutagen } from '../harness/probe';
import { connectThroughOptions, control } from './account-flow';
import { apiV2, fetchReplica, postJson } from '../replica/platforms/soundcloud/test-client';

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

/** md5 of the decoded audio: equal means not one sample changed. */
function md5OfDecodedAudio(file: string): string {
  return execFileSync('ffmpeg', ['-hide_banner', '-v', 'error', '-i', file, '-map', '0:a', '-c:a', 'pcm_s32le', '-f', 'md5', '-'], { encoding: 'utf8' }).trim();
}

/** mutagen's view of a WAV's ID3 chunk: version, text frames, cover size. */
function originalTags(file: string): { type: string; version: number[]; frames: Record<string, string[]>; cover: number } {
  const script = [
    'import json, sys, mutagen',
    'f = mutagen.File(sys.argv[1])',
    "frames = {k: [str(x) for x in fr.text] if hasattr(fr, 'text') else [fr.url] for k, fr in f.tags.items() if k != 'APIC:'}",
    "print(json.dumps({'type': type(f).__name__, 'version': list(f.tags.version), 'frames': frames, 'cover': len(f.tags['APIC:'].data) if 'APIC:' in f.tags else 0}))",
  ].join('\n');
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' }));
}

/** The WAV the replica's CDN serves for the track, fetched as a signed-in user would. */
async function servedOriginal(id: number): Promise<string> {
  const { access_token } = (await postJson(replica, `${replica.controlUrl}/soundcloud/session`, {})).json<{ access_token: string }>();
  const { redirectUri } = (await apiV2(replica, `/tracks/${id}/download`, { headers: { authorization: `OAuth ${access_token}` } })).json<{ redirectUri: string }>();
  const file = join(mkdtempSync(join(tmpdir(), 'sc-original-')), 'served.wav');
  writeFileSync(file, (await fetchReplica(replica, redirectUri)).body);
  return file;
}

/** The popup on its Queue tab (the last tab). */
async function openQueue(tabId?: number): Promise<Page> {
  const popup = await session.openPopup(tabId);
  pages.push(popup);
  await popup.waitForSelector('[role="tab"]');
  const tabs = await popup.$$('[role="tab"]');
  await tabs[tabs.length - 1]!.click();
  return popup;
}

describe('SoundCloud original file', () => {
  const fixture = SC.downloadable;
  const key = `soundcloud:${fixture.urn}`;
  type JobRow = { trackKey: string; state: string; note?: string; path?: string; error?: { message: string } };
  const jobOf = async () => (await session.inWorker<JobRow[]>('deckhand.queue.list()')).find((j) => j.trackKey === key);

  it('signed out: falls back to the stream and says why', async () => {
    screenshotOnFailure('sc-original-signed-out', () => pages);
    await setSettings({ libraryRoot: session.libraryDir, nativeHost: 'auto', enrichFromBeatport: false, preferOriginal: true });
    const page = await session.newPage(fixture.url);
    pages.push(page);
    await (await buttonFor(page, key)).click();
    expect(await waitForState(page, key, ['done', 'failed'])).toBe('done');
    const job = await jobOf();
    expect(job?.path).toMatch(/\.m4a$/);
    expect(job?.note).toMatch(/^Saved the stream: sign in to SoundCloud/);
    const popup = await openQueue(await session.tabIdOf(page));
    await popup.waitForSelector('.note');
    expect(await popup.$$eval('.note', (els) => els.map((e) => e.textContent ?? ''))).toContainEqual(expect.stringMatching(/sign in to SoundCloud/));
    await screenshot(popup, 'soundcloud-original-fallback-note');
  });

  it('signed in: saves the artist\'s WAV as it is, tagged', async () => {
    screenshotOnFailure('sc-original-signed-in', () => pages);
    const app = { id: 'e2eOriginalClient', secret: 'e2e-original-secret' };
    await control(replica, 'POST', '/soundcloud/apps', {
      client_id: app.id, client_secret: app.secret, redirect_uris: [`https://${session.extensionId}.chromiumapp.org/soundcloud`],
    });
    pages.push(await connectThroughOptions(session, 'soundcloud', app));
    const ref = { platform: 'soundcloud', id: fixture.urn, url: fixture.url, kind: 'track', title: fixture.title };
    await session.inWorker(`deckhand.queue.add(${JSON.stringify(ref)}, { force: true })`);
    const deadline = Date.now() + 120_000;
    let job = await jobOf();
    while (Date.now() < deadline && !(job?.state === 'done' && job.path?.endsWith('.wav')) && job?.state !== 'failed') {
      await new Promise((r) => setTimeout(r, 300));
      job = await jobOf();
    }
    expect(job?.error?.message).toBeUndefined();
    expect(job?.path).toBe(join(session.libraryDir, `${fixture.expected.artist} - ${fixture.expected.title}.wav`));
    expect(job?.note).toBeUndefined();
    const file = job!.path!;
    expect(ffprobe(file).streams.find((s) => s.codec_type === 'audio')?.codec_name).toBe('pcm_s16le');
    expect(decodeErrors(file)).toBe('');
    expect(md5OfDecodedAudio(file)).toBe(md5OfDecodedAudio(await servedOriginal(fixture.id)));
    const tags = originalTags(file);
    expect(tags.type).toBe('WAVE');
    expect(tags.version).toEqual([2, 4, 0]);
    expect(tags.frames.TIT2).toEqual([fixture.expected.title]);
    expect(tags.frames.TPE1).toEqual([fixture.expected.artist]);
    expect(tags.frames.TCON).toEqual([fixture.expected.genre]);
    expect(tags.frames.WOAF).toEqual([fixture.url]);
    expect(tags.cover).toBeGreaterThan(1000);
    await screenshot(await openQueue(), 'soundcloud-original-saved');
  });
});
