/**
 * The docs-client refresh runs under the token lock and the profile check under "Connect": a silent
 * api.beatport.com must end both with network.timeout. The deadline is shortened for the test.
 */
import { describe, expect, it, vi } from 'vitest';
import { shortDeadlines, silentFetch as silent } from '../../core/timed-fetch.test-support';
import { refreshDocsToken } from './auth-login';

vi.mock('wxt/browser', () => ({ browser: { storage: { local: {} } } }));
const { fetchBeatportProfile } = await import('./auth-user');

shortDeadlines();

describe('Beatport sign-in deadlines', () => {
  it('gives up on a silent token endpoint during a refresh', async () => {
    await expect(refreshDocsToken('refresh-token', 'client-id', silent)).rejects.toMatchObject({ code: 'network.timeout' });
  }, 2_000);

  it('gives up on a silent account endpoint while checking a new sign-in', async () => {
    await expect(fetchBeatportProfile('a'.repeat(40), silent)).rejects.toMatchObject({ code: 'network.timeout' });
  }, 2_000);

  it('still reads a token answer that comes', async () => {
    const answer: typeof fetch = async () => new Response(JSON.stringify({ access_token: 'new-access', refresh_token: 'next', expires_in: 600 }), { status: 200 });
    await expect(refreshDocsToken('refresh-token', 'client-id', answer)).resolves.toMatchObject({ accessToken: 'new-access', refreshToken: 'next' });
  });

  it('still turns a refused refresh into auth.expired', async () => {
    const refused: typeof fetch = async () => new Response(JSON.stringify({ error: 'invalid_grant' }), { status: 400 });
    await expect(refreshDocsToken('refresh-token', 'client-id', refused)).rejects.toMatchObject({ code: 'auth.expired' });
  });
});
