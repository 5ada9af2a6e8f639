/** Test helper: HTTPS requests to a running replica by real host name, trusting the replica's CA. */
import { request } from 'node:https';
import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import type { Replica } from '../../server';
import { CAPTURES_DIR as ALL_CAPTURES } from '../../../../shared/test-support/captures';

/** The real captures beside the repository (read-only, never copied in). */
export const CAPTURES_DIR = join(ALL_CAPTURES, 'mixcloud');

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text(): string;
  json<T = Record<string, unknown>>(): T;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export function replicaFetch(replica: Replica, url: string, opts: RequestOptions = {}): Promise<Reply> {
  const target = new URL(url);
  const ca = readFileSync(replica.caPath);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: replica.port,
        servername: target.hostname,
        ca,
        method: opts.method ?? 'GET',
        path: `${target.pathname}${target.search}`,
        headers: { host: target.hostname, ...(opts.headers ?? {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            text: () => body.toString('utf8'),
            json: <T>() => JSON.parse(body.toString('utf8')) as T,
          });
        });
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** POST a GraphQL document to app.mixcloud.com/graphql. */
export async function graphqlPost<T = Record<string, unknown>>(
  replica: Replica,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ status: number; data?: T; errors?: { message: string }[] }> {
  const reply = await replicaFetch(replica, 'https://app.mixcloud.com/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: reply.status, ...reply.json<{ data?: T; errors?: { message: string }[] }>() };
}
