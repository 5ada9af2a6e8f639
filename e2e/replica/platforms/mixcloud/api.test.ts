import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../../server';
import { MIXCLOUD_FIXTURES as F } from './fixtures';
import { CAPTURES_DIR as CAPTURES, replicaFetch } from './testing';
type List = { data: Record<string, unknown>[]; paging: { next?: string; previous?: string }; name?: string };

let replica: Replica;
const get = (url: string, headers?: Record<string, string>) => replicaFetch(replica, url, headers ? { headers } : {});
const getJson = async <T = Record<string, unknown>>(url: string) => (await get(url)).json<T>();
async function token(): Promise<string> {
  const r = await replicaFetch(replica, 'https://replica.deckhand.test/__replica/mixcloud/tokens', { method: 'POST', body: '{}' });
  return r.json<{ access_token: string }>().access_token;
}

beforeAll(async () => {
  replica = await startReplica({ port: 0, lazyMedia: true });
});
afterAll(async () => replica.stop());
beforeEach(async () => {
  await replicaFetch(replica, `${replica.controlUrl}/reset`, { method: 'POST' });
});

describe('api.mixcloud.com shapes', () => {
  it('list items have the captured keys and picture sizes', async () => {
    const real = JSON.parse(readFileSync(`${CAPTURES}/mc-api_user-cloudcasts_thelotradio_2021-06.json`, 'utf8')) as List;
    const ours = await getJson<List>(`${F.pagedUser.apiUrl}cloudcasts/`);
    expect(Object.keys(ours)).toEqual(Object.keys(real)); // data, paging, name
    const realItem = real.data[0]!;
    const item = ours.data[0]!;
    expect(Object.keys(item)).toEqual(Object.keys(realItem)); // same keys, same order, hidden_stats included
    expect(Object.keys(item.user as object).sort()).toEqual(Object.keys(realItem.user as object).sort());
    expect(Object.keys(item.pictures as object)).toEqual(Object.keys(realItem.pictures as object));
    expect(Object.keys((item.user as { pictures: object }).pictures)).toEqual(Object.keys((realItem.user as { pictures: object }).pictures));
    expect((item.tags as object[])[0]).toEqual({ key: '/discover/techno/', url: 'https://www.mixcloud.com/discover/techno/', name: 'Techno' });
    expect(item).toMatchObject({ hidden_stats: true, play_count: 0, listener_count: 0 });
    expect(ours.name).toBe("Night Shift Collective's Cloudcasts");
  });

  it('shows without hidden stats carry no hidden_stats key, like the 2022 search capture', async () => {
    const real = JSON.parse(readFileSync(`${CAPTURES}/mc-api_search-cloudcasts_zouklove_2022-03.json`, 'utf8')) as List;
    const ours = await getJson<List>(`${F.users.radio.apiUrl}cloudcasts/`);
    expect(Object.keys(ours.data[0]!).sort()).toEqual(Object.keys(real.data[0]!).sort());
  });

  it('the single show adds description, sections in the old public shape, and type', async () => {
    const show = await getJson<Record<string, unknown> & { sections: Record<string, unknown>[] }>(F.shortShow.apiUrl);
    expect(show).toMatchObject({ key: F.shortShow.key, name: F.shortShow.name, audio_length: 480, type: 'cloudcast', description: F.shortShow.description });
    expect(show.sections).toHaveLength(8);
    expect(show.sections[0]).toMatchObject({ start_time: 0, section_type: 'track', track: { name: 'Slow Bloom', artist: { name: 'Ayla Moreno', slug: 'ayla-moreno' } } });
    expect(show.sections[3]).toMatchObject({ start_time: null, section_type: 'track' });
    expect(show.sections[5]).toEqual({ start_time: 300, section_type: 'chapter', position: 5, chapter: 'Golden Hour / Rosa Lind' });
    const list = await getJson<List>(`${F.users.radio.apiUrl}cloudcasts/`);
    expect(list.data[0]).not.toHaveProperty('sections');
    expect(list.data[0]).not.toHaveProperty('description');
  });

  it('user objects and metadata=1 connections', async () => {
    const user = await getJson(`${F.users.radio.apiUrl}?metadata=1`);
    expect(user).toMatchObject({ username: 'deepwavesradio', name: 'Deep Waves Radio', key: '/deepwavesradio/', city: 'London', type: 'user', cloudcast_count: 4 });
    expect((user.metadata as { connections: Record<string, string> }).connections.cloudcasts).toBe('https://api.mixcloud.com/deepwavesradio/cloudcasts/');
    const show = await getJson(`${F.shortShow.apiUrl}?metadata=1`);
    expect((show.metadata as { connections: Record<string, string> }).connections.comments).toBe(`${F.shortShow.apiUrl}comments/`);
  });

  it('errors use {"error":{"type","message"}} and unknown objects are 404', async () => {
    const r = await get('https://api.mixcloud.com/no-such-user-here/');
    expect(r.status).toBe(404);
    expect(r.json()).toEqual({ error: { type: 'NotFoundException', message: expect.any(String) } });
    expect((await get('https://api.mixcloud.com/deepwavesradio/no-such-show/')).status).toBe(404);
  });

  it('redirects paths without a trailing slash and supports JSONP', async () => {
    const r = await get('https://api.mixcloud.com/deepwavesradio');
    expect(r.status).toBe(301);
    expect(r.headers.location).toBe('https://api.mixcloud.com/deepwavesradio/');
    const p = await get('https://api.mixcloud.com/deepwavesradio/?callback=cb');
    expect(p.text()).toMatch(/^cb\(\{"key":"\/deepwavesradio\/"/);
  });
});

describe('paging', () => {
  it('date paging: next carries until=<last>, previous since=<first>, the last page has no next', async () => {
    const first = await getJson<List>(`${F.pagedUser.apiUrl}cloudcasts/?limit=20`);
    expect(first.data).toHaveLength(20);
    expect(first.paging.next).toBe('https://api.mixcloud.com/nightshiftcollective/cloudcasts/?limit=20&until=2023-10-27+22%3A00%3A00');
    expect(first.paging.previous).toBe('https://api.mixcloud.com/nightshiftcollective/cloudcasts/?limit=20&since=2024-03-08+22%3A00%3A00');
    const keys: string[] = [];
    let page: List | undefined = first;
    let pages = 0;
    while (page) {
      keys.push(...page.data.map((d) => String(d.key)));
      pages++;
      page = page.paging.next ? await getJson<List>(page.paging.next) : undefined;
    }
    expect(pages).toBe(3);
    expect(keys).toHaveLength(45);
    expect(new Set(keys).size).toBe(45);
    expect(keys.at(-1)).toBe(F.pagedUser.oldestShow.key);
  });

  it('since returns the items just newer than the date, newest first', async () => {
    const page = await getJson<List>(`${F.pagedUser.apiUrl}cloudcasts/?limit=3&since=2024-02-01+00:00:00`);
    expect(page.data.map((d) => d.created_time)).toEqual(['2024-02-16T22:00:00Z', '2024-02-09T22:00:00Z', '2024-02-02T22:00:00Z']);
    const unix = await getJson<List>(`${F.pagedUser.apiUrl}cloudcasts/?limit=3&until=${Date.parse('2024-02-02T22:00:00Z') / 1000}`);
    expect(unix.data[0]!.created_time).toBe('2024-01-26T22:00:00Z');
  });

  it('offset paging when offset is given, and for ranked lists', async () => {
    const page = await getJson<List>(`${F.pagedUser.apiUrl}cloudcasts/?limit=20&offset=40`);
    expect(page.data).toHaveLength(5);
    expect(page.paging).toEqual({ previous: 'https://api.mixcloud.com/nightshiftcollective/cloudcasts/?limit=20&offset=20' });
    const popular = await getJson<List>('https://api.mixcloud.com/popular/?limit=5');
    expect(popular.paging.next).toBe('https://api.mixcloud.com/popular/?limit=5&offset=5');
    const plays = popular.data.map((d) => Number(d.play_count));
    expect([...plays].sort((a, b) => b - a)).toEqual(plays);
  });
});

describe('lists, tags, search', () => {
  it('serves every user connection', async () => {
    const viewer = F.users.viewer.apiUrl;
    expect((await getJson<List>(`${viewer}favorites/`)).data[0]!.key).toBe(F.shortShow.key);
    expect((await getJson<List>(`${viewer}listens/`)).data).toHaveLength(20);
    expect((await getJson<List>(`${viewer}following/`)).data.map((u) => u.username)).toEqual(['selectorsara', 'nightshiftcollective', 'deepwavesradio']);
    expect((await getJson<List>(`${F.users.radio.apiUrl}followers/`)).data.length).toBe(4);
    expect((await getJson<List>(`${viewer}playlists/`)).data[0]).toMatchObject({ key: '/deckhandtester/playlists/crate-favourites/', name: 'Crate Favourites' });
    const items = await getJson<List>('https://api.mixcloud.com/deckhandtester/playlists/crate-favourites/cloudcasts/');
    expect(items.data).toHaveLength(F.playlist.itemCount);
    const comments = await getJson<List>(`${F.shortShow.apiUrl}comments/`);
    expect(comments.data).toHaveLength(3);
    expect(comments.data[0]).toMatchObject({ comment: 'Perfect Sunday soundtrack, thank you!', user: { username: 'deckhandtester' } });
  });

  it('accepts both /discover/ and /genres/ tag paths with popular and latest', async () => {
    for (const prefix of ['discover', 'genres']) {
      const tag = await getJson(`https://api.mixcloud.com/${prefix}/house/`);
      expect(tag).toMatchObject({ key: `/${prefix}/house/`, name: 'House', type: 'tag' });
      const latest = await getJson<List>(`https://api.mixcloud.com/${prefix}/house/latest/?limit=2`);
      expect(latest.data.every((d) => (d.tags as { name: string }[]).some((t) => t.name === 'House'))).toBe(true);
      expect(latest.paging.next).toContain('until=');
      const popular = await getJson<List>(`https://api.mixcloud.com/${prefix}/house/popular/?limit=2`);
      expect(popular.paging.next).toContain('offset=2');
    }
    expect((await get('https://api.mixcloud.com/discover/not-a-tag/')).status).toBe(404);
    const cats = await getJson<List>('https://api.mixcloud.com/categories/');
    expect(cats.data.map((c) => c.slug)).toContain('house');
  });

  it('searches cloudcasts (default), users and tags', async () => {
    const shows = await getJson<List>('https://api.mixcloud.com/search/?q=sunday');
    expect(shows.data.map((d) => d.key)).toEqual([F.shortShow.key]);
    const users = await getJson<List>('https://api.mixcloud.com/search/?q=selector&type=user');
    expect(users.data[0]).toMatchObject({ username: 'selectorsara', type: 'user' });
    const tags = await getJson<List>('https://api.mixcloud.com/search/?q=techno&type=tag');
    expect(tags.data.map((t) => t.name)).toEqual(['Techno', 'Dub Techno']);
    expect((await get('https://api.mixcloud.com/search/?q=')).status).toBe(400);
  });

  it('/new/ and /popular/hot/ exist', async () => {
    expect((await getJson<List>('https://api.mixcloud.com/new/?limit=1')).data[0]!.key).toBe(F.shortShow.key);
    expect((await getJson<List>('https://api.mixcloud.com/popular/hot/?limit=1')).data).toHaveLength(1);
  });
});

describe('tokens and rate limits', () => {
  it('/me/ needs a token in the query string; a header token does not count', async () => {
    const t = await token();
    expect(await getJson(`https://api.mixcloud.com/me/?access_token=${t}`)).toMatchObject({ username: F.users.viewer.username });
    const feed = await getJson<List>(`https://api.mixcloud.com/me/feed/?access_token=${t}&limit=5`);
    expect(feed.data[0]).toMatchObject({ type: 'upload', from: { username: 'deepwavesradio' } });
    expect(feed.paging.next).not.toContain('access_token');
    const header = await get('https://api.mixcloud.com/me/', { authorization: `Bearer ${t}` });
    expect(header.status).toBe(401);
    expect(header.json()).toMatchObject({ error: { type: 'OAuthException' } });
  });

  it('an unknown or revoked token is refused everywhere', async () => {
    const t = await token();
    await replicaFetch(replica, 'https://replica.deckhand.test/__replica/mixcloud/revoke', { method: 'POST', body: JSON.stringify({ access_token: t }) });
    const r = await get(`https://api.mixcloud.com/deepwavesradio/?access_token=${t}`);
    expect(r.status).toBe(401);
    expect(r.json()).toEqual({ error: { type: 'OAuthException', message: 'An invalid access token was provided.' } });
  });

  it('answers over the limit with 403, Retry-After and a RateLimitException body', async () => {
    await replicaFetch(replica, `${replica.controlUrl}/faults`, { method: 'POST', body: JSON.stringify({ rateLimits: { mixcloud: { limit: 2, windowMs: 60_000 } } }) });
    expect((await get(F.users.radio.apiUrl)).status).toBe(200);
    expect((await get(F.users.radio.apiUrl)).status).toBe(200);
    const r = await get(F.users.radio.apiUrl);
    expect(r.status).toBe(403);
    const retry = Number(r.headers['retry-after']);
    expect(retry).toBeGreaterThan(0);
    expect(r.json()).toEqual({
      error: { message: `You have hit your rate limit. Retry after ${retry} seconds.`, type: 'RateLimitException', retry_after: retry },
    });
    expect(replica.app.rateLimitViolations('mixcloud')).toBe(1);
  });
});

describe('oEmbed', () => {
  it('answers on app. and www. in JSON and XML, 404 for unknown shows', async () => {
    for (const host of ['app.mixcloud.com', 'www.mixcloud.com']) {
      const r = await getJson(`https://${host}/oembed/?url=${encodeURIComponent(F.shortShow.url)}&format=json`);
      expect(r).toMatchObject({ type: 'rich', version: '1.0', provider_name: 'Mixcloud', title: F.shortShow.name, author_name: 'Deep Waves Radio' });
      expect(String(r.html)).toContain('feed=%2Fdeepwavesradio%2Fsunday-selections-episode-12%2F');
    }
    const xml = await get(`https://app.mixcloud.com/oembed/?url=${encodeURIComponent(F.hostile.url)}&format=xml`);
    expect(xml.text()).toContain('<title>&lt;script&gt;');
    expect((await get(`https://app.mixcloud.com/oembed/?url=${encodeURIComponent('https://www.mixcloud.com/x/y/')}`)).status).toBe(404);
  });
});
