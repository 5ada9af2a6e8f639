/**
 * Test support for the browse contract tests: core/http running against the in-process replica. The
 * injected fetch (e2e/replica/test-https.ts) connects to 127.0.0.1:<port> with the real host name as
 * SNI and Host header, trusting the replica's CA (like curl --resolve); everything above it (limiter,
 * cache, error mapping, the platform clients) is the shipped code. A memory `browser.storage.local`
 * stands in for the extension's.
 */
import { IDBFactory } from 'fake-indexeddb';
import type { Replica } from '../../e2e/replica/server';
import { SOUNDCLOUD_FIXTURES } from '../../e2e/replica/platforms/soundcloud/fixtures';
import { replicaWebFetch } from '../../e2e/replica/test-https';
import { ResponseCache } from '../core/cache';
import { resetDbConnection } from '../core/db';
import { configureHttp } from '../core/http';
import { RateLimiter, type RatePolicy } from '../core/limiter';

export function replicaFetch(replica: Replica): typeof globalThis.fetch {
  return replicaWebFetch(replica);
}

/** Limits that never keep a contract test waiting: these tests check answers; the limiter has its own. */
const FAST: RatePolicy = { spacingMs: 0, burst: 50, maxConcurrent: 6, backoffBaseMs: 5, backoffCapMs: 10 };

/**
 * Before each contract test: a fresh IndexedDB (an empty response cache, no cool-downs), core/http over
 * the replica with fast limits, the replica's rate limits off, and the SoundCloud client id stored as
 * the page would have left it.
 */
export async function resetBrowseEnv(replica: Replica, storage: { set(items: Record<string, unknown>): Promise<void> }): Promise<void> {
  await resetDbConnection();
  (globalThis as { indexedDB: IDBFactory }).indexedDB = new IDBFactory();
  configureHttp({
    fetch: replicaFetch(replica),
    cache: new ResponseCache(),
    limiter: new RateLimiter({ policies: { soundcloud: FAST, mixcloud: FAST, beatport: FAST }, maxWaitMs: 50, retryBaseMs: 1, retryCapMs: 5 }),
  });
  replica.app.faults.set({ rateLimits: {} });
  await storage.set({ 'soundcloud.clientId': SOUNDCLOUD_FIXTURES.clientId() });
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
