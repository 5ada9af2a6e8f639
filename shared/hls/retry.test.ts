import { describe, expect, it } from 'vitest';
import { DeckhandError } from '../errors';
import { isExpired, isRetryable, sleep, withRetries } from './retry';

describe('withRetries', () => {
  it('retries network failures, 5xx and short bodies, then succeeds', async () => {
    const failures = ['network.reset', 'media.size-mismatch', 'network.timeout'] as const;
    let calls = 0;
    const value = await withRetries(
      async () => {
        const code = failures[calls++];
        if (code) throw new DeckhandError(code);
        return 'ok';
      },
      { backoffMs: 1 },
    );
    expect(value).toBe('ok');
    expect(calls).toBe(4);
  });

  it('throws at once what patience cannot fix (404, 403), and the last error after the retries', async () => {
    let calls = 0;
    const fail = (code: 'not-found' | 'network.http', status: number) => () => {
      calls++;
      return Promise.reject(new DeckhandError(code, 'no', { status }));
    };
    await expect(withRetries(fail('not-found', 404), { backoffMs: 1 })).rejects.toMatchObject({ code: 'not-found' });
    expect(calls).toBe(1);
    await expect(withRetries(fail('network.http', 403), { backoffMs: 1 })).rejects.toMatchObject({ status: 403 });
    expect(calls).toBe(2);
    await expect(withRetries(fail('network.http', 503), { backoffMs: 1, retries: 2 })).rejects.toMatchObject({ status: 503 });
    expect(calls).toBe(5);
  });

  it('classifies errors', () => {
    expect(isRetryable(new DeckhandError('network.http', 'x', { status: 408 }))).toBe(true);
    expect(isRetryable(new DeckhandError('network.http', 'x', { status: 429 }))).toBe(false);
    expect(isRetryable(new DeckhandError('media.corrupt'))).toBe(false);
    expect(isExpired(new DeckhandError('network.http', 'x', { status: 403 }))).toBe(true);
    expect(isExpired(new DeckhandError('stream.expired'))).toBe(true);
  });
});

describe('sleep', () => {
  it('stops with job.cancelled when aborted, and leaves no listener behind when it ends', async () => {
    const ac = new AbortController();
    const pending = sleep(10_000, ac.signal);
    ac.abort();
    await expect(pending).rejects.toMatchObject({ code: 'job.cancelled' });
    const quiet = new AbortController();
    let added = 0;
    let removed = 0;
    const add = quiet.signal.addEventListener.bind(quiet.signal);
    const remove = quiet.signal.removeEventListener.bind(quiet.signal);
    quiet.signal.addEventListener = ((...args: Parameters<typeof add>) => (added++, add(...args))) as typeof add;
    quiet.signal.removeEventListener = ((...args: Parameters<typeof remove>) => (removed++, remove(...args))) as typeof remove;
    await sleep(1, quiet.signal);
    expect([added, removed]).toEqual([1, 1]);
    await expect(sleep(1, ac.signal)).rejects.toMatchObject({ code: 'job.cancelled' });
  });
});
