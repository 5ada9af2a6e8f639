import { describe, expect, it } from 'vitest';
import { fetchSegmentsInOrder } from './segments';
import type { MediaPlaylist } from './playlist';
import { DeckhandError } from '../errors';

function playlist(n: number, tag = 'a'): MediaPlaylist {
  return {
    kind: 'media',
    segments: Array.from({ length: n }, (_, i) => ({ index: i, sequence: i, url: `https://cdn/${tag}/${i}`, durationSec: 10 })),
    endList: true,
    targetDuration: 10,
    durationSec: n * 10,
    container: 'ts',
  };
}

const bytes = (i: number) => new Uint8Array([i]);

describe('fetchSegmentsInOrder', () => {
  it('delivers in order while fetching in parallel, never above the concurrency', async () => {
    let inFlight = 0;
    let peak = 0;
    const got: number[] = [];
    await fetchSegmentsInOrder({
      playlist: playlist(30),
      concurrency: 4,
      fetchSegment: async (s) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, (s.index * 7) % 5));
        inFlight--;
        return bytes(s.index);
      },
      onSegment: async (s, b) => {
        expect(b[0]).toBe(s.index);
        got.push(s.index);
      },
    });
    expect(got).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(peak).toBe(4);
  });

  it('retries 5xx and network errors, then succeeds', async () => {
    const failures = new Map<number, number>();
    const got: number[] = [];
    await fetchSegmentsInOrder({
      playlist: playlist(10),
      backoffMs: 1,
      fetchSegment: async (s) => {
        const n = failures.get(s.index) ?? 0;
        if (s.index % 3 === 0 && n < 2) {
          failures.set(s.index, n + 1);
          throw new DeckhandError(n === 0 ? 'network.reset' : 'network.http', 'boom', { status: 503 });
        }
        return bytes(s.index);
      },
      onSegment: async (s) => void got.push(s.index),
    });
    expect(got).toHaveLength(10);
    expect(failures.get(0)).toBe(2);
  });

  it('refreshes the playlist once on 403 and continues from the failed segment', async () => {
    let refreshes = 0;
    const fetched: string[] = [];
    await fetchSegmentsInOrder({
      playlist: playlist(8, 'old'),
      concurrency: 3,
      refresh: async () => {
        refreshes++;
        return playlist(8, 'new');
      },
      fetchSegment: async (s) => {
        if (s.url.includes('/old/') && s.index >= 4) throw new DeckhandError('network.http', 'expired', { status: 403 });
        fetched.push(s.url);
        return bytes(s.index);
      },
      onSegment: async () => undefined,
    });
    expect(refreshes).toBe(1);
    expect(fetched.filter((u) => u.includes('/old/')).length).toBeGreaterThanOrEqual(4);
    expect(fetched).toContain('https://cdn/new/7');
  });

  it('refreshes as often as the signature expires while segments keep arriving in between', async () => {
    let version = 0;
    const got: number[] = [];
    await fetchSegmentsInOrder({
      playlist: playlist(12, 'v0'),
      concurrency: 1,
      maxRefreshes: 2,
      refresh: async () => playlist(12, `v${++version}`),
      // Every URL signature is good for two segments.
      fetchSegment: async (s) => {
        if (!s.url.includes(`/v${Math.floor(s.index / 2)}/`)) throw new DeckhandError('network.http', 'expired', { status: 403 });
        return bytes(s.index);
      },
      onSegment: async (s) => void got.push(s.index),
    });
    expect(got).toHaveLength(12);
    expect(version).toBe(5);
  });

  it('gives up with a coded error: 404 at once, 5xx after the retries, no refresh function', async () => {
    const run = (status: number, refresh?: () => Promise<MediaPlaylist>) =>
      fetchSegmentsInOrder({
        playlist: playlist(3),
        retries: 2,
        backoffMs: 1,
        ...(refresh ? { refresh } : {}),
        fetchSegment: async () => {
          throw new DeckhandError(status === 404 ? 'not-found' : 'network.http', 'no', { status });
        },
        onSegment: async () => undefined,
      });
    await expect(run(404)).rejects.toMatchObject({ code: 'not-found' });
    await expect(run(500)).rejects.toMatchObject({ code: 'network.http' });
    await expect(run(403)).rejects.toMatchObject({ code: 'stream.expired' });
  });

  it('resumes from a start index and stops on abort', async () => {
    const got: number[] = [];
    await fetchSegmentsInOrder({ playlist: playlist(5), startIndex: 3, fetchSegment: async (s) => bytes(s.index), onSegment: async (s) => void got.push(s.index) });
    expect(got).toEqual([3, 4]);
    const ac = new AbortController();
    const p = fetchSegmentsInOrder({
      playlist: playlist(50),
      signal: ac.signal,
      fetchSegment: (s, signal) =>
        new Promise((resolve, reject) => {
          const t = setTimeout(() => resolve(bytes(s.index)), 50);
          signal.addEventListener('abort', () => {
            clearTimeout(t);
            reject(new DeckhandError('job.cancelled'));
          });
        }),
      onSegment: async () => undefined,
    });
    setTimeout(() => ac.abort(), 10);
    await expect(p).rejects.toMatchObject({ code: 'job.cancelled' });
  });
});
