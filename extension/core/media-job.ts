/**
 * The in-browser download pipeline (Chrome offscreen document, Firefox background page): the same
 * shared steps as the native host — playlist, ordered parallel segments, remux, tags — held in
 * memory, for short items only. Produces a Blob and the relative file name for downloads.download.
 */
import { DeckhandError } from '../../shared/errors';
import type { DownloadSpec, JobProgress } from '../../shared/download';
import { firstArtwork, loadMediaPlaylist, type GetBytes } from '../../shared/fetching';
import { fetchSegmentsInOrder } from '../../shared/hls/segments';
import { segmentIv, sniffContainer, type HlsSegment, type MediaPlaylist } from '../../shared/hls/playlist';
import { renderTemplate, templateFields } from '../../shared/filename';
import { convertKey } from '../../shared/keys';
import { buildTags, createRemuxer } from '../../shared/media/index';
import type { InputContainer, Remuxer } from '../../shared/media/types';

export interface MediaJobHooks {
  progress(p: JobProgress): void;
  /** A fresh stream URL when the signed one expired. */
  refresh(): Promise<string>;
  signal: AbortSignal;
}

export interface MediaJobResult {
  blob: Blob;
  filename: string;
  bytes: number;
  durationSec: number;
}

export const getBytes: GetBytes = async (url, opts) => {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'omit', ...(opts?.signal ? { signal: opts.signal } : {}) });
  } catch (err) {
    if (opts?.signal?.aborted) throw new DeckhandError('job.cancelled');
    throw new DeckhandError('network.offline', String(err));
  }
  if (!res.ok) {
    throw new DeckhandError(res.status === 404 ? 'not-found' : 'network.http', `GET ${url.split('?')[0]} answered ${res.status}`, { status: res.status });
  }
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (opts?.maxBytes && declared > opts.maxBytes) throw new DeckhandError('media.size-mismatch', 'Body too large.');
  const body = new Uint8Array(await res.arrayBuffer());
  if (Number.isFinite(declared) && body.length !== declared && !res.headers.get('content-encoding')) {
    throw new DeckhandError('media.size-mismatch', `Got ${body.length} of ${declared} bytes.`);
  }
  return body;
};

async function decrypt(bytes: Uint8Array, segment: HlsSegment, keys: Map<string, Promise<CryptoKey>>, signal: AbortSignal): Promise<Uint8Array> {
  if (!segment.key) return bytes;
  let key = keys.get(segment.key.url);
  if (!key) {
    key = getBytes(segment.key.url, { maxBytes: 64, signal }).then((raw) => crypto.subtle.importKey('raw', raw as BufferSource, 'AES-CBC', false, ['decrypt']));
    keys.set(segment.key.url, key);
  }
  return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-CBC', iv: segmentIv(segment) as BufferSource }, await key, bytes as BufferSource));
}

export async function runMediaJob(spec: DownloadSpec, hooks: MediaJobHooks): Promise<MediaJobResult> {
  const { signal } = hooks;
  let playlist: MediaPlaylist;
  let init: Uint8Array | undefined;
  if (spec.source.protocol === 'hls') {
    playlist = (await loadMediaPlaylist(getBytes, spec.source.url, signal)).playlist;
    if (playlist.init) init = await getBytes(playlist.init.url, { signal });
  } else {
    playlist = {
      kind: 'media',
      segments: [{ index: 0, sequence: 0, url: spec.source.url, durationSec: 0 }],
      endList: true,
      targetDuration: 0,
      durationSec: 0,
      container: undefined,
    };
  }
  const keys = new Map<string, Promise<CryptoKey>>();
  const chunks: Uint8Array[] = [];
  let remuxer: Remuxer | undefined;
  let bytes = 0;
  let done = 0;
  const total = playlist.segments.length;
  await fetchSegmentsInOrder({
    playlist,
    concurrency: spec.options?.concurrency ?? 6,
    signal,
    fetchSegment: async (seg, s) => decrypt(await getBytes(seg.url, { signal: s }), seg, keys, s),
    refresh: async () => (await loadMediaPlaylist(getBytes, await hooks.refresh(), signal)).playlist,
    onSegment: async (_seg, data) => {
      if (!remuxer) {
        const sniffed = sniffContainer(data);
        if (sniffed === 'html') throw new DeckhandError('media.bad-content-type');
        const input: InputContainer | undefined = init ? 'fmp4' : (spec.source.container as InputContainer | undefined) ?? playlist.container ?? sniffed;
        if (!input) throw new DeckhandError('media.unsupported');
        remuxer = createRemuxer({ input, ...(init ? { init } : {}) });
      }
      await remuxer.push(data, (chunk) => void chunks.push(chunk.slice()));
      bytes += data.length;
      done++;
      hooks.progress({ jobId: spec.jobId, phase: 'fetching', bytes, segmentsDone: done, segmentsTotal: total });
    },
  });
  const finished = remuxer as Remuxer | undefined;
  if (!finished) throw new DeckhandError('media.no-segments');
  hooks.progress({ jobId: spec.jobId, phase: 'tagging', bytes, segmentsDone: done, segmentsTotal: total });
  const keyNotation = spec.output.keyNotation ?? 'standard';
  const artwork = await firstArtwork(getBytes, spec.artworkUrls ?? (spec.metadata.artworkUrl ? [spec.metadata.artworkUrl] : []), signal);
  const result = finished.finish(buildTags(spec.metadata, { ...(artwork ? { artwork } : {}), keyNotation }));
  const type = result.container === 'mp3' ? 'audio/mpeg' : 'audio/mp4';
  const blob = new Blob([result.header as BlobPart, ...(chunks as BlobPart[])], { type });
  const filename = renderTemplate(spec.output.template, templateFields(spec.metadata, (k) => convertKey(k, keyNotation) ?? k), result.container).join('/');
  return { blob, filename, bytes: blob.size, durationSec: result.durationSec };
}
