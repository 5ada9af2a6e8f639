/**
 * Test support for the browse contract tests: core/http running against the in-process replica. The
 * injected fetch connects to 127.0.0.1:<port> with the real host name as SNI and Host header, trusting
 * the replica's CA (like curl --resolve); everything above it (limiter, cache, error mapping, the
 * platform clients) is the shipped code. A memory `browser.storage.local` stands in for the extension's.
 */
import { readFileSync } from 'node:fs';
import { Agent, request as httpsRequest } from 'node:https';
import type { Replica } from '../../e2e/replica/server';

export function replicaFetch(replica: Replica): typeof globalThis.fetch {
  const agent = new Agent({ ca: readFileSync(replica.caPath), keepAlive: true });
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = { ...Object.fromEntries(new Headers(init?.headers).entries()), host: url.host };
    const body = typeof init?.body === 'string' ? init.body : undefined;
    return new Promise<Response>((resolve, reject) => {
      const req = httpsRequest(
        { host: '127.0.0.1', port: replica.port, servername: url.hostname, agent, method: init?.method ?? 'GET', path: url.pathname + url.search, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const out = new Headers();
            for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) out.set(name, Array.isArray(value) ? value.join(', ') : value);
            resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0, headers: out }));
          });
        },
      );
      req.on('error', reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
  };
}

/** An in-memory stand-in for browser.storage.local (get/set/remove as the clients use them). */
export function memoryStorageArea() {
  const data = new Map<string, unknown>();
  return {
    data,
    async get(key: string | string[]) {
      const keys = Array.isArray(key) ? key : [key];
      return Object.fromEntries(keys.filter((k) => data.has(k)).map((k) => [k, data.get(k)]));
    },
    async set(items: Record<string, unknown>) {
      for (const [k, v] of Object.entries(items)) data.set(k, v);
    },
    async remove(key: string | string[]) {
      for (const k of Array.isArray(key) ? key : [key]) data.delete(k);
    },
  };
}
