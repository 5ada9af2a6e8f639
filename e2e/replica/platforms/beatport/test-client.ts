/**
 * A tiny HTTPS client for the contract tests: real host names in the URL, the connection made to
 * the in-process replica on 127.0.0.1 with TLS verified against its CA.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import type { Replica } from '../../server';
import { CAPTURES_DIR as ALL_CAPTURES } from '../../../../shared/test-support/captures';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export type Fetch = (url: string, opts?: RequestOptions) => Promise<Reply>;

export function replicaClient(replica: Replica): Fetch {
  const ca = readFileSync(replica.caPath);
  return (url, opts = {}) =>
    new Promise((resolve, reject) => {
      const u = new URL(url);
      const body = opts.body === undefined ? undefined : Buffer.from(opts.body);
      const req = request(
        {
          host: '127.0.0.1',
          port: replica.port,
          servername: u.hostname,
          ca,
          method: opts.method ?? 'GET',
          path: u.pathname + u.search,
          headers: { host: u.hostname, ...(body ? { 'content-length': String(body.length) } : {}), ...opts.headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const buf = Buffer.concat(chunks);
            const text = buf.toString('utf8');
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: buf, text, json: <T>() => JSON.parse(text) as T });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}

/** Bearer header for a token. */
export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** The JSON inside a page's <script id="__NEXT_DATA__">. */
export function nextDataOf(html: string): Record<string, unknown> {
  const m = /<script id="__NEXT_DATA__" type="application\/json">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error('no __NEXT_DATA__ in page');
  return JSON.parse(m[1] ?? '{}') as Record<string, unknown>;
}

/** The cookie value a response sets, by name. */
export function setCookie(reply: Reply, name: string): string | undefined {
  const raw = reply.headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  for (const c of list) {
    const [pair] = c.split(';');
    const i = pair?.indexOf('=') ?? -1;
    if (pair && i > 0 && pair.slice(0, i) === name) return decodeURIComponent(pair.slice(i + 1));
  }
  return undefined;
}

/** Real Beatport captures (read in place, never copied into the repo). */
export const CAPTURES_DIR = `${ALL_CAPTURES}/beatport`;

export function readCapture<T = Record<string, unknown>>(file: string): T {
  return JSON.parse(readFileSync(`${CAPTURES_DIR}/${file}`, 'utf8')) as T;
}
