/**
 * Retrying a network step: which errors are worth another attempt (network failures, 5xx, 408,
 * short bodies) and an abortable, jittered exponential backoff. Shared by the ordered segment
 * fetcher and by the single requests around it (playlists, init segments, keys, progressive files).
 */
import { DeckhandError } from '../errors';

export interface RetryOptions {
  /** Attempts after the first one. */
  retries?: number;
  /** Backoff base in ms (tests use small values). */
  backoffMs?: number;
  signal?: AbortSignal;
}

export const DEFAULT_RETRIES = 6;
export const DEFAULT_BACKOFF_MS = 300;

export function isRetryable(e: DeckhandError): boolean {
  if (e.code === 'network.offline' || e.code === 'network.timeout' || e.code === 'network.reset' || e.code === 'media.size-mismatch') return true;
  return e.code === 'network.http' && (e.status === undefined || e.status >= 500 || e.status === 408);
}

/** A signed URL that stopped being accepted: ask for a fresh one rather than retrying it. */
export function isExpired(e: DeckhandError): boolean {
  return e.status === 403 || e.code === 'stream.expired';
}

/** Resolves after `ms`, or rejects with job.cancelled as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DeckhandError('job.cancelled'));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new DeckhandError('job.cancelled'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Delay before attempt `attempt + 1`: base × 2^attempt, capped at 10 s, with jitter. */
export function backoffDelay(attempt: number, base = DEFAULT_BACKOFF_MS): number {
  return Math.min(10_000, base * 2 ** attempt) * (0.5 + Math.random() / 2);
}

/**
 * Runs `step` until it succeeds, retrying retryable errors with backoff. Anything else (including
 * an expired signature, which needs a fresh URL rather than patience) is thrown at once.
 */
export async function withRetries<T>(step: (attempt: number) => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const retries = opts.retries ?? DEFAULT_RETRIES;
  for (let attempt = 0; ; attempt++) {
    try {
      return await step(attempt);
    } catch (err) {
      const e = DeckhandError.from(err);
      if (opts.signal?.aborted) throw new DeckhandError('job.cancelled');
      if (!isRetryable(e) || attempt >= retries) throw e;
      await sleep(backoffDelay(attempt, opts.backoffMs), opts.signal);
    }
  }
}
