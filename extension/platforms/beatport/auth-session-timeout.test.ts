/** A beatport.com session request that never answers ends as network.timeout (it runs under the renewal lock). */
import { describe, expect, it } from 'vitest';
import { silentFetch as silent } from '../../core/timed-fetch.test-support';
import { fetchSessionToken } from './auth-session';

describe('fetchSessionToken', () => {
  it('gives up on a silent beatport.com with network.timeout instead of waiting forever', async () => {
    await expect(fetchSessionToken(silent, 50)).rejects.toMatchObject({ code: 'network.timeout' });
  }, 2_000);

  it('still reads an answer that comes', async () => {
    const answer: typeof fetch = async () => new Response(JSON.stringify({ token: { accessToken: 'a'.repeat(40), expiresIn: 600 } }), { status: 200 });
    await expect(fetchSessionToken(answer, 50)).resolves.toMatchObject({ accessToken: 'a'.repeat(40) });
  });
});
