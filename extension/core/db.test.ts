import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { DB_NAME, DB_VERSION, STORES, db, resetDbConnection } from './db';

beforeEach(async () => {
  await resetDbConnection();
  (globalThis as { indexedDB: IDBFactory }).indexedDB = new IDBFactory();
});

describe('schema', () => {
  it('creates every store of the central list on a fresh install', async () => {
    const database = await db();
    expect(database.version).toBe(DB_VERSION);
    expect([...database.objectStoreNames].sort()).toEqual([...STORES].sort());
  });

  it('migrates version 1: keeps jobs and the archive, empties the old cache, adds the new stores', async () => {
    const v1 = await openDB(DB_NAME, 1, {
      upgrade(database) {
        const jobs = database.createObjectStore('jobs', { keyPath: 'id' });
        jobs.createIndex('byState', 'state');
        jobs.createIndex('byTrack', 'trackKey');
        database.createObjectStore('archive', { keyPath: 'key' });
        database.createObjectStore('cache', { keyPath: 'key' });
      },
    });
    await v1.put('jobs', { id: 'j1', state: 'done', trackKey: 'soundcloud:1' });
    await v1.put('archive', { key: 'soundcloud:1', path: '/m/a.m4a', title: 'A', savedAt: 1, via: 'host' });
    await v1.put('cache', { key: 'old', value: 1, storedAt: 0, expiresAt: 9e15 });
    v1.close();

    const database = await db();
    expect([...database.objectStoreNames].sort()).toEqual([...STORES].sort());
    expect((await database.get('jobs', 'j1'))?.trackKey).toBe('soundcloud:1');
    expect(await database.getAllFromIndex('jobs', 'byState', 'done')).toHaveLength(1);
    expect((await database.get('archive', 'soundcloud:1'))?.path).toBe('/m/a.m4a');
    expect(await database.count('cache')).toBe(0);
    await database.put('cache', { key: 'k', kind: 'charts', value: 2, storedAt: 0, expiresAt: 1, staleUntil: 5 });
    expect(await database.getAllKeysFromIndex('cache', 'byStaleUntil', IDBKeyRange.upperBound(5))).toEqual(['k']);
    await database.put('cooldowns', { platform: 'mixcloud', until: 10, strikes: 1 });
    await database.put('tokens', { key: 'beatport:anon', platform: 'beatport', accessToken: 't', storedAt: 0 });
    await database.put('tracks', { key: 'beatport:1', metadata: { platform: 'beatport', id: '1', url: 'u', title: 'T' }, storedAt: 0 });
    expect(await database.count('tracks')).toBe(1);
  });

  it('migrates version 2: keeps every store and adds the Beatport matches store', async () => {
    const v2 = await openDB(DB_NAME, 2, {
      upgrade(database) {
        const jobs = database.createObjectStore('jobs', { keyPath: 'id' });
        jobs.createIndex('byState', 'state');
        jobs.createIndex('byTrack', 'trackKey');
        database.createObjectStore('archive', { keyPath: 'key' });
        database.createObjectStore('cache', { keyPath: 'key' }).createIndex('byStaleUntil', 'staleUntil');
        for (const name of ['tokens', 'tracks']) database.createObjectStore(name, { keyPath: 'key' });
        database.createObjectStore('cooldowns', { keyPath: 'platform' });
      },
    });
    await v2.put('cache', { key: 'kept', kind: 'search', value: 1, storedAt: 0, expiresAt: 9e15, staleUntil: 9e15 });
    v2.close();

    const database = await db();
    expect([...database.objectStoreNames].sort()).toEqual([...STORES].sort());
    expect((await database.get('cache', 'kept'))?.value).toBe(1);
    await database.put('matches', { key: 'soundcloud:1', ranked: [], rejected: [7], usedIsrc: false, checkedAt: 0, expiresAt: 1 });
    expect((await database.get('matches', 'soundcloud:1'))?.rejected).toEqual([7]);
  });
});
