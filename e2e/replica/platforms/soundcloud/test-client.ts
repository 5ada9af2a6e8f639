/**
 * Test helper: HTTPS requests to the in-process replica for real host names (SNI + Host header,
 * the replica's CA), plus small shortcuts for api-v2 calls with the current client_id.
 */
import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { Replica } from '../../server';
import { SOUNDCLOUD_FIXTURES } from './fixtures';
import { API_V2 } from './urls';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
  json<T = any>(): T;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export function fetchReplica(replica: Replica, url: string, opts: RequestOptions = {}): Promise<Reply> {
  const u = new URL(url);
  const ca = readFileSync(replica.caPath);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port: replica.port,
        servername: u.hostname,
        ca,
        method: opts.method ?? 'GET',
        path: u.pathname + u.search,
        headers: { host: u.hostname, ...(opts.body !== undefined ? { 'content-length': String(Buffer.byteLength(opts.body)) } : {}), ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          const text = body.toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text, json: () => JSON.parse(text) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** GET an api-v2 path (or absolute URL) with the current client_id appended. */
export function apiV2(replica: Replica, pathOrUrl: string, opts: RequestOptions = {}): Promise<Reply> {
  const url = new URL(pathOrUrl.startsWith('https://') ? pathOrUrl : `${API_V2}${pathOrUrl}`);
  if (!url.searchParams.has('client_id')) url.searchParams.set('client_id', SOUNDCLOUD_FIXTURES.clientId());
  return fetchReplica(replica, url.toString(), opts);
}

/** The `window.__sc_hydration` array of a page. */
export function hydrationOf(html: string): { hydratable: string; data: any }[] {
  const m = /window\.__sc_hydration = (.*?);<\/script>/s.exec(html);
  if (!m?.[1]) throw new Error('no __sc_hydration in page');
  return JSON.parse(m[1]);
}

export function postJson(replica: Replica, url: string, body: unknown): Promise<Reply> {
  return fetchReplica(replica, url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}
