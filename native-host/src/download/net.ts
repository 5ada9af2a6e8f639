/**
 * HTTP(S) GET for the host: keep-alive agents, timeouts, size checks, coded errors. A resolve map
 * (DECKHAND_RESOLVE="host=ip:port,*.sndcdn.com=ip:port,*=ip:port") sends named hosts elsewhere while
 * keeping SNI and the Host header, like curl --resolve: how tests point the real host at the replica.
 */
import http from 'node:http';
import https from 'node:https';
import { DeckhandError } from '../../../shared/errors';

export interface ResolveRule {
  pattern: string;
  ip: string;
  port: number;
}

export function parseResolve(spec: string | undefined): ResolveRule[] {
  if (!spec) return [];
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const m = /^([^=]+)=([^:]+):(\d+)$/.exec(entry);
      if (!m) throw new Error(`bad resolve rule "${entry}" (want host=ip:port)`);
      return { pattern: (m[1] as string).toLowerCase(), ip: m[2] as string, port: Number(m[3]) };
    });
}

function matches(pattern: string, host: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1));
  return host === pattern;
}

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

  private target(url: URL): { host: string; port: number } {
    const hostname = url.hostname.toLowerCase();
    const rule = this.rules.find((r) => matches(r.pattern, hostname));
    const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
    return rule ? { host: rule.ip, port: rule.port } : { host: hostname, port };
  }

  /** GET a URL into memory (segments, playlists, artwork), following redirects. */
  async get(rawUrl: string, opts: GetOptions = {}, redirects = 5): Promise<HttpResponse> {
    const url = new URL(rawUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new DeckhandError('input.invalid', `Unsupported URL scheme ${url.protocol}`);
    const res = await this.once(url, opts);
    if (res.status >= 300 && res.status < 400 && res.headers.location && redirects > 0) {
      return this.get(new URL(res.headers.location, url).toString(), opts, redirects - 1);
    }
    return res;
  }

  /** GET and require 2xx; maps statuses to codes (403 keeps status so callers can refresh). */
  async getOk(url: string, opts: GetOptions = {}): Promise<HttpResponse> {
    const res = await this.get(url, opts);
    if (res.status >= 200 && res.status < 300) return res;
    const code = res.status === 404 || res.status === 410 ? 'not-found' : 'network.http';
    throw new DeckhandError(code, `GET ${url.split('?')[0]} answered ${res.status}`, { status: res.status });
  }

  private once(url: URL, opts: GetOptions): Promise<HttpResponse> {
    const { host, port } = this.target(url);
    const secure = url.protocol === 'https:';
    const headers: Record<string, string> = {
      host: url.host,
      'user-agent': 'Deckhand-Host/0.1',
      accept: '*/*',
      ...opts.headers,
    };
    if (opts.range) headers.range = `bytes=${opts.range.start}-${opts.range.end ?? ''}`;
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
        (res) => {
          const declared = res.headers['content-length'] !== undefined ? Number(res.headers['content-length']) : undefined;
          if (opts.maxBytes !== undefined && declared !== undefined && declared > opts.maxBytes) {
            res.destroy();
            reject(new DeckhandError('media.size-mismatch', `Body of ${declared} bytes exceeds ${opts.maxBytes}`));
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (opts.maxBytes !== undefined && size > opts.maxBytes) {
              res.destroy(new Error('too large'));
              return;
            }
            chunks.push(c);
          });
          res.on('end', () => {
            if (declared !== undefined && size !== declared && res.statusCode !== 304) {
              reject(new DeckhandError('media.size-mismatch', `Got ${size} of ${declared} bytes from ${url.hostname}`));
              return;
            }
            const body = Buffer.concat(chunks, size);
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: new Uint8Array(body.buffer, body.byteOffset, body.length) });
          });
          res.on('error', (err) => reject(mapError(err, url)));
          res.on('aborted', () => reject(new DeckhandError('network.reset', `Connection to ${url.hostname} dropped mid-body`)));
        },
      );
      req.setTimeout(opts.timeoutMs ?? 30_000, () => req.destroy(new DeckhandError('network.timeout', `${url.hostname} stalled`)));
      req.on('error', (err) => reject(mapError(err, url)));
      req.end();
    });
  }
}

function mapError(err: unknown, url: URL): DeckhandError {
  if (err instanceof DeckhandError) return err;
  const e = err as NodeJS.ErrnoException;
  if (e?.name === 'AbortError') return new DeckhandError('job.cancelled');
  if (e?.code === 'ECONNRESET' || e?.code === 'EPIPE' || /socket hang up|aborted|premature/i.test(e?.message ?? '')) {
    return new DeckhandError('network.reset', `${url.hostname}: ${e?.message}`);
  }
  if (e?.code === 'ETIMEDOUT') return new DeckhandError('network.timeout', `${url.hostname}: ${e.message}`);
  return new DeckhandError('network.offline', `${url.hostname}: ${e?.message ?? String(err)}`);
}
