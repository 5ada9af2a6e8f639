/**
 * One download in the host: fetch (parallel, resumable) into a part file, remux without re-encoding,
 * tag, write the final file beside its destination and rename it into place. Nothing partial ever
 * appears at the final path.
 */
import { open, rm, mkdir, rename, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { DeckhandError } from '../../../shared/errors';
import type { DownloadSpec, JobProgress, JobResult } from '../../../shared/download';
import { fetchSegmentsInOrder } from '../../../shared/hls/segments';
import type { MediaPlaylist } from '../../../shared/hls/playlist';
import { sniffContainer } from '../../../shared/hls/playlist';
import { createRemuxer, buildTags } from '../../../shared/media/index';
import type { InputContainer } from '../../../shared/media/types';
import { convertKey } from '../../../shared/keys';
import type { HttpClient } from './net';
import { fetchArtwork, loadMediaPlaylist, SegmentSource } from './fetch-media';
import { libraryRoot, partsDir, planPath } from './library';
import { loadJournal, saveJournal, storedBytes, streamKey, type Journal } from './journal';
import { ProgressMeter } from './progress';

export interface JobDeps {
  http: HttpClient;
  defaultRoot: string;
  /** Ask the extension for a fresh stream URL (signed URLs expire). */
  refreshUrl: () => Promise<string>;
  progress: (p: JobProgress) => void;
  signal: AbortSignal;
}

const COPY_CHUNK = 1024 * 1024;

async function writeAll(handle: FileHandle, data: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < data.length) {
    const { bytesWritten } = await handle.write(data, done, data.length - done, position + done);
    done += bytesWritten;
  }
}

export async function runHostDownload(spec: DownloadSpec, deps: JobDeps): Promise<JobResult> {
  const root = await libraryRoot(spec, deps.defaultRoot);
  const ext = spec.output.format;
  const keyNotation = spec.output.keyNotation ?? 'standard';
  const planned = await planPath(spec, root, ext, (k) => convertKey(k, keyNotation) ?? k);
  if (planned.skip) return { jobId: spec.jobId, path: planned.target, bytes: (await stat(planned.target)).size, skipped: true };

  const work = partsDir(root, spec.jobId);
  await mkdir(work, { recursive: true });
  const partFile = path.join(work, 'data.part');
  const initFile = path.join(work, 'init.bin');
  const source = new SegmentSource(deps.http);

  // 1. Fetch into the part file, resuming from the journal when it describes this stream.
  let playlist: MediaPlaylist;
  if (spec.source.protocol === 'hls') {
    playlist = (await loadMediaPlaylist(deps.http, spec.source.url, deps.signal)).playlist;
  } else {
    playlist = {
      kind: 'media',
      segments: [{ index: 0, sequence: 0, url: spec.source.url, durationSec: (spec.metadata.durationMs ?? 0) / 1000 }],
      endList: true,
      targetDuration: 0,
      durationSec: (spec.metadata.durationMs ?? 0) / 1000,
      container: spec.source.container === 'm4a' ? 'm4a' : (spec.source.container as InputContainer | undefined),
    };
  }
  const key = streamKey(spec.source.url);
  let journal = await loadJournal(work);
  if (!journal || journal.streamKey !== key || journal.segmentsTotal !== playlist.segments.length) {
    journal = { version: 1, jobId: spec.jobId, streamKey: key, segmentsTotal: playlist.segments.length, sizes: [], hasInit: false };
    if (spec.source.container) journal.container = spec.source.container as InputContainer;
    else if (playlist.container) journal.container = playlist.container;
    await rm(partFile, { force: true });
  }
  const j: Journal = journal;
  const meter = new ProgressMeter(spec.jobId, playlist.segments.length, deps.progress);
  meter.add(storedBytes(j), j.sizes.length);

  if (playlist.init && !j.hasInit) {
    const init = await source.init(playlist.init.url, playlist.init.byteRange, deps.signal);
    const h = await open(initFile, 'w');
    await writeAll(h, init, 0);
    await h.close();
    j.hasInit = true;
    await saveJournal(work, j);
  }

  const part = await open(partFile, j.sizes.length ? 'r+' : 'w');
  let position = storedBytes(j);
  await part.truncate(position); // drop anything written after the last journaled segment
  try {
    await fetchSegmentsInOrder({
      playlist,
      startIndex: j.sizes.length,
      concurrency: spec.options?.concurrency ?? 6,
      signal: deps.signal,
      fetchSegment: (seg, signal) => source.fetch(seg, signal),
      refresh: async () => (await loadMediaPlaylist(deps.http, await deps.refreshUrl(), deps.signal)).playlist,
      onSegment: async (seg, bytes) => {
        if (seg.index === 0 && !j.container) {
          const sniffed = sniffContainer(bytes);
          if (sniffed === 'html' || sniffed === undefined) throw new DeckhandError('media.bad-content-type');
          j.container = sniffed;
        }
        await writeAll(part, bytes, position);
        position += bytes.length;
        j.sizes.push(bytes.length);
        await saveJournal(work, j);
        meter.add(bytes.length);
      },
    });
  } finally {
    await part.close();
  }

  // 2. Remux the part file into header + payload, with tags.
  deps.progress(meter.snapshot('finishing'));
  if (!j.container) throw new DeckhandError('media.unsupported', 'Unknown stream container.');
  const init = j.hasInit ? new Uint8Array(await readWhole(initFile)) : undefined;
  const remuxer = createRemuxer({ input: j.container, ...(init ? { init } : {}) });
  const payloadFile = path.join(work, 'payload.bin');
  const payload = await open(payloadFile, 'w');
  const reader = await open(partFile, 'r');
  let payloadPos = 0;
  try {
    let readPos = 0;
    for (const size of j.sizes) {
      const buf = new Uint8Array(size);
      await reader.read(buf, 0, size, readPos);
      readPos += size;
      await remuxer.push(buf, async (chunk) => {
        await writeAll(payload, chunk, payloadPos);
        payloadPos += chunk.length;
      });
    }
  } finally {
    await reader.close();
    await payload.close();
  }
  deps.progress(meter.snapshot('tagging'));
  const artwork = await fetchArtwork(deps.http, spec.artworkUrls ?? (spec.metadata.artworkUrl ? [spec.metadata.artworkUrl] : []), deps.signal);
  const result = remuxer.finish(buildTags(spec.metadata, { ...(artwork ? { artwork } : {}), keyNotation }));

  // 3. Final file = header ++ payload, written beside the target and renamed into place.
  const tmp = path.join(path.dirname(planned.target), `.${path.basename(planned.target)}.deckhand-tmp`);
  const out = await open(tmp, 'w');
  try {
    await writeAll(out, result.header, 0);
    const src = await open(payloadFile, 'r');
    const buf = new Uint8Array(COPY_CHUNK);
    let offset = 0;
    for (;;) {
      const { bytesRead } = await src.read(buf, 0, COPY_CHUNK, offset);
      if (bytesRead === 0) break;
      await writeAll(out, buf.subarray(0, bytesRead), result.header.length + offset);
      offset += bytesRead;
    }
    await src.close();
    if (offset !== result.payloadBytes) throw new DeckhandError('media.size-mismatch', `Payload ${offset} != ${result.payloadBytes}`);
    await out.sync();
  } catch (err) {
    await out.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
  await out.close();
  await rename(tmp, planned.target);
  await rm(work, { recursive: true, force: true });
  return {
    jobId: spec.jobId,
    path: planned.target,
    bytes: result.header.length + result.payloadBytes,
    durationMs: Math.round(result.durationSec * 1000),
  };
}

async function readWhole(file: string): Promise<Buffer> {
  const h = await open(file, 'r');
  try {
    return await h.readFile();
  } finally {
    await h.close();
  }
}
