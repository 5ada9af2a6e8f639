/**
 * Contract tests of the browse surface against the in-process replica: the shipped platform clients,
 * core/http, the limiter and the response cache; only the socket is redirected (browse.test-support.ts).
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startReplica, type Replica } from '../../e2e/replica/server';
import { SOUNDCLOUD_FIXTURES as SC } from '../../e2e/replica/platforms/soundcloud/fixtures';
import { MIXCLOUD_FIXTURES as MC } from '../../e2e/replica/platforms/mixcloud/fixtures';
import { BEATPORT_FIXTURES as BP, expireBeatportTokens, mintBeatportToken } from '../../e2e/replica/platforms/beatport/fixtures';
import { fetchReplica } from '../../e2e/replica/platforms/soundcloud/test-client';
import type { EntityRef, SearchHit } from '../../shared/browse';
import { convertKey } from '../../shared/keys';
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
const { SoundCloudBrowse } = await import('../platforms/soundcloud/browse');
const { Browse } = await import('./browse');

let replica: Replica;
let bpToken: string | undefined;
const forgotten: string[] = [];
const tokenStore = {
  current: async () => (bpToken ? { token: bpToken, expiresAt: Date.now() + 3_600_000 } : undefined),
  forget: async (t: string) => {
    forgotten.push(t);
    if (t === bpToken) bpToken = undefined;
  },
};
const sc = new SoundCloudBrowse();
const mc = new MixcloudBrowse();
const bp = new BeatportBrowse(new BeatportApi(tokenStore));
const browse = new Browse({ soundcloud: sc, mixcloud: mc, beatport: bp });

const requests = () => replica.app.log.length;
const ids = (items: (TrackRef | EntityRef)[]) => items.map((i) => i.id);

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

describe('SoundCloud (api-v2, URN ids end to end)', () => {
  it('pages a search for tracks to the end: 64 distinct URNs, then no cursor', async () => {
    const seen: string[] = [];
    let page = await sc.search('tape', 'tracks', 0, 10);
    seen.push(...ids(page.items));
    for (let guard = 0; page.next && guard < 20; guard++) {
      page = await sc.search('tape', 'tracks', seen.length, 10);
      seen.push(...ids(page.items));
    }
    expect(new Set(seen).size).toBe(64);
    expect(seen.every((id) => /^soundcloud:tracks:\d+$/.test(id))).toBe(true);
    expect(page.next).toBeUndefined();
  });

  it('finds users and sets as entities, and opens a user with all their uploads by following next_href', async () => {
    const users = await sc.search(SC.users.artist.username, 'users');
    expect(users.items).toContainEqual(expect.objectContaining({ kind: 'user', id: SC.users.artist.urn, name: SC.users.artist.username }));
    const sets = await sc.search('neon', 'playlists');
    expect(ids(sets.items)).toContain(SC.album.urn);

    const user = await browse.entity('soundcloud', 'user', SC.pagedUser.urn);
    const all = [...user.tracks];
    let next = user.next;
    for (let guard = 0; next && guard < 20; guard++) {
      const more = await browse.entity('soundcloud', 'user', SC.pagedUser.urn, next);
      all.push(...more.tracks);
      next = more.next;
    }
    expect(new Set(ids(all)).size).toBe(SC.pagedUser.trackCount);
  });

  it('opens a set with its tracks in the set’s own order (not id order)', async () => {
    const view = await browse.entity('soundcloud', 'set', SC.playlist.urn);
    expect(view.entity).toMatchObject({ kind: 'set', id: SC.playlist.urn, name: SC.playlist.title });
    expect(ids(view.tracks)).toEqual(SC.playlist.expectedOrder);
  });

  it('fetches tracks by URN in the order asked, and related tracks', async () => {
    const wanted = [SC.userUpload.urn, SC.plain.urn];
    expect(ids(await sc.tracksByIds(wanted))).toEqual(wanted);
    const related = await sc.related(SC.plain.urn);
    expect(related.length).toBeGreaterThan(0);
    expect(ids(related)).not.toContain(SC.plain.urn);
  });

  it('replaces a rotated client id (401) from soundcloud.com and retries once', async () => {
    const before = SC.clientId();
    const rotated = await fetchReplica(replica, 'https://replica.deckhand.test/__replica/soundcloud/rotate-client-id', { method: 'POST' });
    expect(rotated.status).toBe(200);
    expect(SC.clientId()).not.toBe(before);
    const fresh = new SoundCloudBrowse(new (await import('../platforms/soundcloud/api')).SoundCloudApi());
    await browser.storage.local.set({ 'soundcloud.clientId': before });
    const page = await fresh.search('tape', 'tracks', 0, 5);
    expect(page.items).toHaveLength(5);
    expect((await browser.storage.local.get('soundcloud.clientId'))['soundcloud.clientId']).toBe(SC.clientId());
    const refused = replica.app.log.filter((e) => e.host === 'api-v2.soundcloud.com' && e.status === 401);
    expect(refused.length).toBeGreaterThanOrEqual(1);
  });
});

describe('Mixcloud (public API, both paging styles)', () => {
  it('follows until= links through a user’s uploads to the end', async () => {
    const view = await browse.entity('mixcloud', 'user', `/${MC.pagedUser.username}/`);
    expect(view.entity).toMatchObject({ kind: 'user', id: `/${MC.pagedUser.username}/`, name: MC.pagedUser.displayName });
    const all = [...view.tracks];
    let next = view.next;
    expect(next).toMatch(/until=/);
    while (next) {
      const more = await browse.entity('mixcloud', 'user', `/${MC.pagedUser.username}/`, next);
      all.push(...more.tracks);
      next = more.next;
    }
    expect(new Set(ids(all)).size).toBe(MC.pagedUser.uploadCount);
    expect(all[0]?.id).toBe(`/${MC.pagedUser.username}/${MC.pagedUser.newestShow.slug}/`);
    expect(all.at(-1)?.id).toBe(`/${MC.pagedUser.username}/${MC.pagedUser.oldestShow.slug}/`);
  });

  it('follows offset links through a search to the end, and finds users', async () => {
    const seen: string[] = [];
    let page = await mc.search('session', 'cloudcast', 0, 10);
    seen.push(...ids(page.items));
    while (page.next) {
      expect(page.next).toMatch(/offset=/);
      page = await mc.search('session', 'cloudcast', seen.length, 10);
      seen.push(...ids(page.items));
    }
    expect(seen.length).toBeGreaterThanOrEqual(MC.pagedUser.uploadCount);
    expect(new Set(seen).size).toBe(seen.length);
    const users = await mc.search(MC.users.radio.username, 'user');
    expect(ids(users.items)).toContain(`/${MC.users.radio.username}/`);
  });

  it('charts popular, hot and new, overall and by tag', async () => {
    for (const list of ['popular', 'hot', 'new'] as const) {
      const all = await mc.chart(list);
      const house = await mc.chart(list, MC.tag.name);
      expect(all.tracks.length).toBeGreaterThan(0);
      expect(house.tracks.length).toBeGreaterThan(0);
      expect(house.title).toContain(MC.tag.name);
    }
    expect(ids((await mc.chart('hot')).tracks)).not.toEqual(ids((await mc.chart('new')).tracks));
  });

  it('opens a playlist in its own order', async () => {
    const view = await browse.entity('mixcloud', 'set', `/${MC.playlist.username}/playlists/${MC.playlist.slug}/`);
    expect(view.tracks).toHaveLength(MC.playlist.itemCount);
  });
});

describe('Beatport (v4 with the page token)', () => {
  it('filters tracks by genre, BPM range, key and release date, and pages to the end', async () => {
    const t = BP.previewTrack;
    const genres = await browse.genres();
    const genreId = Number(genres.find((g) => g.name === t.genre)?.id);
    expect(genreId).toBeGreaterThan(0);
    const bpm = t.bpm as number;
    const filters = { genreId, bpmMin: bpm - 2, bpmMax: bpm + 2, perPage: 5 };
    const seen: TrackRef[] = [];
    for (let page = 1; page < 50; page++) {
      const answer = await bp.tracks({ ...filters, page });
      seen.push(...answer.items);
      if (!answer.hasMore) break;
    }
    expect(ids(seen)).toContain(String(t.id));
    expect(seen.every((r) => r.bpm !== undefined && r.bpm >= bpm - 2 && r.bpm <= bpm + 2)).toBe(true);
    const keyed = await bp.tracks({ genreId, keyName: t.key?.name as string, releasedFrom: t.newReleaseDate, releasedTo: t.newReleaseDate, perPage: 100 });
    expect(ids(keyed.items)).toContain(String(t.id));
    expect(keyed.items.length).toBeGreaterThan(0);
    expect(new Set(keyed.items.map((r) => r.key))).toEqual(new Set([convertKey(t.key?.name, 'standard')]));
  });

  it('searches tracks, artists, labels and releases, and opens them', async () => {
    const t = BP.previewTrack;
    const tracks = await bp.search(t.name, 'tracks');
    expect(ids(tracks.items)).toContain(String(t.id));
    expect(tracks.genres.get(String(t.id))).toBe(t.genre);
    const artists = await bp.search(t.artists[0] as string, 'artists');
    const artist = artists.items[0] as EntityRef;
    expect(artist).toMatchObject({ kind: 'artist', name: t.artists[0] });
    const artistView = await browse.entity('beatport', 'artist', artist.id);
    expect(ids(artistView.tracks)).toContain(String(t.id));
    const label = (await bp.search(t.label, 'labels')).items[0] as EntityRef;
    const labelView = await browse.entity('beatport', 'label', label.id);
    expect(labelView.entity.name).toBe(t.label);
    expect(labelView.children.map((c) => c.name)).toContain(t.release.name);
    const release = await browse.entity('beatport', 'set', String(t.release.id));
    expect(ids(release.tracks)).toContain(String(t.id));
  });

  it('Top 100 global and per genre; Hype 100 from the chart page', async () => {
    const top = await browse.chart({ platform: 'beatport', list: 'top100' });
    expect(top.tracks).toHaveLength(100);
    const genres = await browse.genres();
    const house = genres.find((g) => g.name === BP.previewTrack.genre) as { id: string; name: string };
    const genreTop = await browse.chart({ platform: 'beatport', list: 'top100', genreId: Number(house.id) });
    expect(genreTop.title).toBe(`Beatport ${house.name} Top 100`);
    expect(genreTop.tracks.length).toBeGreaterThan(0);
    const hype = await browse.chart({ platform: 'beatport', list: 'hype100', genreId: Number(house.id) });
    expect(hype.note).toMatch(/no API/);
    expect(hype.tracks.length).toBeGreaterThan(0);
    const api = await fetchReplica(replica, `https://api.beatport.com/v4/catalog/tracks/?is_hype=true&genre_id=${house.id}&per_page=100`, {
      headers: { authorization: `Bearer ${bpToken}` },
    });
    const hypeIds = new Set((api.json().results as { id: number }[]).map((r) => String(r.id)));
    expect(hype.tracks.every((r) => hypeIds.has(r.id))).toBe(true);
  });

  it('an expired page token: auth.required, and the token is dropped', async () => {
    expireBeatportTokens();
    const stale = bpToken;
    const err = await bp.search('lantern', 'tracks').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'auth.required', status: 401 });
    expect(forgotten).toContain(stale);
  });
});

describe('one search across the three', () => {
  const platformOf = (h: SearchHit) => (h.type === 'track' ? h.track.platform : h.entity.platform);

  it('merges, ranks exact titles first, filters, and answers again from the cache with no request', async () => {
    const t = BP.previewTrack;
    const page = await browse.search(t.name, {}, 1);
    expect(page.failures).toEqual([]);
    expect(page.hits[0]).toMatchObject({ type: 'track', track: { title: t.title } });
    const bpmOnly = await browse.search('session', { bpmMin: 100, bpmMax: 140 }, 1);
    expect(bpmOnly.hits.every((h) => h.type === 'track' && (h.track.bpm ?? 0) >= 100)).toBe(true);
    const mixed = await browse.search('deep', {}, 1);
    expect(new Set(mixed.hits.map(platformOf)).size).toBeGreaterThanOrEqual(2);

    const before = requests();
    await browse.search(t.name, {}, 1);
    expect(requests() - before).toBe(0);
  });

  it.each([
    ['soundcloud', 429],
    ['mixcloud', 403],
    ['beatport', 429],
  ] as const)('%s rate-limited (%i): reported as rate.limited beside the other platforms’ hits', async (platform, status) => {
    replica.app.faults.set({ rateLimits: { [platform]: { limit: 0, windowMs: 12_000 } } });
    const page = await browse.search(`night ${platform}`, {}, 1);
    expect(page.failures).toEqual([expect.objectContaining({ platform, error: expect.objectContaining({ code: 'rate.limited' }) })]);
    expect(page.hits.every((h) => platformOf(h) !== platform)).toBe(true);
    expect(replica.app.log.some((e) => e.platform === platform && e.status === status && e.rateLimited)).toBe(true);
  });
});
