import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DeckhandError } from '../../shared/errors';
import { resetDbConnection, type TokenRecord } from './db';

vi.mock('wxt/browser', () => ({ browser: { storage: { local: { get: async () => ({}), set: async () => undefined, remove: async () => undefined } } } }));

const { authResponse, createPkce, freshToken, loadToken, parseTokenAnswer, saveToken, tokenRecord } = await import('./oauth');

beforeEach(async () => {
  await resetDbConnection();
  (globalThis as { indexedDB: IDBFactory }).indexedDB = new IDBFactory();
});

describe('PKCE and the redirect answer', () => {
  it('makes an S256 challenge that is the base64url SHA-256 of a 43-character verifier', async () => {
    const { verifier, challenge } = await createPkce();
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(challenge).toBe(createHash('sha256').update(verifier).digest('base64url'));
    expect((await createPkce()).verifier).not.toBe(verifier);
  });

  it('accepts a code with the state it sent, refuses another state before looking at the code', () => {
    expect(authResponse('https://x.chromiumapp.org/sc?code=abc&state=s1', 's1').get('code')).toBe('abc');
    expect(() => authResponse('https://x.chromiumapp.org/sc?code=abc&state=evil', 's1')).toThrow(expect.objectContaining({ code: 'auth.state-mismatch' }));
    expect(() => authResponse('https://x.chromiumapp.org/sc?code=abc', 's1')).toThrow(expect.objectContaining({ code: 'auth.state-mismatch' }));
  });

  it('maps a denial to cancelled and other errors (or no code) to rejected', () => {
    expect(() => authResponse('https://x/cb?error=access_denied&state=s', 's')).toThrow(expect.objectContaining({ code: 'auth.cancelled' }));
    expect(() => authResponse('https://x/cb?error=invalid_scope&state=s', 's')).toThrow(expect.objectContaining({ code: 'auth.rejected' }));
    expect(() => authResponse('https://x/cb?state=s', 's')).toThrow(expect.objectContaining({ code: 'auth.rejected' }));
    expect(authResponse('https://x/cb?code=c').get('code')).toBe('c'); // Mixcloud: no state
  });

  it('reads token answers as JSON or form-encoded, and Mixcloud-style JSON errors', () => {
    expect(parseTokenAnswer('{"access_token":"a","expires_in":3600}')).toEqual({ access_token: 'a', expires_in: '3600' });
    expect(parseTokenAnswer('access_token=a%2Bb&token_type=bearer')).toEqual({ access_token: 'a+b', token_type: 'bearer' });
    expect(parseTokenAnswer('{"error":{"type":"OAuthException","message":"Invalid code."}}').error).toBe('Invalid code.');
  });

  it('turns expires_in into an absolute expiry and refuses an answer without a token', () => {
    expect(tokenRecord('soundcloud', 'soundcloud:user', { access_token: 'a', refresh_token: 'r', expires_in: '60' }, 1000)).toMatchObject({ accessToken: 'a', refreshToken: 'r', expiresAt: 61_000 });
    expect(() => tokenRecord('mixcloud', 'mixcloud:user', { error: 'bad' })).toThrow(expect.objectContaining({ code: 'auth.rejected' }));
  });
});

describe('freshToken (single-use refresh tokens)', () => {
  const KEY = 'soundcloud:user';
  const stored = (patch: Partial<TokenRecord> = {}): TokenRecord => ({ key: KEY, platform: 'soundcloud', accessToken: 'old', refreshToken: 'r1', expiresAt: Date.now() + 3_600_000, storedAt: 0, ...patch });
  const issued = (n: number): TokenRecord => stored({ accessToken: `a${n}`, refreshToken: `r${n}` });

  it('returns a token far from expiry without refreshing', async () => {
    await saveToken(stored());
    const refresh = vi.fn();
    expect((await freshToken(KEY, refresh)).accessToken).toBe('old');
    expect(refresh).not.toHaveBeenCalled();
  });

  it('refreshes a token about to expire, and the spent refresh token is gone from the store before the request', async () => {
    await saveToken(stored({ expiresAt: Date.now() + 10_000 }));
    const refresh = vi.fn(async (rt: string) => {
      expect(rt).toBe('r1');
      expect((await loadToken(KEY))?.refreshToken).toBeUndefined();
      return issued(2);
    });
    expect((await freshToken(KEY, refresh)).accessToken).toBe('a2');
    expect(await loadToken(KEY)).toMatchObject({ accessToken: 'a2', refreshToken: 'r2' });
  });

  it('refreshes once for concurrent callers', async () => {
    await saveToken(stored({ expiresAt: Date.now() - 1 }));
    let n = 1;
    const refresh = vi.fn(async () => issued(++n));
    const tokens = await Promise.all([freshToken(KEY, refresh), freshToken(KEY, refresh), freshToken(KEY, refresh)]);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(tokens.map((t) => t.accessToken)).toEqual(['a2', 'a2', 'a2']);
  });

  it('after a refused token, refreshes unless another caller already replaced it', async () => {
    await saveToken(stored());
    const refresh = vi.fn(async () => issued(3));
    expect((await freshToken(KEY, refresh, { force: true, refusedToken: 'old' })).accessToken).toBe('a3');
    expect((await freshToken(KEY, refresh, { force: true, refusedToken: 'old' })).accessToken).toBe('a3');
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('forgets the connection when the platform refuses the refresh; never sends a refresh token twice after a failure', async () => {
    await saveToken(stored({ expiresAt: Date.now() - 1 }));
    await expect(freshToken(KEY, async () => { throw new DeckhandError('auth.expired'); })).rejects.toMatchObject({ code: 'auth.expired' });
    expect(await loadToken(KEY)).toBeUndefined();

    await saveToken(stored({ expiresAt: Date.now() - 1 }));
    await expect(freshToken(KEY, async () => { throw new DeckhandError('network.offline'); })).rejects.toMatchObject({ code: 'network.offline' });
    expect(await loadToken(KEY)).toMatchObject({ accessToken: 'old' });
    expect((await loadToken(KEY))?.refreshToken).toBeUndefined();
  });

  it('without a stored token asks to connect', async () => {
    await expect(freshToken(KEY, vi.fn())).rejects.toMatchObject({ code: 'auth.required' });
  });
});
