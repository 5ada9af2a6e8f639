/**
 * Beatport in real Chromium against the replica: one "Preview" button with a BPM/key chip on every
 * track row of each page kind, the chips in the user's key notation, rows drawn after client-side
 * navigation (stale __NEXT_DATA__), "Copy tags" through the clipboard, a fresh anonymous token
 * picked up on navigation, a preview saved through the native host as a tagged ID3v2.4 MP3, and a
 * release's "Download all".
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { startReplica, type Replica } from '../replica/server';
import { BEATPORT_FIXTURES as F, setBeatportAuthSettings } from '../replica/platforms/beatport/fixtures';
import { replicaClient } from '../replica/platforms/beatport/test-client';
import { launchChromium, type ChromiumSession } from '../harness/chromium';
import { screenshot, screenshotOnFailure } from '../harness/artifacts';
import { decodeErrors, ffprobe, mutagen } from '../harness/probe';

const WWW = 'https://www.beatport.com';
const PREVIEW_KEY = `beatport:${F.previewTrack.id}`;
let replica: Replica;
let session: ChromiumSession;
const pages: Page[] = [];

beforeAll(async () => {
  replica = await startReplica({ port: 0 });
  session = await launchChromium({ replica });
});

// Each test starts with only its own tabs: fewer background pages to keep busy on 2 cores.
beforeEach(async () => {
  for (const page of pages.splice(0)) await page.close().catch(() => undefined);
});

afterAll(async () => {
  await session?.close();
  await replica?.stop();
});

async function setSettings(patch: Record<string, unknown>): Promise<void> {
  await session.inWorker(`chrome.storage.local.get('settings').then(r => chrome.storage.local.set({ settings: { ...(r.settings || {}), ...${JSON.stringify(patch)} } }))`);
}

async function open(url: string): Promise<Page> {
  const page = await session.newPage(url);
  pages.push(page);
  return page;
}

interface RowButtons {
  rowId: string;
  hosts: number;
  key?: string;
  label?: string;
  chip?: string;
  copy?: string;
}

/** Per row: how many Deckhand hosts it holds and what the first one shows. */
function rowButtons(page: Page): Promise<RowButtons[]> {
  return page.$$eval('div[data-testid="tracks-table-row"]', (rows) =>
    rows.map((row) => {
      const hosts = [...row.querySelectorAll<HTMLElement>('[data-deckhand-track]')];
      const root = hosts[0]?.shadowRoot;
      return {
        rowId: (row as HTMLElement).dataset.trackId ?? '',
        hosts: hosts.length,
        key: hosts[0]?.dataset.deckhandTrack,
        label: root?.querySelector('button.dh:not(.copy) .label')?.textContent ?? undefined,
        chip: root?.querySelector('.facts')?.textContent ?? undefined,
        copy: root?.querySelector('button.copy .label')?.textContent ?? undefined,
      };
    }),
  );
}

/** Wait until every row has a button, then check there is exactly one per row and no other. */
async function expectOneButtonPerRow(page: Page, expectedRows?: number): Promise<RowButtons[]> {
  await page.waitForFunction(
    () => {
      const rows = [...document.querySelectorAll('div[data-testid="tracks-table-row"]')];
      return rows.length > 0 && rows.every((r) => r.querySelector('[data-deckhand-track]'));
    },
    { timeout: 20_000, polling: 100 },
  );
  const rows = await rowButtons(page);
  if (expectedRows !== undefined) expect(rows).toHaveLength(expectedRows);
  for (const r of rows) {
    expect(r.hosts, `row ${r.rowId}`).toBe(1);
    expect(r.key).toBe(`beatport:${r.rowId}`);
    expect(r.label).toBe('Preview');
    expect(r.copy).toBe('Copy tags');
  }
  const outsideRows = await page.$$eval('[data-deckhand-track]', (hosts) => hosts.filter((h) => !h.closest('div[data-testid="tracks-table-row"]')).length);
  expect(outsideRows).toBe(page.url().includes('/track/') ? 1 : 0);
  return rows;
}

const chipOf = (rows: RowButtons[], id: number) => rows.find((r) => r.rowId === String(id))?.chip;

describe('Beatport pages', () => {
  it('Top 100: exactly one Preview button with a BPM/key chip per row', async () => {
    screenshotOnFailure('bp-top100', () => pages);
    const page = await open(`${WWW}/top-100`);
    const rows = await expectOneButtonPerRow(page, 100);
    expect(chipOf(rows, F.previewTrack.id)).toBe(`${F.previewTrack.bpm} BPM · Dbm`);
    // Half-time BPM is shown as Beatport gives it.
    expect(chipOf(rows, F.halfTimeBpm.id)).toBe(`${F.halfTimeBpm.bpm} BPM · Fm`);
    await screenshot(page, 'beatport-top-100');
  });

  it('genre Top 100, release, DJ chart, artist, label and search pages', async () => {
    screenshotOnFailure('bp-lists', () => pages);
    const chart = F.chart as NonNullable<typeof F.chart>;
    const genre = await open(F.top100Genre.url);
    expect((await expectOneButtonPerRow(genre, 100)).map((r) => Number(r.rowId))).toEqual(F.top100Genre.top100TrackIds);
    const release = await open(F.release.url);
    expect(new Set((await expectOneButtonPerRow(release, F.release.trackIds.length)).map((r) => Number(r.rowId)))).toEqual(new Set(F.release.trackIds));
    await screenshot(release, 'beatport-release');
    const dj = await open(chart.url);
    expect(new Set((await expectOneButtonPerRow(dj, chart.trackIds.length)).map((r) => Number(r.rowId)))).toEqual(new Set(chart.trackIds));
    await screenshot(dj, 'beatport-dj-chart');
    // Artist and label pages, reached from the release's first row.
    const entityLink = (kind: string) => release.$eval(`div[data-testid="tracks-table-row"] a[href^="/${kind}/"]`, (a) => (a as HTMLAnchorElement).href);
    for (const kind of ['artist', 'label']) {
      const entity = await open(await entityLink(kind));
      await expectOneButtonPerRow(entity);
      await screenshot(entity, `beatport-${kind}`);
    }
    const search = await open(`${WWW}/search?q=${encodeURIComponent('Lantern Code')}`);
    const found = await expectOneButtonPerRow(search);
    expect(found.map((r) => Number(r.rowId))).toContain(F.previewTrack.id);
    await screenshot(search, 'beatport-search');
  });

  it('track page: one medium button beside the play button', async () => {
    screenshotOnFailure('bp-track', () => pages);
    const page = await open(F.previewTrack.url);
    const host = await page.waitForSelector(`[data-deckhand-track="${PREVIEW_KEY}"]`, { timeout: 20_000 });
    expect(await page.$$eval('[data-deckhand-track]', (h) => h.length)).toBe(1);
    const placed = await host!.evaluate((h) => ({
      afterPlay: (h.previousElementSibling as HTMLElement | null)?.dataset.testid,
      size: h.shadowRoot?.querySelector('button.dh')?.className,
      chip: h.shadowRoot?.querySelector('.facts')?.textContent,
    }));
    expect(placed).toEqual({ afterPlay: 'play-button', size: 'dh medium', chip: `${F.previewTrack.bpm} BPM · Dbm` });
    await screenshot(page, 'beatport-track-page');
    // The popup lists the page's item as a preview.
    const popup = await session.openPopup(await session.tabIdOf(page));
    pages.push(popup);
    await popup.waitForSelector('.item', { timeout: 15_000 });
    expect(await popup.$$eval('.item', (items) => items.length)).toBe(1);
    expect(await popup.$eval('.item', (item) => item.textContent ?? '')).toContain('Lantern Code');
    await screenshot(popup, 'beatport-popup-track-page');
  });

  it('chips follow the key notation setting (Camelot)', async () => {
    screenshotOnFailure('bp-camelot', () => pages);
    const page = await open(`${WWW}/top-100`);
    await expectOneButtonPerRow(page, 100);
    await setSettings({ keyNotation: 'camelot' });
    await page.waitForFunction(
      (key: string, chip: string) => document.querySelector(`[data-deckhand-track="${key}"]`)?.shadowRoot?.querySelector('.facts')?.textContent === chip,
      { timeout: 10_000 },
      PREVIEW_KEY,
      `${F.previewTrack.bpm} BPM · ${F.previewTrack.key?.camelot}`,
    );
    const rows = await expectOneButtonPerRow(page, 100);
    expect(rows.every((r) => !r.chip || /^\d+ BPM · \d{1,2}[AB]$/.test(r.chip) || /^\d{1,2}[AB]$/.test(r.chip))).toBe(true);
    await screenshot(page, 'beatport-top-100-camelot');
  });

  it('rows drawn after client-side navigation get buttons; a near-expiry token is renewed on the way', async () => {
    screenshotOnFailure('bp-spa', () => pages);
    setBeatportAuthSettings({ anonLifetimeSec: 300 }); // inside the 10-minute renewal window
    try {
      const stored = () => session.inWorker<number>(`chrome.storage.local.get('beatport.anonToken').then(r => (r['beatport.anonToken'] || {}).expiresAt || 0)`);
      // Forget the hour-long tokens of earlier pages: this page's 5-minute token is the one in use.
      await session.inWorker(`chrome.storage.local.remove('beatport.anonToken')`);
      const page = await open(`${WWW}/top-100`);
      // Hype 100 holds the hostile item (markup, RTL marks, a 2,000-character title): nothing may run.
      let dialogs = 0;
      page.on('dialog', (d) => {
        dialogs++;
        void d.dismiss();
      });
      await expectOneButtonPerRow(page, 100);
      await expect.poll(stored, { timeout: 10_000 }).toBeGreaterThan(0);
      const before = await stored();
      expect(before - Date.now()).toBeLessThan(300_000);
      await new Promise((r) => setTimeout(r, 1100)); // tokens are minted with whole-second expiries
      await page.click('header nav a[href="/hype-100"]');
      await page.waitForFunction(() => document.documentElement.dataset.replicaNavigations === '1', { timeout: 15_000 });
      // The DOM's __NEXT_DATA__ still describes the Top 100: these rows are read from the DOM.
      expect(await page.$eval('#__NEXT_DATA__', (s) => JSON.parse(s.textContent ?? '{}').page)).toBe('/top-100');
      const rows = await expectOneButtonPerRow(page);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.filter((r) => r.rowId !== String(F.hostile.track.id)).every((r) => /^\d+ BPM · \d{1,2}[AB]$/.test(r.chip ?? ''))).toBe(true);
      await expect.poll(stored, { timeout: 10_000 }).toBeGreaterThan(before);
      await screenshot(page, 'beatport-hype-100-after-navigation');
      // A genre page reached the same way.
      await page.click(`.genre-strip a[href="/genre/${F.top100Genre.slug}/${F.top100Genre.id}"]`);
      await page.waitForFunction(() => document.documentElement.dataset.replicaNavigations === '2', { timeout: 15_000 });
      await expectOneButtonPerRow(page);
      expect(dialogs).toBe(0);
    } finally {
      setBeatportAuthSettings({ anonLifetimeSec: 3600 });
    }
  });

  it('"Copy tags" puts the track’s tags on the clipboard', async () => {
    screenshotOnFailure('bp-copy', () => pages);
    await session.browser.defaultBrowserContext().overridePermissions(WWW, ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
    const page = await open(F.release.url);
    await expectOneButtonPerRow(page, F.release.trackIds.length);
    await page.bringToFront();
    await page.$eval(`div[data-track-id="${F.previewTrack.id}"] [data-deckhand-track]`, (h) => (h.shadowRoot?.querySelector('button.copy') as HTMLButtonElement).click());
    await page.waitForFunction(
      (key: string) => [...document.querySelectorAll(`[data-deckhand-track="${key}"]`)].some((h) => h.shadowRoot?.querySelector('button.copy .label')?.textContent === 'Copied'),
      { timeout: 15_000 },
      PREVIEW_KEY,
    );
    const text = await page.evaluate(() => navigator.clipboard.readText());
    const t = F.previewTrack;
    expect(text.split('\n')).toEqual([
      `Title: ${t.title}`,
      `Artists: ${t.artists.join(', ')}`,
      `Album: ${t.release.name}`,
      `Label: ${t.label}`,
      `Catalog: ${t.catalogNumber}`,
      `Genre: ${t.genre} / ${t.subGenre}`,
      `BPM: ${t.bpm}`,
      `Key: ${t.key?.camelot}`, // the notation chosen above
      `Released: ${t.newReleaseDate}`,
      `ISRC: ${t.isrc}`,
      `URL: ${t.url}`,
    ]);
    await screenshot(page, 'beatport-copy-tags');
  });
});

function findFile(dir: string, ext: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(ext)) return join(entry.parentPath, entry.name);
  }
  return undefined;
}

describe('Beatport preview -> tagged MP3 through the native host', () => {
  it('saves the 120 s preview as ID3v2.4 with full tags and the release cover', async () => {
    screenshotOnFailure('bp-save', () => pages);
    await setSettings({ libraryRoot: session.libraryDir, nativeHost: 'auto', keyNotation: 'standard' });
    const page = await open(F.previewTrack.url);
    await page.waitForSelector(`[data-deckhand-track="${PREVIEW_KEY}"]`, { timeout: 20_000 });
    await page.$eval(`[data-deckhand-track="${PREVIEW_KEY}"]`, (h) => (h.shadowRoot?.querySelector('button.dh:not(.copy)') as HTMLButtonElement).click());
    await page.waitForFunction(
      (key: string) => ['done', 'failed'].includes((document.querySelector(`[data-deckhand-track="${key}"]`) as HTMLElement | null)?.dataset.deckhandState ?? ''),
      { timeout: 120_000, polling: 250 },
      PREVIEW_KEY,
    );
    const state = await page.$eval(`[data-deckhand-track="${PREVIEW_KEY}"]`, (h) => ({ state: (h as HTMLElement).dataset.deckhandState, title: h.shadowRoot?.querySelector('button.dh')?.getAttribute('title') }));
    expect(state.state, state.title ?? '').toBe('done');
    await screenshot(page, 'beatport-track-page-saved');

    const t = F.previewTrack;
    const file = findFile(session.libraryDir, '.mp3');
    expect(file, `no .mp3 in ${session.libraryDir}`).toBeDefined();
    expect(file!.endsWith(`${t.artists[0]} - ${t.title} [Preview].mp3`)).toBe(true);

    const probe = ffprobe(file!);
    expect(probe.streams.find((s) => s.codec_type === 'audio')?.codec_name).toBe('mp3');
    expect(Math.abs(Number(probe.format.duration) - t.previewDurationSec)).toBeLessThan(0.5);
    expect(decodeErrors(file!)).toBe('');

    const tags = mutagen(file!);
    expect(tags.id3_version).toEqual([2, 4, 0]);
    const frame = (id: string) => (tags.tags[id]?.[0] as string[] | undefined) ?? [];
    expect(frame('TIT2')).toEqual([`${t.title} [Preview]`]);
    expect(frame('TPE1')).toEqual(t.artists);
    expect(frame('TALB')).toEqual([t.release.name]);
    expect(frame('TBPM')).toEqual([String(t.bpm)]);
    expect(frame('TKEY')).toEqual(['Dbm']);
    expect(frame('TPUB')).toEqual([t.label]);
    expect(frame('TSRC')).toEqual([t.isrc]);
    expect(frame('TCON')).toEqual([t.genre]);
    expect(frame('TDRC')).toEqual([t.newReleaseDate]);
    expect(frame('TXXX:BEATPORT_TRACK_ID')).toEqual([String(t.id)]);
    expect(frame('TXXX:PREVIEW_START_MS')).toEqual([String(t.sampleStartMs)]);
    expect(frame('TXXX:PREVIEW_END_MS')).toEqual([String(t.sampleEndMs)]);
    expect(frame('TXXX:STYLE')).toEqual([t.subGenre]);
    expect(tags.tags.WOAF?.[0]).toBe(t.url);

    // The embedded picture is the release cover at 1400, not the waveform PNG.
    const get = replicaClient(replica);
    const cover = await get(t.coverUrl);
    const waveform = await get(t.waveformUrl);
    const apic = Object.entries(tags.tags).find(([k]) => k.startsWith('APIC'))?.[1]?.[0] as { mime: string; bytes: number } | undefined;
    expect(apic?.mime).toBe('image/jpeg');
    expect(apic?.bytes).toBe(cover.body.length);
    expect(apic?.bytes).not.toBe(waveform.body.length);
  });
});

describe('Beatport release: "Download all"', () => {
  it('queues every preview of the release in running order, from a button on the release card', async () => {
    screenshotOnFailure('bp-download-all', () => pages);
    const page = await open(F.release.url);
    // The rows' buttons (one of them may say "Saved": the test above saved that preview).
    await page.waitForFunction((n: number) => [...document.querySelectorAll('div[data-testid="tracks-table-row"]')].filter((r) => r.querySelector('[data-deckhand-track]')).length === n, { timeout: 20_000 }, F.release.trackIds.length);
    const host = await page.waitForSelector('[class*="ReleaseDetailCard-style__Wrapper"] [data-deckhand-action="download-all"]', { timeout: 10_000 });
    expect(await page.$$eval('[data-deckhand-action]', (els) => els.length)).toBe(1);
    expect(await host!.evaluate((h) => h.closest('div[data-testid="tracks-table-row"]'))).toBeNull();
    const button = await host!.evaluateHandle((h) => (h as HTMLElement).shadowRoot!.querySelector('button') as HTMLButtonElement);
    expect(await button.evaluate((b) => [b.textContent, b.getAttribute('aria-label')])).toEqual(['Download all', 'Download every track of this release with Deckhand, in order']);
    await screenshot(page, 'beatport-release-download-all');
    const since = await session.inWorker<number>('Date.now()');
    await (button as unknown as { click(): Promise<void> }).click();
    await page.waitForFunction((h: Element) => ['queued', 'done', 'failed'].includes((h as HTMLElement).dataset.deckhandState ?? ''), { timeout: 20_000 }, host!);
    // One job per track, in running order (oldest first); the preview saved by the test above counts as saved.
    const jobs = await session.inWorker<{ trackKey: string; state: string; createdAt: number }[]>('deckhand.queue.list()');
    const added = jobs.filter((j) => j.createdAt >= since).reverse();
    expect(added.map((j) => j.trackKey)).toEqual(F.release.trackIds.map((id) => `beatport:${id}`));
    const saved = added.filter((j) => j.state === 'done').length;
    expect(saved).toBe(F.release.trackIds.includes(F.previewTrack.id) ? 1 : 0);
    expect(await button.evaluate((b) => [b.textContent, b.title])).toEqual([
      `Queued ${F.release.trackIds.length - saved}`,
      `${F.release.trackIds.length - saved} tracks queued in Deckhand${saved ? `, ${saved} saved already` : ''}`,
    ]);
    await session.inWorker(`Promise.all(deckhand.queue.list().map((j) => deckhand.queue.cancel(j.id)))`);
  });
});
