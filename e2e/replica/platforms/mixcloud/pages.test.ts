import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../../server';
import { MIXCLOUD_FIXTURES as F } from './fixtures';
import { replicaFetch } from './testing';

let replica: Replica;
beforeAll(async () => {
  replica = await startReplica({ port: 0, lazyMedia: true });
});
afterAll(async () => replica.stop());

const page = async (url: string) => {
  const r = await replicaFetch(replica, url);
  return { status: r.status, html: r.text(), headers: r.headers };
};
const count = (html: string, needle: string) => html.split(needle).length - 1;
const attr = (html: string, testid: string, name: string) => new RegExp(`data-testid="${testid}"[^>]*?${name}="([^"]*)"|${name}="([^"]*)"[^>]*?data-testid="${testid}"`).exec(html)?.slice(1).find(Boolean);
const textOf = (html: string, testid: string) => new RegExp(`data-testid="${testid}"[^>]*>([^<]*)<`).exec(html)?.[1];
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

function relayData(html: string): { operation: string; data: Record<string, any> }[] {
  const m = /<script id="relay-data" type="text\/x-mixcloud">([^<]*)<\/script>/.exec(html);
  return JSON.parse(unescape(m?.[1] ?? 'null'));
}

/** Every page has the bottom player: a title link, a play button, one <audio>. */
function expectPlayer(html: string, show: { key: string; name: string }) {
  expect(attr(html, 'player-show-title', 'href')).toBe(show.key);
  expect(unescape(textOf(html, 'player-show-title') ?? '')).toBe(show.name);
  expect(count(html, 'data-testid="player-play-button-Play"')).toBe(1);
  expect(count(html, '<audio')).toBe(1);
}

describe('show page', () => {
  it('renders the hero, tags, tracklist, head meta and the player on the show', async () => {
    const { status, html } = await page(F.shortShow.url);
    expect(status).toBe(200);
    expect(html).toContain(`<title>${F.shortShow.name} by Deep Waves Radio | Mixcloud</title>`);
    expect(html).toContain(`<meta property="og:title" content="${F.shortShow.name}">`);
    expect(html).toContain(`<link rel="canonical" href="${F.shortShow.url}">`);
    expect(html).toContain('type="application/json+oembed"');
    expect(textOf(html, 'cloudcast-title')).toBe(F.shortShow.name);
    expect(attr(html, 'cloudcast-owner-link', 'href')).toBe('/deepwavesradio/');
    expect(count(html, 'data-testid="cloudcast-tag"')).toBe(3);
    expect(count(html, 'data-testid="tracklist-row"')).toBe(8);
    expect(count(html, 'data-section-type="chapter"')).toBe(2);
    expect(html).toMatch(/class="styles__Title-css-in-js__sc-[0-9a-z]{6}-0 [A-Za-z]{6}"/);
    expectPlayer(html, F.shortShow);
  });

  it('embeds the queries it was built from as relay-data, including the player streamInfo', async () => {
    const relay = relayData((await page(F.shortShow.url)).html);
    expect(relay.map((r) => r.operation)).toEqual(['CloudcastHeroQuery', 'PlayerControlsQuery']);
    expect(relay[0]!.data.cloudcastLookup.sections).toHaveLength(8);
    expect(relay[1]!.data.cloudcastLookup.streamInfo.hlsUrl).toEqual(expect.any(String));
  });

  it('marks exclusive and restricted shows and shows no tracklist when there is none', async () => {
    expect((await page(F.exclusive.url)).html).toContain('data-testid="cloudcast-exclusive-badge"');
    expect((await page(F.restricted.url)).html).toContain('data-restricted-reason="repeat_play"');
    expect((await page(F.noTracklist.url)).html).toContain('data-testid="tracklist-empty"');
  });

  it('escapes the hostile show everywhere, including the inline data', async () => {
    const { html } = await page(F.hostile.url);
    expect(html).not.toContain('<script>alert(');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<svg onload');
    expect(html).toContain('&lt;script&gt;alert(&quot;mc-hostile&quot;)&lt;/script&gt;');
    expect(unescape(textOf(html, 'cloudcast-title') ?? '')).toBe(F.hostile.name);
    expect(count(html, '<script')).toBe(2); // relay-data and the client bundle only
    expect(relayData(html)[0]!.data.cloudcastLookup.name).toBe(F.hostile.name);
  });
});

describe('lists', () => {
  it('user uploads: the first 20 cards, a cursor for more, profile tabs', async () => {
    const { html } = await page(F.pagedUser.url);
    expect(count(html, 'data-testid="cloudcast-card"')).toBe(20);
    expect(attr(html, 'cloudcast-list', 'data-list-kind')).toBe('uploads');
    expect(attr(html, 'cloudcast-list', 'data-has-next-page')).toBe('true');
    expect(Buffer.from(attr(html, 'cloudcast-list', 'data-end-cursor') ?? '', 'base64').toString()).toBe('arrayconnection:19');
    expect(attr(html, 'cloudcast-card-title', 'href')).toBe(F.pagedUser.newestShow.key);
    expect(textOf(html, 'profile-display-name')).toBe('Night Shift Collective');
    for (const tab of ['uploads', 'favorites', 'listens', 'stream']) expect(html).toContain(`data-testid="profile-tab-${tab}"`);
    expectPlayer(html, F.pagedUser.newestShow);
  });

  it('favorites, listens, playlist, discover (both prefixes) and search pages', async () => {
    const favorites = (await page(`${F.users.viewer.url}favorites/`)).html;
    expect(attr(favorites, 'cloudcast-card-title', 'href')).toBe(F.shortShow.key);
    expect(attr(favorites, 'profile-tab-favorites', 'data-active')).toBe('true');
    expect(count((await page(`${F.users.viewer.url}listens/`)).html, 'data-testid="cloudcast-card"')).toBe(20);
    const playlist = (await page(F.playlist.url)).html;
    expect(textOf(playlist, 'playlist-title')).toBe('Crate Favourites');
    expect(count(playlist, 'data-testid="cloudcast-card"')).toBe(5);
    for (const prefix of ['discover', 'genres']) {
      const discover = await page(`https://www.mixcloud.com/${prefix}/house/`);
      expect(discover.status).toBe(200);
      expect(textOf(discover.html, 'discover-title')).toBe('House shows');
    }
    const search = (await page('https://www.mixcloud.com/search/?q=selector')).html;
    expect(attr(search, 'user-card-link', 'href')).toBe('/selectorsara/');
    expect(attr(search, 'search-input', 'value')).toBe('selector');
  });
});

describe('site', () => {
  it('404s unknown users and shows with the player still there; redirects to canonical URLs', async () => {
    const missing = await page('https://www.mixcloud.com/no-such-user-here/');
    expect(missing.status).toBe(404);
    expect(missing.html).toContain('data-testid="not-found"');
    expect(missing.html).toContain('data-testid="player-show-title"');
    const noSlash = await replicaFetch(replica, 'https://www.mixcloud.com/deepwavesradio');
    expect(noSlash.status).toBe(301);
    expect(noSlash.headers.location).toBe('https://www.mixcloud.com/deepwavesradio/');
    const bare = await replicaFetch(replica, 'https://mixcloud.com/deepwavesradio/');
    expect(bare.headers.location).toBe('https://www.mixcloud.com/deepwavesradio/');
  });

  it('serves the client bundle as valid JavaScript that talks to app.mixcloud.com/graphql', async () => {
    const r = await replicaFetch(replica, 'https://www.mixcloud.com/media/js/www-app.js');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('javascript');
    const js = r.text();
    expect(() => new Function(js)).not.toThrow(); // compiles; not run
    expect(js).toContain('https://app.mixcloud.com/graphql');
    expect(js).toContain(F.xorKey);
  });

  it('answers the CORS preflight the page client sends to GraphQL', async () => {
    const r = await replicaFetch(replica, 'https://app.mixcloud.com/graphql', {
      method: 'OPTIONS',
      headers: { origin: 'https://www.mixcloud.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(r.status).toBe(200);
    expect(r.headers['access-control-allow-origin']).toBe('https://www.mixcloud.com');
    expect(String(r.headers['access-control-allow-headers'])).toContain('content-type');
  });
});
