import { createHash, randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../../server';
import { SOUNDCLOUD_FIXTURES as F } from './fixtures';
import { fetchReplica, postJson, type Reply } from './test-client';

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

const APP = { client_id: 'deckhandTestClientAAAAAAAAAAAAAA', client_secret: 'test-secret-1', redirect_uris: ['https://abcdefgh.chromiumapp.org/'] };
const SECURE = 'https://secure.soundcloud.com';

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(over: Record<string, string | null> = {}, challenge = pkce().challenge): string {
  const params: Record<string, string | null> = {
    response_type: 'code', client_id: APP.client_id, redirect_uri: APP.redirect_uris[0] ?? '',
    code_challenge: challenge, code_challenge_method: 'S256', state: 'st-123', ...over,
  };
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null) q.set(k, v);
  return `${SECURE}/authorize?${q}`;
}

function form(url: string, fields: Record<string, string>): Promise<Reply> {
  return fetchReplica(replica, url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
}

/** Load the consent page, submit "Connect and continue", return the redirect. */
async function approve(url: string): Promise<URL> {
  const page = await fetchReplica(replica, url);
  expect(page.status).toBe(200);
  expect(page.text).toMatch(/<button type="submit"[^>]*id="submit_approval"[^>]*>Connect and continue<\/button>/);
  const fields = Object.fromEntries([...page.text.matchAll(/<input type="(?:hidden|text)"[^>]*name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  const res = await form(`${SECURE}/authorize`, { ...fields, approve: '1' } as Record<string, string>);
  expect(res.status).toBe(302);
  return new URL(res.headers.location ?? '');
}

async function signIn() {
  const { verifier, challenge } = pkce();
  const back = await approve(authorizeUrl({}, challenge));
  const code = back.searchParams.get('code') ?? '';
  const res = await form(`${SECURE}/oauth/token`, {
    grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: APP.redirect_uris[0] ?? '', client_id: APP.client_id, client_secret: APP.client_secret,
  });
  return { res, code, verifier };
}

const me = (token: string, scheme = 'OAuth') => fetchReplica(replica, 'https://api.soundcloud.com/me', { headers: { authorization: `${scheme} ${token}` } });

describe('OAuth 2.1 + PKCE on secure.soundcloud.com', () => {
  beforeEach(async () => {
    expect((await postJson(replica, `${replica.controlUrl}/soundcloud/apps`, APP)).status).toBe(200);
  });

  it('runs the code flow and answers /me for `OAuth <token>` only', async () => {
    const { res } = await signIn();
    expect(res.status).toBe(200);
    const tokens = res.json();
    expect(tokens).toMatchObject({ token_type: 'bearer', expires_in: 3600, scope: expect.any(String) });
    expect(tokens.access_token).toBeTruthy();
    expect(tokens.refresh_token).toBeTruthy();
    const profile = await me(tokens.access_token);
    expect(profile.status).toBe(200);
    expect(profile.json()).toMatchObject({ urn: F.me.urn, username: F.me.username, plan: 'Pro Unlimited', quota: { unlimited_upload_quota: true } });
    expect(profile.json()).toHaveProperty('upload_seconds_left');
    expect(profile.json()).toHaveProperty('private_tracks_count', 1);
    expect((await me(tokens.access_token, 'Bearer')).status).toBe(401);
    expect((await fetchReplica(replica, 'https://api.soundcloud.com/me')).status).toBe(401);
  });

  it('returns state with the code and rejects bad authorization requests with a 400 page', async () => {
    const back = await approve(authorizeUrl({ state: 'xyz' }));
    expect(`${back.origin}${back.pathname}`).toBe(APP.redirect_uris[0]);
    expect(back.searchParams.get('state')).toBe('xyz');
    const bad: Record<string, string | null>[] = [
      { client_id: 'unknownClientIdXXXXXXXXXXXXXXXXX' }, { redirect_uri: 'https://evil.example/cb' }, { code_challenge_method: 'plain' },
      { code_challenge_method: null }, { code_challenge: null }, { state: null }, { response_type: 'token' },
    ];
    for (const over of bad) {
      const res = await fetchReplica(replica, authorizeUrl(over));
      expect(res.status, JSON.stringify(over)).toBe(400);
      expect(res.headers.location).toBeUndefined();
      expect(res.text).toContain('id="error"');
    }
  });

  it('checks the code: single use, verifier, redirect_uri, client and secret', async () => {
    const token = (fields: Record<string, string>) => form(`${SECURE}/oauth/token`, fields);
    const fresh = async () => {
      const { verifier, challenge } = pkce();
      const code = (await approve(authorizeUrl({}, challenge))).searchParams.get('code') ?? '';
      return { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: APP.redirect_uris[0] ?? '', client_id: APP.client_id, client_secret: APP.client_secret };
    };
    expect((await token({ ...(await fresh()), code_verifier: pkce().verifier })).json().error).toBe('invalid_grant');
    expect((await token({ ...(await fresh()), redirect_uri: 'https://other.example/' })).json().error).toBe('invalid_grant');
    const noSecret = await token({ ...(await fresh()), client_secret: '' });
    expect(noSecret.status).toBe(401);
    expect(noSecret.json().error).toBe('invalid_client');
    expect((await token({ ...(await fresh()), client_secret: 'wrong' })).status).toBe(401);
    await postJson(replica, `${replica.controlUrl}/soundcloud/apps`, { ...APP, client_id: 'otherClientBBBBBBBBBBBBBBBBBBBBB' });
    expect((await token({ ...(await fresh()), client_id: 'otherClientBBBBBBBBBBBBBBBBBBBBB' })).json().error).toBe('invalid_grant');
    const ok = await fresh();
    expect((await token(ok)).status).toBe(200);
    const again = await token(ok);
    expect(again.status).toBe(400);
    expect(again.json().error).toBe('invalid_grant');
  });

  it('makes refresh tokens single-use and honours the token lifetime and revocation controls', async () => {
    await postJson(replica, `${replica.controlUrl}/soundcloud/token-lifetime`, { seconds: 1 });
    const first = (await signIn()).res.json();
    expect(first.expires_in).toBe(1);
    const refresh = (rt: string) => form(`${SECURE}/oauth/token`, { grant_type: 'refresh_token', refresh_token: rt, client_id: APP.client_id, client_secret: APP.client_secret });
    const second = await refresh(first.refresh_token);
    expect(second.status).toBe(200);
    expect(second.json().refresh_token).not.toBe(first.refresh_token);
    const reused = await refresh(first.refresh_token);
    expect(reused.status).toBe(400);
    expect(reused.json()).toMatchObject({ error: 'invalid_grant' });
    await new Promise((r) => setTimeout(r, 1100));
    expect((await me(first.access_token)).status).toBe(401);
    const current = second.json();
    await postJson(replica, `${replica.controlUrl}/soundcloud/token-lifetime`, { seconds: 3600 });
    const third = (await refresh(current.refresh_token)).json();
    expect((await me(third.access_token)).status).toBe(200);
    expect((await postJson(replica, `${replica.controlUrl}/soundcloud/revoke`, { user: F.me.permalink })).json().revoked).toBeGreaterThan(0);
    expect((await me(third.access_token)).status).toBe(401);
    expect((await refresh(third.refresh_token)).status).toBe(400);
  });

  it('stores multipart uploads on POST /tracks', async () => {
    const { access_token } = (await signIn()).res.json();
    const boundary = '----deckhand';
    const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const audio = randomBytes(4096);
    const body = Buffer.concat([
      Buffer.from(part('track[title]', 'My Upload') + part('track[genre]', 'Techno') + part('track[sharing]', 'private')),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="track[asset_data]"; filename="mix.wav"\r\nContent-Type: audio/wav\r\n\r\n`),
      audio,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const headers = { authorization: `OAuth ${access_token}`, 'content-type': `multipart/form-data; boundary=${boundary}` };
    const created = await fetchReplica(replica, 'https://api.soundcloud.com/tracks', { method: 'POST', headers, body });
    expect(created.status).toBe(201);
    expect(created.json()).toMatchObject({ title: 'My Upload', genre: 'Techno', sharing: 'private', state: 'processing', original_content_size: 4096 });
    const stored = (await fetchReplica(replica, `${replica.controlUrl}/soundcloud/uploads`)).json();
    expect(stored[0]).toMatchObject({ fields: { title: 'My Upload' }, fileName: 'mix.wav', fileSize: 4096 });
    const missing = await fetchReplica(replica, 'https://api.soundcloud.com/tracks', { method: 'POST', headers, body: Buffer.from(part('track[title]', 'x') + `--${boundary}--\r\n`) });
    expect(missing.status).toBe(422);
  });

  it('checks a session token on api-auth.soundcloud.com', async () => {
    const { access_token } = (await postJson(replica, `${replica.controlUrl}/soundcloud/session`, { user: F.users.label.permalink })).json();
    expect((await postJson(replica, 'https://api-auth.soundcloud.com/connect/session', { session: { access_token } })).status).toBe(200);
    expect((await postJson(replica, 'https://api-auth.soundcloud.com/connect/session', { session: { access_token: 'nope' } })).status).toBe(401);
    expect((await me(access_token)).json().username).toBe(F.users.label.username);
  });
});
