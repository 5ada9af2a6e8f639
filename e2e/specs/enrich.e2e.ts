/**
 * Enrichment (issue 7) in real Chromium against the replica: a SoundCloud upload with no genre,
 * label or ISRC of its own, whose Beatport twin exists ("Solstice Run (Original Mix)", same length),
 * is downloaded through the native host; mutagen finds Beatport's BPM, key (in the user's
 * notation), genre and label in the file. Reloaded, the page shows BPM/key beside the button from the
 * stored match (no Beatport request). The popup shows the match with a link; "Find on Beatport"
 * opens it; "Not this one" hides it for good. A Mixcloud show whose tracklist names Beatport tracks
 * gets BPM/key per section in its cue sheet and chapter titles.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { startReplica, type Replica } from '../replica/server';
import { SOUNDCLOUD_FIXTURES as SC } from '../replica/platforms/soundcloud/fixtures';
import { BEATPORT_FIXTURES as BP } from '../replica/platforms/beatport/fixtures';
import { MIXCLOUD_FIXTURES as MC } from '../replica/platforms/mixcloud/fixtures';
import { gainBeatportAccess } from '../harness/beatport-access';
import { launchChromium, type ChromiumSession } from '../harness/chromium';
import { screenshot, screenshotOnFailure } from '../harness/artifacts';
import { ffprobe, mutagen } from '../harness/probe';

let replica: Replica;
let session: ChromiumSession;
const pages: Page[] = [];
const source = SC.beatportTwin;
const twin = BP.extendedVsOriginal.original;
const key = `soundcloud:${source.urn}`;

beforeAll(async () => {
  replica = await startReplica({ port: 0, lazyMedia: true });
  session = await launchChromium({ replica });
});

afterAll(async () => {
  await session?.close();
  await replica?.stop();
});

async function setSettings(patch: Record<string, unknown>): Promise<void> {
  await session.inWorker(`chrome.storage.local.get('settings').then(r => chrome.storage.local.set({ settings: { ...(r.settings || {}), ...${JSON.stringify(patch)} } }))`);
}

function findFile(dir: string, ext: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(ext)) return join(entry.parentPath, entry.name);
  }
  return undefined;
}

async function openPopupFor(page: Page): Promise<Page> {
  const popup = await session.openPopup(await session.tabIdOf(page));
  pages.push(popup);
  return popup;
}

describe('Beatport enrichment', () => {
  let trackPage: Page;

  it('a SoundCloud download gains Beatport’s BPM, key, genre and label, read back by mutagen', async () => {
    screenshotOnFailure('enrich-download', () => pages);
    await setSettings({ libraryRoot: session.libraryDir, nativeHost: 'auto', keyNotation: 'camelot' });
    pages.push(await gainBeatportAccess(session));

    trackPage = await session.newPage(source.url);
    pages.push(trackPage);
    const host = await trackPage.waitForSelector(`[data-deckhand-track="${key}"]`, { timeout: 20_000 });
    const button = await host!.evaluateHandle((h) => (h as HTMLElement).shadowRoot!.querySelector('button') as HTMLButtonElement);
    await (button as unknown as { click(): Promise<void> }).click();
    await trackPage.waitForFunction(
      (k: string) => ['done', 'failed'].includes((document.querySelector(`[data-deckhand-track="${k}"]`) as HTMLElement | null)?.dataset.deckhandState ?? ''),
      { timeout: 150_000, polling: 250 },
      key,
    );
    const jobs = await session.inWorker<{ trackKey: string; state: string; note?: string; error?: { message: string } }[]>(`deckhand.queue.list()`);
    const job = jobs.find((j) => j.trackKey === key);
    expect(job?.error?.message).toBeUndefined();
    expect(job?.state).toBe('done');
    expect(job?.note).toMatch(/^Enriched from Beatport \(match \d+%\)\.$/);

    const file = findFile(session.libraryDir, '.m4a');
    expect(file, `no .m4a in ${session.libraryDir}`).toBeDefined();
    const { tags } = mutagen(file!);
    expect(tags['©nam']).toEqual([source.expected.title]);
    expect(tags['©ART']).toEqual(['Mira Lenz']);
    expect(tags.tmpo).toEqual([twin.bpm]);
    expect(tags['----:com.apple.iTunes:initialkey']).toEqual([twin.key?.camelot]);
    expect(tags['©gen']).toEqual([twin.genre]);
    expect(tags['----:com.apple.iTunes:LABEL']).toEqual([twin.label]);
    expect(tags['----:com.apple.iTunes:BEATPORT_TRACK_ID']).toEqual([String(twin.id)]);
    expect(Number((tags['----:com.apple.iTunes:BEATPORT_MATCH_SCORE'] as string[] | undefined)?.[0])).toBeGreaterThanOrEqual(0.75);
  });

  it('reloaded, the track page shows Beatport’s BPM and key beside the button, from the stored match alone', async () => {
    screenshotOnFailure('enrich-chip-reload', () => pages);
    const logStart = replica.app.log.length;
    await trackPage.reload();
    const host = await trackPage.waitForSelector(`[data-deckhand-track="${key}"]`, { timeout: 20_000 });
    await trackPage.waitForFunction((h: Element) => !!h.shadowRoot?.querySelector('.facts'), { timeout: 20_000, polling: 100 }, host!);
    const chip = await host!.evaluate((h) => {
      const c = h.shadowRoot!.querySelector('.facts')!;
      return { text: c.textContent, href: c.getAttribute('href'), afterButton: c.previousElementSibling?.classList.contains('dh') ?? false };
    });
    expect(chip).toEqual({ text: `${twin.bpm} BPM · ${twin.key?.camelot}`, href: `https://www.beatport.com/track/solstice-run/${twin.id}`, afterButton: true });
    // The button remembers its saved state too; Beatport was not asked anything.
    expect(await host!.evaluate((h) => (h as HTMLElement).dataset.deckhandState)).toBe('done');
    expect(replica.app.log.slice(logStart).filter((e) => e.host.endsWith('beatport.com'))).toEqual([]);
    await host!.evaluate((h) => h.scrollIntoView({ block: 'center' }));
    await screenshot(trackPage, 'enrich-inpage-chip-after-reload');
  });

  it('the popup shows the match: title, BPM, key in the user’s notation, score and a link', async () => {
    screenshotOnFailure('enrich-popup', () => pages);
    const popup = await openPopupFor(trackPage);
    const line = await popup.waitForSelector(`.item[data-track="${key}"] [data-match="matched"]`, { timeout: 20_000 });
    const text = await line!.evaluate((el) => el.textContent ?? '');
    expect(text).toContain(twin.title);
    expect(text).toContain(`${twin.bpm} BPM`);
    expect(text).toContain(twin.key?.camelot ?? '?');
    expect(text).toMatch(/\d+%/);
    expect(await line!.$eval('a', (a) => a.href)).toBe(`https://www.beatport.com/track/solstice-run/${twin.id}`);
    await screenshot(popup, 'enrich-popup-match');
  });

  it('"Find on Beatport" opens the matched Beatport track', async () => {
    const url = await session.inWorker<string>(`deckhand.menus.findOnBeatport({ linkUrl: ${JSON.stringify(source.url)} })`);
    expect(url).toBe(`https://www.beatport.com/track/solstice-run/${twin.id}`);
  });

  it('"Not this one" hides the match, and it is never offered again', async () => {
    screenshotOnFailure('enrich-reject', () => pages);
    const popup = await openPopupFor(trackPage);
    const row = `.item[data-track="${key}"]`;
    await popup.waitForSelector(`${row} [data-beatport-id="${twin.id}"]`, { timeout: 20_000 });
    await popup.click(`${row} [data-match="matched"] button.reject`);
    await popup.waitForFunction((sel: string, id: string) => !document.querySelector(`${sel} [data-beatport-id="${id}"]`) && !!document.querySelector(`${sel} [data-match]:not([data-match="pending"])`), { timeout: 20_000 }, row, String(twin.id));
    await screenshot(popup, 'enrich-popup-rejected');
    await popup.close();
    const again = await openPopupFor(trackPage);
    await again.waitForSelector(`${row} [data-match]:not([data-match="pending"])`, { timeout: 20_000 });
    expect(await again.$(`${row} [data-beatport-id="${twin.id}"]`)).toBeNull();
  });
});

/** The cue sheet's TRACK blocks, each as its lines (trimmed), in order. */
function cueTracks(cue: string): string[][] {
  return cue.split(/\r\n/).reduce<string[][]>((tracks, line) => {
    const text = line.trim();
    if (text.startsWith('TRACK ')) tracks.push([]);
    if (text && tracks.length > 0) tracks[tracks.length - 1]?.push(text);
    return tracks;
  }, []);
}

describe('Beatport enrichment of a Mixcloud tracklist', () => {
  const show = MC.beatportTracklist;
  const showKey = `mixcloud:${show.key}`;
  const byCase = (name: string) => BP.matchingCases.find((c) => c.case === name)?.track;
  /** Each matched section's Beatport twin (the Original Mix of the same song). */
  const twins = new Map([
    [0, BP.previewTrack],
    [1, BP.extendedVsOriginal.original],
    [3, byCase('artist-order-and-ampersand')],
    [4, byCase('ampersand-in-one-artist')],
  ]);

  it('the fixtures agree: each matched section names its twin, the others none', () => {
    expect([...twins.keys()]).toEqual(show.matched);
    show.sections.forEach((section, i) => {
      const twin = twins.get(i);
      expect(section.kind).toBe('track');
      if (section.kind !== 'track') return;
      if (twin) expect(twin.name.trim()).toBe(section.song);
      else expect(i).toBe(show.unmatched);
    });
    expect(show.sections[show.untimed]?.startSeconds).toBeNull();
  });

  it('a show’s cue sheet and chapters carry each matched section’s BPM and key; the rest stay plain', async () => {
    screenshotOnFailure('enrich-mixcloud-sections', () => pages);
    await setSettings({ libraryRoot: session.libraryDir, nativeHost: 'auto', keyNotation: 'camelot' });
    pages.push(await gainBeatportAccess(session));
    const page = await session.newPage(show.url);
    pages.push(page);
    const hero = `[data-testid="cloudcast-play-button"] + [data-deckhand-track="${showKey}"]`;
    await page.waitForSelector(hero, { timeout: 20_000 });
    await page.$eval(hero, (h) => ((h as HTMLElement).shadowRoot!.querySelector('button') as HTMLButtonElement).click());
    await page.waitForFunction(
      (sel: string) => ['done', 'failed'].includes((document.querySelector(sel) as HTMLElement | null)?.dataset.deckhandState ?? ''),
      { timeout: 150_000, polling: 250 },
      hero,
    );
    const jobs = await session.inWorker<{ trackKey: string; state: string; note?: string; error?: { message: string } }[]>(`deckhand.queue.list()`);
    const job = jobs.find((j) => j.trackKey === showKey);
    expect(job?.error?.message).toBeUndefined();
    expect(job?.state).toBe('done');
    expect(job?.note).toBe(`Beatport: BPM/key for ${twins.size} of ${show.sections.length} tracklist sections.`);

    // The cue sheet beside the audio (the SoundCloud track above has no tracklist, so no sheet).
    const cueFile = findFile(session.libraryDir, '.cue');
    expect(cueFile, `no .cue in ${session.libraryDir}`).toBeDefined();
    const audioFile = cueFile!.replace(/\.cue$/, '.m4a');
    expect(existsSync(audioFile)).toBe(true);
    const tracks = cueTracks(readFileSync(cueFile!, 'utf8'));
    expect(tracks).toHaveLength(show.sections.length);
    tracks.forEach((lines, i) => {
      const twin = twins.get(i);
      const facts = lines.filter((l) => /^REM (BPM|KEY) /.test(l));
      expect(facts, `cue TRACK ${i + 1}`).toEqual(twin ? [`REM BPM ${twin.bpm}`, `REM KEY ${twin.key?.camelot}`] : []);
      const index = lines.find((l) => l.startsWith('INDEX 01 '));
      if (i === show.untimed) {
        expect(index).toBeUndefined();
        expect(lines).toContain('REM START "unknown: the tracklist gives no start time"');
      } else {
        const start = show.sections[i]?.startSeconds ?? -1;
        expect(index).toBe(`INDEX 01 ${String(Math.floor(start / 60)).padStart(2, '0')}:${String(start % 60).padStart(2, '0')}:00`);
      }
    });

    // ffprobe reads the chapters: timed sections only, titles with the Beatport facts.
    const probe = ffprobe(audioFile);
    const timed = show.sections.map((s, i) => ({ s, i })).filter(({ s }) => s.startSeconds !== null);
    expect(probe.chapters.map((ch) => Math.round(Number(ch.start_time)))).toEqual(timed.map(({ s }) => s.startSeconds));
    expect(probe.chapters.map((ch) => ch.tags?.title)).toEqual(
      timed.map(({ s, i }) => {
        const name = s.kind === 'track' ? `${s.artist} - ${s.song}` : '';
        const twin = twins.get(i);
        return twin ? `${name} [${twin.bpm} BPM, ${twin.key?.camelot}]` : name;
      }),
    );
    await screenshot(page, 'enrich-mixcloud-show-saved');
  });
});
