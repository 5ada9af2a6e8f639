/**
 * HTTP(S) GET for the host: keep-alive agents, inactivity timeouts, size checks, coded errors, and
 * either a body in memory (playlists, segments, artwork) or streamed to a sink (progressive files).
 * Requests go where the resolve map says (resolve.ts), keeping SNI and the Host header.
 */
import http from 'node:http';
import https from 'node:https';
import { DeckhandError } from '../../../shared/errors';
import { noteChurn } from './memory';
import { parseResolve, targetOf, type ResolveRule } from './resolve';

export interface GetOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Inactivity timeout (no bytes for this long). */
  timeoutMs?: number;
  /** Refuse bodies larger than this. */
  maxBytes?: number;
  range?: { start: number; end?: number };
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Uint8Array;
}

/** Receives a streamed body piece by piece; awaited, so a slow disk slows the socket (backpressure). */
export type ChunkSink = (chunk: Buffer) => void | Promise<void>;

export interface StreamHandlers {
  head?: (status: number, headers: http.IncomingHttpHeaders) => void | Promise<void>;
  chunk: ChunkSink;
}

interface Opened {
  res: http.IncomingMessage;
  url: URL;
  /** Why the request was torn down by us (inactivity), to tell a timeout from a reset. */
  timedOut: () => boolean;
}

const MAX_REDIRECTS = 5;

export function statusError(url: URL | string, status: number): DeckhandError {
  const code = status === 404 || status === 410 ? 'not-found' : 'network.http';
  return new DeckhandError(code, `GET ${String(url).split('?')[0]} answered ${status}`, { status });
}

function declaredLength(res: http.IncomingMessage): number | undefined {
  const raw = res.headers['content-length'];
  if (raw === undefined || !/^\d+$/.test(raw)) return undefined;
  return Number(raw);
}

export class HttpClient {
  private readonly rules: ResolveRule[];
  private readonly httpsAgent: https.Agent;
  private readonly httpAgent: http.Agent;

  constructor(resolve?: string, maxSockets = 16) {
    this.rules = parseResolve(resolve);
    this.httpsAgent = new https.Agent({ keepAlive: true, maxSockets, scheduling: 'fifo' });
    this.httpAgent = new http.Agent({ keepAlive: true, maxSockets });
  }

  destroy(): void {
    this.httpsAgent.destroy();
    this.httpAgent.destroy();
  }

  /** GET a URL into memory, following redirects; any status is returned. */
  async get(rawUrl: string, opts: GetOptions = {}): Promise<HttpResponse> {
    const { res, url, timedOut } = await this.open(rawUrl, opts);
    const declared = declaredLength(res);
    if (opts.maxBytes !== undefined && declared !== undefined && declared > opts.maxBytes) {
      res.destroy();
      throw new DeckhandError('media.size-mismatch', `Body of ${declared} bytes exceeds ${opts.maxBytes}`);
    }
    // With a declared length the body goes straight into one buffer (no concat copy).
    const sized = declared !== undefined ? Buffer.allocUnsafe(declared) : undefined;
    const chunks: Buffer[] = [];
    let size = 0;
    await consume(res, url, timedOut, (c) => {
      if (sized && size + c.length <= sized.length) c.copy(sized, size);
      else if (sized) throw new DeckhandError('media.size-mismatch', `More than the announced ${declared} bytes from ${url.hostname}`);
      else chunks.push(c);
      size += c.length;
      if (opts.maxBytes !== undefined && size > opts.maxBytes) throw new DeckhandError('media.size-mismatch', `Body exceeds ${opts.maxBytes} bytes`);
    });
    noteChurn(size);
    const body = sized ?? Buffer.concat(chunks, size);
    return { status: res.statusCode ?? 0, headers: res.headers, body: new Uint8Array(body.buffer, body.byteOffset, body.length) };
  }

  /** GET and require 2xx; maps statuses to codes (403 keeps its status so callers can refresh). */
  async getOk(url: string, opts: GetOptions = {}): Promise<HttpResponse> {
    const res = await this.get(url, opts);
    if (res.status >= 200 && res.status < 300) return res;
    throw statusError(url, res.status);
  }

  /**
   * GET a 2xx body piece by piece without holding it (progressive files): `handlers.head` sees the
   * status and headers first (and may refuse them by throwing), then `handlers.chunk` every piece.
   * Throws on a short body, like get().
   */
  async stream(rawUrl: string, opts: GetOptions, handlers: StreamHandlers): Promise<{ status: number; bytes: number }> {
    const { res, url, timedOut } = await this.open(rawUrl, opts);
    const status = res.statusCode ?? 0;
    try {
      if (status < 200 || status >= 300) throw statusError(url, status);
      await handlers.head?.(status, res.headers);
    } catch (err) {
      res.destroy();
      throw err;
    }
    const bytes = await consume(res, url, timedOut, (chunk) => {
      noteChurn(chunk.length);
      return handlers.chunk(chunk);
    });
    return { status, bytes };
  }

  /** The response once its head arrived, after following redirects. */
  private async open(rawUrl: string, opts: GetOptions): Promise<Opened> {
    let url = new URL(rawUrl);
    for (let hop = 0; ; hop++) {
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new DeckhandError('input.invalid', `Unsupported URL scheme ${url.protocol}`);
      const opened = await this.request(url, opts);
      const { res } = opened;
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location && hop < MAX_REDIRECTS) {
        res.resume();
        url = new URL(res.headers.location, url);
        continue;
      }
      return opened;
    }
  }

  private request(url: URL, opts: GetOptions): Promise<Opened> {
    const { host, port } = targetOf(this.rules, url);
    const secure = url.protocol === 'https:';
    const headers: Record<string, string> = {
      host: url.host,
      'user-agent': 'Deckhand-Host/0.1',
      accept: '*/*',
      ...opts.headers,
    };
    if (opts.range) headers.range = `bytes=${opts.range.start}-${opts.range.end ?? ''}`;
    let timedOut = false;
    return new Promise((resolve, reject) => {
      const req = (secure ? https : http).request(
        {
          host,
          port,
          method: 'GET',
          path: url.pathname + url.search,
          headers,
          agent: secure ? this.httpsAgent : this.httpAgent,
          ...(secure ? { servername: url.hostname } : {}),
          ...(opts.signal ? { signal: opts.signal } : {}),
        },
        (res) => resolve({ res, url, timedOut: () => timedOut }),
      );
      req.setTimeout(opts.timeoutMs ?? 30_000, () => {
        timedOut = true;
        req.destroy(new DeckhandError('network.timeout', `${url.hostname} stalled`));
      });
      req.on('error', (err) => reject(mapError(err, url, timedOut)));
      req.end();
    });
  }
}

/**
 * Feed a body to `onChunk` (awaited: the socket pauses meanwhile). Settles only once the last
 * chunk was taken, so the caller's bookkeeping is complete: with its length at the end, or with
 * the error that cut the body short.
 */
function consume(res: http.IncomingMessage, url: URL, timedOut: () => boolean, onChunk: ChunkSink): Promise<number> {
  const declared = declaredLength(res);
  return new Promise<number>((resolve, reject) => {
    let size = 0;
    let settled = false;
    let pending: Promise<void> = Promise.resolve();
    const settle = (err?: unknown) => {
      if (settled) return;
      settled = true;
      if (err !== undefined) res.destroy();
      void pending.then(
        () => (err === undefined ? resolve(size) : reject(mapError(err, url, timedOut()))),
        (sinkErr: unknown) => reject(mapError(sinkErr, url, timedOut())),
      );
    };
    res.on('data', (c: Buffer) => {
      if (settled) return;
      size += c.length;
      let step: void | Promise<void>;
      try {
        step = onChunk(c);
      } catch (err) {
        settle(err);
        return;
      }
      if (step) {
        res.pause();
        pending = step.then(() => {
          if (!settled) res.resume();
        });
        pending.catch((err: unknown) => settle(err));
      }
    });
    res.on('end', () => {
      if (declared !== undefined && size !== declared) settle(new DeckhandError('media.size-mismatch', `Got ${size} of ${declared} bytes from ${url.hostname}`));
      else settle();
    });
    res.on('error', (err) => settle(err));
    res.on('aborted', () => settle(new DeckhandError('network.reset', `Connection to ${url.hostname} dropped mid-body`)));
  });
}

function mapError(err: unknown, url: URL, timedOut: boolean): DeckhandError {
  if (err instanceof DeckhandError) return err;
  const e = err as NodeJS.ErrnoException;
  if (e?.name === 'AbortError') return new DeckhandError('job.cancelled');
  if (timedOut) return new DeckhandError('network.timeout', `${url.hostname} stalled`);
  if (e?.code === 'ECONNRESET' || e?.code === 'EPIPE' || /socket hang up|aborted|premature/i.test(e?.message ?? '')) {
    return new DeckhandError('network.reset', `${url.hostname}: ${e?.message}`);
  }
  if (e?.code === 'ETIMEDOUT') return new DeckhandError('network.timeout', `${url.hostname}: ${e.message}`);
  return new DeckhandError('network.offline', `${url.hostname}: ${e?.message ?? String(err)}`);
}
