/**
 * Test support: the Mixcloud clients talking to an in-process replica (by real host name, trusting its
 * CA) instead of the network, with answers mapped to coded errors exactly as core/http maps them.
 */
import type { Replica } from '../../../e2e/replica/server';
import { replicaFetch, type Reply } from '../../../e2e/replica/platforms/mixcloud/testing';
import { webHeaders } from '../../../e2e/replica/test-https';
import { errorForResponse } from '../../core/http';
import type { McTransport } from './api';

function answer<T>(reply: Reply): T {
  let body: unknown;
  try {
    body = reply.json();
  } catch {
    body = reply.text();
  }
  if (reply.status >= 200 && reply.status < 300) return body as T;
  throw errorForResponse('mixcloud', reply.status, body, webHeaders(reply.headers));
}

export function replicaTransport(replica: Replica): McTransport {
  return {
    async postJson<T>(url: string, body: Record<string, unknown>) {
      const reply = await replicaFetch(replica, url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return answer<T>(reply);
    },
    async getJson<T>(url: string) {
      return answer<T>(await replicaFetch(replica, url));
    },
  };
}
