/**
 * For tests of request deadlines (core/timed-fetch.ts): a server that accepts and never answers, and
 * deadlines shortened to 50 ms so a test waits for one without waiting 20 s.
 */
import { afterEach, beforeEach, vi } from 'vitest';

/** A fetch that never answers; it ends only when its signal aborts (the deadline), with the signal's reason. */
export const silentFetch: typeof fetch = (_url, init) =>
  new Promise((_resolve, reject) => {
    const signal = init?.signal;
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });

/** Every `AbortSignal.timeout` in the tests of this file fires after `ms`; mocks and stubbed globals are undone after each. */
export function shortDeadlines(ms = 50): void {
  const realTimeout = AbortSignal.timeout.bind(AbortSignal);
  beforeEach(() => {
    vi.spyOn(AbortSignal, 'timeout').mockImplementation(() => realTimeout(ms));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });
}
