import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { DeckhandError } from '../../shared/errors';
import { resetDbConnection } from './db';
import { ResponseCache } from './cache';
import { RateLimiter, type RatePolicy } from './limiter';
import { configureHttp, errorForResponse, getJson, rateLimitHint, request } from './http';
import { startReplica, type Replica } from '../../e2e/replica/server';
import { fetchReplica } from '../../e2e/replica/platforms/soundcloud/test-client';
import type { PlatformId } from '../../shared/platform';

const fast: RatePolicy = { spacingMs: 1, burst: 10, maxConcurrent: 4, backoffBaseMs: 20, backoffCapMs: 40 };

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

/** A fetch that plays `answers` in order (the last one repeats) and records the URLs asked for. */
function scripted(...answers: Answer[]) {
  const urls: string[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL) => {
    urls.push(String(input instanceof Request ? input.url : input));
    const a = answers.length > 1 ? answers.shift()! : answers[0]!;
    return new Response(JSON.stringify(a.body), { status: a.status, headers: { 'content-type': 'application/json', ...a.headers } });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls: () => fetch.mock.calls.length, urls };
}

const h = (init: Record<string, string> = {}) => new Headers(init);
const mixcloudLimit = { error: { message: 'You have hit your rate limit. Retry after 12 seconds.', type: 'RateLimitException', retry_after: 12 } };

beforeEach(async () => {
  await resetDbConnection();
  (globalThis as { indexedDB: IDBFactory }).indexedDB = new IDBFactory();
  configureHttp({ limiter: new RateLimiter({ policies: { soundcloud: fast, mixcloud: fast, beatport: fast } }), cache: new ResponseCache() });
});

describe('rate-limit answers', () => {
  it('reads each platform’s signal and the wait it names', () => {
    expect(rateLimitHint('soundcloud', 429, { code: 429, message: 'Too Many Requests' }, h())).toEqual({});
    expect(rateLimitHint('beatport', 429, { detail: 'throttled' }, h({ 'retry-after': '7' }))).toEqual({ retryAfterMs: 7_000 });
    expect(rateLimitHint('mixcloud', 403, mixcloudLimit, h())).toEqual({ retryAfterMs: 12_000 });
    expect(rateLimitHint('mixcloud', 403, JSON.stringify(mixcloudLimit), h({ 'retry-after': '15' }))).toEqual({ retryAfterMs: 15_000 });
    expect(rateLimitHint('mixcloud', 403, { error: { type: 'OAuthException' } }, h())).toBeUndefined();
    expect(rateLimitHint('soundcloud', 403, mixcloudLimit, h())).toBeUndefined();
    expect(rateLimitHint('beatport', 503, 'down', h({ 'retry-after': '3' }))).toEqual({ retryAfterMs: 3_000 });
    expect(rateLimitHint('beatport', 503, 'down', h())).toBeUndefined();
  });

  it('keeps the typed errors: rate.limited with retryAt, 503 stays network.http', () => {
    const before = Date.now();
    const err = errorForResponse('mixcloud', 403, mixcloudLimit, h());
    expect(err.code).toBe('rate.limited');
    expect(err.retryAt).toBeGreaterThanOrEqual(before + 12_000);
    expect(errorForResponse('soundcloud', 429, {}, h()).retryAt).toBeGreaterThanOrEqual(before + 30_000);
    expect(errorForResponse('beatport', 503, 'down', h({ 'retry-after': '3' })).code).toBe('network.http');
    expect(errorForResponse('mixcloud', 403, { error: { type: 'OAuthException' } }, h()).code).toBe('auth.required');
  });
});

describe('the replica’s rate-limit answers (shaped like each platform’s)', () => {
  let replica: Replica;
  beforeAll(async () => {
    const refuseAll = { limit: 0, windowMs: 12_000 };
    replica = await startReplica({ port: 0, lazyMedia: true, faults: { rateLimits: { soundcloud: refuseAll, mixcloud: refuseAll, beatport: refuseAll } } });
  });
  afterAll(async () => {
    await replica.stop();
  });

  const answer = async (url: string) => {
    const reply = await fetchReplica(replica, url);
    const headers = new Headers(Object.entries(reply.headers).map(([k, v]) => [k, String(v)] as [string, string]));
    const body: unknown = headers.get('content-type')?.includes('json') ? reply.json() : reply.text;
    return { status: reply.status, headers, body };
  };
  const cases: [PlatformId, string, number, { retryAfterMs?: number }][] = [
    ['soundcloud', 'https://api-v2.soundcloud.com/tracks/1', 429, {}],
    ['mixcloud', 'https://api.mixcloud.com/spartacus/', 403, { retryAfterMs: 12_000 }],
    ['beatport', 'https://api.beatport.com/v4/catalog/releases/1', 429, { retryAfterMs: 12_000 }],
  ];
  it.each(cases)('%s: read as rate.limited with the wait it names', async (platform, url, status, hint) => {
    const a = await answer(url);
    expect(a.status).toBe(status);
    expect(rateLimitHint(platform, a.status, a.body, a.headers)).toEqual(hint);
    expect(errorForResponse(platform, a.status, a.body, a.headers).code).toBe('rate.limited');
  });
});

describe('request through the limiter', () => {
  it('retries a GET after a 429 and returns the answer', async () => {
    const net = scripted({ status: 429, body: { code: 429 } }, { status: 200, body: { id: 1 } });
    configureHttp({ fetch: net.fetch });
    expect(await getJson('https://api-v2.soundcloud.com/tracks/1', { platform: 'soundcloud' })).toEqual({ id: 1 });
    expect(net.calls()).toBe(2);
  });

  it('sends a POST once, even when rate-limited', async () => {
    const net = scripted({ status: 403, body: mixcloudLimit, headers: { 'retry-after': '0' } }, { status: 200, body: {} });
    configureHttp({ fetch: net.fetch });
    const err = await request('https://app.mixcloud.com/graphql', { platform: 'mixcloud', method: 'POST', body: { query: '{}' } }).catch((e: unknown) => e);
    expect((err as DeckhandError).code).toBe('rate.limited');
    expect(net.calls()).toBe(1);
  });

  it('gives up on a GET after its retries, with the platform’s error', async () => {
    const net = scripted({ status: 500, body: 'boom' });
    configureHttp({ fetch: net.fetch, limiter: new RateLimiter({ retryBaseMs: 1, retryCapMs: 2, policies: { beatport: fast } }) });
    const err = await request('https://api.beatport.com/v4/catalog/tracks/1/', { platform: 'beatport', retries: 1 }).catch((e: unknown) => e);
    expect((err as DeckhandError).code).toBe('network.http');
    expect(net.calls()).toBe(2);
  });
});

describe('request through the cache', () => {
  it('answers a cached GET without the network, whatever the client_id', async () => {
    const net = scripted({ status: 200, body: { title: 'A' }, headers: { 'x-test': 'kept' } });
    configureHttp({ fetch: net.fetch });
    const url = 'https://api-v2.soundcloud.com/tracks/1';
    const first = await request<{ title: string }>(url, { platform: 'soundcloud', query: { client_id: 'one' }, cache: 'metadata' });
    const second = await request<{ title: string }>(url, { platform: 'soundcloud', query: { client_id: 'two' }, cache: 'metadata' });
    expect(second.data).toEqual(first.data);
    expect(second.headers.get('x-test')).toBe('kept');
    expect(net.calls()).toBe(1);
    expect(net.urls[0]).toContain('client_id=one');
  });

  it('never caches without a kind, nor a POST', async () => {
    const net = scripted({ status: 200, body: { ok: true } });
    configureHttp({ fetch: net.fetch });
    const url = 'https://api.mixcloud.com/spartacus/';
    await getJson(url, { platform: 'mixcloud' });
    await getJson(url, { platform: 'mixcloud' });
    await getJson(url, { platform: 'mixcloud', method: 'POST', cache: 'metadata' });
    await getJson(url, { platform: 'mixcloud', method: 'POST', cache: 'metadata' });
    expect(net.calls()).toBe(4);
  });
});
