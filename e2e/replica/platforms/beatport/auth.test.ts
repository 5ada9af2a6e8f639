/** Contract tests: the three ways to a Beatport token, and the test controls. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../../server';
import { BEATPORT_FIXTURES as F } from './fixtures';
import { bearer, type Fetch, nextDataOf, replicaClient, setCookie } from './test-client';

const API = 'https://api.beatport.com/v4';
const CONTROL = 'https://replica.deckhand.test/__replica';
const json = { 'content-type': 'application/json' };
let replica: Replica;
let get: Fetch;

/** Response JSON, read loosely in assertions. */
type Json = Record<string, any>;

beforeAll(async () => {
  replica = await startReplica({ port: 0, lazyMedia: true });
  get = replicaClient(replica);
});
afterAll(() => replica.stop());
beforeEach(async () => {
  await get(`${CONTROL}/reset`, { method: 'POST' });
});

async function login(username = F.users.subscriber.username, password = F.users.subscriber.password): Promise<string | undefined> {
  const res = await get(`${API}/auth/login/`, { method: 'POST', headers: json, body: JSON.stringify({ username, password }) });
  return setCookie(res, 'sessionid');
}

async function authorizeCode(sessionid: string, clientId = F.docs.clientId): Promise<string> {
  const qs = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: F.docs.redirectUri });
  const res = await get(`${API}/auth/o/authorize/?${qs}`, { headers: { cookie: `sessionid=${sessionid}` } });
  expect(res.status).toBe(302);
  const code = new URL(String(res.headers.location)).searchParams.get('code');
  expect(code).toBeTruthy();
  return code ?? '';
}

describe('anonymous page token (C)', () => {
  it('is embedded in every page and accepted by the API until it expires', async () => {
    await get(`${CONTROL}/beatport/settings`, { method: 'POST', headers: json, body: JSON.stringify({ anonLifetimeSec: 2 }) });
    const page = await get('https://www.beatport.com/top-100');
    const session = (nextDataOf(page.text) as Json).props.pageProps.anonSession;
    expect(session).toMatchObject({ expires_in: 2, token_type: 'Bearer', scope: 'app:prostore user:anon' });
    const claims = JSON.parse(Buffer.from(String(session.access_token).split('.')[1] ?? '', 'base64url').toString());
    expect(claims).toMatchObject({ aud: 'urn:bp:identity-service', iss: 'urn:bp:identity-service' });
    expect(claims.exp - claims.iat).toBe(2);
    expect((await get(F.previewTrack.apiUrl, { headers: bearer(session.access_token) })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2100));
    expect((await get(F.previewTrack.apiUrl, { headers: bearer(session.access_token) })).status).toBe(401);
  });

  it('defaults to a 3600 s lifetime', async () => {
    const page = await get(F.previewTrack.url);
    expect((nextDataOf(page.text) as Json).props.pageProps.anonSession.expires_in).toBe(3600);
  });
});

describe('site session (B)', () => {
  const cookie = `${F.users.subscriber.siteSession.name}=${F.users.subscriber.siteSession.value}`;

  it('returns {} signed out and a fresh ~10-minute token for the session cookie', async () => {
    expect((await get('https://www.beatport.com/api/auth/session')).json()).toEqual({});
    const a = (await get('https://www.beatport.com/api/auth/session', { headers: { cookie } })).json<Json>();
    const b = (await get('https://www.beatport.com/api/auth/session', { headers: { cookie } })).json<Json>();
    expect(a.user.username).toBe(F.users.subscriber.username);
    expect(a.token).toMatchObject({ expiresIn: 599, scope: 'user:dj openid app:prostore' });
    expect(a.token.accessToken).not.toBe(b.token.accessToken);
    const me = await get(`${API}/my/account/`, { headers: bearer(a.token.accessToken) });
    expect(me.json<Json>().username).toBe(F.users.subscriber.username);
  });

  it('signs in through the login page and out again', async () => {
    const bad = await get('https://www.beatport.com/account/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=deckhand-dj&password=wrong' });
    expect(bad.status).toBe(401);
    const form = new URLSearchParams({ username: F.users.free.username, password: F.users.free.password, callbackUrl: '/top-100' });
    const res = await get('https://www.beatport.com/account/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/top-100');
    const value = setCookie(res, F.users.free.siteSession.name) ?? '';
    const signedIn = `${F.users.free.siteSession.name}=${value}`;
    expect((await get('https://www.beatport.com/api/auth/session', { headers: { cookie: signedIn } })).json<Json>().user.username).toBe(F.users.free.username);
    expect((await get('https://www.beatport.com/top-100', { headers: { cookie: signedIn } })).text).toContain('data-testid="account-name"');
    await get('https://www.beatport.com/api/auth/signout', { method: 'POST', headers: { cookie: signedIn } });
    expect((await get('https://www.beatport.com/api/auth/session', { headers: { cookie: signedIn } })).json()).toEqual({});
  });
});

describe('docs client OAuth (A)', () => {
  it('publishes the client id in a script the docs page references', async () => {
    const page = await get(`${API}/docs/`);
    expect(page.status).toBe(200);
    const scripts = [...page.text.matchAll(/src=.(.*js)/g)].map((m) => m[1] ?? '');
    const bodies = await Promise.all(scripts.map(async (s) => (await get(`https://api.beatport.com${s}`)).text));
    const ids = bodies.flatMap((b) => [.../API_CLIENT_ID: '(.*)'/.exec(b)?.slice(1) ?? []]);
    expect(ids).toEqual([F.docs.clientId]);
  });

  it('runs login -> authorize -> token -> refresh, with single-use codes and refresh tokens', async () => {
    const login1 = await get(`${API}/auth/login/`, { method: 'POST', headers: json, body: JSON.stringify({ username: F.users.subscriber.username, password: F.users.subscriber.password }) });
    expect(login1.json()).toEqual({ username: F.users.subscriber.username, email: F.users.subscriber.email });
    const sessionid = setCookie(login1, 'sessionid') ?? '';
    const code = await authorizeCode(sessionid);
    // beets sends the exchange as query parameters
    const qs = new URLSearchParams({ code, grant_type: 'authorization_code', redirect_uri: F.docs.redirectUri, client_id: F.docs.clientId });
    const token = (await get(`${API}/auth/o/token/?${qs}`, { method: 'POST' })).json<Json>();
    expect(token).toMatchObject({ expires_in: 36000, token_type: 'Bearer', scope: 'app:docs user:dj' });
    expect((await get(`${API}/auth/o/token/?${qs}`, { method: 'POST' })).json()).toEqual({ error: 'invalid_grant' });
    expect((await get(`${API}/my/account/`, { headers: bearer(token.access_token) })).json<Json>().username).toBe(F.users.subscriber.username);
    // beatportdl refreshes with a form body
    const form = (rt: string) => new URLSearchParams({ client_id: F.docs.clientId, refresh_token: rt, grant_type: 'refresh_token' }).toString();
    const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };
    const refreshed = (await get(`${API}/auth/o/token/`, { method: 'POST', headers: formHeaders, body: form(token.refresh_token) })).json<Json>();
    expect(refreshed.access_token).toBeTruthy();
    expect(refreshed.refresh_token).not.toBe(token.refresh_token);
    const reused = await get(`${API}/auth/o/token/`, { method: 'POST', headers: formHeaders, body: form(token.refresh_token) });
    expect(reused.status).toBe(400);
    const intro = (await get(`${API}/auth/o/introspect/`, { headers: bearer(refreshed.access_token) })).json<Json>();
    expect(intro).toMatchObject({ active: true, client_id: F.docs.clientId, username: F.users.subscriber.username });
    await get(`${API}/auth/o/revoke/?client_id=${F.docs.clientId}&token=${refreshed.access_token}`, { method: 'POST' });
    expect((await get(`${API}/my/account/`, { headers: bearer(refreshed.access_token) })).status).toBe(401);
  });

  it('rejects what the real server rejects', async () => {
    expect(await login(F.users.subscriber.username, 'wrong')).toBeUndefined();
    const sessionid = (await login()) ?? '';
    const bad = await get(`${API}/auth/o/authorize/?response_type=code&client_id=nope`, { headers: { cookie: `sessionid=${sessionid}` } });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('invalid_request');
    expect(/<p>(.*)<\/p>/.exec(bad.text)?.[1]).toBe('Invalid client_id parameter value.');
    const anonymous = await get(`${API}/auth/o/authorize/?response_type=code&client_id=${F.docs.clientId}`);
    expect(anonymous.status).toBe(302);
    expect(String(anonymous.headers.location)).not.toContain('code=');
    const password = new URLSearchParams({ grant_type: 'password', client_id: F.docs.clientId, username: F.users.subscriber.username, password: F.users.subscriber.password });
    expect((await get(`${API}/auth/o/token/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: password.toString() })).status).toBe(401);
    const code = await authorizeCode(sessionid);
    const wrongClient = new URLSearchParams({ code, grant_type: 'authorization_code', client_id: 'other' });
    expect((await get(`${API}/auth/o/token/?${wrongClient}`, { method: 'POST' })).json()).toEqual({ error: 'invalid_client' });
  });

  it('accepts the sessionid cookie itself on the API', async () => {
    const sessionid = await login(F.users.free.username, F.users.free.password);
    expect((await get(`${API}/my/account/`, { headers: { cookie: `sessionid=${sessionid}` } })).json<Json>().username).toBe(F.users.free.username);
  });
});

describe('controls', () => {
  it('mints tokens, opens site sessions, expires tokens and serves the fixtures', async () => {
    const minted = (await get(`${CONTROL}/beatport/token`, { method: 'POST', headers: json, body: JSON.stringify({ kind: 'session', username: F.users.subscriber.username }) })).json<Json>();
    expect(minted.scope).toBe('user:dj openid app:prostore');
    expect((await get(F.previewTrack.apiUrl, { headers: bearer(minted.access_token) })).status).toBe(200);
    await get(`${CONTROL}/beatport/expire-tokens`, { method: 'POST' });
    expect((await get(F.previewTrack.apiUrl, { headers: bearer(minted.access_token) })).status).toBe(401);
    const session = (await get(`${CONTROL}/beatport/site-session`, { method: 'POST', headers: json, body: JSON.stringify({ username: F.users.free.username }) })).json<Json>();
    const me = (await get('https://www.beatport.com/api/auth/session', { headers: { cookie: `${session.name}=${session.value}` } })).json<Json>();
    expect(me.user.username).toBe(F.users.free.username);
    const fixtures = (await get(`${CONTROL}/beatport/fixtures`)).json<Json>();
    expect(fixtures.previewTrack.id).toBe(F.previewTrack.id);
  });

  it('forgets issued tokens on reset', async () => {
    const minted = (await get(`${CONTROL}/beatport/token`, { method: 'POST', headers: json, body: JSON.stringify({ kind: 'anon' }) })).json<Json>();
    await get(`${CONTROL}/reset`, { method: 'POST' });
    expect((await get(F.previewTrack.apiUrl, { headers: bearer(minted.access_token) })).status).toBe(401);
  });
});
