/**
 * A catalogue read whose token Beatport refuses (401) against the replica: the read that hit the
 * 401 renews the user's token (or drops the page's) and retries once, through the real HTTP layer
 * (core/http.ts) and the real token stores. The background's fetch is a browser-like fetch.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { BEATPORT_FIXTURES } from '../../../e2e/replica/platforms/beatport/fixtures';
import { startReplica, type Replica } from '../../../e2e/replica/server';
import { resetDbConnection } from '../../core/db';
import { browserLikeFetch, type BrowserLikeFetch } from './auth.test-support';

const storage = new Map<string, unknown>();
vi.mock('wxt/browser', () => ({
  browser: {
    storage: {
      local: {
        get: async (key: string) => (storage.has(key) ? { [key]: storage.get(key) } : {}),
        set: async (items: Record<string, unknown>) => void Object.entries(items).forEach(([k, v]) => storage.set(k, structuredClone(v))),
        remove: async (key: string) => void storage.delete(key),
      },
    },
  },
}));

const { BeatportApi } = await import('./api');
const { connectBeatport, beatportAccountView, USER_KEY } = await import('./auth-user');
const { anonToken, rememberAnonToken } = await import('./auth');
const { loadToken } = await import('../../core/oauth');
const { configureHttp } = await import('../../core/http');

const CONTROL = 'https://replica.deckhand.test/__replica';
const SITE_COOKIE = '__Secure-next-auth.session-token';
const TRACK = BEATPORT_FIXTURES.previewTrack;
let replica: Replica;
let web: BrowserLikeFetch;

beforeAll(async () => {
  replica = await startReplica({ port: 0, lazyMedia: true });
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await replica.stop();
});
beforeEach(async () => {
  storage.clear();
  await resetDbConnection();
  (globalThis as { indexedDB: IDBFactory }).indexedDB = new IDBFactory();
  web = browserLikeFetch(replica);
  vi.stubGlobal('fetch', web.fetch);
  configureHttp({ cache: undefined });
  await web.fetch(`${CONTROL}/reset`, { method: 'POST' });
});

async function mint(kind: 'anon' | 'session'): Promise<string> {
  const res = await web.fetch(`${CONTROL}/beatport/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind, lifetimeSec: 3600, ...(kind === 'anon' ? {} : { username: 'deckhand-dj' }) }) });
  return ((await res.json()) as { access_token: string }).access_token;
}
/** Beatport stops accepting `token` before its expiry (what a revocation or a server-side reset does). */
async function revoke(token: string): Promise<void> {
  await web.fetch(`https://api.beatport.com/v4/auth/o/revoke/?client_id=${BEATPORT_FIXTURES.docs.clientId}&token=${token}`, { method: 'POST' });
}
const trackReads = () => web.log.filter((l) => l === `GET ${TRACK.apiUrl}`).length;

describe('a catalogue read refused with 401', () => {
  it('renews the site-session token and answers the same read', async () => {
    web.jar.set('www.beatport.com', new Map([[SITE_COOKIE, 'replica-site-session-deckhand-dj']]));
    await connectBeatport({ method: 'session' });
    const refused = (await loadToken(USER_KEY))!.accessToken;
    await revoke(refused);

    const track = await new BeatportApi().track(TRACK.id);
    expect(track.id).toBe(TRACK.id);
    expect(trackReads()).toBe(2);
    expect((await loadToken(USER_KEY))!.accessToken).not.toBe(refused);
    expect(await beatportAccountView()).toMatchObject({ connected: true, reconnect: false });
  });

  it('renews a docs-login token with its refresh token and answers the same read', async () => {
    await connectBeatport({ method: 'login', username: 'deckhand-dj', password: 'replica-pass-dj' });
    const before = (await loadToken(USER_KEY))!;
    await revoke(before.accessToken);

    const track = await new BeatportApi().track(TRACK.id);
    expect(track.name).toBe(TRACK.name);
    const after = (await loadToken(USER_KEY))!;
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
  });

  it('when a pasted token cannot be renewed, asks to reconnect and answers the read with the page token', async () => {
    const pasted = await mint('session');
    await connectBeatport({ method: 'paste', token: pasted });
    await rememberAnonToken(await mint('anon'), Date.now() + 3_600_000);
    await revoke(pasted);

    const track = await new BeatportApi().track(TRACK.id);
    expect(track.id).toBe(TRACK.id);
    expect(await beatportAccountView()).toMatchObject({ connected: false, reconnect: true });
  });

  it('drops a refused page token and fails once with auth.required, without a second try', async () => {
    const anon = await mint('anon');
    await rememberAnonToken(anon, Date.now() + 3_600_000);
    await revoke(anon);

    await expect(new BeatportApi().track(TRACK.id)).rejects.toMatchObject({ code: 'auth.required', status: 401 });
    expect(trackReads()).toBe(1);
    expect(await anonToken()).toBeUndefined();
  });
});
