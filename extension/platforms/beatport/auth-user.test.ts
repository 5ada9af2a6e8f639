/**
 * The Beatport sign-in against the replica's site session, docs-client OAuth and account endpoint:
 * each way to connect, renewal before expiry, a refused token, and the order of tokens for
 * catalogue reads. The background's fetch is played by a browser-like fetch with a cookie jar.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
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

const { connectBeatport, beatportAccountView, disconnectBeatport, userAccessToken, USER_KEY } = await import('./auth-user');
const { catalogueToken, forgetCatalogueToken, rememberAnonToken } = await import('./auth');
const { loadToken, saveToken } = await import('../../core/oauth');

const CONTROL = 'https://replica.deckhand.test/__replica';
const SITE_COOKIE = '__Secure-next-auth.session-token';
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
  await web.fetch(`${CONTROL}/reset`, { method: 'POST' });
});

const signInOnSite = () => web.jar.set('www.beatport.com', new Map([[SITE_COOKIE, 'replica-site-session-deckhand-dj']]));
const accountStatus = async (token: string) => (await web.fetch('https://api.beatport.com/v4/my/account/', { headers: { authorization: `Bearer ${token}` } })).status;
async function expireStored(patch: Record<string, unknown> = {}): Promise<string> {
  const record = (await loadToken(USER_KEY))!;
  await saveToken({ ...record, expiresAt: Date.now() - 1000, ...patch });
  return record.accessToken;
}
async function mint(kind: 'anon' | 'session' | 'docs', lifetimeSec = 600): Promise<string> {
  const res = await web.fetch(`${CONTROL}/beatport/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind, lifetimeSec, ...(kind === 'anon' ? {} : { username: 'deckhand-dj' }) }) });
  return ((await res.json()) as { access_token: string }).access_token;
}

describe('the beatport.com session', () => {
  it('connects with the site cookie, names the account, and mints a new token when the old one nears expiry', async () => {
    signInOnSite();
    const view = await connectBeatport({ method: 'session' });
    expect(view).toMatchObject({ connected: true, method: 'session', reconnect: false, profile: { name: 'Deck Hand', username: 'deckhand-dj' } });
    const first = await expireStored();
    const renewed = await userAccessToken();
    expect(renewed).toBeTruthy();
    expect(renewed).not.toBe(first);
    expect(await accountStatus(renewed!)).toBe(200);
    expect(web.log.filter((l) => l.includes('/api/auth/session'))).toHaveLength(2);
  });

  it('refuses to connect when the browser is not signed in on beatport.com', async () => {
    await expect(connectBeatport({ method: 'session' })).rejects.toMatchObject({ code: 'auth.required' });
    expect(await beatportAccountView()).toEqual({ connected: false, reconnect: false });
  });

  it('after signing out on the site, an expired token asks to reconnect and reads fall back to the page token', async () => {
    signInOnSite();
    await connectBeatport({ method: 'session' });
    const anon = await mint('anon', 3600);
    await rememberAnonToken(anon, Date.now() + 3_600_000);
    expect((await catalogueToken())?.token).not.toBe(anon); // the user's token first
    web.jar.delete('www.beatport.com');
    await expireStored();
    expect((await catalogueToken())?.token).toBe(anon);
    expect(await beatportAccountView()).toMatchObject({ connected: false, reconnect: true, method: 'session' });
  });
});

describe('the docs-client login', () => {
  it('signs in once, keeps only tokens (no password, no API session cookie) and refreshes with a single-use refresh token', async () => {
    const view = await connectBeatport({ method: 'login', username: 'deckhand-dj', password: 'replica-pass-dj' });
    expect(view).toMatchObject({ connected: true, method: 'login', profile: { name: 'Deck Hand' } });
    expect(JSON.stringify([...storage.values()])).not.toContain('replica-pass-dj');
    const stored = (await loadToken(USER_KEY))!;
    expect(JSON.stringify(stored)).not.toContain('replica-pass-dj');
    expect(stored.refreshToken).toBeTruthy();
    expect(web.jar.get('api.beatport.com')?.has('sessionid')).toBe(false);
    expect(web.log.some((l) => l.startsWith('GET https://api.beatport.com/v4/docs/static/js/main'))).toBe(true); // the client id came from the docs

    const old = await expireStored();
    const renewed = await userAccessToken();
    expect(renewed).not.toBe(old);
    expect(await accountStatus(renewed!)).toBe(200);
    expect((await loadToken(USER_KEY))!.refreshToken).not.toBe(stored.refreshToken);

    // A 401 on the current token renews it at once; a spent refresh token ends the sign-in.
    await forgetCatalogueToken(renewed!);
    const again = (await loadToken(USER_KEY))!;
    expect(again.accessToken).not.toBe(renewed);
    await expireStored({ refreshToken: stored.refreshToken });
    expect(await userAccessToken()).toBeUndefined();
    expect(await beatportAccountView()).toMatchObject({ connected: false, reconnect: true });
  });

  it('reports a wrong password as a refused sign-in and stores nothing', async () => {
    await expect(connectBeatport({ method: 'login', username: 'deckhand-dj', password: 'wrong' })).rejects.toMatchObject({ code: 'auth.rejected', message: 'Incorrect username or password.' });
    expect(await loadToken(USER_KEY)).toBeUndefined();
  });
});

describe('a pasted token', () => {
  it('accepts a bare user token, takes its expiry from the JWT and, with no refresh token, asks to reconnect once expired', async () => {
    const token = await mint('session', 600);
    const view = await connectBeatport({ method: 'paste', token: `  ${token}\n` });
    expect(view).toMatchObject({ connected: true, method: 'paste', profile: { username: 'deckhand-dj' } });
    const stored = (await loadToken(USER_KEY))!;
    expect(stored.expiresAt! - Date.now()).toBeGreaterThan(590_000);
    expect(await userAccessToken()).toBe(token);
    await expireStored();
    expect(await userAccessToken()).toBeUndefined();
    expect((await beatportAccountView()).reconnect).toBe(true);
  });

  it('refuses an anonymous page token (it names no account)', async () => {
    await expect(connectBeatport({ method: 'paste', token: await mint('anon') })).rejects.toMatchObject({ code: 'auth.rejected' });
  });

  it('disconnect forgets the token, the method and the profile', async () => {
    await connectBeatport({ method: 'paste', token: JSON.stringify({ access_token: await mint('docs', 3600), expires_in: 3600 }) });
    await disconnectBeatport();
    expect(await loadToken(USER_KEY)).toBeUndefined();
    expect(await beatportAccountView()).toEqual({ connected: false, reconnect: false });
  });
});
