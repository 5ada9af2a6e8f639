/**
 * Artwork for the popup's rows, kept in IndexedDB (the response cache, kind 'artwork') and shown
 * through blob: URLs, so opening the popup again shows every picture without a request. The browser's
 * own HTTP cache is not enough: it may be cleared or bypassed (no disk cache for responses with
 * certificate errors, as in the test harness), and the popup's memory cache dies with the popup.
 * Pictures are fetched directly (CDN hosts, not the platform APIs: no rate limiter).
 */
import { cacheKey, ResponseCache } from './cache';

/** What is stored: bytes and type (Blobs do not survive every IndexedDB implementation). */
interface StoredImage {
  type: string;
  bytes: ArrayBuffer;
}

/** Larger answers are not pictures the popup needs (its thumbnails are ≤ 320 px). */
const MAX_BYTES = 2 * 1024 * 1024;

export interface ArtworkOptions {
  cache?: ResponseCache;
  fetch?: typeof globalThis.fetch;
  /** blob: URLs (tests without DOM URL.createObjectURL can pass their own). */
  toUrl?: (blob: Blob) => string;
}

export class ArtworkCache {
  private readonly urls = new Map<string, string>();
  private readonly loading = new Map<string, Promise<string | undefined>>();
  private readonly cache: ResponseCache;
  private readonly fetchImpl: typeof globalThis.fetch;
  private readonly toUrl: (blob: Blob) => string;

  constructor(opts: ArtworkOptions = {}) {
    this.cache = opts.cache ?? new ResponseCache();
    this.fetchImpl = opts.fetch ?? ((...args) => globalThis.fetch(...args));
    this.toUrl = opts.toUrl ?? ((blob) => URL.createObjectURL(blob));
  }

  /** The local URL of a picture already loaded in this page, else undefined. */
  peek(url: string): string | undefined {
    return this.urls.get(url);
  }

  /** The local URL of a picture: from IndexedDB, else fetched once and stored. Undefined when it cannot be had. */
  load(url: string): Promise<string | undefined> {
    const known = this.urls.get(url);
    if (known) return Promise.resolve(known);
    if (!/^https:\/\//.test(url)) return Promise.resolve(undefined);
    let running = this.loading.get(url);
    if (!running) {
      running = this.cache
        .through<StoredImage | null>('artwork', cacheKey(url), () => this.download(url))
        .then((stored) => {
          if (!stored) return undefined;
          const local = this.toUrl(new Blob([stored.bytes], { type: stored.type }));
          this.urls.set(url, local);
          return local;
        })
        .catch(() => undefined)
        .finally(() => this.loading.delete(url));
      this.loading.set(url, running);
    }
    return running;
  }

  private async download(url: string): Promise<StoredImage | null> {
    const res = await this.fetchImpl(url, { credentials: 'omit' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const type = res.headers.get('content-type') ?? '';
    const bytes = await res.arrayBuffer();
    // Not a picture, or too big to keep: remembered as "none" so it is not asked for again.
    if (!type.startsWith('image/') || bytes.byteLength > MAX_BYTES) return null;
    return { type, bytes };
  }
}
