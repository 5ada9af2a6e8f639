import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { db, resetDbConnection } from './db';
import { CACHE_TTL, ResponseCache, cacheKey } from './cache';

const MINUTE = 60_000;
let now: number;
const clock = () => now;

beforeEach(async () => {
  await resetDbConnection();
  (globalThis as { indexedDB: IDBFactory }).indexedDB = new IDBFactory();
  now = 1_700_000_000_000;
});

/** A loader that answers "v1", "v2", … and counts its calls. */
function loader() {
  let n = 0;
  const load = vi.fn(async () => `v${++n}`);
  return load;
}

describe('cacheKey', () => {
  it('drops credentials and per-session parameters and sorts the rest', () => {
    const a = cacheKey('https://api-v2.soundcloud.com/tracks/1?client_id=abc&representation=full&app_version=17', {
      track_authorization: 'jwt',
      access_token: 'tok',
      limit: 20,
      offset: undefined,
    });
    const b = cacheKey('https://api-v2.soundcloud.com/tracks/1?limit=20&representation=full&client_id=other');
    expect(a).toBe('https://api-v2.soundcloud.com/tracks/1?limit=20&representation=full');
    expect(b).toBe(a);
    expect(cacheKey('https://api-v2.soundcloud.com/tracks/1?limit=50')).not.toBe(a);
    expect(cacheKey('https://api.mixcloud.com/spartacus/')).toBe('https://api.mixcloud.com/spartacus/');
  });
});

describe('ResponseCache', () => {
  it('serves a fresh entry without loading again', async () => {
    const cache = new ResponseCache({ now: clock });
    const load = loader();
    expect(await cache.through('metadata', 'k', load)).toBe('v1');
    now += 23 * 60 * MINUTE;
    expect(await cache.through('metadata', 'k', load)).toBe('v1');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('serves a stale entry at once and refreshes it in the background', async () => {
    const cache = new ResponseCache({ now: clock });
    const load = loader();
    await cache.through('charts', 'top', load);
    now += CACHE_TTL.charts.freshMs + MINUTE; // stale, within grace
    let release!: () => void;
    const slow = vi.fn(() => new Promise<string>((resolve) => (release = () => resolve('v2'))));
    expect(await cache.through('charts', 'top', slow)).toBe('v1'); // answered before the refresh finished
    expect(slow).toHaveBeenCalledTimes(1);
    // A second reader meanwhile gets the stale answer and no second request.
    expect(await cache.through('charts', 'top', slow)).toBe('v1');
    expect(slow).toHaveBeenCalledTimes(1);
    release();
    await cache.idle();
    expect(await cache.through('charts', 'top', load)).toBe('v2');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('refetches an entry past its grace period before answering', async () => {
    const cache = new ResponseCache({ now: clock });
    const load = loader();
    await cache.through('search', 'q', load);
    now += CACHE_TTL.search.freshMs + CACHE_TTL.search.graceMs + 1;
    expect(await cache.through('search', 'q', load)).toBe('v2');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('has a TTL per kind: charts expire within minutes, metadata lasts a day', async () => {
    const cache = new ResponseCache({ now: clock });
    const charts = loader();
    const meta = loader();
    await cache.through('charts', 'c', charts);
    await cache.through('metadata', 'm', meta);
    now += 11 * MINUTE;
    await cache.through('charts', 'c', charts);
    await cache.through('metadata', 'm', meta);
    await cache.idle();
    expect(charts).toHaveBeenCalledTimes(2);
    expect(meta).toHaveBeenCalledTimes(1);
    const record = await (await db()).get('cache', 'm');
    expect(record?.expiresAt).toBe(record!.storedAt + CACHE_TTL.metadata.freshMs);
  });

  it('takes a configured TTL table', async () => {
    const cache = new ResponseCache({ now: clock, ttl: { metadata: { freshMs: MINUTE, graceMs: 0 } } });
    const load = loader();
    await cache.through('metadata', 'm', load);
    now += 2 * MINUTE;
    expect(await cache.through('metadata', 'm', load)).toBe('v2');
  });

  it('shares one request between concurrent misses', async () => {
    const cache = new ResponseCache({ now: clock });
    const load = loader();
    const answers = await Promise.all([1, 2, 3].map(() => cache.through('metadata', 'same', load)));
    expect(answers).toEqual(['v1', 'v1', 'v1']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('keeps the stale answer when a background refresh fails, and reports it', async () => {
    const failures: string[] = [];
    const cache = new ResponseCache({ now: clock, onRefreshError: (_e, key) => failures.push(key) });
    await cache.through('list', 'l', loader());
    now += CACHE_TTL.list.freshMs + 1;
    const broken = vi.fn(async () => {
      throw new Error('offline');
    });
    expect(await cache.through('list', 'l', broken)).toBe('v1');
    await cache.idle();
    expect(failures).toEqual(['l']);
    expect((await (await db()).get('cache', 'l'))?.value).toBe('v1');
  });

  it('does not store a failed load, and prunes entries past their grace period', async () => {
    const cache = new ResponseCache({ now: clock });
    await expect(cache.through('metadata', 'bad', async () => Promise.reject(new Error('404')))).rejects.toThrow('404');
    expect(await (await db()).get('cache', 'bad')).toBeUndefined();
    await cache.through('search', 'old', loader());
    await cache.through('metadata', 'young', loader());
    now += CACHE_TTL.search.freshMs + CACHE_TTL.search.graceMs + 1;
    expect(await cache.prune()).toBe(1);
    expect(await (await db()).getAllKeys('cache')).toEqual(['young']);
  });
});
