/**
 * Uploads in real Chromium against the replica: connect SoundCloud and Mixcloud through the identity
 * API window, upload a 50 MB tagged MP3 to each from the upload page with every field, and find it
 * in the replica with those fields; a token that expires mid-session is refreshed; a revoked token
 * asks to connect again; validation errors appear before any byte is sent. An M4A's iTunes tags
 * (read with music-metadata) pre-fill every field and the artwork. The "Upload with Deckhand" entry
 * point on both sites' upload pages and on the connected account's own profile opens the upload
 * page with the platform chosen. Uploads are jobs in the shared queue: the popup's queue shows their
 * progress and, once done, the "On SoundCloud" / "On Mixcloud" badge; a file in the library is
 * streamed by the native host (every field, the exact bytes checked in the replica).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../replica/server';
import { launchChromium, type ChromiumSession } from '../harness/chromium';
import { fillField } from '../harness/fields';
import { screenshot, screenshotOnFailure } from '../harness/artifacts';
import { connectThroughOptions, control, idbToken, replicaFetch } from './account-flow';

let replica: Replica;
let session: ChromiumSession;
let work: string;
let mp3: string;
let upload: Page;
let spentRefreshToken = '';
let mixcloudPage: Page;
const pages: Page[] = [];
const ext = () => `chrome-extension://${session.extensionId}`;

function makeTaggedMp3(dir: string): string {
  const cover = join(dir, 'cover.png');
  const short = join(dir, 'short.mp3');
  const out = join(dir, 'Mira - Night Drive.mp3');
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=orange:s=300x300', '-frames:v', '1', cover]);
  execFileSync('ffmpeg', [
    '-v', 'error', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=20', '-i', cover, '-map', '0:a', '-map', '1:v', '-c:a', 'libmp3lame', '-b:a', '320k',
    '-c:v', 'png', '-disposition:v', 'attached_pic', '-id3v2_version', '3',
    '-metadata', 'title=Night Drive', '-metadata', 'artist=Mira', '-metadata', 'genre=Deep House', '-metadata', 'TBPM=122', '-metadata', 'TKEY=Am',
    '-metadata', 'TSRC=GBAYE0601498', '-metadata', 'date=2024-05-17', '-metadata', 'publisher=Night Label', '-metadata', 'comment=Recorded live.', short,
  ]);
  // Repeat the audio frames to 50 MB (the replica stores bytes; players accept repeated frames).
  const whole = readFileSync(short);
  const tagEnd = 10 + ((whole[6]! << 21) | (whole[7]! << 14) | (whole[8]! << 7) | whole[9]!);
  const frames = whole.subarray(tagEnd);
  writeFileSync(out, whole);
  while (statSync(out).size < 50 * 1024 * 1024) appendFileSync(out, frames);
  return out;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'deckhand-upload-'));
  mp3 = makeTaggedMp3(work);
  // Nothing here streams the platforms' media: make it on demand (a cold cache would cost minutes of CPU).
  replica = await startReplica({ port: 0, lazyMedia: true });
  session = await launchChromium({ replica }); // with the native host: library uploads
  const redirect = `https://${session.extensionId}.chromiumapp.org/`;
  await control(replica, 'POST', '/soundcloud/apps', { client_id: 'e2eUploadClient', client_secret: 'e2e-secret', redirect_uris: [`${redirect}soundcloud`] });
  await control(replica, 'POST', '/mixcloud/apps', { client_id: 'e2e-mixcloud', client_secret: 'e2e-mc-secret', name: 'Deckhand e2e' });
}, 180_000);

afterAll(async () => {
  await session?.close();
  await replica?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

beforeEach(() => screenshotOnFailure('upload', () => pages));

async function openUpload(platform: 'soundcloud' | 'mixcloud'): Promise<Page> {
  const page = await session.newPage(`${ext()}/upload.html?platform=${platform}`);
  pages.push(page);
  await page.waitForSelector('[data-testid="upload-account"]');
  return page;
}

async function chooseFile(page: Page): Promise<void> {
  await page.bringToFront();
  const input = await page.waitForSelector('input#f-file');
  await (input as ElementHandle<HTMLInputElement>).uploadFile(mp3);
  await page.waitForFunction(() => (document.querySelector<HTMLInputElement>('#f-title')?.value ?? '') !== '', { timeout: 20_000 });
}

/** Record every progress text the page shows (an upload to the local replica can finish within a poll). */
async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="upload-progress"]')?.textContent;
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

/** Tick or untick a checkbox by clicking it only when needed (a retried test starts from the last state). */
async function setChecked(page: Page, selector: string, checked: boolean): Promise<void> {
  if ((await page.$eval(selector, (el) => (el as HTMLInputElement).checked)) !== checked) await page.click(selector);
}

/**
 * Submit the form and wait for the job it queued (listed first, newest first, among the queue's
 * earlier uploads) to be done, failed or cancelled.
 */
async function submitAndFinish(page: Page): Promise<{ state: string; link?: string; error?: string }> {
  const before = (await page.$$('[data-testid="upload-job"]')).length;
  await page.click('[data-testid="upload-submit"]');
  // The job is listed at once; if not, say what the page shows instead of waiting for the upload.
  const listed = await page.waitForFunction((n: number) => document.querySelectorAll('[data-testid="upload-job"]').length > n, { timeout: 15_000 }, before).then(() => true, () => false);
  if (!listed) {
    const shown = await page.evaluate(() => ({
      submitDisabled: (document.querySelector('[data-testid="upload-submit"]') as HTMLButtonElement | null)?.disabled,
      account: document.querySelector('[data-testid="upload-account"]')?.textContent,
      notice: document.querySelector('[data-testid="upload-notice"]')?.textContent,
      errors: [...document.querySelectorAll('[data-testid^="error-"]')].map((e) => `${e.getAttribute('data-testid')}: ${e.textContent}`),
    }));
    // Printed as well: a retried test's first error is not shown by the runner.
    console.error('the upload page queued no job:', JSON.stringify(shown));
    throw new Error(`the upload page queued no job: ${JSON.stringify(shown)}`);
  }
  await page.waitForFunction((n: number) => {
    const jobs = document.querySelectorAll('[data-testid="upload-job"]');
    return jobs.length > n && ['done', 'failed', 'cancelled'].includes(jobs[0]?.getAttribute('data-state') ?? '');
  }, { timeout: 120_000 }, before);
  return page.$eval('[data-testid="upload-job"]', (el) => ({
    state: el.getAttribute('data-state') ?? '',
    link: el.querySelector('[data-testid="upload-link"]')?.textContent ?? undefined,
    error: el.querySelector('[data-testid="upload-error"]')?.textContent ?? undefined,
  }));
}

describe('upload to SoundCloud', () => {
  it('connects through the identity window, then validation stops a bad form before any byte is sent', async () => {
    // Access tokens live 90 s from now on: the upload later in this file needs a refresh.
    await control(replica, 'POST', '/soundcloud/token-lifetime', { seconds: 90 });
    pages.push(await connectThroughOptions(session, 'soundcloud', { id: 'e2eUploadClient', secret: 'e2e-secret' }));
    upload = await openUpload('soundcloud');
    await upload.waitForSelector('[data-testid="upload-submit"]:not([disabled])');
    await chooseFile(upload);
    expect(await upload.$eval('#f-title', (el) => (el as HTMLInputElement).value)).toBe('Night Drive');
    expect(await upload.$eval('#f-bpm', (el) => (el as HTMLInputElement).value)).toBe('122');
    expect(await upload.$eval('#f-isrc', (el) => (el as HTMLInputElement).value)).toBe('GBAYE0601498');
    await fillField(upload, '#f-title', 'x'.repeat(150));
    await fillField(upload, '#f-isrc', 'NOT-AN-ISRC');
    await upload.click('[data-testid="upload-submit"]');
    await upload.waitForSelector('[data-testid="error-title"]');
    expect(await upload.$eval('[data-testid="error-isrc"]', (el) => el.textContent)).toContain('12 characters');
    expect(await upload.$$('[data-testid="upload-job"]')).toHaveLength(0);
    expect(await control<unknown[]>(replica, 'GET', '/soundcloud/uploads')).toHaveLength(0);
    await screenshot(upload, 'upload-validation-errors');
  }, 120_000);

  it('uploads 50 MB with every field after the access token expired (refreshed once, single-use refresh token)', async () => {
    await fillField(upload, '#f-title', 'Night Drive (Extended Mix)');
    await fillField(upload, '#f-isrc', 'GBAYE0601498');
    await fillField(upload, '#f-description', 'A late drive.');
    await fillField(upload, '#f-tags', 'deep house, night drive, 2024');
    await upload.$eval('#f-releaseDate', (el) => ((el as HTMLInputElement).value = '2024-05-17', el.dispatchEvent(new Event('input', { bubbles: true }))));
    await upload.select('#f-license', 'cc-by-nc');
    await setChecked(upload, '#f-private', true);
    await setChecked(upload, '#f-downloadable', false);
    // Expire the stored token as if an hour went by: the background must refresh before sending.
    const before = await idbToken(upload, 'soundcloud:user', { expiresAt: Date.now() - 1000 });
    spentRefreshToken = String(before?.refreshToken);
    await watchProgress(upload);
    const started = Date.now();
    const job = await submitAndFinish(upload);
    expect(job).toMatchObject({ state: 'done' });
    expect(Date.now() - started).toBeLessThan(60_000);
    const seen = await upload.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    expect(seen.some((t) => /^[1-9][\d.]* MB of 5\d\.\d MB$/.test(t))).toBe(true); // byte progress was shown mid-upload
    // The refresh stored a new pair; the spent refresh token is refused by the replica if replayed.
    const after = await idbToken(upload, 'soundcloud:user');
    expect(after?.refreshToken).toBeTruthy();
    expect(after?.refreshToken).not.toBe(spentRefreshToken);
    expect(after?.expiresAt).toBeGreaterThan(Date.now());
    const replay = await replicaFetch(replica, 'POST', 'https://secure.soundcloud.com/oauth/token',
      new URLSearchParams({ grant_type: 'refresh_token', refresh_token: spentRefreshToken, client_id: 'e2eUploadClient', client_secret: 'e2e-secret' }).toString(),
      { 'content-type': 'application/x-www-form-urlencoded' });
    expect(replay.status).toBe(400);
    expect(replay.text).toContain('invalid_grant');
    expect(job.link).toMatch(/^https:\/\/soundcloud\.com\/.+\/night-drive-extended-mix$/);
    await upload.$eval('[data-testid="upload-job"]', (el) => el.scrollIntoView({ block: 'end' }));
    await screenshot(upload, 'upload-soundcloud-done');
    const [stored] = await control<{ fields: Record<string, string>; fileSize: number; fileName: string }[]>(replica, 'GET', '/soundcloud/uploads');
    expect(stored!.fileSize).toBe(statSync(mp3).size);
    expect(stored!.fileName).toBe('Mira - Night Drive.mp3');
    expect(stored!.fields).toMatchObject({
      title: 'Night Drive (Extended Mix)', genre: 'Deep House', tag_list: '"deep house" "night drive" 2024',
      license: 'cc-by-nc', sharing: 'private', downloadable: 'false', streamable: 'true', release_date: '2024-05-17', isrc: 'GBAYE0601498', label_name: 'Night Label',
    });
    // FormData sends line breaks as CRLF, as the HTML spec says.
    expect(stored!.fields.description).toBe('A late drive.\r\n\r\nBPM: 122 · Key: Am (8A)');
  }, 180_000);

  it('a spent refresh token (replayed from storage) is refused and the page asks to connect again', async () => {
    await idbToken(upload, 'soundcloud:user', { refreshToken: spentRefreshToken, expiresAt: Date.now() - 1000 });
    await upload.reload();
    await chooseFile(upload);
    const job = await submitAndFinish(upload);
    expect(job.state).toBe('failed');
    expect(job.error).toContain('Session expired');
    await upload.waitForSelector('[data-testid="upload-reconnect"]', { timeout: 10_000 });
    expect(await idbToken(upload, 'soundcloud:user')).toBeUndefined();
    expect(await control<unknown[]>(replica, 'GET', '/soundcloud/uploads')).toHaveLength(1);
  }, 120_000);

  it('after connecting again, a revoked token leads to a reconnect prompt', async () => {
    pages.push(await connectThroughOptions(session, 'soundcloud', { id: 'e2eUploadClient', secret: 'e2e-secret' }));
    await upload.bringToFront(); // a tab in the background does not paint: waits would stall
    await upload.reload();
    await upload.waitForSelector('[data-testid="upload-submit"]:not([disabled])');
    await control(replica, 'POST', '/soundcloud/revoke', {});
    await chooseFile(upload);
    const job = await submitAndFinish(upload);
    expect(job.state).toBe('failed');
    expect(job.error).toMatch(/Session expired|Access revoked/);
    await upload.waitForSelector('[data-testid="upload-reconnect"]', { timeout: 10_000 });
    await screenshot(upload, 'upload-soundcloud-reconnect');
  }, 120_000);
});

describe('upload to Mixcloud', () => {
  it('connects, uploads 50 MB with name, description, tags, picture, tracklist and unlisted', async () => {
    await control(replica, 'POST', '/mixcloud/token-format', { format: 'form' }); // the exchange answers form-encoded
    pages.push(await connectThroughOptions(session, 'mixcloud', { id: 'e2e-mixcloud', secret: 'e2e-mc-secret' }));
    const page = await openUpload('mixcloud');
    await page.waitForSelector('[data-testid="upload-submit"]:not([disabled])');
    await chooseFile(page);
    await fillField(page, '#f-tags', 'deep house, live, mix, night, drive, extra');
    await page.click('[data-testid="upload-submit"]');
    await page.waitForSelector('[data-testid="error-tags"]');
    expect(await control<unknown[]>(replica, 'GET', '/mixcloud/uploads')).toHaveLength(0);
    await fillField(page, '#f-tags', 'deep house, live, mix');
    await fillField(page, '#f-description', 'Live at the harbour.');
    await fillField(page, '#f-tracklist', '0:00 Intro\n1:30 Mira - Night Drive\n12:05 Solen - Tidewater');
    await setChecked(page, '#f-private', true);
    await screenshot(page, 'upload-mixcloud-form');
    const job = await submitAndFinish(page);
    expect(job).toMatchObject({ state: 'done', link: 'https://www.mixcloud.com/deckhandtester/night-drive/' });
    const [stored] = await control<Record<string, unknown>[]>(replica, 'GET', '/mixcloud/uploads');
    expect(stored).toMatchObject({
      name: 'Night Drive', description: 'Live at the harbour.', tags: ['deep house', 'live', 'mix'], unlisted: true,
      sections: [{ chapter: 'Intro', start_time: 0 }, { artist: 'Mira', song: 'Night Drive', start_time: 90 }, { artist: 'Solen', song: 'Tidewater', start_time: 725 }],
      mp3: { filename: 'Mira - Night Drive.mp3', bytes: statSync(mp3).size },
    });
    expect((stored!.picture as { bytes: number }).bytes).toBeGreaterThan(100);
    mixcloudPage = page;
  }, 180_000);

  it('a revoked Mixcloud token leads to a reconnect prompt', async () => {
    const token = await idbToken(mixcloudPage, 'mixcloud:user');
    expect(await control(replica, 'POST', '/mixcloud/revoke', { access_token: token?.accessToken })).toEqual({ revoked: true });
    await mixcloudPage.reload();
    await chooseFile(mixcloudPage);
    const job = await submitAndFinish(mixcloudPage);
    expect(job).toMatchObject({ state: 'failed' });
    expect(job.error).toContain('Access revoked');
    await mixcloudPage.waitForSelector('[data-testid="upload-reconnect"]', { timeout: 10_000 });
    expect(await control<unknown[]>(replica, 'GET', '/mixcloud/uploads')).toHaveLength(1);
  }, 120_000);
});

function makeTaggedM4a(dir: string): string {
  const cover = join(dir, 'cover-m4a.png');
  const out = join(dir, 'Solen - Tidewater.m4a');
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=teal:s=300x300', '-frames:v', '1', cover]);
  execFileSync('ffmpeg', [
    '-v', 'error', '-f', 'lavfi', '-i', 'sine=frequency=330:duration=10', '-i', cover, '-map', '0:a', '-map', '1:v', '-c:a', 'aac', '-c:v', 'png',
    '-disposition:v', 'attached_pic', '-metadata', 'title=Tidewater', '-metadata', 'artist=Solen', '-metadata', 'genre=Melodic House & Techno',
    '-metadata', 'date=2023-11-03', '-metadata', 'comment=Written by the sea.', out,
  ]);
  // ffmpeg writes no tempo, key, ISRC or label into MP4: add them as Deckhand's own M4A writer does.
  execFileSync('/usr/bin/python3', ['-c', [
    'import sys; from mutagen.mp4 import MP4, MP4FreeForm',
    'f = MP4(sys.argv[1]); f["tmpo"] = [124]',
    'for k, v in (("initialkey", "F#m"), ("ISRC", "DEUM72300117"), ("LABEL", "Harbour Tapes")): f["----:com.apple.iTunes:" + k] = [MP4FreeForm(v.encode())]',
    'f.save()',
  ].join('\n'), out]);
  return out;
}

describe('prefill', () => {
  it('fills every field and the artwork from an M4A’s tags', async () => {
    const m4a = makeTaggedM4a(work);
    const page = await openUpload('soundcloud');
    await page.bringToFront();
    const input = await page.waitForSelector('input#f-file');
    await (input as ElementHandle<HTMLInputElement>).uploadFile(m4a);
    await page.waitForFunction(() => (document.querySelector<HTMLInputElement>('#f-title')?.value ?? '') !== '', { timeout: 20_000 });
    const value = (sel: string) => page.$eval(sel, (el) => (el as HTMLInputElement).value);
    expect({
      title: await value('#f-title'), genre: await value('#f-genre'), bpm: await value('#f-bpm'), key: await value('#f-key'), isrc: await value('#f-isrc'),
      label: await value('#f-label'), releaseDate: await value('#f-releaseDate'), description: await value('#f-description'), tags: await value('#f-tags'),
    }).toEqual({
      title: 'Tidewater', genre: 'Melodic House & Techno', bpm: '124', key: 'F#m', isrc: 'DEUM72300117', label: 'Harbour Tapes', releaseDate: '2023-11-03',
      description: 'Written by the sea.', tags: 'Melodic House & Techno',
    });
    expect(await page.$eval('[data-field="artwork"] .hint', (el) => el.textContent)).toMatch(/^cover\.png \(\d+ KB\)$/);
    await screenshot(page, 'upload-prefill-m4a');
    await page.close();
  }, 60_000);
});

/** Click the in-page entry button and return the upload page it opens. */
async function followEntryButton(site: Page): Promise<Page> {
  const opened = session.browser.waitForTarget((t) => t.url().startsWith(`${ext()}/upload.html`), { timeout: 15_000 });
  await site.evaluate(() => document.querySelector('[data-deckhand-upload-entry]')!.shadowRoot!.querySelector('button')!.click());
  const page = (await (await opened).page())!;
  pages.push(page);
  return page;
}

describe('entry points', () => {
  it('puts "Upload with Deckhand" on both upload pages, which opens the upload page for that platform', async () => {
    for (const [url, platform] of [['https://soundcloud.com/upload', 'soundcloud'], ['https://www.mixcloud.com/upload/', 'mixcloud']] as const) {
      const site = await session.newPage(url);
      pages.push(site);
      await site.bringToFront();
      await site.waitForSelector(`[data-deckhand-upload-entry="${platform}"]`, { timeout: 15_000 });
      expect(await site.$eval('[data-deckhand-upload-entry]', (el) => el.shadowRoot!.querySelector('button')!.textContent)).toBe('Upload with Deckhand');
      await screenshot(site, `upload-entry-${platform}`);
      const upload = await followEntryButton(site);
      expect(new URL(upload.url()).searchParams.get('platform')).toBe(platform);
      await upload.waitForSelector(`input[name="platform"][value="${platform}"]:checked`);
      await upload.close();
      await site.close();
    }
  }, 90_000);

  it('shows it on the connected account’s own profile only', async () => {
    await control(replica, 'POST', '/mixcloud/token-format', { format: 'json' });
    pages.push(await connectThroughOptions(session, 'mixcloud', { id: 'e2e-mixcloud', secret: 'e2e-mc-secret' }));
    const own = await session.newPage('https://www.mixcloud.com/deckhandtester/');
    pages.push(own);
    await own.bringToFront();
    await own.waitForSelector('[data-deckhand-upload-entry="mixcloud"]', { timeout: 15_000 });
    await screenshot(own, 'upload-entry-mixcloud-profile');
    const other = await session.newPage('https://www.mixcloud.com/discover/');
    pages.push(other);
    await other.bringToFront();
    await other.waitForSelector('body');
    await new Promise((r) => setTimeout(r, 1500)); // the content script has answered by now
    expect(await other.$('[data-deckhand-upload-entry]')).toBeNull();
    await own.close();
    await other.close();
  }, 90_000);
});

/** Every progress percentage the popup's queue shows for upload rows. */
async function watchPopupProgress(popup: Page): Promise<void> {
  await popup.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { uploadProgress: number[] }).uploadProgress = seen;
    const look = () => {
      const bar = document.querySelector('li[data-kind="upload"][data-state="running"] [role="progressbar"]');
      const pct = Number(bar?.getAttribute('aria-valuenow') ?? NaN);
      if (Number.isFinite(pct) && seen.at(-1) !== pct) seen.push(pct);
    };
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

async function openPopupQueue(): Promise<Page> {
  const popup = await session.openPopup();
  pages.push(popup);
  await popup.waitForSelector('[role="tab"]');
  const tabs = await popup.$$('[role="tab"]');
  await tabs[tabs.length - 1]!.click();
  return popup;
}

/** The upload page with a library file chosen through the native host and its tags read. */
async function chooseLibraryFile(platform: 'soundcloud' | 'mixcloud', relative: string): Promise<Page> {
  const page = await openUpload(platform);
  await page.bringToFront();
  await page.waitForSelector('[data-testid="upload-submit"]:not([disabled])');
  await page.click('[data-testid="library-load"]');
  await page.waitForSelector('[data-testid="library-select"]', { timeout: 15_000 });
  await page.select('[data-testid="library-select"]', relative);
  await page.waitForFunction(
    () => !!document.querySelector('[data-testid="upload-source"]')?.textContent?.includes('native host') && document.querySelector<HTMLInputElement>('#f-title')?.value === 'Night Drive',
    { timeout: 20_000 },
  );
  return page;
}

describe('library uploads through the native host', () => {
  const relative = 'Sets/Mira - Night Drive (Library).mp3';
  let libraryMp3: string;

  it('uploads a library file to SoundCloud with every field; the popup queue shows its progress, then the badge and link', async () => {
    mkdirSync(join(session.libraryDir, 'Sets'), { recursive: true });
    libraryMp3 = join(session.libraryDir, relative);
    copyFileSync(mp3, libraryMp3);
    pages.push(await connectThroughOptions(session, 'soundcloud', { id: 'e2eUploadClient', secret: 'e2e-secret' }));
    const before = (await control<unknown[]>(replica, 'GET', '/soundcloud/uploads')).length;
    const page = await chooseLibraryFile('soundcloud', relative);
    expect(await page.$eval('#f-bpm', (el) => (el as HTMLInputElement).value)).toBe('122'); // tags read by the host
    expect(await page.$eval('[data-field="artwork"] .hint', (el) => el.textContent)).toMatch(/^cover\.png \(\d+ KB\)$/);
    await fillField(page, '#f-title', 'Night Drive (Library Mix)');
    await fillField(page, '#f-description', 'From the library.');
    await fillField(page, '#f-tags', 'deep house, library');
    await page.$eval('#f-releaseDate', (el) => ((el as HTMLInputElement).value = '2024-05-18', el.dispatchEvent(new Event('input', { bubbles: true }))));
    await page.select('#f-license', 'cc-by');
    await setChecked(page, '#f-private', true);
    await screenshot(page, 'upload-library-form');

    const popup = await openPopupQueue();
    await watchPopupProgress(popup);
    await page.bringToFront();
    // The replica reads the upload at ~25 MB/s (about 2 s for this file): on loopback it would otherwise
    // arrive in a few hundred milliseconds, too fast to be sure the popup draws a bar between 0 and 100.
    await control(replica, 'POST', '/faults', { uploadBandwidth: 25_000_000 });
    const job = await submitAndFinish(page).finally(() => control(replica, 'POST', '/faults', { uploadBandwidth: 0 }));
    expect(job).toMatchObject({ state: 'done' });
    expect(job.link).toMatch(/^https:\/\/soundcloud\.com\/.+\/night-drive-library-mix$/);

    await popup.bringToFront();
    const badge = await popup.waitForSelector('li[data-kind="upload"][data-state="done"] [data-testid="upload-badge"]', { timeout: 15_000 });
    expect(await badge!.evaluate((el) => el.textContent)).toBe('On SoundCloud');
    expect(await popup.$eval('li[data-kind="upload"][data-state="done"] [data-testid="upload-link"]', (el) => el.getAttribute('href'))).toBe(job.link);
    const seen = await popup.evaluate(() => (window as unknown as { uploadProgress: number[] }).uploadProgress);
    expect(seen.some((pct) => pct > 0 && pct < 100), `progress seen: ${JSON.stringify(seen)}`).toBe(true);
    await screenshot(popup, 'upload-popup-queue-badge');

    const uploads = await control<{ fields: Record<string, string>; fileSize: number; fileName: string; contentType: string }[]>(replica, 'GET', '/soundcloud/uploads');
    expect(uploads).toHaveLength(before + 1);
    const stored = uploads.at(-1)!;
    expect(stored.fileSize).toBe(statSync(libraryMp3).size);
    expect(stored.fileName).toBe('Mira - Night Drive (Library).mp3');
    expect(stored.contentType).toBe('audio/mpeg');
    expect(stored.fields).toMatchObject({
      title: 'Night Drive (Library Mix)', genre: 'Deep House', tag_list: '"deep house" library', license: 'cc-by', sharing: 'private', downloadable: 'true',
      streamable: 'true', release_date: '2024-05-18', isrc: 'GBAYE0601498', label_name: 'Night Label', description: 'From the library.\n\nBPM: 122 · Key: Am (8A)',
    });
  }, 180_000);

  it('uploads a library file to Mixcloud with every field; the replica received the exact bytes', async () => {
    // Mixcloud is connected again since the entry-point test (own profile).
    const before = (await control<unknown[]>(replica, 'GET', '/mixcloud/uploads')).length;
    const page = await chooseLibraryFile('mixcloud', relative);
    await fillField(page, '#f-title', 'Night Drive Library Session');
    await fillField(page, '#f-description', 'Streamed by the native host.');
    await fillField(page, '#f-tags', 'deep house, library, live');
    await fillField(page, '#f-tracklist', '0:00 Intro\n2:00 Mira - Night Drive');
    await setChecked(page, '#f-private', true);
    const job = await submitAndFinish(page);
    expect(job).toMatchObject({ state: 'done', link: 'https://www.mixcloud.com/deckhandtester/night-drive-library-session/' });
    await page.$eval('[data-testid="upload-job"]', (el) => el.scrollIntoView({ block: 'end' }));
    await screenshot(page, 'upload-library-mixcloud-done');
    const uploads = await control<Record<string, unknown>[]>(replica, 'GET', '/mixcloud/uploads');
    expect(uploads).toHaveLength(before + 1);
    const file = readFileSync(libraryMp3);
    expect(uploads.at(-1)).toMatchObject({
      name: 'Night Drive Library Session', description: 'Streamed by the native host.', tags: ['deep house', 'library', 'live'], unlisted: true,
      sections: [{ chapter: 'Intro', start_time: 0 }, { artist: 'Mira', song: 'Night Drive', start_time: 120 }],
      mp3: { filename: 'Mira - Night Drive (Library).mp3', bytes: file.length, sha256: createHash('sha256').update(file).digest('hex') },
    });
    expect((uploads.at(-1)!.picture as { bytes: number }).bytes).toBeGreaterThan(100);
  }, 180_000);

  it('a worker that dies after SoundCloud received the upload, before its answer came, does not upload it again', async () => {
    const title = 'Night Drive (Lost Answer)';
    const uploaded = async () => (await control<{ fields: Record<string, string> }[]>(replica, 'GET', '/soundcloud/uploads')).filter((u) => u.fields.title === title);
    const page = await chooseLibraryFile('soundcloud', relative);
    await fillField(page, '#f-title', title);
    // The replica stores the upload at once and answers a minute later: the answer is lost with the worker.
    await control(replica, 'POST', '/faults', { uploadAnswerDelayMs: 60_000 });
    try {
      await page.click('[data-testid="upload-submit"]');
      for (const deadline = Date.now() + 30_000; (await uploaded()).length === 0; ) {
        if (Date.now() > deadline) throw new Error('the replica never received the upload');
        await new Promise((r) => setTimeout(r, 200));
      }
      await session.stopWorker();
    } finally {
      await control(replica, 'POST', '/faults', { uploadAnswerDelayMs: 0 });
    }
    await openPopupQueue(); // wakes a new worker: the job left 'running' is queued again and runs
    const jobExpr = `globalThis.deckhand.queue.restore().then(() => globalThis.deckhand.queue.list().find((j) => j.ref.title === ${JSON.stringify(title)}))`;
    let job: { state: string; note?: string; upload?: { url?: string }; attempts: number } | undefined;
    for (const deadline = Date.now() + 60_000; job?.state !== 'done' && job?.state !== 'failed'; ) {
      if (Date.now() > deadline) throw new Error(`the job did not finish: ${JSON.stringify(job)}`);
      await new Promise((r) => setTimeout(r, 300));
      job = await session.inWorker<typeof job>(jobExpr).catch(() => undefined);
    }
    expect(job).toMatchObject({ state: 'done', upload: { url: expect.stringMatching(/^https:\/\/soundcloud\.com\/.+\/night-drive-lost-answer$/) } });
    expect(job!.attempts).toBeGreaterThanOrEqual(2);
    expect(job!.note).toMatch(/^Already on SoundCloud: the first attempt’s answer was lost/);
    expect(await uploaded()).toHaveLength(1);
  }, 180_000);
});
