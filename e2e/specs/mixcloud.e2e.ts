/**
 * Mixcloud in real Chromium against the replica: one button per show on every page kind (show page,
 * user uploads/favorites/listens, playlist, discover, search, the bottom player), SPA navigation,
 * infinite scroll, the exclusive show explaining itself, the popup's page list, and the short show
 * downloaded through the native host into a tagged M4A with its timed tracklist as chapters.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { startReplica, type Replica } from '../replica/server';
import { MIXCLOUD_FIXTURES as F } from '../replica/platforms/mixcloud/fixtures';
import { launchChromium, type ChromiumSession } from '../harness/chromium';
import { screenshot, screenshotOnFailure } from '../harness/artifacts';
import { decodeErrors, ffprobe, mutagen } from '../harness/probe';

let replica: Replica;
let session: ChromiumSession;
const pages: Page[] = [];
const dialogs: string[] = [];

beforeAll(async () => {
  replica = await startReplica({ port: 0, lazyMedia: true });
  session = await launchChromium({ replica });
});

afterAll(async () => {
  await session?.close();
  await replica?.stop();
});

async function open(url: string): Promise<Page> {
  const page = await session.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  pages.push(page);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  return page;
}

interface Census {
  url: string;
  cards: number;
  /** Cards holding exactly one button, keyed by the card's own link. */
  cardsRight: number;
  hero: number;
  heroRight: boolean;
  player: number;
  playerRight: boolean;
  total: number;
  keys: string[];
}

/** Where the buttons are, and whether each sits where it belongs with the right show. */
function census(page: Page): Promise<Census> {
  return page.evaluate(() => {
    const keyOf = (href: string | null | undefined) => `mixcloud:${href ?? ''}`;
    const one = (hosts: Element[], href: string | null | undefined) => hosts.length === 1 && (hosts[0] as HTMLElement).dataset.deckhandTrack === keyOf(href);
    const cards = [...document.querySelectorAll('[data-testid="cloudcast-card"]')];
    const cardsRight = cards.filter((c) => one([...c.querySelectorAll(':scope > [data-deckhand-track]')], c.querySelector('[data-testid="cloudcast-card-title"]')?.getAttribute('href'))).length;
    const hero = [...document.querySelectorAll('[data-testid="cloudcast-play-button"] ~ [data-deckhand-track]')];
    const player = [...document.querySelectorAll('[data-testid="player"] [data-deckhand-track]')];
    const all = [...document.querySelectorAll<HTMLElement>('[data-deckhand-track]')];
    return {
      url: location.href,
      cards: cards.length,
      cardsRight,
      hero: hero.length,
      heroRight: one(hero, location.pathname),
      player: player.length,
      playerRight: one(player, document.querySelector('[data-testid="player-show-title"]')?.getAttribute('href')),
      total: all.length,
      keys: all.map((h) => h.dataset.deckhandTrack as string),
    };
  });
}

/**
 * Wait until every show on the page has its button (`cards`: that many cards, or 'some' for any
 * non-zero number), then check there is exactly one each, in the right place, and nothing else.
 */
async function settled(page: Page, want: { cards?: number | 'some'; hero?: boolean }): Promise<Census> {
  await page.waitForFunction(
    (cards: number, hero: boolean) => {
      const all = document.querySelectorAll('[data-testid="cloudcast-card"]');
      const done = [...all].filter((c) => c.querySelector(':scope > [data-deckhand-track]')).length;
      const heroOk = !hero || document.querySelector('[data-testid="cloudcast-play-button"] + [data-deckhand-track]');
      const playerOk = document.querySelector('[data-testid="player"] [data-deckhand-track]');
      return (cards < 0 ? all.length > 0 : all.length === cards) && done === all.length && heroOk && playerOk;
    },
    { timeout: 20_000, polling: 100 },
    want.cards === 'some' ? -1 : (want.cards ?? 0),
    !!want.hero,
  );
  const c = await census(page);
  expect(c.cardsRight).toBe(c.cards);
  expect(c.hero).toBe(want.hero ? 1 : 0);
  if (want.hero) expect(c.heroRight).toBe(true);
  expect(c.player).toBe(1);
  expect(c.playerRight).toBe(true);
  expect(c.total).toBe(c.cards + c.hero + c.player);
  return c;
}

const state = (page: Page, key: string) =>
  page.$$eval(`[data-deckhand-track="${key}"]`, (hosts) =>
    hosts.map((h) => {
      const b = (h as HTMLElement).shadowRoot!.querySelector('button.dh') as HTMLButtonElement;
      return { state: (h as HTMLElement).dataset.deckhandState, label: b.textContent, title: b.title };
    }),
  );

describe('Beatport match beside the Mixcloud button', () => {
  it('a track.match broadcast puts BPM and key beside every button of that show; a rejection removes them', async () => {
    screenshotOnFailure('mc-match', () => pages);
    const page = await open(F.shortShow.url);
    await settled(page, { hero: true });
    const key = `mixcloud:${F.shortShow.key}`;
    const chipTexts = () => page.$$eval(`[data-deckhand-track="${key}"]`, (hosts) => hosts.map((h) => h.shadowRoot?.querySelector('.facts')?.textContent ?? null));
    expect(await chipTexts()).toEqual([null, null]); // hero and player, nothing before a match
    const tabId = await session.tabIdOf(page);
    const send = (message: Record<string, unknown>) => session.inWorker(`chrome.tabs.sendMessage(${tabId}, ${JSON.stringify(message)}).catch(() => undefined)`);
    await send({ type: 'track.match', trackKey: key, bpm: 122, key: 'Dbm', score: 0.93, beatportUrl: 'https://www.beatport.com/track/deep-waves/7654321' });
    await page.waitForFunction((k: string) => [...document.querySelectorAll(`[data-deckhand-track="${k}"]`)].every((h) => h.shadowRoot?.querySelector('.facts')), { timeout: 5_000 }, key);
    expect(await chipTexts()).toEqual(['122 BPM · Dbm', '122 BPM · Dbm']);
    await screenshot(page, 'mc-match');
    await send({ type: 'track.match', trackKey: key, rejected: true });
    await page.waitForFunction((k: string) => [...document.querySelectorAll(`[data-deckhand-track="${k}"]`)].every((h) => !h.shadowRoot?.querySelector('.facts')), { timeout: 5_000 }, key);
    expect(await chipTexts()).toEqual([null, null]);
  });
});

describe('Mixcloud pages get one native-looking button per show', () => {
  it('show page: a medium button beside the play button, and one in the player', async () => {
    screenshotOnFailure('mc-show', () => pages);
    const page = await open(F.shortShow.url);
    const c = await settled(page, { hero: true });
    expect(new Set(c.keys)).toEqual(new Set([`mixcloud:${F.shortShow.key}`]));
    await screenshot(page, 'mixcloud-show-page');
  });

  it('user uploads: every card, more cards by infinite scroll, then SPA navigation leaves no stale button', async () => {
    screenshotOnFailure('mc-uploads', () => pages);
    const page = await open(F.pagedUser.url);
    await settled(page, { cards: 20 });
    await screenshot(page, 'mixcloud-user-uploads');
    for (const cards of [40, F.pagedUser.uploadCount]) {
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await settled(page, { cards });
    }
    // SPA navigation (clicks, no reload: the marker survives): the same profile again, then another user's tabs.
    await page.evaluate(() => Object.assign(window, { deckhandNoReload: true }));
    await page.click('[data-testid="cloudcast-card-owner"]');
    await settled(page, { cards: 20 });
    await page.click(`a[href="/${F.users.viewer.username}/"]`);
    await page.waitForFunction((p: string) => location.pathname === p, {}, `/${F.users.viewer.username}/`);
    await page.waitForSelector('[data-testid="profile-tab-favorites"]');
    await page.click('[data-testid="profile-tab-favorites"]');
    await page.waitForFunction(() => location.pathname.endsWith('/favorites/'));
    await settled(page, { cards: 7 });
    await page.click('[data-testid="profile-tab-listens"]');
    await page.waitForFunction(() => location.pathname.endsWith('/listens/'));
    await settled(page, { cards: 20 });
    // Into a show page by its card title, and back (popstate).
    await page.click(`[data-testid="cloudcast-card-title"][href="${F.shortShow.key}"]`);
    await page.waitForFunction((p: string) => location.pathname === p, {}, F.shortShow.key);
    await settled(page, { hero: true });
    await page.goBack();
    await page.waitForFunction(() => location.pathname.endsWith('/listens/'));
    await settled(page, { cards: 20 });
    expect(await page.evaluate(() => (window as { deckhandNoReload?: boolean }).deckhandNoReload)).toBe(true);
  });

  it('favourites: the exclusive show explains itself, on its card and in the player', async () => {
    screenshotOnFailure('mc-exclusive', () => pages);
    const page = await open(`${F.users.viewer.url}favorites/`);
    await settled(page, { cards: 7 });
    const key = `mixcloud:${F.exclusive.key}`;
    const [card] = await state(page, key);
    expect(card).toMatchObject({ state: 'unavailable', label: 'Exclusive', title: expect.stringMatching(/^Subscribers only: .*Select subscribers/) });
    await page.$eval(`[data-deckhand-track="${key}"]`, (h) => ((h as HTMLElement).shadowRoot!.querySelector('button') as HTMLButtonElement).click());
    await page.$eval(`[data-deckhand-track="${key}"]`, (h) => h.closest('[data-testid="cloudcast-card"]')!.scrollIntoView({ block: 'center' }));
    await screenshot(page, 'mixcloud-favorites-exclusive');
    // Played: the player now holds the exclusive show, and its button says why too.
    await page.$eval(`[data-deckhand-track="${key}"]`, (h) => (h.closest('[data-testid="cloudcast-card"]')!.querySelector('[data-testid="cloudcast-card-play-button"]') as HTMLElement).click());
    await page.waitForFunction((k: string) => (document.querySelector('[data-testid="player"] [data-deckhand-track]') as HTMLElement | null)?.dataset.deckhandTrack === k, { timeout: 10_000 }, key);
    const c = await settled(page, { cards: 7 });
    expect(c.keys.filter((k) => k === key)).toHaveLength(2);
    expect((await state(page, key)).map((s) => s.state)).toEqual(['unavailable', 'unavailable']);
    await screenshot(page, 'mixcloud-player-exclusive');
    expect((await session.inWorker<unknown[]>('globalThis.deckhand.queue.list()')).length).toBe(0);
  });

  it('playlist, discover and the player: playing another show moves the player’s one button to it', async () => {
    screenshotOnFailure('mc-player', () => pages);
    const page = await open(F.playlist.url);
    await settled(page, { cards: F.playlist.itemCount });
    // One "Download all" beside the playlist's owner link, named for a playlist.
    const all = await page.waitForSelector('[data-testid="playlist-owner-link"] + [data-deckhand-action="download-all"]', { timeout: 10_000 });
    expect(await page.$$eval('[data-deckhand-action="download-all"]', (els) => els.length)).toBe(1);
    expect(await all!.evaluate((h) => (h as HTMLElement).shadowRoot!.querySelector('button')!.getAttribute('aria-label'))).toBe('Download every track of this playlist with Deckhand, in order');
    await screenshot(page, 'mixcloud-playlist');
    await page.goto(F.tag.url, { waitUntil: 'domcontentloaded' });
    await settled(page, { cards: 'some' });
    const playing = await page.$eval('[data-testid="player-show-title"]', (a) => a.getAttribute('href'));
    const target = await page.$$eval('[data-testid="cloudcast-card-title"]', (links, now) => links.map((a) => a.getAttribute('href')).find((h) => h !== now), playing);
    await page.$eval(`[data-testid="cloudcast-card-title"][href="${target}"]`, (a) => (a.closest('[data-testid="cloudcast-card"]')!.querySelector('[data-testid="cloudcast-card-play-button"]') as HTMLElement).click());
    await page.waitForFunction((k: string) => (document.querySelector('[data-testid="player"] [data-deckhand-track]') as HTMLElement | null)?.dataset.deckhandTrack === k, { timeout: 10_000 }, `mixcloud:${target}`);
    await settled(page, { cards: 'some' });
    await screenshot(page, 'mixcloud-discover-player');
  });

  it('search results and the hostile show: buttons, and nothing executes', async () => {
    screenshotOnFailure('mc-search', () => pages);
    const page = await open('https://www.mixcloud.com/search/?q=session');
    await settled(page, { cards: 'some' });
    await screenshot(page, 'mixcloud-search');
    const hostile = await open(F.hostile.url);
    await settled(hostile, { hero: true });
    await screenshot(hostile, 'mixcloud-hostile-show');
    expect(dialogs).toEqual([]);
  });

  it('the popup lists the page’s shows', async () => {
    screenshotOnFailure('mc-popup', () => pages);
    const page = await open(`${F.users.viewer.url}favorites/`);
    const c = await settled(page, { cards: 7 });
    const popup = await session.openPopup(await session.tabIdOf(page));
    pages.push(popup);
    await popup.waitForFunction((n: number) => document.querySelectorAll('.item').length === n, { timeout: 10_000 }, new Set(c.keys).size);
    const rows = await popup.$$eval('.item', (items) => items.map((i) => ({ key: i.getAttribute('data-track'), text: i.textContent })));
    expect(rows.map((r) => r.key)).toContain(`mixcloud:${F.exclusive.key}`);
    expect(rows.find((r) => r.key === `mixcloud:${F.exclusive.key}`)?.text).toMatch(/Subscribers only/);
    expect(rows.find((r) => r.key === `mixcloud:${F.shortShow.key}`)?.text).toContain('Show');
    await screenshot(popup, 'mixcloud-popup-this-page');
  });
});

function findFile(dir: string, ext: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(ext)) return join(entry.parentPath, entry.name);
  }
  return undefined;
}

describe('Mixcloud show -> tagged M4A with chapters', () => {
  it('downloads the short show through the native host', async () => {
    screenshotOnFailure('mc-download', () => pages);
    await session.inWorker(`chrome.storage.local.get('settings').then(r => chrome.storage.local.set({ settings: { ...(r.settings || {}), libraryRoot: ${JSON.stringify(session.libraryDir)}, nativeHost: 'auto' } }))`);
    const page = await open(F.shortShow.url);
    await settled(page, { hero: true });
    const key = `mixcloud:${F.shortShow.key}`;
    await page.$eval(`[data-testid="cloudcast-play-button"] + [data-deckhand-track="${key}"]`, (h) => ((h as HTMLElement).shadowRoot!.querySelector('button') as HTMLButtonElement).click());
    await page.waitForFunction(
      (k: string) => [...document.querySelectorAll(`[data-deckhand-track="${k}"]`)].every((h) => ['done', 'failed'].includes((h as HTMLElement).dataset.deckhandState ?? '')),
      { timeout: 150_000, polling: 250 },
      key,
    );
    expect((await state(page, key)).map((s) => s.state)).toEqual(['done', 'done']);
    await screenshot(page, 'mixcloud-show-saved');

    const file = findFile(session.libraryDir, '.m4a');
    expect(file, `no .m4a in ${session.libraryDir}`).toBeDefined();
    const probe = ffprobe(file!);
    expect(probe.streams.find((s) => s.codec_type === 'audio')?.codec_name).toBe('aac');
    expect(Math.abs(Number(probe.format.duration) - F.shortShow.durationSec)).toBeLessThan(1);
    expect(decodeErrors(file!)).toBe('');
    const timed = F.shortShow.expected.chapters.filter((ch) => ch.startMs !== undefined);
    expect(probe.chapters.map((ch) => Math.round(Number(ch.start_time) * 1000))).toEqual(timed.map((ch) => ch.startMs));
    expect(probe.chapters.map((ch) => ch.tags?.title)).toEqual([
      'Ayla Moreno - Slow Bloom',
      'The Velvet Lanterns - Night Tram',
      'Listener dedications',
      'Mira Castell - Paper Suns',
      'Rosa Lind - Golden Hour',
      'Ayla Moreno - Closing Time',
    ]);
    const tags = mutagen(file!);
    expect(tags.tags['©nam']).toEqual([F.shortShow.expected.title]);
    expect(tags.tags['©ART']).toEqual([F.shortShow.expected.artist]);
    expect(tags.tags['©gen']).toEqual([F.shortShow.expected.genre]);
    expect((tags.tags.covr?.[0] as { bytes: number } | undefined)?.bytes).toBeGreaterThan(1000);
  });
});
