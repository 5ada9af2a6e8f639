/**
 * The downloading half of the tour, through the in-page buttons as a user would: a Beatport preview
 * (its page also gives Deckhand the anonymous Beatport access that enrichment reads the catalogue
 * with), a SoundCloud upload whose Beatport twin fills BPM, key, genre and label, and a Mixcloud show
 * whose tracklist names Beatport tracks, saved with chapters and a cue sheet that carry each matched
 * section's BPM and key. All three are queued first and then awaited, so the native host fetches them
 * side by side.
 */
import type { Page } from 'puppeteer';
import { BEATPORT_FIXTURES as BP } from '../replica/platforms/beatport/fixtures';
import { MIXCLOUD_FIXTURES as MC } from '../replica/platforms/mixcloud/fixtures';
import { SOUNDCLOUD_FIXTURES as SC } from '../replica/platforms/soundcloud/fixtures';
import { clickDeckhandButton, shot, step, waitSaved, type DemoContext } from './context';

export const KEYS = {
  beatport: `beatport:${BP.previewTrack.id}`,
  soundcloud: `soundcloud:${SC.beatportTwin.urn}`,
  mixcloud: `mixcloud:${MC.beatportTracklist.key}`,
} as const;

export interface DownloadPages {
  beatport: Page;
  soundcloud: Page;
  mixcloud: Page;
}

interface JobView {
  trackKey: string;
  state: string;
  note?: string;
  error?: { message: string };
}

/** Beatport's catalogue is read with the anonymous token a beatport.com page carries. */
async function waitForBeatportAccess(ctx: DemoContext): Promise<void> {
  await ctx.session.inWorker(`new Promise((resolve, reject) => {
    const deadline = Date.now() + 30000;
    const poll = () => chrome.storage.local.get('beatport.anonToken').then((r) => r['beatport.anonToken'] ? resolve(true)
      : Date.now() > deadline ? reject(new Error('Deckhand got no Beatport access from the Beatport page')) : setTimeout(poll, 200));
    poll();
  })`);
}

async function open(ctx: DemoContext, url: string, buttonSelector: string): Promise<Page> {
  console.log(`  opening ${url}`);
  const page = await ctx.session.newPage(url);
  await page.waitForSelector(buttonSelector, { timeout: 30_000 });
  return page;
}

export async function queueDownloads(ctx: DemoContext): Promise<DownloadPages> {
  step('1. Beatport: a track page, with BPM and key beside Deckhand’s "Preview" button');
  const beatport = await open(ctx, BP.previewTrack.url, `[data-deckhand-track="${KEYS.beatport}"]`);
  await waitForBeatportAccess(ctx);
  await shot(ctx, beatport, 'beatport-track-page');
  await clickDeckhandButton(beatport, `[data-deckhand-track="${KEYS.beatport}"]`);
  console.log('  queued the 2-minute preview');

  step('2. SoundCloud: an upload without genre, label or key of its own; its Beatport twin will fill them');
  const soundcloud = await open(ctx, SC.beatportTwin.url, `[data-deckhand-track="${KEYS.soundcloud}"]`);
  await shot(ctx, soundcloud, 'soundcloud-track-page');
  await clickDeckhandButton(soundcloud, `[data-deckhand-track="${KEYS.soundcloud}"]`);
  console.log('  queued the track (Beatport is asked at queue time)');

  step('3. Mixcloud: a show whose tracklist names Beatport tracks (one untimed, one on no Beatport)');
  const heroButton = `[data-testid="cloudcast-play-button"] + [data-deckhand-track="${KEYS.mixcloud}"]`;
  const mixcloud = await open(ctx, MC.beatportTracklist.url, heroButton);
  await shot(ctx, mixcloud, 'mixcloud-show-page');
  await clickDeckhandButton(mixcloud, heroButton);
  console.log('  queued the whole show');
  return { beatport, soundcloud, mixcloud };
}

/** Wait for the three downloads, screenshot each page in its saved state, and check the SoundCloud match. */
export async function awaitDownloads(ctx: DemoContext, pages: DownloadPages): Promise<void> {
  step('4. Waiting for the native host to save the three downloads…');
  const started = Date.now();
  await waitSaved(pages.beatport, KEYS.beatport, 'Beatport preview');
  await waitSaved(pages.soundcloud, KEYS.soundcloud, 'SoundCloud track');
  await waitSaved(pages.mixcloud, KEYS.mixcloud, 'Mixcloud show');
  console.log(`  all saved in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const jobs = await ctx.session.inWorker<JobView[]>('deckhand.queue.list()');
  const scJob = jobs.find((j) => j.trackKey === KEYS.soundcloud);
  console.log(`  SoundCloud job: ${scJob?.note ?? 'no note (not enriched from Beatport)'}`);
  const mcJob = jobs.find((j) => j.trackKey === KEYS.mixcloud);
  console.log(`  Mixcloud job: ${mcJob?.note ?? 'no note (tracklist not enriched)'}`);

  await shot(ctx, pages.beatport, 'beatport-saved');
  await shot(ctx, pages.mixcloud, 'mixcloud-saved');
  // Reloaded, the SoundCloud button shows Beatport's BPM and key from the stored match alone.
  await pages.soundcloud.reload({ waitUntil: 'domcontentloaded' });
  const host = await pages.soundcloud.waitForSelector(`[data-deckhand-track="${KEYS.soundcloud}"]`, { timeout: 30_000 });
  const chip = await pages.soundcloud
    .waitForFunction((h: Element) => h.shadowRoot?.querySelector('.facts')?.textContent, { timeout: 15_000, polling: 100 }, host!)
    .then((text) => text.jsonValue())
    .catch(() => undefined);
  console.log(`  SoundCloud button after a reload: ${chip ? `"${chip}" from Beatport` : 'no BPM/key chip'}`);
  await host!.evaluate((h) => h.scrollIntoView({ block: 'center' }));
  await shot(ctx, pages.soundcloud, 'soundcloud-saved-with-beatport-bpm-key');
}
