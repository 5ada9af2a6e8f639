/**
 * The token request runs under the refresh lock: a silent secure.soundcloud.com ends as network.timeout.
 * So does a silent api.soundcloud.com (the profile read after sign-in, "My SoundCloud").
 */
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { shortDeadlines, silentFetch as silent } from '../../core/timed-fetch.test-support';

const storage = new Map<string, unknown>([['credentials.soundcloud', { clientId: 'app-id', clientSecret: 'app-secret' }]]);
vi.mock('wxt/browser', () => ({
  browser: { storage: { local: { get: async (key: string) => (storage.has(key) ? { [key]: storage.get(key) } : {}) } } },
}));
const { finishConnect } = await import('./auth');

shortDeadlines();

describe('SoundCloud token request', () => {
  it('gives up on a silent token endpoint with network.timeout', async () => {
    vi.stubGlobal('fetch', silent);
    await expect(finishConnect(new URLSearchParams({ code: 'abc' }), 'verifier', 'https://ext.test/cb')).rejects.toMatchObject({ code: 'network.timeout' });
  }, 2_000);

  it('still reads a refusal as auth.rejected', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ error: 'invalid_client' }), { status: 401 }));
    await expect(finishConnect(new URLSearchParams({ code: 'abc' }), 'verifier', 'https://ext.test/cb')).rejects.toMatchObject({ code: 'auth.rejected' });
  });

  it('gives up on a silent api.soundcloud.com after the token came back', async () => {
    const token = JSON.stringify({ access_token: 'at-1', refresh_token: 'rt-1', expires_in: 3600, token_type: 'bearer' });
    vi.stubGlobal('fetch', (url: string, init?: RequestInit) =>
      String(url).endsWith('/oauth/token') ? Promise.resolve(new Response(token, { status: 200, headers: { 'content-type': 'application/json' } })) : silent(url, init));
    await expect(finishConnect(new URLSearchParams({ code: 'abc' }), 'verifier', 'https://ext.test/cb')).rejects.toMatchObject({ code: 'network.timeout', message: expect.stringContaining('api.soundcloud.com') });
  }, 2_000);
});
