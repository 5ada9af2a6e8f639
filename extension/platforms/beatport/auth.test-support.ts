/**
 * Test support: a browser-like `fetch` over the in-process replica (real host names, its CA): a
 * cookie jar per host honouring `credentials`, redirects followed with `response.url` set, as the
 * background's fetch behaves. Enough for the Beatport sign-in flows, not a general cookie engine.
 */
import type { Replica } from '../../../e2e/replica/server';
import { replicaClient } from '../../../e2e/replica/platforms/beatport/test-client';

export interface BrowserLikeFetch {
  fetch: typeof fetch;
  /** host -> name -> value */
  jar: Map<string, Map<string, string>>;
  /** Every request made, as "METHOD url". */
  log: string[];
}

export function browserLikeFetch(replica: Replica): BrowserLikeFetch {
  const client = replicaClient(replica);
  const jar = new Map<string, Map<string, string>>();
  const log: string[] = [];
  const cookiesOf = (host: string) => jar.get(host) ?? jar.set(host, new Map()).get(host)!;
  const doFetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    let url = new URL(String(input));
    let method = init.method ?? 'GET';
    let body = typeof init.body === 'string' ? init.body : undefined;
    const withCookies = init.credentials !== 'omit';
    for (let hop = 0; hop < 6; hop++) {
      log.push(`${method} ${url.toString()}`);
      // ofetch (core/http.ts) passes a Headers object, the sign-in code plain records: take both.
      const headers: Record<string, string> = Object.fromEntries(new Headers(init.headers));
      const cookies = cookiesOf(url.hostname);
      if (withCookies && cookies.size) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const reply = await client(url.toString(), { method, headers, ...(body !== undefined ? { body } : {}) });
      const set = reply.headers['set-cookie'];
      if (withCookies) {
        for (const c of Array.isArray(set) ? set : set ? [set] : []) {
          const [pair, ...attrs] = c.split(';');
          const i = pair?.indexOf('=') ?? -1;
          if (!pair || i <= 0) continue;
          const gone = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a));
          if (gone) cookies.delete(pair.slice(0, i));
          else cookies.set(pair.slice(0, i), pair.slice(i + 1));
        }
      }
      const location = reply.headers.location;
      if (reply.status >= 300 && reply.status < 400 && typeof location === 'string') {
        url = new URL(location, url);
        method = 'GET';
        body = undefined;
        continue;
      }
      const out = new Response(reply.status === 204 || reply.status === 304 ? null : new Uint8Array(reply.body), {
        status: reply.status,
        headers: Object.entries(reply.headers).flatMap(([k, v]) => (v === undefined || k === 'set-cookie' ? [] : [[k, Array.isArray(v) ? v.join(', ') : v] as [string, string]])),
      });
      Object.defineProperty(out, 'url', { value: url.toString() });
      return out;
    }
    throw new TypeError('too many redirects');
  };
  return { fetch: doFetch as typeof fetch, jar, log };
}
