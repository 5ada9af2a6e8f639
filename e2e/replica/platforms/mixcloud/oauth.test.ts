import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../../server';
import { MIXCLOUD_FIXTURES as F } from './fixtures';
import { replicaFetch } from './testing';

let replica: Replica;
const CONTROL = 'https://replica.deckhand.test/__replica/mixcloud';
const APP = { client_id: 'test-app-1', client_secret: 'test-secret-1' };
const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/mixcloud';

const post = (url: string, body: string, type = 'application/x-www-form-urlencoded') =>
  replicaFetch(replica, url, { method: 'POST', headers: { 'content-type': type }, body });

/** Walk the consent page and its Allow button; returns the code from the redirect. */
async function authorize(redirectUri = REDIRECT, clientId = APP.client_id): Promise<string> {
  const consent = await replicaFetch(replica, `https://www.mixcloud.com/oauth/authorize?client_id=${clientId}&redirect_uri=${encodeURIComponent(redirectUri)}`);
  expect(consent.status).toBe(200);
  expect(consent.text()).toContain('data-testid="oauth-allow-button"');
  const allow = await post('https://www.mixcloud.com/oauth/authorize', new URLSearchParams({ client_id: clientId, redirect_uri: redirectUri, decision: 'allow' }).toString());
  expect(allow.status).toBe(302);
  const location = new URL(String(allow.headers.location));
  expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
  expect([...location.searchParams.keys()]).toEqual(['code']);
  return location.searchParams.get('code')!;
}

function exchangeUrl(code: string, overrides: Record<string, string> = {}): string {
  const params = new URLSearchParams({ client_id: APP.client_id, redirect_uri: REDIRECT, client_secret: APP.client_secret, code, ...overrides });
  return `https://www.mixcloud.com/oauth/access_token?${params}`;
}

beforeAll(async () => {
  replica = await startReplica({ port: 0, lazyMedia: true });
});
afterAll(async () => replica.stop());
beforeEach(async () => {
  await replicaFetch(replica, `${replica.controlUrl}/reset`, { method: 'POST' });
  await post(`${CONTROL}/apps`, JSON.stringify(APP), 'application/json');
});

describe('authorize', () => {
  it('refuses an unknown client_id and a missing redirect_uri', async () => {
    const unknown = await replicaFetch(replica, `https://www.mixcloud.com/oauth/authorize?client_id=nope&redirect_uri=${encodeURIComponent(REDIRECT)}`);
    expect(unknown.status).toBe(400);
    const missing = await replicaFetch(replica, `https://www.mixcloud.com/oauth/authorize?client_id=${APP.client_id}`);
    expect(missing.status).toBe(400);
  });

  it('redirects with error=access_denied when the user cancels', async () => {
    const deny = await post('https://www.mixcloud.com/oauth/authorize', new URLSearchParams({ client_id: APP.client_id, redirect_uri: REDIRECT, decision: 'deny' }).toString());
    expect(deny.status).toBe(302);
    expect(deny.headers.location).toBe(`${REDIRECT}?error=access_denied`);
  });

  it('keeps query parameters already on the redirect URI (where clients put their state)', async () => {
    const allow = await post('https://www.mixcloud.com/oauth/authorize', new URLSearchParams({ client_id: APP.client_id, redirect_uri: `${REDIRECT}?state=xyz`, decision: 'allow' }).toString());
    const location = new URL(String(allow.headers.location));
    expect(location.searchParams.get('state')).toBe('xyz');
    expect(location.searchParams.get('code')).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('access_token', () => {
  it('exchanges a code by GET for JSON {"access_token"} that works on /me/', async () => {
    const code = await authorize();
    const r = await replicaFetch(replica, exchangeUrl(code));
    expect(r.status).toBe(200);
    const body = r.json<{ access_token: string }>();
    expect(Object.keys(body)).toEqual(['access_token']); // no refresh_token, no expires_in
    const me = await replicaFetch(replica, `https://api.mixcloud.com/me/?access_token=${body.access_token}`);
    expect(me.json()).toMatchObject({ username: F.users.viewer.username });
  });

  it('exchanges by POST and can answer form-encoded when switched', async () => {
    await post(`${CONTROL}/token-format`, JSON.stringify({ format: 'form' }), 'application/json');
    const code = await authorize();
    const params = new URLSearchParams({ client_id: APP.client_id, redirect_uri: REDIRECT, client_secret: APP.client_secret, code });
    const r = await post('https://www.mixcloud.com/oauth/access_token', params.toString());
    expect(r.status).toBe(200);
    expect(r.text()).toMatch(/^access_token=[\w-]+$/);
    const token = new URLSearchParams(r.text()).get('access_token')!;
    expect((await replicaFetch(replica, `https://api.mixcloud.com/me/?access_token=${token}`)).status).toBe(200);
  });

  it('refuses a wrong secret, a reused or unknown code, and a different redirect_uri', async () => {
    const code = await authorize();
    const wrongSecret = await replicaFetch(replica, exchangeUrl(code, { client_secret: 'guess' }));
    expect(wrongSecret.status).toBe(400);
    expect(wrongSecret.json()).toMatchObject({ error: { type: 'OAuthException' } });
    const wrongRedirect = await replicaFetch(replica, exchangeUrl(code, { redirect_uri: 'https://evil.example/cb' }));
    expect(wrongRedirect.status).toBe(400);
    expect((await replicaFetch(replica, exchangeUrl(code))).status).toBe(200);
    expect((await replicaFetch(replica, exchangeUrl(code))).status).toBe(400); // single use
    expect((await replicaFetch(replica, exchangeUrl('0'.repeat(32)))).status).toBe(400);
  });

  it('a code is bound to the client that asked for it', async () => {
    await post(`${CONTROL}/apps`, JSON.stringify({ client_id: 'other', client_secret: 'other-secret' }), 'application/json');
    const code = await authorize();
    const r = await replicaFetch(replica, exchangeUrl(code, { client_id: 'other', client_secret: 'other-secret' }));
    expect(r.status).toBe(400);
  });

  it('revoked tokens get the OAuthException the docs describe', async () => {
    const code = await authorize();
    const { access_token } = (await replicaFetch(replica, exchangeUrl(code))).json<{ access_token: string }>();
    const revoke = await post(`${CONTROL}/revoke`, JSON.stringify({ access_token }), 'application/json');
    expect(revoke.json()).toEqual({ revoked: true });
    const me = await replicaFetch(replica, `https://api.mixcloud.com/me/?access_token=${access_token}`);
    expect(me.status).toBe(401);
    expect(me.json()).toEqual({ error: { type: 'OAuthException', message: 'An invalid access token was provided.' } });
  });
});

describe('upload', () => {
  const BOUNDARY = '----deckhandtest';
  function multipart(fields: Record<string, string>, files: Record<string, { filename: string; data: Buffer }> = {}): Buffer {
    const chunks: Buffer[] = [];
    for (const [name, value] of Object.entries(fields)) {
      chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    }
    for (const [name, file] of Object.entries(files)) {
      chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${file.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`), file.data, Buffer.from('\r\n'));
    }
    chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
    return Buffer.concat(chunks);
  }
  const upload = (query: string, body: Buffer) =>
    replicaFetch(replica, `https://api.mixcloud.com/upload/${query}`, { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, body });
  const mp3 = { filename: 'mix.mp3', data: Buffer.alloc(2048, 0xff) };
  async function token(): Promise<string> {
    return (await post(`${CONTROL}/tokens`, '{}', 'application/json')).json<{ access_token: string }>().access_token;
  }

  it('accepts a valid upload with tags and a tracklist', async () => {
    const t = await token();
    const r = await upload(`?access_token=${t}`, multipart({
      name: 'My Upload Test', description: 'Test mix', 'tags-0-tag': 'house', 'tags-1-tag': 'disco',
      'sections-0-artist': 'A', 'sections-0-song': 'B', 'sections-0-start_time': '0', 'sections-1-chapter': 'Outro', 'sections-1-start_time': '60',
    }, { mp3 }));
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ result: { success: true, message: expect.any(String), key: '/deckhandtester/my-upload-test/' } });
    const stored = (await replicaFetch(replica, `${CONTROL}/uploads`)).json<{ key: string; tags: string[]; sections: unknown[]; mp3: { bytes: number } }[]>();
    expect(stored[0]).toMatchObject({ tags: ['house', 'disco'], sections: [{ artist: 'A', song: 'B', start_time: 0 }, { chapter: 'Outro', start_time: 60 }], mp3: { bytes: 2048 } });
  });

  it('answers 200 with an empty body when the token is in the form body', async () => {
    const t = await token();
    const r = await upload('', multipart({ name: 'x', access_token: t }, { mp3 }));
    expect(r.status).toBe(200);
    expect(r.body.length).toBe(0);
    expect((await replicaFetch(replica, `${CONTROL}/uploads`)).json()).toEqual([]);
  });

  it('validates after the body: missing mp3/name, six tags, half a track section, Pro-only fields', async () => {
    const t = await token();
    const r = await upload(`?access_token=${t}`, multipart({
      'tags-0-tag': 'a', 'tags-5-tag': 'f', 'sections-0-artist': 'only artist', publish_date: '2030-01-01T00:00:00Z',
    }));
    expect(r.status).toBe(400);
    const details = r.json<{ details: Record<string, string[]> }>().details;
    expect(Object.keys(details).sort()).toEqual(['mp3', 'name', 'publish_date', 'sections-0', 'tags-5-tag']);
    expect((await upload('?access_token=bogus', multipart({ name: 'x' }, { mp3 }))).status).toBe(401);
  });
});
