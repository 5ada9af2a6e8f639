/** A silent www.mixcloud.com / api.mixcloud.com ends "Connect" with network.timeout, not a spinner forever. */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const storage = new Map<string, unknown>([['credentials.mixcloud', { clientId: 'app-id', clientSecret: 'app-secret' }]]);
vi.mock('wxt/browser', () => ({
  browser: { storage: { local: { get: async (key: string) => (storage.has(key) ? { [key]: storage.get(key) } : {}) } } },
}));
const { exchangeCode, fetchProfile } = await import('./auth');
const { saveToken, tokenKey } = await import('../../core/oauth');

const silent: typeof fetch = (_url, init) =>
  new Promise((_resolve, reject) => {
    const signal = init?.signal;
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });

const realTimeout = AbortSignal.timeout.bind(AbortSignal);
beforeEach(() => {
  vi.spyOn(AbortSignal, 'timeout').mockImplementation(() => realTimeout(50));
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

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
