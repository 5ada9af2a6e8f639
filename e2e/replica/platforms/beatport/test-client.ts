/**
 * The contract tests' HTTPS client (../../test-https.ts: real host names in the URL, the connection
 * made to the in-process replica with TLS verified against its CA) and Beatport page helpers.
 */
import { readFileSync } from 'node:fs';
import type { ReplicaReply, ReplicaRequestOptions } from '../../test-https';
import { CAPTURES_DIR as ALL_CAPTURES } from '../../../../shared/test-support/captures';

export { replicaClient } from '../../test-https';
export type Reply = ReplicaReply;
export type Fetch = (url: string, opts?: ReplicaRequestOptions) => Promise<Reply>;

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
