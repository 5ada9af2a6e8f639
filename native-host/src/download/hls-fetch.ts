/**
 * HLS into the part file: the playlist's segments fetched in parallel, appended in order and
 * remuxed into the payload as they arrive, so that when the last segment lands only the header is
 * left to write. A resumed job first replays the segments it already has from the part file.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DeckhandError } from '../../../shared/errors';
import { sniffContainer, type MediaPlaylist } from '../../../shared/hls/playlist';
import { isExpired } from '../../../shared/hls/retry';
import { fetchSegmentsInOrder } from '../../../shared/hls/segments';
import type { InputContainer } from '../../../shared/media/types';
import { SegmentSource } from './fetch-media';
import type { FetchContext } from './job-context';
import { storedBytes } from './journal';
import { PartStore } from './part-store';
import { consecutive } from './progressive-remux';

/** What the first segment holds: fMP4 with an init segment, else what its bytes say, else what we were told. */
function containerOf(playlist: MediaPlaylist, declared: InputContainer | undefined, first: Uint8Array): InputContainer {
  if (playlist.init) return 'fmp4';
  const sniffed = sniffContainer(first);
  if (sniffed === 'html') throw new DeckhandError('media.bad-content-type', 'The first segment is a web page, not audio.');
  // A segment that starts with ftyp is fMP4 with its init in front, not a whole M4A file.
  const container = sniffed === 'm4a' ? 'fmp4' : (sniffed ?? declared ?? playlist.container);
  if (!container) throw new DeckhandError('media.unsupported', 'The segments are in an unknown format.');
  return container;
}

export async function fetchHls(ctx: FetchContext, concurrency: number): Promise<void> {
  const { journal: j, session, payload } = ctx;
  let playlist = await session.playlist();
  if (j.segmentsTotal !== playlist.segments.length) {
    // A different rendition than the one journaled: start over.
    Object.assign(j, { segmentsTotal: playlist.segments.length, sizes: [], hasInit: false, container: undefined });
  }
  ctx.meter.setTotal(playlist.segments.length);
  const source = new SegmentSource(ctx.http);

  /** The playlist again from a fresh URL, when its signature expired. */
  const refreshPlaylist = async (): Promise<MediaPlaylist> => {
    await session.refresh();
    const next = await session.playlist();
    if (next.segments.length !== playlist.segments.length) {
      throw new DeckhandError('media.bad-playlist', `The refreshed playlist has ${next.segments.length} segments, expected ${playlist.segments.length}.`);
    }
    playlist = next;
    return next;
  };

  const initFile = path.join(ctx.work, 'init.bin');
  let init: Uint8Array | undefined;
  if (playlist.init) {
    init = j.hasInit ? await readFile(initFile).catch(() => undefined) : undefined;
    while (!init) {
      const { url, byteRange } = playlist.init ?? {};
      if (!url) throw new DeckhandError('media.missing-init', 'The refreshed playlist has no initialisation segment.');
      try {
        init = await source.init(url, byteRange, ctx.signal);
        session.progressed();
      } catch (err) {
        if (!isExpired(DeckhandError.from(err))) throw err;
        await refreshPlaylist();
      }
    }
    if (!j.hasInit) await writeFile(initFile, init);
    j.hasInit = true;
  }

  const part = await PartStore.open(ctx.work, j);
  try {
    if (j.sizes.length > 0) {
      if (!j.container) throw new DeckhandError('internal', 'The journal lists segments but no container.');
      await payload.start(j.container, { ...(init ? { init } : {}), durationSec: playlist.durationSec });
      await payload.replay(part.handle, consecutive(j.sizes, 0));
    }
    ctx.meter.add(storedBytes(j), j.sizes.length);
    await fetchSegmentsInOrder({
      playlist,
      startIndex: j.sizes.length,
      concurrency,
      signal: ctx.signal,
      fetchSegment: async (segment, signal) => {
        const bytes = await source.fetch(segment, signal);
        session.progressed();
        return bytes;
      },
      refresh: refreshPlaylist,
      onSegment: async (_segment, bytes) => {
        if (!payload.started) {
          j.container = containerOf(playlist, ctx.spec.source.container as InputContainer | undefined, bytes);
          await payload.start(j.container, { ...(init ? { init } : {}), durationSec: playlist.durationSec });
        }
        await part.append(bytes, (journal) => journal.sizes.push(bytes.length));
        await payload.push(bytes);
        ctx.meter.add(bytes.length);
      },
    });
    await part.checkpoint();
  } catch (err) {
    // Stopped (cancel, browser gone, network down): keep what arrived since the last checkpoint.
    await part.checkpoint().catch(() => undefined);
    throw err;
  } finally {
    await part.close();
  }
}
