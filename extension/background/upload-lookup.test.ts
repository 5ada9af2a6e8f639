/**
 * Contract tests of the look-up behind "never upload twice" against the in-process replica (shipped
 * clients and core/http; only the socket is redirected): an upload the replica received is listed by
 * SoundCloud's /me/tracks (official API, OAuth header) and Mixcloud's /me/cloudcasts/ (token in the
 * query string), newest first, and the clients return it with its link, title, date and size.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startReplica, type Replica } from '../../e2e/replica/server';
import { MIXCLOUD_FIXTURES as MC } from '../../e2e/replica/platforms/mixcloud/fixtures';
import { DEFAULT_APP } from '../../e2e/replica/platforms/soundcloud/state';
import { fetchReplica } from '../../e2e/replica/platforms/soundcloud/test-client';
import { DeckhandError } from '../../shared/errors';
import { saveToken, tokenKey, tokenRecord } from '../core/oauth';
import { emptyFields } from '../ui/upload/model';
import { replicaFetch, resetBrowseEnv } from './browse.test-support';
import { matchingUpload } from './upload-lost-answer';

vi.mock('wxt/browser', async () => {
  const { memoryStorageArea } = await import('./browse.test-support');
  return { browser: { storage: { local: memoryStorageArea() } } };
});
const { browser } = await import('wxt/browser');
const { SoundCloudOfficial } = await import('../platforms/soundcloud/api-official');
const { MixcloudMine } = await import('../platforms/mixcloud/api-mine');
const { MixcloudExtras } = await import('../platforms/mixcloud/api-extras');

let replica: Replica;
const CONTROL = 'https://replica.deckhand.test/__replica';
const post = async (path: string, body: object) =>
  (await fetchReplica(replica, `${CONTROL}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } })).json();

/** A multipart body as a browser would send it. */
async function multipart(fields: Record<string, string>, file: { name: string; field: string; bytes: number }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append(file.field, new Blob([new Uint8Array(file.bytes).fill(7)], { type: 'audio/mpeg' }), file.name);
  const encoded = new Response(form);
  return { body: Buffer.from(await encoded.arrayBuffer()), headers: { 'content-type': encoded.headers.get('content-type') ?? '' } };
}

beforeAll(async () => {
  replica = await startReplica({ port: 0, lazyMedia: true });
  vi.stubGlobal('fetch', replicaFetch(replica));
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await replica.stop();
});
beforeEach(async () => {
  await post('/reset', {});
  await resetBrowseEnv(replica, browser.storage.local);
});

describe('the user’s own uploads, as the lost-answer check reads them', () => {
  it('SoundCloud /me/tracks lists an upload the replica received, with its size; older tracks are left out', async () => {
    await browser.storage.local.set({ 'credentials.soundcloud': { clientId: DEFAULT_APP.clientId, clientSecret: DEFAULT_APP.clientSecret } });
    const session = (await post('/soundcloud/session', {})) as Record<string, string>;
    await saveToken(tokenRecord('soundcloud', tokenKey('soundcloud'), { ...session, expires_in: '3600' }));
    const official = new SoundCloudOfficial();
    const before = Date.now() - 2000;
    expect(await official.uploadsSince(before)).toEqual([]);

    const { body, headers } = await multipart({ 'track[title]': 'Lost Answer Track', 'track[sharing]': 'private' }, { name: 'lost.mp3', field: 'track[asset_data]', bytes: 4321 });
    const answer = await fetchReplica(replica, 'https://api.soundcloud.com/tracks', { method: 'POST', body, headers: { ...headers, authorization: `OAuth ${session.access_token}` } });
    expect(answer.status).toBe(201);

    const found = await official.uploadsSince(before);
    expect(found).toEqual([{ url: expect.stringMatching(/^https:\/\/soundcloud\.com\/[^/]+\/lost-answer-track$/), title: 'Lost Answer Track', createdAt: expect.any(Number), bytes: 4321 }]);
    const info = { platform: 'soundcloud' as const, source: 'library' as const, fileName: 'lost.mp3', fileSize: 4321, pro: false, fields: { ...emptyFields(), title: 'Lost Answer Track' } };
    expect(matchingUpload(info, before, found)?.url).toBe(found[0]!.url);
    expect(matchingUpload({ ...info, fileSize: 4322 }, before, found)).toBeUndefined();
    // The catalogue's own (older) tracks are on the list too, after it: the client stops at them.
    const all = (await fetchReplica(replica, 'https://api.soundcloud.com/me/tracks?linked_partitioning=true&limit=5', { headers: { authorization: `OAuth ${session.access_token}` } })).json() as { collection: { title: string }[] };
    expect(all.collection[0]?.title).toBe('Lost Answer Track');
    expect(all.collection.length).toBeGreaterThan(1);
  });

  it('Mixcloud /me/cloudcasts/ lists an (unlisted) upload to its owner; a refused token is reported', async () => {
    const token = ((await post('/mixcloud/tokens', {})) as { access_token: string }).access_token;
    const refused = vi.fn(async () => new DeckhandError('auth.revoked', 'connect again'));
    const mine = new MixcloudMine(new MixcloudExtras(), { token: async () => token, refused, profile: async () => undefined });
    const before = Date.now() - 2000;
    expect(await mine.uploadsSince(before)).toEqual([]);

    const { body, headers } = await multipart({ name: 'Lost Answer Show', unlisted: '1' }, { name: 'show.mp3', field: 'mp3', bytes: 2048 });
    const answer = await fetchReplica(replica, `https://api.mixcloud.com/upload/?access_token=${token}`, { method: 'POST', body, headers });
    expect(answer.json()).toMatchObject({ result: { success: true } });

    expect(await mine.uploadsSince(before)).toEqual([
      { url: `https://www.mixcloud.com/${MC.users.viewer.username}/lost-answer-show/`, title: 'Lost Answer Show', createdAt: expect.any(Number) },
    ]);
    // Unlisted: not on the public list of the same user.
    const open = (await fetchReplica(replica, `https://api.mixcloud.com/${MC.users.viewer.username}/cloudcasts/`)).json() as { data: { name: string }[] };
    expect(open.data.map((d) => d.name)).not.toContain('Lost Answer Show');

    await post('/mixcloud/revoke', { access_token: token });
    await expect(mine.uploadsSince(before)).rejects.toMatchObject({ code: 'auth.revoked' });
    expect(refused).toHaveBeenCalledWith(token);
  });
});
