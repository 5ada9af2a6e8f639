/**
 * Contract tests of the rest of the browse surface against the in-process replica (same setup as
 * browse.test.ts: shipped clients, core/http, limiter and cache; only the socket is redirected):
 * user tabs followed to the end (SoundCloud likes/reposts/playlists, Mixcloud favorites/listens/
 * followers/following in until= paging), Beatport DJ charts and sub-genres and the Beatport-only
 * search filters, Mixcloud comments, categories, feed (token in the query), URL resolution and oEmbed.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startReplica, type Replica } from '../../e2e/replica/server';
import { SOUNDCLOUD_FIXTURES as SC } from '../../e2e/replica/platforms/soundcloud/fixtures';
import { MIXCLOUD_FIXTURES as MC } from '../../e2e/replica/platforms/mixcloud/fixtures';
import { BEATPORT_FIXTURES as BP, mintBeatportToken } from '../../e2e/replica/platforms/beatport/fixtures';
import { apiV2, fetchReplica } from '../../e2e/replica/platforms/soundcloud/test-client';
import type { EntityListId, EntityRef, EntityView } from '../../shared/browse';
import type { TrackRef } from '../../shared/track';
import { resetBrowseEnv } from './browse.test-support';

vi.mock('wxt/browser', async () => {
  const { memoryStorageArea } = await import('./browse.test-support');
  return { browser: { storage: { local: memoryStorageArea() } } };
});

const { browser } = await import('wxt/browser');
const { BeatportApi } = await import('../platforms/beatport/api');
const { BeatportBrowse } = await import('../platforms/beatport/browse');
const { MixcloudBrowse } = await import('../platforms/mixcloud/browse');
const { MixcloudExtras } = await import('../platforms/mixcloud/api-extras');
const { SoundCloudBrowse } = await import('../platforms/soundcloud/browse');
const { Browse } = await import('./browse');

let replica: Replica;
let bpToken: string | undefined;
const tokenStore = {
  current: async () => (bpToken ? { token: bpToken, expiresAt: Date.now() + 3_600_000 } : undefined),
  forget: async (t: string) => {
    if (t === bpToken) bpToken = undefined;
  },
};
const bp = new BeatportBrowse(new BeatportApi(tokenStore));
const browse = new Browse({ soundcloud: new SoundCloudBrowse(), mixcloud: new MixcloudBrowse(), beatport: bp });
const extras = new MixcloudExtras();

const ids = (items: (TrackRef | EntityRef)[]) => items.map((i) => i.id);

/** Every item of one tab of an entity, following `next` to the end. */
async function wholeList(platform: 'soundcloud' | 'mixcloud', id: string, list: EntityListId): Promise<{ first: EntityView; items: (TrackRef | EntityRef)[]; pages: number }> {
  const first = await browse.entity(platform, 'user', id, undefined, list);
  const items: (TrackRef | EntityRef)[] = [...first.tracks, ...(list === 'tracks' ? [] : first.children)];
  let next = first.next;
  let pages = 1;
  for (; next && pages < 50; pages++) {
    const more = await browse.entity(platform, 'user', id, next, list);
    items.push(...more.tracks, ...more.children);
    next = more.next;
  }
  expect(next).toBeUndefined();
  return { first, items, pages };
}

beforeAll(async () => {
  replica = await startReplica({ port: 0, lazyMedia: true });
});
afterAll(async () => {
  await replica.stop();
});
beforeEach(async () => {
  await resetBrowseEnv(replica, browser.storage.local);
  bpToken = mintBeatportToken('anon', { lifetimeSec: 3600 });
});

describe('SoundCloud user tabs', () => {
  /** The same list in one big page, straight from the replica: what paging must add up to. */
  async function direct(path: string, wrapped: boolean): Promise<string[]> {
    const body = (await apiV2(replica, `${path}?limit=200`)).json() as { collection: { urn?: string; track?: { urn?: string }; playlist?: unknown }[] };
    return body.collection.flatMap((x) => (wrapped ? (x.track?.urn ? [x.track.urn] : []) : x.urn ? [x.urn] : []));
  }

  it.each([
    ['likes', (urn: string) => `/users/${urn}/likes`, true],
    ['reposts', (urn: string) => `/stream/users/${urn}/reposts`, true],
    ['playlists', (urn: string) => `/users/${urn}/playlists`, false],
  ] as const)('%s: every page followed to the end, the same items as the API lists', async (list, path, wrapped) => {
    let checked = 0;
    for (const user of Object.values(SC.users)) {
      const expected = await direct(path(user.urn), wrapped);
      if (!expected.length) continue;
      const { first, items } = await wholeList('soundcloud', user.urn, list);
      expect(first.list).toBe(list);
      expect(first.lists?.map((l) => l.id)).toEqual(['tracks', 'likes', 'reposts', 'playlists']);
      expect(first.entity).toMatchObject({ kind: 'user', id: user.urn });
      expect(ids(items)).toEqual(expected);
      if (list === 'playlists') expect(items.every((i) => 'kind' in i && i.kind === 'set')).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('the tracks tab pages a 64-upload user to the end; an unknown tab is refused', async () => {
    const { items, pages } = await wholeList('soundcloud', SC.pagedUser.urn, 'tracks');
    expect(new Set(ids(items)).size).toBe(SC.pagedUser.trackCount);
    expect(pages).toBeGreaterThan(1);
    await expect(browse.entity('soundcloud', 'user', SC.pagedUser.urn, undefined, 'followers')).rejects.toMatchObject({ code: 'input.invalid' });
  });
});

describe('Mixcloud user tabs, comments, categories, feed, resolve, oEmbed', () => {
  const user = `/${MC.users.radio.username}/`;

  it.each(['favorites', 'listens', 'followers', 'following', 'playlists'] as const)('%s: followed to the end, as many as the API holds', async (list) => {
    let checked = 0;
    for (const u of Object.values(MC.users)) {
      const key = `/${u.username}/`;
      const all = await fetchReplica(replica, `https://api.mixcloud.com${key}${list}/?limit=100&offset=0`);
      const expected = (all.json().data as unknown[]).length;
      if (!expected) continue;
      const { first, items } = await wholeList('mixcloud', key, list);
      expect(first.list).toBe(list);
      expect(first.lists?.map((l) => l.id)).toEqual(['tracks', 'favorites', 'listens', 'playlists', 'followers', 'following']);
      expect(items).toHaveLength(expected);
      expect(new Set(ids(items)).size).toBe(expected);
      const kind = list === 'followers' || list === 'following' ? 'user' : list === 'playlists' ? 'set' : undefined;
      expect(items.every((i) => (kind ? 'name' in i && i.kind === kind : !('name' in i)))).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('comments of a show, newest first, paged to the end', async () => {
    const show = MC.twoHourShow;
    const direct = (await fetchReplica(replica, `https://api.mixcloud.com/${show.username}/${show.slug}/comments/?limit=100&offset=0`)).json().data as unknown[];
    const seen = [];
    let page = await extras.comments(`/${show.username}/${show.slug}/`);
    seen.push(...page.items);
    for (let guard = 0; page.next && guard < 20; guard++) {
      expect(page.next).toMatch(/until=/);
      page = await extras.comments(`/${show.username}/${show.slug}/`, page.next);
      seen.push(...page.items);
    }
    expect(seen).toHaveLength(direct.length);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]).toMatchObject({ text: expect.any(String), author: { kind: 'user' } });
    const times = seen.map((c) => c.at ?? '');
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('categories, tag search and URL resolution', async () => {
    const categories = await extras.categories();
    expect(categories.length).toBeGreaterThan(0);
    expect(categories.every((c) => c.slug && c.name)).toBe(true);
    const tags = await new MixcloudBrowse().tags(MC.tag.name);
    expect(tags).toContainEqual({ slug: MC.tag.slug, name: MC.tag.name });

    const show = await extras.resolve(MC.twoHourShow.url);
    expect(show).toMatchObject({ kind: 'show', track: { id: `/${MC.twoHourShow.username}/${MC.twoHourShow.slug}/`, platform: 'mixcloud' } });
    expect(await extras.resolve(`https://www.mixcloud.com/${MC.users.radio.username}/`)).toMatchObject({ kind: 'user', entity: { id: user } });
    expect(await extras.resolve(MC.playlist.url)).toMatchObject({ kind: 'playlist', entity: { kind: 'set', id: `/${MC.playlist.username}/playlists/${MC.playlist.slug}/` } });
    expect(await extras.resolve(MC.tag.url)).toEqual({ kind: 'tag', slug: MC.tag.slug, name: MC.tag.name });
    await expect(extras.resolve('https://www.mixcloud.com/nobody-here-at-all/')).rejects.toMatchObject({ code: 'not-found' });
    await expect(extras.resolve('https://example.com/a/b/')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('oEmbed of a show; a non-show is refused before any request', async () => {
    const o = await extras.oembed(MC.twoHourShow.url);
    expect(o.title).toBeTruthy();
    expect(o.html).toMatch(/<iframe[^>]+player-widget\.mixcloud\.com/);
    expect(o.imageUrl).toMatch(/^https:\/\/thumbnailer\.mixcloud\.com\//);
    const before = replica.app.log.length;
    await expect(extras.oembed(`https://www.mixcloud.com/${MC.users.radio.username}/`)).rejects.toMatchObject({ code: 'input.invalid' });
    expect(replica.app.log.length).toBe(before);
  });

  it('the signed-in feed with the token in the query string, paged; a revoked token is auth.revoked', async () => {
    const issued = await fetchReplica(replica, 'https://replica.deckhand.test/__replica/mixcloud/tokens', { method: 'POST', body: JSON.stringify({}), headers: { 'content-type': 'application/json' } });
    const token = issued.json().access_token as string;
    const shows: TrackRef[] = [];
    let page = await extras.feed(token);
    shows.push(...page.items);
    for (let guard = 0; page.next && guard < 20; guard++) {
      expect(page.next).not.toContain('access_token');
      page = await extras.feed(token, page.next);
      shows.push(...page.items);
    }
    expect(shows.length).toBeGreaterThan(0);
    expect(new Set(ids(shows)).size).toBe(shows.length);
    const asked = replica.app.log.filter((e) => e.host === 'api.mixcloud.com' && e.path.startsWith('/me/feed'));
    expect(asked.length).toBeGreaterThan(0);
    await fetchReplica(replica, 'https://replica.deckhand.test/__replica/mixcloud/revoke', { method: 'POST', body: JSON.stringify({ access_token: token }), headers: { 'content-type': 'application/json' } });
    await expect(extras.feed(token)).rejects.toMatchObject({ code: 'auth.revoked', status: 401 });
  });
});

describe('Beatport DJ charts, sub-genres, Beatport-only filters', () => {
  it('lists DJ charts newest first and opens one with its tracks in the chart’s order, paged to the end', async () => {
    const chart = BP.chart;
    expect(chart).toBeDefined();
    const list = await browse.chart({ platform: 'beatport', list: 'djcharts' });
    expect(list.tracks).toEqual([]);
    const entity = list.entities?.find((e) => e.id === String(chart?.id));
    expect(entity).toMatchObject({ kind: 'chart', name: chart?.name, url: chart?.url });
    expect(entity?.subtitle).toContain(chart?.dj);
    const view = await browse.entity('beatport', 'chart', String(chart?.id));
    const tracks = [...view.tracks];
    let next = view.next;
    for (let guard = 0; next && guard < 20; guard++) {
      const more = await browse.entity('beatport', 'chart', String(chart?.id), next);
      tracks.push(...more.tracks);
      next = more.next;
    }
    expect(ids(tracks)).toEqual(chart?.trackIds.map(String));
  });

  it('DJ charts of one genre carry only that genre; sub-genres of a genre', async () => {
    const genres = await browse.genres();
    const house = genres.find((g) => g.name === BP.previewTrack.genre) as { id: string; name: string };
    const byGenre = await browse.chart({ platform: 'beatport', list: 'djcharts', genreId: Number(house.id) });
    expect(byGenre.title).toContain(house.name);
    const direct = await fetchReplica(replica, `https://api.beatport.com/v4/catalog/charts/?genre_id=${house.id}&per_page=100`, { headers: { authorization: `Bearer ${bpToken}` } });
    expect(ids(byGenre.entities ?? [])).toEqual((direct.json().results as { id: number }[]).map((c) => String(c.id)).slice(0, 50));
    const subs = await browse.subGenres(Number(house.id));
    if (BP.previewTrack.subGenre) expect(subs.map((s) => s.name)).toContain(BP.previewTrack.subGenre);
  });

  it('search with sub-genre, label and release dates keeps only Beatport tracks that state them', async () => {
    const t = BP.previewTrack;
    const genres = await browse.genres();
    const genreId = Number(genres.find((g) => g.name === t.genre)?.id);
    const sub = (await browse.subGenres(genreId)).find((s) => s.name === t.subGenre);
    const filters = { label: t.label.slice(0, 5), releasedFrom: t.newReleaseDate, releasedTo: t.newReleaseDate, ...(sub ? { subGenreId: Number(sub.id) } : {}) };
    const page = await browse.search(t.name, filters, 1);
    expect(page.failures).toEqual([]);
    expect(page.hits.map((h) => (h.type === 'track' ? h.track.id : h.entity.id))).toContain(String(t.id));
    expect(page.hits.every((h) => h.type === 'track' && h.track.platform === 'beatport' && h.facts?.released === t.newReleaseDate)).toBe(true);
    const later = await browse.search(t.name, { releasedFrom: '2999-01-01' }, 1);
    expect(later.hits).toEqual([]);
  });
});

describe('rate limits on the new views', () => {
  it.each([
    ['soundcloud', 429, () => browse.entity('soundcloud', 'user', SC.users.artist.urn, undefined, 'likes')],
    ['mixcloud', 403, () => browse.entity('mixcloud', 'user', `/${MC.users.radio.username}/`, undefined, 'followers')],
    ['beatport', 429, () => browse.chart({ platform: 'beatport', list: 'djcharts' })],
  ] as const)('%s (%i): the view fails as rate.limited', async (platform, status, open) => {
    replica.app.faults.set({ rateLimits: { [platform]: { limit: 0, windowMs: 12_000 } } });
    await expect(open()).rejects.toMatchObject({ code: 'rate.limited' });
    expect(replica.app.log.some((e) => e.platform === platform && e.status === status && e.rateLimited)).toBe(true);
  });
});
