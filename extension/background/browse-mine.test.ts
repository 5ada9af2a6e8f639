/**
 * Contract tests of the second round of the browse surface against the in-process replica (shipped
 * clients, core/http, limiter and cache; only the socket is redirected): a Mixcloud show's "About"
 * with the GraphQL fallback, "My SoundCloud" on the official API with the user's token (paging to
 * the end, private tracks, an expired token refreshed once, a revoked one), the Mixcloud feed view,
 * SoundCloud related tracks and Mixcloud comments as track tabs, and Beatport's label_id / genre_id.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startReplica, type Replica } from '../../e2e/replica/server';
import { SOUNDCLOUD_FIXTURES as SC } from '../../e2e/replica/platforms/soundcloud/fixtures';
import { DEFAULT_APP } from '../../e2e/replica/platforms/soundcloud/state';
import { MIXCLOUD_FIXTURES as MC } from '../../e2e/replica/platforms/mixcloud/fixtures';
import { BEATPORT_FIXTURES as BP, mintBeatportToken } from '../../e2e/replica/platforms/beatport/fixtures';
import { apiV2, fetchReplica } from '../../e2e/replica/platforms/soundcloud/test-client';
import { MINE_ID, type EntityRef } from '../../shared/browse';
import { DeckhandError } from '../../shared/errors';
import type { TrackRef } from '../../shared/track';
import { configureHttp } from '../core/http';
import { loadToken, saveToken, tokenKey, tokenRecord } from '../core/oauth';
import { replicaFetch, resetBrowseEnv } from './browse.test-support';

vi.mock('wxt/browser', async () => {
  const { memoryStorageArea } = await import('./browse.test-support');
  return { browser: { storage: { local: memoryStorageArea() } } };
});

const { browser } = await import('wxt/browser');
const { BeatportApi } = await import('../platforms/beatport/api');
const { BeatportBrowse } = await import('../platforms/beatport/browse');
const { MixcloudBrowse } = await import('../platforms/mixcloud/browse');
const { MixcloudExtras } = await import('../platforms/mixcloud/api-extras');
const { MixcloudMine } = await import('../platforms/mixcloud/api-mine');
const { MixcloudShowAbout } = await import('../platforms/mixcloud/api-show');
const { httpTransport } = await import('../platforms/mixcloud/api');
const { SoundCloudBrowse } = await import('../platforms/soundcloud/browse');
const { SoundCloudOfficial } = await import('../platforms/soundcloud/api-official');
const { secretTokenOf } = await import('../platforms/soundcloud/index');
const { Browse } = await import('./browse');

let replica: Replica;
let bpToken: string | undefined;
const tokenStore = {
  current: async () => (bpToken ? { token: bpToken, expiresAt: Date.now() + 3_600_000 } : undefined),
  forget: async () => undefined,
};
const CONTROL = 'https://replica.deckhand.test/__replica';
const post = async (path: string, body: object) =>
  (await fetchReplica(replica, `${CONTROL}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } })).json();

function browseWith(extra: Partial<ConstructorParameters<typeof Browse>[0]> = {}) {
  return new Browse({ soundcloud: new SoundCloudBrowse(), mixcloud: new MixcloudBrowse(), beatport: new BeatportBrowse(new BeatportApi(tokenStore)), ...extra });
}

/** Sign in as the replica's default SoundCloud user: app credentials and tokens stored as connect() stores them. */
async function signInSoundCloud(): Promise<{ access_token: string; refresh_token: string }> {
  await browser.storage.local.set({ 'credentials.soundcloud': { clientId: DEFAULT_APP.clientId, clientSecret: DEFAULT_APP.clientSecret } });
  const session = (await post('/soundcloud/session', {})) as Record<string, string>;
  // Stored as lasting an hour, whatever the replica issued: an early expiry is found by the 401.
  await saveToken(tokenRecord('soundcloud', tokenKey('soundcloud'), { ...session, expires_in: '3600' }));
  return session as { access_token: string; refresh_token: string };
}

beforeAll(async () => {
  replica = await startReplica({ port: 0, lazyMedia: true });
  vi.stubGlobal('fetch', replicaFetch(replica)); // auth.ts's token endpoint calls use plain fetch
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await replica.stop();
});
beforeEach(async () => {
  await resetBrowseEnv(replica, browser.storage.local);
  bpToken = mintBeatportToken('anon', { lifetimeSec: 3600 });
});

describe('Mixcloud show "About": public API first, GraphQL where it has no answer', () => {
  const about = new MixcloudShowAbout();
  const gqlCalls = () => replica.app.log.filter((e) => e.host === 'app.mixcloud.com' && e.path === '/graphql').length;

  it('takes the tracklist from GraphQL when the public API’s sections are empty', async () => {
    const show = MC.twoHourShow;
    const direct = (await fetchReplica(replica, `${show.apiUrl}`)).json() as { sections: unknown[] };
    expect(direct.sections).toEqual([]); // the trigger
    const a = await about.about(show.key);
    expect(a.sources).toEqual({ description: 'api', tracklist: 'graphql', access: 'graphql' });
    expect(a.tracklist).toHaveLength(show.sections.length);
    expect(a.tracklist?.[0]).toEqual({ title: show.expected.chapters[0]?.title, artist: show.expected.chapters[0]?.artist, startMs: 0 });
    expect(a.description).toBe(show.description);
  });

  it('keeps the public API’s tracklist (untimed entries without a start) and asks GraphQL only for access', async () => {
    const show = MC.shortShow;
    const a = await about.about(show.key);
    expect(a.sources).toMatchObject({ tracklist: 'api', description: 'api', access: 'graphql' });
    expect(a.tracklist).toHaveLength(show.sections.length);
    expect(a.tracklist?.filter((t) => t.startMs === undefined).length).toBe(show.sections.filter((c) => c.startSeconds === null).length);
    // Both sources read the same: the old public shape and GraphQL's sections give one tracklist.
    const graphqlOnly = new MixcloudShowAbout({ ...httpTransport, getJson: () => Promise.reject(new DeckhandError('not-found', 'gone')) });
    expect((await graphqlOnly.about(show.key)).tracklist).toEqual(a.tracklist);
    expect(a.exclusive).toBeUndefined();
  });

  it('states Select exclusives and restrictions (GraphQL only knows them)', async () => {
    expect(await about.about(MC.exclusive.key)).toMatchObject({ exclusive: true });
    expect(await about.about(MC.restricted.key)).toMatchObject({ restricted: 'repeat_play' });
  });

  it('a failing GraphQL leaves the public API’s answer; no public answer asks GraphQL for everything', async () => {
    const broken = new MixcloudShowAbout({ ...httpTransport, postJson: () => Promise.reject(new DeckhandError('network.http', 'schema changed')) });
    const partial = await broken.about(MC.shortShow.key);
    expect(partial.sources).toEqual({ description: 'api', tracklist: 'api' });
    expect(partial.tracklist?.length).toBeGreaterThan(0);

    const before = gqlCalls();
    const apiless = new MixcloudShowAbout({ ...httpTransport, getJson: () => Promise.reject(new DeckhandError('not-found', 'gone')) });
    const all = await apiless.about(MC.twoHourShow.key);
    expect(all.sources).toEqual({ description: 'graphql', tracklist: 'graphql', access: 'graphql' });
    expect(all.tracklist).toHaveLength(MC.twoHourShow.sections.length);
    expect(gqlCalls()).toBe(before + 1);
    await expect(apiless.about('/deepwavesradio/no-such-show-here/')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('is one tab of the show’s view; comments are another, paged to the end', async () => {
    const browse = browseWith();
    const ref: TrackRef = { platform: 'mixcloud', id: MC.twoHourShow.key, url: MC.twoHourShow.url, kind: 'show' };
    const view = await browse.track(ref);
    expect(view.lists.map((l) => l.id)).toEqual(['about', 'comments']);
    expect(view.about?.tracklist?.length).toBe(MC.twoHourShow.sections.length);
    const direct = (await fetchReplica(replica, `${MC.twoHourShow.apiUrl}comments/?limit=100&offset=0`)).json().data as unknown[];
    let page = await browse.track(ref, 'comments');
    const seen = [...(page.comments ?? [])];
    for (let guard = 0; page.next && guard < 20; guard++) {
      page = await browse.track(ref, 'comments', page.next);
      seen.push(...(page.comments ?? []));
    }
    expect(seen).toHaveLength(direct.length);
    await expect(browse.track(ref, 'related')).rejects.toMatchObject({ code: 'input.invalid' });
  });
});

describe('My SoundCloud: the official API with the user’s token', () => {
  it('lists the user’s own tracks, private ones too, paged to the end, and their playlists', async () => {
    const session = await signInSoundCloud();
    const direct = (await fetchReplica(replica, 'https://api.soundcloud.com/me/tracks?limit=200', { headers: { authorization: `OAuth ${session.access_token}` } })).json() as { urn: string }[];
    const browse = browseWith({ soundcloudMine: new SoundCloudOfficial(undefined, undefined, 2) });
    const first = await browse.entity('soundcloud', 'user', MINE_ID);
    expect(first.entity).toMatchObject({ id: MINE_ID, name: SC.me.username, platform: 'soundcloud' });
    expect(first.lists?.map((l) => l.id)).toEqual(['tracks', 'playlists']);
    const tracks = [...first.tracks];
    let next = first.next;
    let pages = 1;
    for (; next && pages < 20; pages++) {
      expect(next).not.toContain(session.access_token);
      const more = await browse.entity('soundcloud', 'user', MINE_ID, next, 'tracks');
      tracks.push(...more.tracks);
      next = more.next;
    }
    expect(pages).toBeGreaterThan(1);
    expect(tracks.map((t) => t.id)).toEqual(direct.map((t) => t.urn));
    const secret = tracks.find((t) => t.id === SC.private.urn);
    expect(secret && secretTokenOf(secret.url)).toBe(SC.private.secretToken);
    // The private link's ref opens on api-v2 like any other (downloads read the same).
    const aboutPrivate = await browse.track(secret as TrackRef);
    expect(aboutPrivate.about?.description).toBe('Private link for friends only.');

    const playlists = await browse.entity('soundcloud', 'user', MINE_ID, undefined, 'playlists');
    expect(playlists.children.length).toBeGreaterThan(0);
    expect(playlists.children.every((c: EntityRef) => c.kind === 'set')).toBe(true);
    await expect(browse.entity('soundcloud', 'user', MINE_ID, undefined, 'likes')).rejects.toMatchObject({ code: 'input.invalid' });
  });

  it('an expired token is refreshed once (the single-use refresh token replaced) and the call repeated', async () => {
    await post('/soundcloud/token-lifetime', { seconds: 1 });
    try {
      const session = await signInSoundCloud();
      await new Promise((r) => setTimeout(r, 1100));
      const view = await browseWith().entity('soundcloud', 'user', MINE_ID);
      expect(view.tracks.length).toBeGreaterThan(0);
      const stored = await loadToken(tokenKey('soundcloud'));
      expect(stored?.accessToken).not.toBe(session.access_token);
      expect(stored?.refreshToken).not.toBe(session.refresh_token);
      const refreshes = replica.app.log.filter((e) => e.host === 'secure.soundcloud.com' && e.path === '/oauth/token');
      expect(refreshes.length).toBeGreaterThan(0);
    } finally {
      await post('/soundcloud/token-lifetime', { seconds: 3600 });
    }
  });

  it('a revoked connection fails as auth.* and flags the account for reconnecting', async () => {
    await signInSoundCloud();
    await post('/soundcloud/revoke', {});
    await expect(browseWith().entity('soundcloud', 'user', MINE_ID)).rejects.toSatisfy((e: DeckhandError) => e.code.startsWith('auth.'));
    expect((await browser.storage.local.get('account.soundcloud'))['account.soundcloud']).toMatchObject({ reconnect: true });
  });

  it('without a connection: auth.required, and no request leaves', async () => {
    const before = replica.app.log.length;
    await expect(browseWith().entity('soundcloud', 'user', MINE_ID)).rejects.toMatchObject({ code: 'auth.required' });
    expect(replica.app.log.length).toBe(before);
  });

  it('rate limited (429): rate.limited', async () => {
    await signInSoundCloud();
    replica.app.faults.set({ rateLimits: { soundcloud: { limit: 0, windowMs: 12_000 } } });
    await expect(browseWith().entity('soundcloud', 'user', MINE_ID)).rejects.toMatchObject({ code: 'rate.limited' });
  });
});

describe('Mixcloud feed view, SoundCloud related tab', () => {
  it('the feed as the signed-in user’s view, paged to the end; a revoked token is reported', async () => {
    const token = ((await post('/mixcloud/tokens', {})) as { access_token: string }).access_token;
    const refused = vi.fn(async () => new DeckhandError('auth.revoked', 'connect again'));
    const mine = new MixcloudMine(new MixcloudExtras(), { token: async () => token, refused, profile: async () => ({ name: 'Viewer', username: MC.users.viewer.username }) });
    const browse = browseWith({ mixcloudMine: mine });
    let view = await browse.entity('mixcloud', 'user', MINE_ID);
    expect(view).toMatchObject({ list: 'feed', entity: { id: MINE_ID, name: 'Viewer', url: MC.users.viewer.url } });
    const shows = [...view.tracks];
    for (let guard = 0; view.next && guard < 20; guard++) {
      view = await browse.entity('mixcloud', 'user', MINE_ID, view.next, 'feed');
      shows.push(...view.tracks);
    }
    expect(shows.length).toBeGreaterThan(0);
    expect(new Set(shows.map((s) => s.id)).size).toBe(shows.length);
    await post('/mixcloud/revoke', { access_token: token });
    await expect(browse.entity('mixcloud', 'user', MINE_ID)).rejects.toMatchObject({ code: 'auth.revoked' });
    expect(refused).toHaveBeenCalledWith(token);
  });

  it('related tracks of a SoundCloud track, as the API lists them; "about" carries the description', async () => {
    const t = SC.plain;
    const ref: TrackRef = { platform: 'soundcloud', id: t.urn, url: t.url, kind: 'track' };
    const direct = (await apiV2(replica, `/tracks/${t.urn}/related?limit=20`)).json() as { collection: { urn: string }[] };
    const view = await browseWith().track(ref, 'related');
    expect(view.lists.map((l) => l.id)).toEqual(['about', 'related']);
    expect(view.tracks?.map((r) => r.id)).toEqual(direct.collection.map((r) => r.urn));
  });
});

describe('Beatport label_id and genre_id', () => {
  it('a label picked from the labels list filters at the source by label_id', async () => {
    const asked: string[] = [];
    const base = replicaFetch(replica);
    configureHttp({ fetch: (input, init) => (asked.push(String(input instanceof Request ? input.url : input)), base(input, init)) });
    const browse = browseWith();
    const t = BP.previewTrack;
    const labels = await browse.labels(t.label);
    const label = labels.find((l) => l.name === t.label);
    expect(label).toMatchObject({ kind: 'label', platform: 'beatport' });
    const page = await browse.search(t.name, { labelId: Number(label?.id) }, 1);
    expect(page.failures).toEqual([]);
    expect(page.hits.map((h) => (h.type === 'track' ? h.track.id : ''))).toContain(String(t.id));
    expect(page.hits.every((h) => h.type === 'track' && h.facts?.labelId === Number(label?.id))).toBe(true);
    expect(asked.some((u) => u.startsWith('https://api.beatport.com/v4/catalog/tracks/') && new URL(u).searchParams.get('label_id') === label?.id)).toBe(true);
  });

  it('the chosen genre itself filters the results (genre_id)', async () => {
    const browse = browseWith();
    const t = BP.previewTrack;
    const genre = (await browse.genres()).find((g) => g.name === t.genre);
    const page = await browse.search(t.name, { genreId: Number(genre?.id) }, 1);
    expect(page.hits.length).toBeGreaterThan(0);
    expect(page.hits.every((h) => h.type === 'track' && h.track.platform === 'beatport' && h.facts?.genreId === Number(genre?.id))).toBe(true);
    const other = (await browse.genres()).find((g) => g.name !== t.genre);
    const none = await browse.search(t.name, { genreId: Number(other?.id) }, 1);
    expect(none.hits.map((h) => (h.type === 'track' ? h.track.id : ''))).not.toContain(String(t.id));
  });
});
