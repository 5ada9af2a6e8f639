/** Playlists, segments (with clear AES-128), init segments and artwork over the host's HTTP client. */
import { createDecipheriv } from 'node:crypto';
import { DeckhandError } from '../../../shared/errors';
import { segmentIv, sniffContainer, type HlsSegment, type MediaPlaylist } from '../../../shared/hls/playlist';
import { firstArtwork, loadMediaPlaylist as loadPlaylist, type GetBytes } from '../../../shared/fetching';
import type { Artwork } from '../../../shared/media/types';
import type { HttpClient } from './net';

const MAX_SEGMENT_BYTES = 64 * 1024 * 1024;

/** The host's HTTP client as a GetBytes for the shared steps. */
export function bytesGetter(http: HttpClient): GetBytes {
  return async (url, opts) => (await http.getOk(url, { ...(opts?.maxBytes ? { maxBytes: opts.maxBytes } : {}), ...(opts?.signal ? { signal: opts.signal } : {}) })).body;
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
      k = this.http.getOk(url, { maxBytes: 64, signal }).then((r) => {
        if (r.body.length !== 16) throw new DeckhandError('media.corrupt', `AES-128 key is ${r.body.length} bytes, expected 16.`);
        return r.body;
      });
      k.catch(() => this.keys.delete(url));
      this.keys.set(url, k);
    }
    return k;
  }

  async fetch(segment: HlsSegment, signal: AbortSignal): Promise<Uint8Array> {
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
    if (segment.index === 0 && sniffContainer(body) === 'html') throw new DeckhandError('media.bad-content-type');
    return body;
  }

  async init(url: string, range: { offset: number; length: number } | undefined, signal: AbortSignal): Promise<Uint8Array> {
    const res = await this.http.getOk(url, {
      maxBytes: MAX_SEGMENT_BYTES,
      signal,
      ...(range ? { range: { start: range.offset, end: range.offset + range.length - 1 } } : {}),
    });
    if (sniffContainer(res.body) !== 'm4a' && sniffContainer(res.body) !== 'fmp4') {
      throw new DeckhandError('media.missing-init', 'The initialisation segment is not an MP4 header.');
    }
    return res.body;
  }
}
