import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../../server';
import { SOUNDCLOUD_FIXTURES as F } from './fixtures';
import { apiV2, fetchReplica, postJson } from './test-client';

let replica: Replica;
beforeAll(async () => {
  replica = await startReplica({ port: 0, lazyMedia: true });
});
afterAll(async () => {
  await replica.stop();
});
afterEach(async () => {
  await postJson(replica, `${replica.controlUrl}/reset`, {});
});

const enc = encodeURIComponent;
type Item = { urn?: string; id: number; title?: string; track?: { urn: string }; playlist?: { urn: string } };

/** Follow next_href to the end, returning every item and the hrefs followed. */
async function allPages(first: string): Promise<{ items: Item[]; hrefs: string[] }> {
  const items: Item[] = [];
  const hrefs: string[] = [];
  let url: string | null = first;
  while (url) {
    const page: { collection: Item[]; next_href: string | null } = (await apiV2(replica, url)).json();
    items.push(...page.collection);
    url = page.next_href;
    if (url) hrefs.push(url);
    if (hrefs.length > 50) throw new Error('paging does not end');
  }
  return { items, hrefs };
}

describe('client_id', () => {
  it('is required on every call and answered with a JSON 401 otherwise', async () => {
    const missing = await fetchReplica(replica, `https://api-v2.soundcloud.com/tracks/${F.plain.id}`);
    expect(missing.status).toBe(401);
    expect(missing.headers['content-type']).toContain('application/json');
    expect(missing.json().code).toBe(401);
    const wrong = await fetchReplica(replica, `https://api-v2.soundcloud.com/tracks/${F.plain.id}?client_id=${'a'.repeat(32)}`);
    expect(wrong.status).toBe(401);
    expect((await apiV2(replica, `/tracks/${F.plain.id}`)).status).toBe(200);
  });

  it('rotates through the control route: the old id gets 401, pages and the bundle carry the new one', async () => {
    const old = F.clientId();
    const rotated = (await postJson(replica, `${replica.controlUrl}/soundcloud/rotate-client-id`, {})).json();
    expect(rotated).toEqual({ clientId: F.clientId(), previous: old });
    expect(rotated.clientId).toMatch(/^[A-Za-z0-9]{32}$/);
    expect((await fetchReplica(replica, `https://api-v2.soundcloud.com/tracks/${F.plain.id}?client_id=${old}`)).status).toBe(401);
    expect((await apiV2(replica, `/tracks/${F.plain.id}`)).status).toBe(200);
    const page = (await fetchReplica(replica, 'https://soundcloud.com/')).text;
    expect(page).toContain(`"apiClient","data":{"id":"${rotated.clientId}"`);
    const scripts = [...page.matchAll(/<script crossorigin src="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect((await fetchReplica(replica, scripts[scripts.length - 1] ?? '')).text).toContain(`,client_id:"${rotated.clientId}"`);
    await postJson(replica, `${replica.controlUrl}/reset`, {});
    expect(F.clientId()).toBe(old);
  });
});

describe('resolve and tracks', () => {
  it('resolves tracks, sets, users and private links (token as an extra path segment)', async () => {
    const track = (await apiV2(replica, `/resolve?url=${enc(F.plain.url)}`)).json();
    expect(track).toMatchObject({ kind: 'track', urn: F.plain.urn, title: F.plain.title, policy: 'MONETIZE' });
    const set = (await apiV2(replica, `/resolve?url=${enc(F.album.url)}`)).json();
    expect(set).toMatchObject({ kind: 'playlist', urn: F.album.urn, set_type: 'album', is_album: true });
    const user = (await apiV2(replica, `/resolve?url=${enc(`${F.users.label.url}/`)}`)).json();
    expect(user).toMatchObject({ kind: 'user', urn: F.users.label.urn, username: 'Nightdrive Records' });
    const mobile = await apiV2(replica, `/resolve?url=${enc(F.plain.url.replace('://', '://m.'))}`);
    expect(mobile.json().urn).toBe(F.plain.urn);
    const priv = (await apiV2(replica, `/resolve?url=${enc(F.private.url)}`)).json();
    expect(priv).toMatchObject({ urn: F.private.urn, sharing: 'private', secret_token: F.private.secretToken });
    const bare = F.private.url.replace(/\/s-[^/]+$/, '');
    expect((await apiV2(replica, `/resolve?url=${enc(bare)}`)).status).toBe(404);
    expect((await apiV2(replica, `/resolve?url=${enc('https://soundcloud.com/nobody/nothing')}`)).status).toBe(404);
  });

  it('answers tracks/{id} by number and by URN; private ones only with secret_token', async () => {
    expect((await apiV2(replica, `/tracks/${enc(F.plain.urn)}`)).json().id).toBe(F.plain.id);
    expect((await apiV2(replica, `/tracks/${F.plain.urn}`)).json().id).toBe(F.plain.id);
    expect((await apiV2(replica, `/tracks/${F.private.id}`)).status).toBe(404);
    expect((await apiV2(replica, `/tracks/${F.private.id}?secret_token=${F.private.secretToken}`)).status).toBe(200);
  });

  it('carries the label metadata, the quoted tags and the availability quirks', async () => {
    const t = (await apiV2(replica, `/tracks/${F.plain.id}`)).json();
    expect(t.publisher_metadata).toMatchObject({ isrc: F.plain.expected.isrc, album_title: 'Neon Harbour', upc_or_ean: expect.any(String), p_line: expect.any(String), c_line: expect.any(String), release_title: 'Midnight Transit', artist: 'Aiko Sato & Leon Brandt' });
    expect(t).toMatchObject({ label_name: 'Nightdrive Records', release_date: '2025-03-14T00:00:00Z', genre: 'Deep House', metadata_artist: 'Aiko Sato & Leon Brandt' });
    expect(t.tag_list).toContain('"late night drive"');
    const snip = (await apiV2(replica, `/tracks/${F.snip.id}`)).json();
    expect(snip).toMatchObject({ policy: 'SNIP', duration: 30000, full_duration: 245000 });
    expect(snip.media.transcodings.every((x: { snipped: boolean; url: string }) => x.snipped && x.url.includes('/preview/'))).toBe(true);
    const drm = (await apiV2(replica, `/tracks/${F.drmOnly.id}`)).json();
    expect(drm.monetization_model).toBe('AD_SUPPORTED');
    expect(drm.media.transcodings.map((x: { format: { protocol: string } }) => x.format.protocol)).toEqual(['ctr-encrypted-hls', 'cbc-encrypted-hls', 'hls']);
    const blocked = (await apiV2(replica, `/tracks/${F.geoBlocked.id}`)).json();
    expect(blocked).toMatchObject({ policy: 'BLOCK', title: F.geoBlocked.title, media: { transcodings: [] } });
    expect((await apiV2(replica, `/tracks/${F.noArtwork.id}`)).json().artwork_url).toBeNull();
    expect((await apiV2(replica, `/tracks/${F.downloadable.id}`)).json()).toMatchObject({ downloadable: true, has_downloads_left: true });
  });

  it('batches tracks?ids= in the order given, at most 50', async () => {
    const order = [...F.playlist.expectedOrder].reverse();
    const ids = order.map((u) => u.split(':')[2]).join(',');
    expect((await apiV2(replica, `/tracks?ids=${ids}`)).json().map((t: Item) => t.urn)).toEqual(order);
    const many = Array.from({ length: 60 }, (_, i) => F.albumTracks[i % F.albumTracks.length]?.id).join(',');
    expect((await apiV2(replica, `/tracks?ids=${many}`)).json()).toHaveLength(50);
  });

  it('serves compact playlists as 5 full tracks + id-only stubs, and full on request', async () => {
    const compact = (await apiV2(replica, `/playlists/${F.playlist.id}`)).json();
    expect(compact.track_count).toBe(7);
    expect(compact.tracks.slice(0, 5).every((t: Item) => t.title)).toBe(true);
    expect(compact.tracks.slice(5).map((t: object) => Object.keys(t).sort())).toEqual([
      ['id', 'kind', 'monetization_model', 'policy'], ['id', 'kind', 'monetization_model', 'policy'],
    ]);
    expect(compact.tracks.map((t: Item) => `soundcloud:tracks:${t.id}`)).toEqual(F.playlist.expectedOrder);
    const ids = F.playlist.expectedOrder.map((u) => Number(u.split(':')[2]));
    expect(ids).not.toEqual([...ids].sort((a, b) => a - b));
    const full = (await apiV2(replica, `/playlists/${enc(F.playlist.urn)}?representation=full`)).json();
    expect(full.tracks.every((t: Item) => t.title)).toBe(true);
  });

  it('hands out the original file only to a signed-in user, for downloadable tracks', async () => {
    const path = `/tracks/${F.downloadable.id}/download`;
    expect((await apiV2(replica, path)).status).toBe(401);
    const { access_token } = (await postJson(replica, `${replica.controlUrl}/soundcloud/session`, {})).json();
    const ok = await apiV2(replica, path, { headers: { authorization: `OAuth ${access_token}` } });
    expect(ok.status).toBe(200);
    expect(ok.json().redirectUri).toMatch(/^https:\/\/cf-media\.sndcdn\.com\/[A-Za-z0-9]+\.wav\?Policy=.+&Signature=.+&Key-Pair-Id=/);
    const notDownloadable = await apiV2(replica, `/tracks/${F.plain.id}/download`, { headers: { authorization: `OAuth ${access_token}` } });
    expect(notDownloadable.status).toBe(404);
  });
});

describe('lists', () => {
  it('pages a user with 64 tracks through cursor next_hrefs without client_id, to null', async () => {
    const first = `/users/${F.pagedUser.id}/tracks?limit=20&linked_partitioning=1`;
    const { items, hrefs } = await allPages(first);
    expect(items).toHaveLength(64);
    expect(new Set(items.map((t) => t.urn)).size).toBe(64);
    expect(hrefs).toHaveLength(3);
    for (const href of hrefs) {
      expect(href).toMatch(/^https:\/\/api-v2\.soundcloud\.com\/users\/\d+\/tracks\?offset=\d{4}-\d\d-\d\dT[^&]+%2Ctracks%2C\d{20}&limit=20$/);
    }
    const big = (await apiV2(replica, `/users/${F.pagedUser.id}/tracks?limit=500`)).json();
    expect(big.collection).toHaveLength(64);
    expect(big.next_href).toBeNull();
  });

  it('wraps likes and stream items as {track} / {playlist}', async () => {
    const likes = (await apiV2(replica, `/users/${F.users.artist.id}/likes?limit=50`)).json();
    expect(likes.collection.every((x: Item & { kind: string }) => x.kind === 'like' && Boolean(x.track) !== Boolean(x.playlist))).toBe(true);
    expect(likes.collection.some((x: Item) => x.playlist?.urn === F.album.urn)).toBe(true);
    const stream = (await apiV2(replica, `/stream/users/${F.users.artist.id}`)).json();
    const types = new Set(stream.collection.map((x: { type: string }) => x.type));
    expect(types).toEqual(new Set(['track', 'track-repost', 'playlist', 'playlist-repost']));
    const reposts = (await apiV2(replica, `/stream/users/${F.users.artist.id}/reposts`)).json();
    expect(reposts.collection.every((x: { type: string }) => x.type.endsWith('-repost'))).toBe(true);
    const albums = (await apiV2(replica, `/users/${F.users.label.id}/albums`)).json();
    expect(albums.collection.map((p: Item) => p.urn)).toEqual([F.album.urn]);
    const feed = await allPages('/stream?limit=20');
    expect(feed.items.length).toBeGreaterThan(64);
  });

  it('searches all kinds with total_results, query_urn and a q-carrying next_href', async () => {
    const all = (await apiV2(replica, '/search?q=tape&limit=10')).json();
    expect(all.total_results).toBe(65); // the user and 64 tracks
    expect(all.query_urn).toMatch(/^soundcloud:search:[0-9a-f]{32}$/);
    expect(all.next_href).toContain('q=tape');
    expect(all.next_href).toContain('query_urn=');
    expect(all.next_href).not.toContain('client_id');
    expect((await allPages('/search/tracks?q=tape')).items).toHaveLength(64);
    const users = (await apiV2(replica, '/search/users?q=mira')).json();
    expect(users.collection.map((u: Item) => u.urn)).toEqual([F.users.artist.urn]);
    const sets = (await apiV2(replica, '/search/playlists?q=neon')).json();
    expect(sets.collection[0].urn).toBe(F.album.urn);
    expect((await apiV2(replica, '/search/tracks?q=private')).json().collection).toEqual([]);
  });

  it('serves charts as {track, score} rows per kind and genre, and related tracks', async () => {
    const top = (await apiV2(replica, '/charts?kind=top&genre=soundcloud:genres:all-music&limit=5')).json();
    expect(top).toMatchObject({ kind: 'top', genre: 'soundcloud:genres:all-music' });
    expect(top.collection).toHaveLength(5);
    expect(Object.keys(top.collection[0])).toEqual(['track', 'score']);
    expect(top.next_href).toContain('kind=top');
    const deep = (await apiV2(replica, '/charts?kind=trending&genre=soundcloud%3Agenres%3Adeephouse&limit=50')).json();
    expect(deep.collection.every((r: { track: { genre: string } }) => r.track.genre === 'Deep House')).toBe(true);
    expect((await apiV2(replica, '/charts?kind=nonsense')).status).toBe(400);
    const related = (await apiV2(replica, `/tracks/${F.plain.id}/related?limit=3`)).json();
    expect(related.collection).toHaveLength(3);
    expect(related.collection.map((t: Item) => t.urn)).not.toContain(F.plain.urn);
  });

  it('answers the rate limit with the OpenAPI 429 body and no Retry-After', async () => {
    await postJson(replica, `${replica.controlUrl}/faults`, { rateLimits: { soundcloud: { limit: 1, windowMs: 60_000 } } });
    await apiV2(replica, `/tracks/${F.plain.id}`);
    const limited = await apiV2(replica, `/tracks/${F.plain.id}`);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBeUndefined();
    expect(Object.keys(limited.json()).sort()).toEqual(['code', 'link', 'message', 'spam_warning_urn']);
    expect(limited.json().code).toBe(429);
  });
});
