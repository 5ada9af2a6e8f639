/**
 * IndexedDB through idb: one versioned schema, one list of store names. Migrations run in order, so
 * a user upgrading from any version ends with the same shape.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { JobView } from '../../shared/jobs';
import type { DownloadSpec } from '../../shared/download';

export interface JobRecord extends JobView {
  /** The spec sent to the executor once resolved (kept so a restart can resume). */
  spec?: DownloadSpec;
}

export interface ArchiveRecord {
  /** "<platform>:<id>" */
  key: string;
  path: string;
  title: string;
  savedAt: number;
  via: 'host' | 'browser';
}

export interface CacheRecord {
  key: string;
  value: unknown;
  storedAt: number;
  expiresAt: number;
}

interface DeckhandDB extends DBSchema {
  jobs: { key: string; value: JobRecord; indexes: { byState: string; byTrack: string } };
  archive: { key: string; value: ArchiveRecord };
  cache: { key: string; value: CacheRecord };
}

export const STORES = ['jobs', 'archive', 'cache'] as const;
export const DB_NAME = 'deckhand';
export const DB_VERSION = 1;

let dbPromise: Promise<IDBPDatabase<DeckhandDB>> | undefined;

export function db(): Promise<IDBPDatabase<DeckhandDB>> {
  dbPromise ??= openDB<DeckhandDB>(DB_NAME, DB_VERSION, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        const jobs = database.createObjectStore('jobs', { keyPath: 'id' });
        jobs.createIndex('byState', 'state');
        jobs.createIndex('byTrack', 'trackKey');
        database.createObjectStore('archive', { keyPath: 'key' });
        database.createObjectStore('cache', { keyPath: 'key' });
      }
    },
  });
  return dbPromise;
}

/** Drop the cached connection (tests swap in a fresh IndexedDB; the next db() call reopens). */
export async function resetDbConnection(): Promise<void> {
  const pending = dbPromise;
  dbPromise = undefined;
  if (pending) (await pending.catch(() => undefined))?.close();
}
