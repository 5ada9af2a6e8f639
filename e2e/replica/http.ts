/** A small router and response helpers with the fault switches built into every body write. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import type { PlatformId } from '../../shared/platform';
import { hostMatches, platformOfHost } from './hosts';
import type { Faults, RequestCategory } from './faults';

export interface LogEntry {
  t: number;
  method: string;
  host: string;
  path: string;
  status: number;
  category: RequestCategory;
  platform?: PlatformId;
  rateLimited?: boolean;
}

export class Req {
  readonly method: string;
  readonly host: string;
  readonly url: URL;
  readonly path: string;
  readonly query: URLSearchParams;
  params: Record<string, string> = {};
  readonly platform: PlatformId | undefined;
  private bodyPromise?: Promise<Buffer>;

  /** `readRate`: bytes per second at which the body is read (0 = as fast as it comes), read per request. */
  constructor(readonly raw: IncomingMessage, private readonly readRate: () => number = () => 0) {
    this.method = (raw.method ?? 'GET').toUpperCase();
    this.host = String(raw.headers.host ?? 'localhost').toLowerCase().replace(/:\d+$/, '');
    this.url = new URL(raw.url ?? '/', `https://${this.host}`);
    this.path = this.url.pathname;
    this.query = this.url.searchParams;
    this.platform = platformOfHost(this.host);
  }

  header(name: string): string | undefined {
    const v = this.raw.headers[name.toLowerCase()];
    return Array.isArray(v) ? v[0] : v;
  }

  get cookies(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const part of (this.header('cookie') ?? '').split(';')) {
      const i = part.indexOf('=');
      if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
    }
    return out;
  }

  body(limit = 5 * 1024 * 1024 * 1024): Promise<Buffer> {
    this.bodyPromise ??= new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const rate = this.readRate();
      const started = Date.now();
      this.raw.on('data', (c: Buffer) => {
        size += c.length;
        if (size > limit) {
          reject(new Error('body too large'));
          this.raw.destroy();
          return;
        }
        chunks.push(c);
        // A slow reader: pause until the bytes so far fit the rate (the sender's progress slows too).
        const due = rate > 0 ? started + (size / rate) * 1000 - Date.now() : 0;
        if (due > 1) {
          this.raw.pause();
          setTimeout(() => this.raw.resume(), due);
        }
      });
      this.raw.on('end', () => resolve(Buffer.concat(chunks)));
      this.raw.on('error', reject);
    });
    return this.bodyPromise;
  }

  async text(): Promise<string> {
    return (await this.body()).toString('utf8');
  }

  async json<T = unknown>(): Promise<T> {
    return JSON.parse(await this.text()) as T;
  }

  /** Form fields from a query-string body (application/x-www-form-urlencoded). */
  async form(): Promise<URLSearchParams> {
    return new URLSearchParams(await this.text());
  }
}

export class Res {
  private headers: Record<string, string | string[]> = {};
  private code = 200;
  sent = false;

  constructor(
    readonly raw: ServerResponse,
    private readonly faults: Faults,
    readonly category: () => RequestCategory,
    private readonly onStatus: (status: number) => void,
  ) {}

  status(code: number): this {
    this.code = code;
    return this;
  }

  header(name: string, value: string | string[]): this {
    this.headers[name.toLowerCase()] = value;
    return this;
  }

  cookie(name: string, value: string, attrs = 'Path=/; Secure; HttpOnly; SameSite=Lax'): this {
    const prev = this.headers['set-cookie'];
    const list = Array.isArray(prev) ? prev : prev ? [prev] : [];
    this.headers['set-cookie'] = [...list, `${name}=${encodeURIComponent(value)}; ${attrs}`];
    return this;
  }

  json(value: unknown, status?: number): Promise<void> {
    if (status !== undefined) this.code = status;
    this.headers['content-type'] ??= 'application/json; charset=utf-8';
    return this.send(Buffer.from(JSON.stringify(value)));
  }

  text(value: string, status?: number, type = 'text/plain; charset=utf-8'): Promise<void> {
    if (status !== undefined) this.code = status;
    this.headers['content-type'] ??= type;
    return this.send(Buffer.from(value));
  }

  html(value: string, status?: number): Promise<void> {
    return this.text(value, status, 'text/html; charset=utf-8');
  }

  redirect(location: string, status = 302): Promise<void> {
    this.code = status;
    this.headers.location = location;
    return this.send(Buffer.alloc(0));
  }

  /** Send a buffer through the fault layer (bandwidth, truncation, resets, stalls). */
  async send(body: Buffer, range?: { start: number; end: number; total: number }): Promise<void> {
    if (this.sent) return;
    this.sent = true;
    let payload = body;
    if (range) {
      payload = body.subarray(range.start, range.end + 1);
      this.code = 206;
      this.headers['content-range'] = `bytes ${range.start}-${range.end}/${range.total}`;
    }
    this.headers['content-length'] = String(payload.length);
    this.headers['access-control-allow-origin'] ??= '*';
    this.onStatus(this.code);
    this.raw.writeHead(this.code, this.headers);
    if (this.raw.req.method === 'HEAD' || payload.length === 0) {
      this.raw.end();
      return;
    }
    await this.writeBody(payload);
  }

  /** Serve a file with Range support. */
  async file(path: string, contentType: string, opts: { throttleAfter?: number; bytesPerSec?: number } = {}): Promise<void> {
    const size = statSync(path).size;
    this.headers['content-type'] = contentType;
    this.headers['accept-ranges'] = 'bytes';
    let start = 0;
    let end = size - 1;
    const range = this.raw.req.headers.range;
    if (range) {
      const m = /^bytes=(\d*)-(\d*)$/.exec(range);
      if (!m || (m[1] === '' && m[2] === '')) {
        this.headers['content-range'] = `bytes */${size}`;
        return this.text('bad range', 416);
      }
      if (m[1] === '') {
        start = Math.max(0, size - Number(m[2]));
      } else {
        start = Number(m[1]);
        if (m[2] !== '') end = Math.min(end, Number(m[2]));
      }
      if (start > end || start >= size) {
        this.headers['content-range'] = `bytes */${size}`;
        return this.text('range not satisfiable', 416);
      }
      this.code = 206;
      this.headers['content-range'] = `bytes ${start}-${end}/${size}`;
    }
    const length = end - start + 1;
    this.headers['content-length'] = String(length);
    this.headers['access-control-allow-origin'] ??= '*';
    this.sent = true;
    this.onStatus(this.code);
    this.raw.writeHead(this.code, this.headers);
    if (this.raw.req.method === 'HEAD') {
      this.raw.end();
      return;
    }
    await this.writeStream(createReadStream(path, { start, end, highWaterMark: 64 * 1024 }), length, opts);
  }

  private async writeBody(payload: Buffer): Promise<void> {
    const chunks: Buffer[] = [];
    for (let i = 0; i < payload.length; i += 64 * 1024) chunks.push(payload.subarray(i, i + 64 * 1024));
    await this.writeChunks(chunks, payload.length, {});
  }

  private async writeStream(
    stream: AsyncIterable<Buffer>,
    length: number,
    opts: { throttleAfter?: number; bytesPerSec?: number },
  ): Promise<void> {
    await this.writeChunks(stream, length, opts);
  }

  private async writeChunks(
    chunks: Iterable<Buffer> | AsyncIterable<Buffer>,
    length: number,
    opts: { throttleAfter?: number; bytesPerSec?: number },
  ): Promise<void> {
    const fault = this.faults.bodyFault(this.category());
    const cut = fault === 'none' ? Infinity : Math.floor(length / 2);
    const bandwidth = this.faults.config.bandwidth;
    let written = 0;
    const started = Date.now();
    let throttleStart: number | undefined;
    for await (const chunk of chunks) {
      if (this.raw.destroyed) return;
      let piece = chunk;
      if (written + piece.length > cut) {
        piece = piece.subarray(0, cut - written);
        if (piece.length) await this.write(piece);
        written += piece.length;
        if (fault === 'stall') {
          await sleep(this.faults.config.stallMs);
          piece = chunk.subarray(piece.length);
          if (piece.length) await this.write(piece);
          written += piece.length;
          continue;
        }
        if (fault === 'reset') this.raw.socket?.destroy();
        else this.raw.socket?.end(); // truncate: close after a short body
        return;
      }
      await this.write(piece);
      written += piece.length;
      // Past the throttle threshold the CDN slows to playback speed, timed from that moment on.
      const throttled = opts.throttleAfter !== undefined && !!opts.bytesPerSec && written > opts.throttleAfter;
      if (throttled && throttleStart === undefined) throttleStart = Date.now();
      const rate = throttled ? (opts.bytesPerSec as number) : bandwidth;
      if (rate > 0) {
        const due = throttled
          ? (throttleStart as number) + ((written - (opts.throttleAfter as number)) / rate) * 1000
          : started + (written / rate) * 1000;
        const wait = due - Date.now();
        if (wait > 0) await sleep(wait);
      }
    }
    this.raw.end();
  }

  private write(chunk: Buffer): Promise<void> {
    return new Promise((resolve) => {
      if (this.raw.write(chunk)) resolve();
      else {
        const done = () => {
          this.raw.off('drain', done);
          this.raw.off('close', done);
          resolve();
        };
        this.raw.once('drain', done);
        this.raw.once('close', done);
      }
    });
  }
}

export type Handler = (req: Req, res: Res) => unknown | Promise<unknown>;

interface Route {
  hosts: string[];
  method: string;
  pattern: RegExp;
  keys: string[];
  category: RequestCategory;
  handler: Handler;
}

/** Compile "/users/:id/tracks" or "/media/*" into a RegExp with named params. */
export function compilePath(path: string): { pattern: RegExp; keys: string[] } {
  const keys: string[] = [];
  const src = path
    .split('/')
    .map((seg) => {
      if (seg === '*') {
        keys.push('rest');
        return '(.*)';
      }
      if (seg.startsWith(':')) {
        const optional = seg.endsWith('?');
        keys.push(seg.slice(1, optional ? -1 : undefined));
        return optional ? '?([^/]*)' : '([^/]+)';
      }
      return seg.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { pattern: new RegExp(`^${src}/?$`), keys };
}

export class Router {
  private routes: Route[] = [];

  add(hosts: string | string[], method: string, path: string | RegExp, category: RequestCategory, handler: Handler): void {
    const compiled = typeof path === 'string' ? compilePath(path) : { pattern: path, keys: [] };
    this.routes.push({
      hosts: Array.isArray(hosts) ? hosts : [hosts],
      method: method.toUpperCase(),
      ...compiled,
      category,
      handler,
    });
  }

  get(hosts: string | string[], path: string | RegExp, category: RequestCategory, handler: Handler): void {
    this.add(hosts, 'GET', path, category, handler);
  }

  post(hosts: string | string[], path: string | RegExp, category: RequestCategory, handler: Handler): void {
    this.add(hosts, 'POST', path, category, handler);
  }

  match(req: Req): { route: Route; params: Record<string, string> } | undefined {
    let pathMatched = false;
    for (const route of this.routes) {
      if (!route.hosts.some((h) => hostMatches(h, req.host))) continue;
      const m = route.pattern.exec(req.path);
      if (!m) continue;
      pathMatched = true;
      const method = req.method === 'HEAD' ? 'GET' : req.method;
      if (route.method !== method && route.method !== '*') continue;
      const params: Record<string, string> = {};
      route.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1] ?? '')));
      if (m.groups) Object.assign(params, m.groups);
      return { route, params };
    }
    if (pathMatched) return undefined;
    return undefined;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
