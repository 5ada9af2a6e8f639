/**
 * Firefox: the firefox-mv2 build in firefox-esr (headless, through puppeteer's WebDriver BiDi), with
 * the replica as Firefox's HTTPS proxy and the real native host registered for Firefox. In-page
 * buttons draw their CSS-mask icon on SoundCloud, Mixcloud and Beatport pages (pixels counted from a
 * screenshot) and Beatport rows carry the BPM/key chip; a download through the host is enriched from
 * Beatport and reaches "Saved" (and the match's chip) on the page; the popup (a moz-extension:// page
 * as a tab) lists the page's items and the done job, and the page registry is in storage.session;
 * pause and resume from the popup queue; SoundCloud sign-in through Firefox's launchWebAuthFlow
 * window; Beatport sign-in through the site's session cookie; the tagger page writing a file's tags.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { startReplica, type Replica } from '../replica/server';
import { SOUNDCLOUD_FIXTURES as SC } from '../replica/platforms/soundcloud/fixtures';
import { MIXCLOUD_FIXTURES as MC } from '../replica/platforms/mixcloud/fixtures';
import { BEATPORT_FIXTURES as BP } from '../replica/platforms/beatport/fixtures';
import { extensionStorage, launchFirefox, setSettings, type FirefoxSession } from '../harness/firefox';
import { screenshot, screenshotOnFailure } from '../harness/artifacts';
import { GECKO_ID } from '../../wxt.config';
import { ffprobe, mutagen } from '../harness/probe';
import { control, idbToken } from './account-flow';
import { audioMd5, makeAudio } from '../../native-host/src/tagging/test-media';

let replica: Replica;
let ff: FirefoxSession;
const pages: Page[] = [];

beforeAll(async () => {
  replica = await startReplica({ port: 0, lazyMedia: true });
  ff = await launchFirefox(replica, { withHost: true });
}, 60_000);

// Each test starts with only its own tabs: Firefox is slow on 2 shared cores.
beforeEach(async () => {
  for (const page of pages.splice(0)) await page.close().catch(() => undefined);
  screenshotOnFailure('firefox', () => pages);
});

afterAll(async () => {
  await ff?.close();
  await replica?.stop();
});

async function open(url: string): Promise<Page> {
  const page = await ff.newPage(url);
  pages.push(page);
  return page;
}

async function buttonHost(page: Page, key: string): Promise<ElementHandle<Element>> {
  const host = await page.waitForSelector(`[data-deckhand-track="${key}"]`, { timeout: 30_000 });
  if (!host) throw new Error(`no button for ${key}`);
  return host;
}

interface IconReport {
  maskImage: string;
  width: number;
  height: number;
  /** Share of the icon box's pixels that differ clearly from the button's background (0..1). */
  ink: number;
}

/**
 * What the button's icon looks like on screen: its computed mask, its box, and how much of the box a
 * screenshot shows drawn. A mask Firefox could not use draws nothing (ink 0) or a solid square (ink 1).
 */
async function iconOf(page: Page, host: ElementHandle<Element>): Promise<IconReport> {
  await host.evaluate((h) => h.scrollIntoView({ block: 'center' }));
  const icon = (await host.evaluateHandle((h) => h.shadowRoot!.querySelector('.dh .icon')!)) as ElementHandle<Element>;
  const png = await icon.screenshot({ encoding: 'base64' });
  return page.evaluate(
    async (el: Element, b64: string) => {
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      const bg = getComputedStyle(el.closest('.dh')!).backgroundColor.match(/\d+/g)!.map(Number);
      const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
      let inked = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs(data[i]! - bg[0]!) + Math.abs(data[i + 1]! - bg[1]!) + Math.abs(data[i + 2]! - bg[2]!) > 90) inked++;
      }
      return { maskImage: style.maskImage, width: box.width, height: box.height, ink: inked / (data.length / 4) };
    },
    icon,
    png,
  );
}

function expectDrawnIcon(icon: IconReport): void {
  expect(icon.maskImage).toMatch(/^url\("data:image\/svg\+xml,/);
  expect([icon.width, icon.height]).toEqual([14, 14]);
  // The download arrow's strokes cover part of the box, not none of it and not all of it.
  expect(icon.ink).toBeGreaterThan(0.08);
  expect(icon.ink).toBeLessThan(0.7);
}

/** Beatport's catalogue is read with the anonymous access any beatport.com page carries: get it. */
async function beatportAccess(): Promise<void> {
  await buttonHost(await open(BP.previewTrack.url), `beatport:${BP.previewTrack.id}`);
  const probe = await ff.openExtensionPage('popup.html');
  pages.push(probe);
  const deadline = Date.now() + 15_000;
  while (!(await extensionStorage(probe, 'local', 'beatport.anonToken'))['beatport.anonToken']) {
    if (Date.now() > deadline) throw new Error('no anonymous Beatport token after opening a beatport.com page');
    await new Promise((r) => setTimeout(r, 200));
  }
}

const buttonState = (page: Page, key: string) => page.$eval(`[data-deckhand-track="${key}"]`, (h) => (h as HTMLElement).dataset.deckhandState ?? '');

async function waitForState(page: Page, key: string, states: string[], timeout = 120_000): Promise<string> {
  await page.waitForFunction(
    (k: string, s: string[]) => s.includes((document.querySelector(`[data-deckhand-track="${k}"]`) as HTMLElement | null)?.dataset.deckhandState ?? ''),
    { timeout, polling: 250 },
    key,
    states,
  );
  return buttonState(page, key);
}

it('installs the Firefox build; the SoundCloud button draws its icon', async () => {
  expect(ff.addonId).toBe(GECKO_ID);
  const page = await open(SC.plain.url);
  const key = `soundcloud:${SC.plain.urn}`;
  const host = await buttonHost(page, key);
  const label = await host.evaluate((h) => h.shadowRoot?.querySelector('button')?.textContent ?? '');
  expect(label).toContain('Download');
  expect(await page.$$eval(`[data-deckhand-track="${key}"]`, (els) => els.length)).toBe(1);
  expectDrawnIcon(await iconOf(page, host));
  await screenshot(page, 'firefox-soundcloud-track');
});

it('Mixcloud show page: the button draws its icon', async () => {
  const page = await open(MC.shortShow.url);
  const host = await buttonHost(page, `mixcloud:${MC.shortShow.key}`);
  expect(await host.evaluate((h) => h.shadowRoot?.querySelector('button .label')?.textContent)).toBe('Download');
  expectDrawnIcon(await iconOf(page, host));
  await screenshot(page, 'firefox-mixcloud-show');
});

it('Beatport release: a Preview button with its icon and the BPM/key chip on the row', async () => {
  const page = await open(BP.release.url);
  const row = `div[data-testid="tracks-table-row"][data-track-id="${BP.previewTrack.id}"]`;
  const host = await page.waitForSelector(`${row} [data-deckhand-track="beatport:${BP.previewTrack.id}"]`, { timeout: 30_000 });
  const shown = await host!.evaluate((h) => ({
    label: h.shadowRoot?.querySelector('button.dh:not(.copy) .label')?.textContent,
    chip: h.shadowRoot?.querySelector('.facts')?.textContent,
    chipBox: h.shadowRoot?.querySelector('.facts')?.getBoundingClientRect().width ?? 0,
  }));
  expect(shown.label).toBe('Preview');
  expect(shown.chip).toBe(`${BP.previewTrack.bpm} BPM · Dbm`);
  expect(shown.chipBox).toBeGreaterThan(30);
  // Every row of the release has its own button.
  expect(await page.$$eval(`div[data-testid="tracks-table-row"] [data-deckhand-track]`, (els) => els.length)).toBe(BP.release.trackIds.length);
  expectDrawnIcon(await iconOf(page, host!));
  await screenshot(page, 'firefox-beatport-release');
});

it('downloads through the native host, enriched from Beatport: the button reaches Saved, the popup lists the page and the done job', async () => {
  // An upload with no genre or label of its own whose Beatport twin exists (same length).
  const fixture = SC.beatportTwin;
  const twin = BP.extendedVsOriginal.original;
  await beatportAccess();
  const page = await open(fixture.url);
  const key = `soundcloud:${fixture.urn}`;
  const host = await buttonHost(page, key);
  await host.evaluate((h) => (h as HTMLElement).shadowRoot!.querySelector('button')!.click());
  // Job updates reach the tab in Firefox: the button's own state, not a reload.
  const state = await waitForState(page, key, ['done', 'failed']);
  expect(state, await host.evaluate((h) => (h as HTMLElement).shadowRoot!.querySelector('button')!.title)).toBe('done');
  expect(await host.evaluate((h) => h.shadowRoot!.querySelector('button .label')?.textContent)).toBe('Saved');
  // The match found at queue time reaches the tab too: Beatport's BPM and key beside the button.
  await page.waitForFunction((h: Element) => !!h.shadowRoot?.querySelector('.facts'), { timeout: 20_000, polling: 200 }, host);
  const chip = await host.evaluate((h) => {
    const c = h.shadowRoot!.querySelector('.facts')!;
    return { text: c.textContent, href: c.getAttribute('href') };
  });
  expect(chip.text).toMatch(new RegExp(`^${twin.bpm} BPM · \\S+$`));
  expect(chip.href).toBe(`https://www.beatport.com/track/solstice-run/${twin.id}`);
  await host.evaluate((h) => h.scrollIntoView({ block: 'center' }));
  await screenshot(page, 'firefox-soundcloud-saved-with-chip');
  const file = readdirSync(ff.libraryDir).find((f) => f.endsWith('.m4a'));
  expect(file).toBe(`${fixture.expected.artist} - ${fixture.expected.title}.m4a`);
  const path = join(ff.libraryDir, file!);
  expect(existsSync(path)).toBe(true);
  expect(ffprobe(path).streams[0]?.codec_name).toBe('aac');
  const { tags } = mutagen(path);
  expect(tags['©nam']).toEqual([fixture.expected.title]);
  expect(tags.tmpo).toEqual([twin.bpm]);
  expect(tags['©gen']).toEqual([twin.genre]);
  expect(tags['----:com.apple.iTunes:BEATPORT_TRACK_ID']).toEqual([String(twin.id)]);

  const popup = await ff.openPopup(page);
  pages.push(popup);
  const row = await popup.waitForSelector(`li.item[data-track="${key}"] .status.ok`, { timeout: 20_000 });
  expect(await row!.evaluate((s) => s.textContent)).toBe(`Saved — ${file}`);
  expect(await popup.$eval(`li.item[data-track="${key}"] .title`, (t) => t.textContent)).toBe(fixture.expected.title);
  // The page registry lives in storage.session in Firefox's MV2 background page too.
  const registry = await extensionStorage(popup, 'session');
  expect(Object.values(registry).map((p) => (p as { pageUrl?: string }).pageUrl)).toContain(page.url());
  await screenshot(popup, 'firefox-popup-this-page');
  const tabs = await popup.$$('[role="tab"]');
  await tabs[tabs.length - 1]!.click();
  const job = await popup.waitForSelector('li.job[data-state="done"]', { timeout: 10_000 });
  expect(await job!.evaluate((li) => li.querySelector('.title')?.textContent)).toBe(fixture.expected.title);
  expect(await job!.evaluate((li) => li.querySelector('.note')?.textContent)).toMatch(/^Enriched from Beatport \(match \d+%\)\.$/);
  await screenshot(popup, 'firefox-popup-queue-done');
}, 180_000);

it('without the host: the background page remuxes in memory and Firefox saves into Downloads/Deckhand', async () => {
  const fixture = SC.userUpload;
  const page = await open(fixture.url);
  const key = `soundcloud:${fixture.urn}`;
  const host = await buttonHost(page, key);
  // Firefox has no offscreen document: the MV2 background page makes the blob itself.
  const settingsPage = await ff.openExtensionPage('popup.html');
  pages.push(settingsPage);
  await setSettings(settingsPage, { nativeHost: 'never' });
  try {
    await host.evaluate((h) => (h as HTMLElement).shadowRoot!.querySelector('button')!.click());
    const state = await waitForState(page, key, ['done', 'failed']);
    expect(state, await host.evaluate((h) => (h as HTMLElement).shadowRoot!.querySelector('button')!.title)).toBe('done');
  } finally {
    await setSettings(settingsPage, { nativeHost: 'auto' });
  }
  const folder = join(ff.downloadsDir, 'Deckhand');
  const file = existsSync(folder) ? readdirSync(folder).find((f) => f.endsWith('.m4a')) : undefined;
  expect(file, `no .m4a in ${folder}`).toBe(`${fixture.expected.artist} - ${fixture.expected.title}.m4a`);
  const path = join(folder, file!);
  const probe = ffprobe(path);
  expect(probe.streams[0]?.codec_name).toBe('aac');
  expect(Math.abs(Number(probe.format.duration) - fixture.fullDurationMs / 1000)).toBeLessThan(1);
  expect(mutagen(path).tags['©nam']).toEqual([fixture.expected.title]);
}, 120_000);

/** A queue row of the popup's Queue tab, by the job's title, once it is in `state`. */
async function queueRow(popup: Page, title: string, state: string): Promise<string> {
  const handle = await popup.waitForFunction(
    (t: string, s: string) => [...document.querySelectorAll<HTMLElement>(`li.job[data-state="${s}"]`)].find((li) => li.querySelector('.title')?.textContent === t)?.dataset.job,
    { timeout: 60_000, polling: 200 },
    title,
    state,
  );
  return (await handle.jsonValue()) as string;
}

it('pause and resume from the popup queue: the in-page button follows, the host finishes the show', async () => {
  const show = MC.shortShow;
  const key = `mixcloud:${show.key}`;
  const page = await open(show.url);
  const host = await buttonHost(page, key);
  const popup = await ff.openPopup(page);
  pages.push(popup);
  // One segment at a time, 150 ms each: the pause lands in the middle of the show.
  await setSettings(popup, { segmentConcurrency: 1 });
  replica.app.faults.set({ latencyMs: 150 });
  try {
    await host.evaluate((h) => (h as HTMLElement).shadowRoot!.querySelector('button')!.click());
    await page.waitForFunction(
      (k: string) => /^([1-9]\d)%$/.test(document.querySelector(`[data-deckhand-track="${k}"]`)?.shadowRoot?.querySelector('button .label')?.textContent ?? ''),
      { timeout: 60_000, polling: 200 },
      key,
    );
    const tabs = await popup.$$('[role="tab"]');
    await tabs[tabs.length - 1]!.click();
    const jobId = await queueRow(popup, show.name, 'running');
    await popup.click(`li[data-job="${jobId}"] button[data-action="pause"]`);
    await queueRow(popup, show.name, 'paused');
    expect(await waitForState(page, key, ['paused'], 15_000)).toBe('paused');
    expect(await host.evaluate((h) => h.shadowRoot!.querySelector('button .label')?.textContent)).toMatch(/^Paused \d+%$/);
    await screenshot(popup, 'firefox-popup-queue-paused');
    replica.app.faults.set({ latencyMs: 0 });
    await popup.click(`li[data-job="${jobId}"] button[data-action="resume"]`);
    await queueRow(popup, show.name, 'done');
    expect(await waitForState(page, key, ['done', 'failed'], 60_000)).toBe('done');
  } finally {
    replica.app.faults.set({ latencyMs: 0 });
    await setSettings(popup, { segmentConcurrency: 6 });
  }
  const file = readdirSync(ff.libraryDir, { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('.m4a') && f.includes(show.name) && !f.includes('.deckhand'));
  expect(file, readdirSync(ff.libraryDir).join(', ')).toBeDefined();
  expect(Math.abs(Number(ffprobe(join(ff.libraryDir, file!)).format.duration) - show.durationSec)).toBeLessThan(1);
}, 180_000);

it('SoundCloud sign-in through Firefox identity.launchWebAuthFlow: consent in its window, the account shows', async () => {
  const app = { id: 'e2eFirefoxClient', secret: 'e2e-firefox-secret' };
  const options = await ff.openExtensionPage('options.html');
  pages.push(options);
  const redirect = await (await options.waitForSelector('[data-testid="soundcloud-redirect"]'))!.evaluate((e) => e.textContent ?? '');
  // Firefox's redirect host is derived from the add-on id, not the per-profile UUID.
  expect(redirect).toMatch(/^https:\/\/[0-9a-f]{40}\.extensions\.allizom\.org\/soundcloud$/);
  await control(replica, 'POST', '/soundcloud/apps', { client_id: app.id, client_secret: app.secret, redirect_uris: [redirect] });
  await options.evaluate(() => void (document.querySelector<HTMLDetailsElement>('[data-testid="account-soundcloud"] details')!.open = true));
  await options.type('#soundcloud-client-id', app.id);
  await options.type('#soundcloud-client-secret', app.secret);
  await options.$eval('[data-testid="soundcloud-save-credentials"]', (el) => (el as HTMLElement).click());
  await options.waitForSelector('[data-testid="soundcloud-connect"]:not([disabled])');
  const consentTarget = ff.browser.waitForTarget((t) => t.url().startsWith('https://secure.soundcloud.com/authorize'), { timeout: 20_000 });
  await options.$eval('[data-testid="soundcloud-connect"]', (el) => (el as HTMLElement).click());
  const consent = await (await consentTarget).page();
  expect(new URL(consent!.url()).searchParams.get('redirect_uri')).toBe(redirect);
  await consent!.waitForSelector('#submit_approval');
  await screenshot(consent!, 'firefox-oauth-consent');
  await consent!.click('#submit_approval');
  await options.bringToFront();
  const account = await options.waitForSelector('[data-testid="soundcloud-account-name"]', { timeout: 20_000 });
  expect(await account!.evaluate((e) => e.textContent)).toMatch(/Mira Kovač · Pro Unlimited/);
  const token = await idbToken(options, 'soundcloud:user');
  expect(token).toMatchObject({ platform: 'soundcloud' });
  expect(String(token?.refreshToken).length).toBeGreaterThan(10);
  await options.$eval('.accounts', (el) => el.scrollIntoView());
  await screenshot(options, 'firefox-options-connected');
}, 120_000);

it('Beatport sign-in through the beatport.com site session (its SameSite=Lax cookie) from Firefox', async () => {
  const site = await open('https://www.beatport.com/account/login?callbackUrl=/api/auth/csrf');
  await site.type('input[name="username"]', 'deckhand-dj');
  await site.type('input[name="password"]', 'replica-pass-dj');
  await Promise.all([site.waitForNavigation(), site.click('button[type="submit"]')]);
  const options = await ff.openExtensionPage('options.html');
  pages.push(options);
  await options.waitForSelector('[data-testid="beatport-connect-session"]');
  await options.$eval('[data-testid="beatport-connect-session"]', (el) => (el as HTMLElement).click());
  const outcome = await options.waitForSelector('[data-testid="beatport-account-name"], [data-testid="beatport-error"]', { timeout: 20_000 });
  await options.$eval('[data-testid="account-beatport"]', (el) => el.scrollIntoView({ block: 'center' }));
  await screenshot(options, 'firefox-options-beatport');
  expect(await outcome!.evaluate((el) => `${el.getAttribute('data-testid')}: ${el.textContent}`)).toBe('beatport-account-name: Deck Hand (deckhand-dj) · via your beatport.com session');
  expect(await idbToken(options, 'beatport:user')).toMatchObject({ platform: 'beatport', scope: 'user:dj openid app:prostore' });
}, 60_000);

it('tagger page: a library file is scanned through the host, matched to Beatport and its tags written', async () => {
  const solstice = BP.extendedVsOriginal.original;
  const rel = 'Crate/solstice.mp3';
  const file = join(ff.libraryDir, 'Crate', 'solstice.mp3');
  mkdirSync(join(ff.libraryDir, 'Crate'), { recursive: true });
  // Its length agrees with Beatport's (same version), so BPM and key are taken.
  makeAudio(file, { format: 'mp3', seconds: 225, metadata: { title: 'Solstice Run', artist: 'Mira Lenz' } });
  const audioBefore = audioMd5(file);
  await beatportAccess();
  const tagger = await ff.openExtensionPage('tagger.html');
  pages.push(tagger);
  const crate = await tagger.waitForSelector('ul.folders button::-p-text(Crate)', { timeout: 20_000 });
  await crate!.click();
  await tagger.click('button[type=submit]');
  await tagger.waitForFunction(() => document.querySelector('.progress')?.textContent?.includes('looked up'), { timeout: 60_000, polling: 250 });
  const match = await tagger.$eval(`tr[data-path="${rel}"] [data-match]`, (td) => [td.getAttribute('data-match'), td.getAttribute('data-beatport-id')]);
  expect(match).toEqual(['matched', String(solstice.id)]);
  await tagger.click('button::-p-text(Accept)');
  const write = await tagger.waitForSelector('button::-p-text(Write tags to 1 file)');
  await write!.click();
  await tagger.waitForFunction((p: string) => document.querySelector(`tr[data-path="${p}"]`)?.getAttribute('data-outcome') === 'written', { timeout: 30_000, polling: 250 }, rel);
  await screenshot(tagger, 'firefox-tagger-written');
  const tags = mutagen(file).tags;
  expect(tags.TBPM).toEqual([[String(solstice.bpm)]]);
  expect(tags.TCON).toEqual([[solstice.genre]]);
  expect(audioMd5(file)).toBe(audioBefore);
}, 120_000);
