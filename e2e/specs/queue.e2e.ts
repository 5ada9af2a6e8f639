/**
 * The download queue in real Chromium with the real native host, against the replica:
 * - a stopped service worker: the in-page button still reaches "Saved" (the "stuck Queued" flake);
 * - pause and resume from the popup: the host keeps its part files and continues where it stopped;
 *   the in-page button shows "Paused" with its progress meanwhile;
 * - the popup's queue with a running, a paused, a failed and a done job (screenshot);
 * - a browser closed in the middle of a two-hour show: relaunched on the same profile, the queue
 *   resumes the job, the host continues from its parts, and the finished file is complete.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer';
import type { JobView } from '../../shared/jobs';
import { startReplica, type Replica } from '../replica/server';
import { MIXCLOUD_FIXTURES as MC } from '../replica/platforms/mixcloud/fixtures';
import { SOUNDCLOUD_FIXTURES as SC } from '../replica/platforms/soundcloud/fixtures';
import { launchChromium, type ChromiumSession } from '../harness/chromium';
import { screenshot, screenshotOnFailure } from '../harness/artifacts';
import { decodeErrors, ffprobe } from '../harness/probe';

let replica: Replica;
let session: ChromiumSession;
const pages: Page[] = [];

beforeAll(async () => {
  replica = await startReplica({ port: 0, lazyMedia: true });
  session = await launchChromium({ replica });
  await setSettings({ libraryRoot: session.libraryDir, nativeHost: 'auto' });
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

async function buttonFor(page: Page, key: string): Promise<ElementHandle<HTMLButtonElement>> {
  const host = await page.waitForSelector(`[data-deckhand-track="${key}"]`, { timeout: 20_000 });
  return (await host!.evaluateHandle((h) => (h as HTMLElement).shadowRoot!.querySelector('button') as HTMLButtonElement)) as ElementHandle<HTMLButtonElement>;
}

async function waitForButton(page: Page, key: string, states: string[], timeoutMs = 120_000): Promise<string> {
  await page.waitForFunction(
    (k: string, s: string[]) => s.includes((document.querySelector(`[data-deckhand-track="${k}"]`) as HTMLElement | null)?.dataset.deckhandState ?? ''),
    { timeout: timeoutMs, polling: 250 },
    key,
    states,
  );
  return page.$eval(`[data-deckhand-track="${key}"]`, (h) => (h as HTMLElement).dataset.deckhandState as string);
}

/** The latest job for a track, as the background holds it. */
async function jobOf(key: string): Promise<JobView | undefined> {
  return session.inWorker<JobView | undefined>(`globalThis.deckhand.queue.restore().then(() => globalThis.deckhand.queue.forTracks([${JSON.stringify(key)}])[0])`);
}

async function waitForJob(key: string, done: (job: JobView | undefined) => boolean, timeoutMs: number): Promise<JobView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await jobOf(key).catch(() => undefined);
    if (done(job)) return job!;
    if (Date.now() > deadline) throw new Error(`job ${key} did not get there: ${JSON.stringify(job)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const segmentsDone = (job: JobView | undefined) => job?.progress?.segmentsDone ?? 0;

/** Media segment requests of one show (its HLS folder), in order. */
function segmentRequests(since: number, folder?: string): string[] {
  return replica.app.log
    .slice(since)
    .filter((e) => /\/seg-\d+-a1\.ts$/.test(e.path) && (!folder || e.path.startsWith(folder)))
    .map((e) => e.path);
}

/** The HLS folder the host fetched a show's segments from (the replica signs each show's own path). */
function folderOf(paths: string[]): string {
  const first = paths[0];
  if (!first) throw new Error('no segment requests');
  return first.slice(0, first.lastIndexOf('/') + 1);
}

/** Audio files in the library (not its .deckhand work folder). */
function audioFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(m4a|mp3)$/.test(e.name) && !join(e.parentPath, e.name).includes('/.deckhand/'))
    .map((e) => join(e.parentPath, e.name));
}

async function queueRow(popup: Page, jobId: string, state: string): Promise<void> {
  await popup.waitForSelector(`li[data-job="${jobId}"][data-state="${state}"]`, { timeout: 30_000 });
}

async function openQueue(tabId?: number): Promise<Page> {
  const popup = await session.openPopup(tabId);
  pages.push(popup);
  await popup.waitForSelector('[role="tab"]');
  const tabs = await popup.$$('[role="tab"]');
  await tabs[tabs.length - 1]!.click();
  return popup;
}

describe('queue', () => {
  it('a stopped service worker: the in-page button still reaches Saved', async () => {
    screenshotOnFailure('queue-worker-stopped', () => pages);
    const page = await open(SC.plain.url);
    const key = `soundcloud:${SC.plain.urn}`;
    const button = await buttonFor(page, key);
    await session.inWorker('globalThis.previousLife = true');
    await session.stopWorker();
    await button.click();
    expect(await waitForButton(page, key, ['done', 'failed'])).toBe('done');
    // The click woke a new worker: the old one's globals are gone.
    expect(await session.inWorker('globalThis.previousLife === undefined')).toBe(true);
    const job = await jobOf(key);
    expect(job?.path && existsSync(job.path)).toBe(true);
    expect(job?.path?.startsWith(session.libraryDir)).toBe(true);
  });

  it('pause then resume from the popup: the host continues from its part files', async () => {
    screenshotOnFailure('queue-pause', () => pages);
    const show = MC.shortShow;
    const key = `mixcloud:${show.key}`;
    const page = await open(show.url);
    const button = await buttonFor(page, key);
    // 48 segments one at a time, 150 ms each: about 8 s, so the pause lands in the middle.
    await setSettings({ segmentConcurrency: 1 });
    replica.app.faults.set({ latencyMs: 150 });
    const logStart = replica.app.log.length;
    await button.click();
    const running = await waitForJob(key, (j) => segmentsDone(j) >= 8, 60_000);
    const popup = await openQueue(await session.tabIdOf(page));
    await queueRow(popup, running.id, 'running');
    await popup.click(`li[data-job="${running.id}"] button[data-action="pause"]`);
    await queueRow(popup, running.id, 'paused');
    await screenshot(popup, 'queue-popup-paused');
    // The show's own button says so too, with how far it got, and that a click continues it.
    expect(await waitForButton(page, key, ['paused'], 15_000)).toBe('paused');
    const onPage = await page.$eval(`[data-deckhand-track="${key}"]`, (h) => {
      const b = (h as HTMLElement).shadowRoot!.querySelector('button')!;
      return { label: b.textContent, title: b.title };
    });
    expect(onPage.label).toMatch(/^Paused \d+%$/);
    expect(onPage.title).toMatch(/^Paused at \d+% — click to resume$/);
    await page.bringToFront();
    await screenshot(page, 'queue-inpage-paused');
    await popup.bringToFront();
    const partsDir = join(session.libraryDir, '.deckhand', 'parts', running.id);
    expect(existsSync(join(partsDir, 'journal.json'))).toBe(true);
    // Paused means paused: nothing more is fetched.
    await new Promise((r) => setTimeout(r, 1000));
    const beforeResume = segmentRequests(logStart);
    await new Promise((r) => setTimeout(r, 1000));
    expect(segmentRequests(logStart)).toEqual(beforeResume);
    const folder = folderOf(beforeResume);

    // Resume with the keyboard: the button is reachable and has a name.
    const resume = await popup.$(`li[data-job="${running.id}"] button[data-action="resume"]`);
    expect(await resume!.evaluate((b) => b.getAttribute('aria-label'))).toBe(`Resume ${show.name}`);
    await resume!.focus();
    await popup.keyboard.press('Enter');
    replica.app.faults.set({ latencyMs: 20 });
    const done = await waitForJob(key, (j) => j?.state === 'done' || j?.state === 'failed', 90_000);
    expect(done, JSON.stringify(done.error)).toMatchObject({ state: 'done', via: 'host', attempts: 2 });
    await queueRow(popup, running.id, 'done');

    const all = segmentRequests(logStart, folder);
    const afterResume = all.slice(beforeResume.length);
    const segments = show.durationSec / 10;
    // Every segment fetched; those stored before the pause not again (the one in flight may be).
    expect(new Set(all).size).toBe(segments);
    expect(afterResume.filter((p) => beforeResume.includes(p)).length).toBeLessThanOrEqual(1);
    expect(new Set(afterResume).size).toBeLessThanOrEqual(segments - beforeResume.length + 1);
    const probe = ffprobe(done.path!);
    expect(Math.abs(Number(probe.format.duration) - show.durationSec)).toBeLessThan(1);
    expect(decodeErrors(done.path!)).toBe('');
    expect(existsSync(partsDir)).toBe(false);
  });

  it('the popup queue shows running, paused, failed and done jobs with their buttons', async () => {
    screenshotOnFailure('queue-popup', () => pages);
    replica.app.faults.set({ latencyMs: 200 });
    const ref = (f: typeof MC.noTracklist) => ({ platform: 'mixcloud', id: f.key, url: f.url, kind: 'show', title: f.name, artist: f.ownerName, ...(f.pictureUrl ? { artworkUrl: f.pictureUrl } : {}) });
    const add = (f: typeof MC.noTracklist) => session.inWorker<JobView>(`globalThis.deckhand.queue.add(${JSON.stringify(ref(f))})`);
    const failed = await add(MC.restricted);
    const paused = await add(MC.noTracklist);
    await waitForJob(`mixcloud:${MC.noTracklist.key}`, (j) => segmentsDone(j) >= 2, 60_000);
    await session.inWorker(`globalThis.deckhand.queue.pause(${JSON.stringify(paused.id)})`);
    const running = await add(MC.chaptersOnly);
    await waitForJob(`mixcloud:${MC.chaptersOnly.key}`, (j) => segmentsDone(j) >= 2, 60_000);
    await waitForJob(`mixcloud:${MC.restricted.key}`, (j) => j?.state === 'failed', 30_000);

    const popup = await openQueue();
    await queueRow(popup, running.id, 'running');
    await queueRow(popup, paused.id, 'paused');
    await queueRow(popup, failed.id, 'failed');
    await popup.waitForSelector('li[data-state="done"]');
    const buttons = await popup.$$eval('li[data-job]', (rows) =>
      Object.fromEntries(rows.map((r) => [(r as HTMLElement).dataset.state, [...r.querySelectorAll('button')].map((b) => b.getAttribute('aria-label')?.split(' ')[0])])),
    );
    expect(buttons).toMatchObject({ running: ['Pause', 'Cancel'], paused: ['Resume', 'Cancel'], failed: ['Retry'], done: [] });
    expect(await popup.$eval(`li[data-job="${failed.id}"] .status`, (s) => s.textContent)).toMatch(/\S/);
    await screenshot(popup, 'queue-popup-states');

    // Cancel both from the popup; the paused job's cancel leaves no job running.
    await popup.click(`li[data-job="${running.id}"] button[data-action="cancel"]`);
    await popup.click(`li[data-job="${paused.id}"] button[data-action="cancel"]`);
    await queueRow(popup, running.id, 'cancelled');
    await queueRow(popup, paused.id, 'cancelled');
    replica.app.faults.set({ latencyMs: 0 });
  });

  it('a browser restart in the middle of a two-hour show: the queue resumes it on the same profile', async () => {
    screenshotOnFailure('queue-restart', () => pages);
    const show = MC.twoHourShow;
    const key = `mixcloud:${show.key}`;
    await setSettings({ segmentConcurrency: 6 });
    const page = await open(show.url);
    const button = await buttonFor(page, key);
    // 720 segments, 6 at a time, 40 ms each: several seconds of fetching.
    replica.app.faults.set({ latencyMs: 40 });
    const logStart = replica.app.log.length;
    await button.click();
    const before = await waitForJob(key, (j) => segmentsDone(j) >= 150, 120_000);
    expect(before.state).toBe('running');
    const base = session.baseDir;
    await session.closeBrowser();
    pages.length = 0;
    const cut = replica.app.log.length;
    const firstLife = segmentRequests(logStart);
    await hostGone(base);
    // Nothing at the final path yet: only part files.
    expect(audioFiles(session.libraryDir).filter((f) => f.includes(show.name))).toEqual([]);
    expect(existsSync(join(session.libraryDir, '.deckhand', 'parts', before.id, 'journal.json'))).toBe(true);

    session = await launchChromium({ replica, reuse: base });
    const done = await waitForJob(key, (j) => j?.state === 'done' || j?.state === 'failed', 180_000);
    expect(done, JSON.stringify(done.error)).toMatchObject({ id: before.id, state: 'done', via: 'host' });
    const secondLife = segmentRequests(cut, folderOf(firstLife));
    // Resumed, not restarted: the segments stored before the restart were not fetched again.
    expect(secondLife.length).toBeLessThan(720 - 100);
    expect(new Set([...firstLife, ...secondLife]).size).toBe(720);
    const probe = ffprobe(done.path!);
    expect(Math.abs(Number(probe.format.duration) - show.durationSec)).toBeLessThan(1);
    expect(decodeErrors(done.path!)).toBe('');
    expect(existsSync(join(session.libraryDir, '.deckhand', 'parts', before.id))).toBe(false);
    replica.app.faults.set({ latencyMs: 0 });
  });
});

/** The old browser's host has exited (it keeps the parts of the interrupted job for the next start). */
async function hostGone(base: string): Promise<void> {
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; ) {
    const ps = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
    if (!ps.includes(join(base, 'home'))) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the native host of the closed browser did not exit');
}
