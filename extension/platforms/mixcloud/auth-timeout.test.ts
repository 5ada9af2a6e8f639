/** A silent www.mixcloud.com / api.mixcloud.com ends "Connect" with network.timeout, not a spinner forever. */
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { shortDeadlines, silentFetch as silent } from '../../core/timed-fetch.test-support';

const storage = new Map<string, unknown>([['credentials.mixcloud', { clientId: 'app-id', clientSecret: 'app-secret' }]]);
vi.mock('wxt/browser', () => ({
  browser: { storage: { local: { get: async (key: string) => (storage.has(key) ? { [key]: storage.get(key) } : {}) } } },
}));
const { exchangeCode, fetchProfile } = await import('./auth');
const { saveToken, tokenKey } = await import('../../core/oauth');

shortDeadlines();

describe('Mixcloud sign-in deadlines', () => {
  it('gives up on a silent code exchange', async () => {
    vi.stubGlobal('fetch', silent);
    await expect(exchangeCode('code', 'https://ext.test/cb')).rejects.toMatchObject({ code: 'network.timeout' });
  }, 2_000);

  it('gives up on a silent profile request', async () => {
    await saveToken({ key: tokenKey('mixcloud'), platform: 'mixcloud', accessToken: 'mc-token', storedAt: Date.now() });
    vi.stubGlobal('fetch', silent);
    await expect(fetchProfile()).rejects.toMatchObject({ code: 'network.timeout' });
  }, 2_000);

  it('still reads a profile that comes', async () => {
    await saveToken({ key: tokenKey('mixcloud'), platform: 'mixcloud', accessToken: 'mc-token', storedAt: Date.now() });
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ username: 'dj', name: 'DJ', is_pro: true }), { status: 200 }));
    await expect(fetchProfile()).resolves.toMatchObject({ name: 'DJ', username: 'dj', pro: true });
  });
});
