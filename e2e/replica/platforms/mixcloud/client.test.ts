/** The page client in a real browser: SPA navigation, the persistent player, infinite scroll. */
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Replica } from '../../server';
import { closeReplicaBrowser, HAS_CHROMIUM, openReplicaBrowser } from '../../test-browser';
import { MIXCLOUD_FIXTURES as F } from './fixtures';

let replica: Replica;
let browser: Browser;
let page: Page;
const graphqlPosts: string[] = [];

describe.skipIf(!HAS_CHROMIUM)('www.mixcloud.com client', () => {
  beforeAll(async () => {
    ({ replica, browser, page } = await openReplicaBrowser(['--autoplay-policy=no-user-gesture-required']));
    page.on('request', (r) => {
      if (r.url() === 'https://app.mixcloud.com/graphql' && r.method() === 'POST') graphqlPosts.push(r.postData() ?? '');
    });
  });
  afterAll(() => closeReplicaBrowser({ replica, browser }));

  const cards = () => page.$$eval('[data-testid="cloudcast-card"]', (e) => e.length);
  const playerTitle = () => page.$eval('[data-testid="player-show-title"]', (a) => [a.getAttribute('href'), a.textContent]);

  it('loads more uploads when scrolled to the end of the list', async () => {
    await page.goto(F.pagedUser.url, { waitUntil: 'networkidle0' });
    expect(await cards()).toBe(20);
    for (const want of [40, 45]) {
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="cloudcast-card"]').length >= n, { timeout: 30_000 }, want);
    }
    expect(await cards()).toBe(45);
    expect(await page.$eval('[data-testid="cloudcast-list"]', (l) => l.getAttribute('data-has-next-page'))).toBe('false');
    expect(graphqlPosts.some((p) => p.includes('UserUploadsQuery'))).toBe(true);
  });

  it('plays a show from its card: the player takes its title and link and the audio its stream', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    const buttons = await page.$$('[data-testid="cloudcast-card-play-button"]');
    await buttons[1]!.click();
    const second = F.pagedUser.newestShow.key.replace('045', '044');
    await page.waitForFunction((href) => document.querySelector('[data-testid="player-show-title"]')?.getAttribute('href') === href, {}, second);
    expect((await playerTitle())[1]).toBe('Night Shift Session #044');
    expect(await page.$eval('audio', (a) => a.src)).toMatch(/^https:\/\/stream\d+\.mixcloud\.com\/secure\/c\/m4a\/64\/.+\.m4a\?sig=/);
    await page.waitForSelector('[data-testid="player-play-button-Pause"]');
  });

  it('navigates without reloading, keeps the player, leaves relay-data stale, and follows Back', async () => {
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
    const relayBefore = await page.$eval('#relay-data', (s) => s.textContent);
    const playerBefore = await playerTitle();
    await page.click('[data-testid="profile-tab-favorites"]');
    await page.waitForFunction(() => location.pathname === '/nightshiftcollective/favorites/');
    await page.waitForSelector('[data-testid="profile-tab-favorites"][data-active="true"]');
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expect(await page.$eval('#relay-data', (s) => s.textContent)).toBe(relayBefore);
    expect(await playerTitle()).toEqual(playerBefore);
    await page.click('[data-testid="logo"]');
    await page.waitForSelector('[data-testid="home-title"]');
    await page.click('[data-testid="cloudcast-card-title"]');
    await page.waitForSelector('[data-testid="cloudcast-title"]');
    expect(await page.title()).toMatch(/\| Mixcloud$/);
    await page.goBack();
    await page.waitForSelector('[data-testid="home-title"]');
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  });

  it('refuses to play the exclusive show and says why', async () => {
    await page.goto(F.exclusive.url, { waitUntil: 'networkidle0' });
    await page.click('[data-testid="cloudcast-play-button"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="player-message"]')?.textContent?.includes('Select'));
    expect(await page.$eval('audio', (a) => a.getAttribute('src'))).toBeNull();
  });
});
