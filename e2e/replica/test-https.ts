/**
 * Test support: HTTPS from Node to the in-process replica by real host name. The socket goes to
 * 127.0.0.1:<port> with the URL's host name as SNI and Host header, TLS verified against the replica's
 * CA (like curl --resolve), so tests and benches request the same URLs the extension does. The
 * per-platform test clients and the fetch injected into core/http are built on this one request.
 */
import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { Agent, request } from 'node:https';
import type { Replica } from './server';

export interface ReplicaRequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  signal?: AbortSignal;
}

/** A whole answer, read into memory. `J` is what `json()` returns when not told. */
export interface ReplicaReply<J = Record<string, unknown>> {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer<ArrayBuffer>;
  text: string;
  json<T = J>(): T;
}

/** How a request trusts the replica's certificate: its CA, or an agent built on it (keep-alive). */
export type ReplicaTrust = { ca: Buffer } | { agent: Agent };

export function replicaTrust(replica: Replica): ReplicaTrust {
  return { ca: readFileSync(replica.caPath) };
}

/** A keep-alive agent trusting the replica's CA, for clients that send many requests. */
export function replicaAgent(replica: Replica): Agent {
  return new Agent({ ca: readFileSync(replica.caPath), keepAlive: true });
}

/** One request to the replica; the CA is read for this request unless `trust` is given. */
export function replicaRequest<J = Record<string, unknown>>(
  replica: Replica,
  url: string,
  opts: ReplicaRequestOptions = {},
  trust: ReplicaTrust = replicaTrust(replica),
): Promise<ReplicaReply<J>> {
  const target = new URL(url);
  const body = opts.body === undefined ? undefined : Buffer.from(opts.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: replica.port,
        servername: target.hostname,
        ...trust,
        method: opts.method ?? 'GET',
        path: target.pathname + target.search,
        headers: { host: target.host, ...(body ? { 'content-length': String(body.length) } : {}), ...opts.headers },
        ...(opts.signal ? { signal: opts.signal } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const all = Buffer.concat(chunks);
          const text = all.toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: all, text, json: <T>() => JSON.parse(text) as T });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A request function bound to one replica, reading its CA once. */
export function replicaClient<J = Record<string, unknown>>(
  replica: Replica,
): (url: string, opts?: ReplicaRequestOptions) => Promise<ReplicaReply<J>> {
  const trust = replicaTrust(replica);
  return (url, opts = {}) => replicaRequest<J>(replica, url, opts, trust);
}

/**
 * A WHATWG `fetch` over the replica, for injecting into core/http (ofetch): everything above the
 * socket — limiter, cache, error mapping, the platform clients — stays the shipped code. Bodies are
 * sent when they are strings (what the clients send); headers arrive folded the way fetch folds them.
 */
export function replicaWebFetch(replica: Replica, agent: Agent = replicaAgent(replica)): typeof globalThis.fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const reply = await replicaRequest(
      replica,
      url,
      {
        method: init?.method ?? 'GET',
        headers: Object.fromEntries(new Headers(init?.headers).entries()),
        ...(typeof init?.body === 'string' ? { body: init.body } : {}),
        ...(init?.signal ? { signal: init.signal } : {}),
      },
      { agent },
    );
    return new Response(reply.body, { status: reply.status, headers: webHeaders(reply.headers) });
  };
}

/** Node's answer headers as fetch `Headers` (repeated ones joined with ", ", as fetch does). */
export function webHeaders(headers: IncomingHttpHeaders): Headers {
  const out = new Headers();
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out.set(name, Array.isArray(value) ? value.join(', ') : value);
  return out;
}
