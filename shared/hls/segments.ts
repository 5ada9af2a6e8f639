/**
 * Fetch a playlist's segments in parallel and hand them over strictly in order, with bounded memory
 * (at most `concurrency` + `window` segments held). Network errors, 5xx and short bodies are retried
 * with backoff; a 403 (an expired signed URL) asks for a fresh playlist and carries on from the failed
 * segment. Used by the native host (Node) and the in-browser path alike: fetching is injected.
 */
import { DeckhandError } from '../errors';
import type { HlsSegment, MediaPlaylist } from './playlist';
import { backoffDelay, DEFAULT_BACKOFF_MS, DEFAULT_RETRIES, isExpired, isRetryable, sleep } from './retry';

export interface SegmentFetcher {
  (segment: HlsSegment, signal: AbortSignal): Promise<Uint8Array>;
}

export interface SegmentPlanOptions {
  playlist: MediaPlaylist;
  fetchSegment: SegmentFetcher;
  /** Receives segments in index order; awaited (backpressure). */
  onSegment: (segment: HlsSegment, bytes: Uint8Array) => Promise<void>;
  /** A fresh media playlist for the same rendition (signed URLs expired). */
  refresh?: () => Promise<MediaPlaylist>;
  concurrency?: number;
  /** Start here (resume). */
  startIndex?: number;
  retries?: number;
  /** Refreshes allowed in a row without a segment arriving in between (a long download may need many). */
  maxRefreshes?: number;
  signal?: AbortSignal;
  /** Backoff base in ms (tests use small values). */
  backoffMs?: number;
}

export async function fetchSegmentsInOrder(opts: SegmentPlanOptions): Promise<void> {
  let playlist = opts.playlist;
  const total = playlist.segments.length;
  const concurrency = Math.max(1, opts.concurrency ?? 6);
  const retries = opts.retries ?? DEFAULT_RETRIES;
  const maxRefreshes = opts.maxRefreshes ?? 5;
  const base = opts.backoffMs ?? DEFAULT_BACKOFF_MS;
  const controller = new AbortController();
  const outer = opts.signal;
  const onAbort = () => controller.abort();
  if (outer?.aborted) controller.abort();
  outer?.addEventListener('abort', onAbort);
  let refreshesWithoutProgress = 0;
  let refreshing: Promise<void> | undefined;
  let playlistVersion = 0;

  const refresh = async (seenVersion: number): Promise<void> => {
    if (seenVersion !== playlistVersion) return; // someone refreshed meanwhile
    if (!opts.refresh || refreshesWithoutProgress >= maxRefreshes) throw new DeckhandError('stream.expired');
    refreshing ??= (async () => {
      refreshesWithoutProgress++;
      const next = await opts.refresh!();
      if (next.segments.length !== total) {
        throw new DeckhandError('media.bad-playlist', `The refreshed playlist has ${next.segments.length} segments, expected ${total}.`);
      }
      playlist = next;
      playlistVersion++;
    })().finally(() => (refreshing = undefined));
    await refreshing;
  };

  const fetchOne = async (index: number): Promise<Uint8Array> => {
    for (let attempt = 0; ; attempt++) {
      if (refreshing) await refreshing;
      const version = playlistVersion;
      const segment = playlist.segments[index] as HlsSegment;
      try {
        const bytes = await opts.fetchSegment(segment, controller.signal);
        refreshesWithoutProgress = 0;
        return bytes;
      } catch (err) {
        const e = DeckhandError.from(err);
        if (controller.signal.aborted) throw new DeckhandError('job.cancelled');
        if (isExpired(e)) {
          await refresh(version);
          continue;
        }
        if (!isRetryable(e) || attempt >= retries) throw e;
        await sleep(backoffDelay(attempt, base), controller.signal);
      }
    }
  };

  const start = opts.startIndex ?? 0;
  // Up to `concurrency` requests in flight, and at most twice that many segments held (finished ones
  // waiting for a slow predecessor), so memory stays bounded while one slow segment does not stall the rest.
  const window = concurrency * 2;
  const results = new Map<number, Promise<Uint8Array>>();
  let inFlight = 0;
  let next = start;
  const launch = () => {
    while (next < total && inFlight < concurrency && results.size < window) {
      const i = next++;
      inFlight++;
      const p = fetchOne(i).finally(() => {
        inFlight--;
        launch();
      });
      p.catch(() => undefined); // handled when awaited in order
      results.set(i, p);
    }
  };
  try {
    launch();
    for (let i = start; i < total; i++) {
      const bytes = await (results.get(i) as Promise<Uint8Array>);
      results.delete(i);
      launch();
      await opts.onSegment(playlist.segments[i] as HlsSegment, bytes);
    }
  } catch (err) {
    controller.abort();
    throw DeckhandError.from(err);
  } finally {
    outer?.removeEventListener('abort', onAbort);
  }
}
