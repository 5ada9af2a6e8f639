/**
 * Browsing in real Chromium against the replica: the popup's Search tab over all three platforms
 * (merged results, platform filter), an artist opened from a result, Beatport charts by genre and
 * Mixcloud charts by tag, a download started from a search result, a user's tabs switched by keyboard
 * (SoundCloud likes, Mixcloud followers), a Beatport DJ chart opened from the chart list, a track's
 * own view (SoundCloud related tracks; a Mixcloud show's tracklist from GraphQL, and its comments), a
 * Beatport label picked from the labels list, and "My SoundCloud" after signing in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { startReplica, type Replica } from '../replica/server';
import { BEATPORT_FIXTURES as BP } from '../replica/platforms/beatport/fixtures';
import { SOUNDCLOUD_FIXTURES as SC } from '../replica/platforms/soundcloud/fixtures';
import { MIXCLOUD_FIXTURES as MC } from '../replica/platforms/mixcloud/fixtures';
import { apiV2, fetchReplica } from '../replica/platforms/soundcloud/test-client';
import { launchChromium, type ChromiumSession } from '../harness/chromium';
import { connectThroughOptions, control } from './account-flow';
import { screenshot, screenshotOnFailure } from '../harness/artifacts';
import { clearField } from '../harness/fields';

let replica: Replica;
let session: ChromiumSession;
let popup: Page;
const pages: Page[] = [];

beforeAll(async () => {
  replica = await startReplica({ port: 0, lazyMedia: true });
  session = await launchChromium({ replica });
  // A Beatport page hands the extension its anonymous catalogue token; a SoundCloud page its client id.
  const bp = await session.newPage(BP.previewTrack.url);
  pages.push(bp);
  await bp.waitForSelector('[data-deckhand-track]', { timeout: 60_000 });
  const sc = await session.newPage(SC.plain.url);
  pages.push(sc);
  await sc.waitForSelector('[data-deckhand-track]', { timeout: 60_000 });
  popup = await session.openPopup(await session.tabIdOf(sc));
  pages.push(popup);
  await popup.setViewport({ width: 380, height: 600 });
});

afterAll(async () => {
  await session?.close();
  await replica?.stop();
});

const tab = (name: string) => popup.$$eval('nav button', (bs, n) => bs.find((b) => b.textContent?.startsWith(n as string))?.click(), name);

/** Platforms of the rows in the results list, in order. */
const resultPlatforms = () =>
  popup.$$eval('ul[aria-label="Search results"] > li', (rows) =>
    rows.map((r) => ((r as HTMLElement).dataset.track ?? (r as HTMLElement).dataset.entity ?? '').split(':')[0]),
  );

async function search(query: string): Promise<void> {
  await popup.$eval('input[name="q"]', (el, q) => ((el as HTMLInputElement).value = q as string), query);
  await popup.$eval('form[role="search"]', (f) => (f as HTMLFormElement).requestSubmit());
  await popup.waitForFunction(() => !document.body.textContent?.includes('Searching…'), { timeout: 60_000 });
}

describe('popup browse', () => {
  it('searches all three platforms at once, then only the platforms left checked', async () => {
    screenshotOnFailure('browse-search', () => pages);
    await tab('Search');
    await search('deep');
    const platforms = await resultPlatforms();
    expect(platforms.length).toBeGreaterThan(5);
    expect(new Set(platforms).size).toBeGreaterThanOrEqual(2);
    await screenshot(popup, 'browse-search-all');

    await popup.$eval('button[aria-expanded]', (b) => (b as HTMLButtonElement).click());
    await popup.$eval('input[name="platform-soundcloud"]', (b) => (b as HTMLInputElement).click());
    await popup.$eval('input[name="platform-mixcloud"]', (b) => (b as HTMLInputElement).click());
    await search(BP.previewTrack.name);
    const only = await resultPlatforms();
    expect(only.length).toBeGreaterThan(0);
    expect(new Set(only)).toEqual(new Set(['beatport']));
    expect(await popup.$eval('ul[aria-label="Search results"] .title', (t) => t.textContent)).toBe(BP.previewTrack.title);
    await screenshot(popup, 'browse-search-beatport-only');
  });

  it('opens an artist from a result, with their tracks', async () => {
    screenshotOnFailure('browse-artist', () => pages);
    await popup.$eval('select[name="type"]', (s) => ((s as HTMLSelectElement).value = 'people'));
    await search(BP.previewTrack.artists[0] as string);
    await popup.$eval('li[data-entity^="beatport:artist:"] button', (b) => (b as HTMLButtonElement).click());
    await popup.waitForSelector(`.browse-view li[data-track="beatport:${BP.previewTrack.id}"]`, { timeout: 60_000 });
    await screenshot(popup, 'browse-artist');
    await popup.keyboard.press('Escape');
    await popup.waitForSelector('ul[aria-label="Search results"]');
  });

  it('shows Beatport Top 100 and Hype 100 by genre, and Mixcloud hot by tag', async () => {
    screenshotOnFailure('browse-charts', () => pages);
    await tab('Charts');
    await popup.waitForFunction(() => (document.querySelector('select[aria-label="Genre"]') as HTMLSelectElement | null)?.options.length! > 1, { timeout: 60_000 });
    const genreId = await popup.$eval('select[aria-label="Genre"]', (s, name) => [...(s as HTMLSelectElement).options].find((o) => o.text === name)?.value, BP.previewTrack.genre);
    expect(genreId).toBeTruthy();
    await popup.select('select[aria-label="Genre"]', genreId as string);
    await popup.$eval('.charts form', (f) => (f as HTMLFormElement).requestSubmit());
    await popup.waitForFunction((name) => document.body.textContent?.includes(`Beatport ${name} Top 100`), { timeout: 60_000 }, BP.previewTrack.genre);
    expect(await popup.$$eval('ul.list > li[data-track^="beatport:"]', (r) => r.length)).toBeGreaterThan(0);
    await screenshot(popup, 'browse-charts-top100-genre');

    await popup.select('select[aria-label="Chart"]', 'hype100');
    await popup.$eval('.charts form', (f) => (f as HTMLFormElement).requestSubmit());
    await popup.waitForFunction((name) => document.body.textContent?.includes(`Beatport ${name} Hype 100`), { timeout: 60_000 }, BP.previewTrack.genre);
    expect(await popup.$eval('.charts', (c) => c.textContent)).toContain('no API');

    await popup.select('select[aria-label="Platform"]', 'mixcloud');
    await popup.select('select[aria-label="Chart"]', 'hot');
    await popup.type('input[aria-label="Tag"]', MC.tag.name);
    await popup.$eval('.charts form', (f) => (f as HTMLFormElement).requestSubmit());
    await popup.waitForFunction((name) => document.body.textContent?.includes(`Mixcloud Hot — ${name}`), { timeout: 60_000 }, MC.tag.name);
    expect(await popup.$$eval('ul.list > li[data-track^="mixcloud:"]', (r) => r.length)).toBeGreaterThan(0);
    await screenshot(popup, 'browse-charts-mixcloud-hot');
  });

  it('downloads a track from a search result', async () => {
    screenshotOnFailure('browse-download', () => pages);
    await tab('Search');
    await popup.$eval('select[name="type"]', (s) => ((s as HTMLSelectElement).value = 'tracks'));
    await popup.$eval('input[name="platform-soundcloud"]', (b) => (b as HTMLInputElement).click());
    await search(SC.plain.title);
    const key = `soundcloud:${SC.plain.urn}`;
    await popup.$eval(`li[data-track="${key}"] button.dl`, (b) => (b as HTMLButtonElement).click());
    await popup.waitForFunction((k) => document.querySelector(`li[data-track="${k}"] .status.ok, li[data-track="${k}"] .status.err`), { timeout: 150_000 }, key);
    expect(await popup.$eval(`li[data-track="${key}"] .status`, (s) => s.className)).toContain('ok');
    await screenshot(popup, 'browse-download-done');
  });

  /** Open the user `entity` from a People search, then show its tab `list` by keyboard (arrow keys, Enter). */
  async function openUserTab(query: string, entity: string, list: string): Promise<void> {
    await tab('Search');
    for (const p of ['soundcloud', 'mixcloud', 'beatport']) {
      await popup.$eval(`input[name="platform-${p}"]`, (b) => (b as HTMLInputElement).checked || (b as HTMLInputElement).click());
    }
    await popup.$eval('select[name="type"]', (s) => ((s as HTMLSelectElement).value = 'people'));
    await search(query);
    await popup.$eval(`li[data-entity="${entity}"] button`, (b) => (b as HTMLButtonElement).click());
    await popup.waitForSelector('.browse-view [role="tab"][aria-selected="true"]', { timeout: 60_000 });
    await popup.focus('.browse-view [role="tab"][aria-selected="true"]');
    for (let guard = 0; guard < 10; guard++) {
      if ((await popup.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.list)) === list) break;
      await popup.keyboard.press('ArrowRight');
    }
    await popup.keyboard.press('Enter');
    await popup.waitForSelector(`.browse-view [role="tab"][data-list="${list}"][aria-selected="true"]`, { timeout: 60_000 });
  }

  it('switches a SoundCloud user to their likes and a Mixcloud user to their followers, by keyboard', async () => {
    screenshotOnFailure('browse-user-tabs', () => pages);
    // A user who likes tracks, and one who has followers, as the replica's APIs say.
    const scUser = await (async () => {
      for (const u of Object.values(SC.users)) {
        const likes = (await apiV2(replica, `/users/${u.urn}/likes?limit=50`)).json().collection as { track?: { urn: string } }[];
        const liked = likes.find((l) => l.track)?.track?.urn;
        if (liked) return { ...u, liked };
      }
      throw new Error('no SoundCloud user with likes');
    })();
    await openUserTab(scUser.username, `soundcloud:user:${scUser.urn}`, 'likes');
    await popup.waitForSelector(`.browse-view li[data-track="soundcloud:${scUser.liked}"] button.dl`, { timeout: 60_000 });
    await popup.waitForFunction(() => [...document.querySelectorAll('.browse-view li img')].some((i) => (i as HTMLImageElement).src.startsWith('blob:')), { timeout: 30_000 });
    await screenshot(popup, 'browse-soundcloud-likes');
    await popup.keyboard.press('Escape');

    const mcUser = await (async () => {
      for (const u of Object.values(MC.users)) {
        const followers = (await fetchReplica(replica, `https://api.mixcloud.com/${u.username}/followers/?limit=5`)).json().data as unknown[];
        if (followers.length) return u;
      }
      throw new Error('no Mixcloud user with followers');
    })();
    await openUserTab(mcUser.username, `mixcloud:user:/${mcUser.username}/`, 'followers');
    await popup.waitForSelector('.browse-view ul[aria-label^="Followers"] li[data-entity^="mixcloud:user:"]', { timeout: 60_000 });
    await screenshot(popup, 'browse-mixcloud-followers');
    // A follower opens as a view of its own, with its own tabs.
    await popup.$eval('.browse-view ul[aria-label^="Followers"] li[data-entity] button', (b) => (b as HTMLButtonElement).click());
    await popup.waitForFunction((u) => { const v = document.querySelector('.browse-view'); return v && !v.getAttribute('data-view')?.endsWith(`/${u}/`) && v.querySelector('[role="tab"]'); }, { timeout: 60_000 }, mcUser.username);
    await popup.keyboard.press('Escape');
    await popup.keyboard.press('Escape');
    await popup.waitForSelector('ul[aria-label="Search results"]');
  });

  /** Search tracks on every platform. */
  async function searchTracks(query: string): Promise<void> {
    await tab('Search');
    for (const p of ['soundcloud', 'mixcloud', 'beatport']) {
      await popup.$eval(`input[name="platform-${p}"]`, (b) => (b as HTMLInputElement).checked || (b as HTMLInputElement).click());
    }
    await popup.$eval('select[name="type"]', (s) => ((s as HTMLSelectElement).value = 'tracks'));
    await search(query);
  }

  /** Move keyboard focus along the view's tabs to `list` and show it with Enter. */
  async function showTab(list: string): Promise<void> {
    await popup.focus('.browse-view [role="tab"][aria-selected="true"]');
    for (let guard = 0; guard < 10; guard++) {
      if ((await popup.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.list)) === list) break;
      await popup.keyboard.press('ArrowRight');
    }
    await popup.keyboard.press('Enter');
    await popup.waitForSelector(`.browse-view [role="tab"][data-list="${list}"][aria-selected="true"]`, { timeout: 60_000 });
  }

  it('opens a SoundCloud track’s details and its related tracks, and a Mixcloud show’s tracklist and comments, by keyboard', async () => {
    screenshotOnFailure('browse-track-view', () => pages);
    await searchTracks(SC.plain.title);
    const scRow = `li[data-track="soundcloud:${SC.plain.urn}"]`;
    await popup.waitForSelector(`${scRow} button.details`, { timeout: 60_000 });
    await popup.focus(`${scRow} button.details`);
    await popup.keyboard.press('Enter');
    await popup.waitForSelector(`.browse-view[data-view="soundcloud:track:${SC.plain.urn}"] .about`, { timeout: 60_000 });
    await showTab('related');
    await popup.waitForSelector('.browse-view ul[aria-label="Related tracks"] li[data-track] button.dl', { timeout: 60_000 });
    await screenshot(popup, 'browse-soundcloud-related');
    await popup.keyboard.press('Escape');

    const show = MC.twoHourShow;
    await searchTracks(show.name);
    const mcRow = `li[data-track="mixcloud:${show.key}"]`;
    await popup.waitForSelector(`${mcRow} button.details`, { timeout: 60_000 });
    await popup.$eval(`${mcRow} button.details`, (b) => (b as HTMLButtonElement).click());
    // The public API has no sections for this show: the tracklist comes from GraphQL.
    await popup.waitForSelector('.browse-view ol.tracklist li', { timeout: 60_000 });
    expect(await popup.$$eval('.browse-view ol.tracklist li', (l) => l.length)).toBe(show.sections.length);
    expect(await popup.$eval('.browse-view h2.section', (h) => h.textContent)).toContain('site data');
    await screenshot(popup, 'browse-mixcloud-show-tracklist');
    await showTab('comments');
    await popup.waitForSelector('.browse-view ul.comments li', { timeout: 60_000 });
    await screenshot(popup, 'browse-mixcloud-show-comments');
    await popup.keyboard.press('Escape');
  });

  it('filters Beatport results by a label picked from the labels list (label_id)', async () => {
    screenshotOnFailure('browse-label-filter', () => pages);
    await tab('Search');
    if ((await popup.$eval('button[aria-expanded]', (b) => b.getAttribute('aria-expanded'))) !== 'true') {
      await popup.$eval('button[aria-expanded]', (b) => (b as HTMLButtonElement).click());
    }
    await clearField(popup, 'input[name="label"]');
    await popup.type('input[name="label"]', BP.previewTrack.label);
    await popup.waitForFunction(() => (document.querySelector('select[name="labelId"]') as HTMLSelectElement | null)?.options.length! > 1, { timeout: 60_000 });
    const labelId = await popup.$eval('select[name="labelId"]', (s, name) => [...(s as HTMLSelectElement).options].find((o) => o.text === name)?.value, BP.previewTrack.label);
    expect(labelId).toBeTruthy();
    await popup.select('select[name="labelId"]', labelId as string);
    await search(BP.previewTrack.name);
    await popup.waitForSelector(`ul[aria-label="Search results"] li[data-track="beatport:${BP.previewTrack.id}"]`, { timeout: 60_000 });
    expect(new Set(await resultPlatforms())).toEqual(new Set(['beatport']));
    await screenshot(popup, 'browse-beatport-label-filter');
    // Leave the filters as the other tests expect them.
    await popup.select('select[name="labelId"]', '');
    await clearField(popup, 'input[name="label"]');
  });

  it('shows "My SoundCloud" when signed in: the user’s own tracks, private ones too, and their playlists', async () => {
    screenshotOnFailure('browse-my-soundcloud', () => pages);
    const app = { id: 'e2eBrowseClient', secret: 'e2e-browse-secret' };
    await control(replica, 'POST', '/soundcloud/apps', { client_id: app.id, client_secret: app.secret, redirect_uris: [`https://${session.extensionId}.chromiumapp.org/soundcloud`] });
    const options = await connectThroughOptions(session, 'soundcloud', app);
    pages.push(options);
    await options.close();
    await popup.bringToFront();
    await tab('This page');
    await tab('Charts');
    await popup.waitForSelector('[data-mine="soundcloud"]', { timeout: 30_000 });
    await popup.focus('[data-mine="soundcloud"]');
    await popup.keyboard.press('Enter');
    await popup.waitForSelector(`.browse-view li[data-track="soundcloud:${SC.private.urn}"] button.dl`, { timeout: 60_000 });
    expect(await popup.$eval('.browse-view .bar a', (a) => a.textContent)).toBe(SC.me.username);
    await screenshot(popup, 'browse-my-soundcloud');
    await showTab('playlists');
    await popup.waitForSelector('.browse-view li[data-entity^="soundcloud:set:"]', { timeout: 60_000 });
    await screenshot(popup, 'browse-my-soundcloud-playlists');
    await popup.keyboard.press('Escape');
  });

  it('lists Beatport DJ charts and opens one with its tracks, each with a download button', async () => {
    screenshotOnFailure('browse-dj-charts', () => pages);
    const chart = BP.chart as NonNullable<typeof BP.chart>;
    await tab('Charts');
    await popup.select('select[aria-label="Platform"]', 'beatport');
    await popup.select('select[aria-label="Chart"]', 'djcharts');
    await popup.select('select[aria-label="Genre"]', '');
    await popup.$eval('.charts form', (f) => (f as HTMLFormElement).requestSubmit());
    await popup.waitForSelector(`li[data-entity="beatport:chart:${chart.id}"]`, { timeout: 60_000 });
    await screenshot(popup, 'browse-dj-charts');
    await popup.focus(`li[data-entity="beatport:chart:${chart.id}"] button`);
    await popup.keyboard.press('Enter');
    await popup.waitForSelector(`.browse-view[data-view="beatport:chart:${chart.id}"] li[data-track] button.dl`, { timeout: 60_000 });
    const shown = await popup.$$eval('.browse-view li[data-track]', (rows) => rows.map((r) => (r as HTMLElement).dataset.track));
    expect(shown).toEqual(chart.trackIds.slice(0, 25).map((id) => `beatport:${id}`));
    await screenshot(popup, 'browse-dj-chart');
    await popup.keyboard.press('Escape');
  });
});
