/**
 * Playlists, segments (with clear AES-128), init segments and artwork over the host's HTTP client,
 * each with the retries a flaky CDN needs.
 */
import { createDecipheriv } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { DeckhandError } from '../../../shared/errors';
import { segmentIv, sniffContainer, type HlsSegment, type MediaPlaylist } from '../../../shared/hls/playlist';
import { withRetries } from '../../../shared/hls/retry';
import { firstArtwork, loadMediaPlaylist as loadPlaylist, type GetBytes } from '../../../shared/fetching';
import type { Artwork } from '../../../shared/media/types';
import type { HttpClient } from './net';

const MAX_SEGMENT_BYTES = 64 * 1024 * 1024;

/** The host's HTTP client as a GetBytes for the shared steps, retrying network errors and 5xx. */
export function bytesGetter(http: HttpClient): GetBytes {
  return (url, opts) =>
    withRetries(
      async () => (await http.getOk(url, { ...(opts?.maxBytes ? { maxBytes: opts.maxBytes } : {}), ...(opts?.signal ? { signal: opts.signal } : {}) })).body,
      opts?.signal ? { signal: opts.signal } : {},
    );
}

export function loadMediaPlaylist(http: HttpClient, url: string, signal?: AbortSignal): Promise<{ playlist: MediaPlaylist; url: string }> {
  return loadPlaylist(bytesGetter(http), url, signal);
}

export function fetchArtwork(http: HttpClient, urls: readonly string[] | undefined, signal?: AbortSignal): Promise<Artwork | undefined> {
  return firstArtwork(bytesGetter(http), urls, signal);
}

export class SegmentSource {
  private keys = new Map<string, Promise<Uint8Array>>();

  constructor(private readonly http: HttpClient) {}

  private key(url: string, signal: AbortSignal): Promise<Uint8Array> {
    let k = this.keys.get(url);
    if (!k) {
      k = withRetries(() => this.http.getOk(url, { maxBytes: 64, signal }), { signal }).then((r) => {
        if (r.body.length !== 16) throw new DeckhandError('media.corrupt', `AES-128 key is ${r.body.length} bytes, expected 16.`);
        return r.body;
      });
      k.catch(() => this.keys.delete(url));
      this.keys.set(url, k);
    }
    return k;
  }

  /** One segment, decrypted; the ordered fetcher retries it. */
  async fetch(segment: HlsSegment, signal: AbortSignal): Promise<Uint8Array> {
    // Every request in flight listens on the job's signal; up to 32 may run at once.
    setMaxListeners(64, signal);
    const range = segment.byteRange ? { start: segment.byteRange.offset, end: segment.byteRange.offset + segment.byteRange.length - 1 } : undefined;
    const res = await this.http.getOk(segment.url, { maxBytes: MAX_SEGMENT_BYTES, signal, ...(range ? { range } : {}) });
    let body = res.body;
    if (segment.key) {
      const key = await this.key(segment.key.url, signal);
      const decipher = createDecipheriv('aes-128-cbc', key, segmentIv(segment));
      const out = Buffer.concat([decipher.update(body), decipher.final()]);
      body = new Uint8Array(out.buffer, out.byteOffset, out.length);
    }
    if (body.length === 0) throw new DeckhandError('media.size-mismatch', `Segment ${segment.index} is empty.`);
    if (sniffContainer(body) === 'html') throw new DeckhandError('media.bad-content-type', `Segment ${segment.index} is a web page, not audio.`);
    return body;
  }

  /** The EXT-X-MAP init segment; a missing or non-MP4 one is media.missing-init (403 stays 403 for a refresh). */
  async init(url: string, range: { offset: number; length: number } | undefined, signal: AbortSignal): Promise<Uint8Array> {
    let body: Uint8Array;
    try {
      const res = await withRetries(
        () => this.http.getOk(url, { maxBytes: MAX_SEGMENT_BYTES, signal, ...(range ? { range: { start: range.offset, end: range.offset + range.length - 1 } } : {}) }),
        { signal },
      );
      body = res.body;
    } catch (err) {
      const e = DeckhandError.from(err);
      if (e.code === 'not-found') throw new DeckhandError('media.missing-init', `The initialisation segment is missing (${e.message}).`);
      throw e;
    }
    const kind = sniffContainer(body);
    if (kind !== 'm4a' && kind !== 'fmp4') throw new DeckhandError('media.missing-init', 'The initialisation segment is not an MP4 header.');
    return body;
  }
}
