/** The page's anonymous token is kept at most an hour, whatever expiry the content script claims. */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const storage = new Map<string, unknown>();
vi.mock('wxt/browser', () => ({
  browser: {
    storage: {
      local: {
        get: async (key: string) => (storage.has(key) ? { [key]: structuredClone(storage.get(key)) } : {}),
        set: async (items: Record<string, unknown>) => void Object.entries(items).forEach(([k, v]) => storage.set(k, structuredClone(v))),
        remove: async (key: string) => void storage.delete(key),
      },
    },
  },
}));
const { anonToken, rememberAnonToken } = await import('./auth');

const NOW = 1_700_000_000_000;
const HOUR = 3_600_000;
const token = (c: string) => c.repeat(40);

beforeEach(() => storage.clear());

describe('rememberAnonToken', () => {
  it('caps a claimed expiry far in the future at one hour', async () => {
    await rememberAnonToken(token('a'), NOW + 365 * 24 * HOUR, NOW);
    expect(await anonToken(NOW)).toEqual({ token: token('a'), expiresAt: NOW + HOUR });
    expect(await anonToken(NOW + HOUR)).toBeUndefined();
  });

  it('lets a fresher page token replace one that claimed forever', async () => {
    await rememberAnonToken(token('a'), Number.MAX_SAFE_INTEGER, NOW);
    await rememberAnonToken(token('b'), NOW + 30 * 60_000 + HOUR, NOW + 30 * 60_000);
    expect((await anonToken(NOW + 30 * 60_000))?.token).toBe(token('b'));
  });

  it('keeps a shorter honest expiry as it is', async () => {
    await rememberAnonToken(token('a'), NOW + 20 * 60_000, NOW);
    expect((await anonToken(NOW))?.expiresAt).toBe(NOW + 20 * 60_000);
  });
});
