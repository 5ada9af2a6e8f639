/**
 * IndexedDB through idb: one versioned schema, one list of store names. Migrations run in order, so
 * a user upgrading from any version ends with the same shape.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { JobView } from '../../shared/jobs';
import type { DownloadSpec } from '../../shared/download';
import type { PlatformId } from '../../shared/platform';
import type { TrackMetadata } from '../../shared/track';
import type { BeatportCandidate, TrackMatch } from '../../shared/match';

export interface JobRecord extends JobView {
  /** The spec sent to the executor once resolved (kept so a restart can resume). */
  spec?: DownloadSpec;
  /**
   * Upload jobs: when an attempt's request went out (epoch ms) with no answer from the platform
   * recorded since. Set, the next attempt first looks for the upload on the platform (its answer may
   * have been lost with a dead worker or host) instead of uploading it twice.
   */
  uploadSentAt?: number;
}

export interface ArchiveRecord {
  /** "<platform>:<id>" */
  key: string;
  path: string;
  title: string;
  savedAt: number;
  via: 'host' | 'browser';
}

/** One cached GET answer (core/cache.ts). Fresh until `expiresAt`, servable while refreshing until `staleUntil`. */
export interface CacheRecord {
  key: string;
  /** The TTL class it was stored under (core/cache.ts CacheKind). */
  kind: string;
  value: unknown;
  storedAt: number;
  expiresAt: number;
  staleUntil: number;
}

/** A platform credential: "<platform>:<flavour>" (e.g. "beatport:anon", "soundcloud:user"). */
export interface TokenRecord {
  key: string;
  platform: PlatformId;
  accessToken: string;
  refreshToken?: string;
  /** Epoch ms; absent when the platform gives no lifetime. */
  expiresAt?: number;
  scope?: string;
  storedAt: number;
}

/** Normalised metadata of one item, so the popup and the tagger never refetch what they saw. */
export interface TrackRecord {
  /** "<platform>:<id>" */
  key: string;
  metadata: TrackMetadata;
  storedAt: number;
}

/** A platform-wide rate-limit cool-down (core/limiter.ts), kept across service-worker restarts. */
export interface CooldownRecord {
  platform: PlatformId;
  /** Epoch ms until which no request of this platform may start. */
  until: number;
  /** Rate-limit answers in a row without a success between them (drives the backoff). */
  strikes: number;
}

/** A Beatport candidate as kept in a match record: the matcher's fields plus the page slug. */
export type StoredCandidate = BeatportCandidate & { slug?: string };

/** What enrichment learnt about one source item (background/enrich.ts). */
export interface MatchRecord {
  /** "<platform>:<id>" of the item, or "section:<artist>|<title>" (folded) for a tracklist section. */
  key: string;
  /** Accepted candidates, best first; empty = looked up, nothing confident ("no match"). */
  ranked: TrackMatch<StoredCandidate>[];
  /** Beatport ids the user rejected ("not this one"): kept when the lookup is refreshed. */
  rejected: number[];
  /** The lookup included an ISRC (a later lookup with one may find what a search missed). */
  usedIsrc: boolean;
  checkedAt: number;
  /** After this the lookup runs again (shorter for "no match"). */
  expiresAt: number;
}

interface DeckhandDB extends DBSchema {
  jobs: { key: string; value: JobRecord; indexes: { byState: string; byTrack: string } };
  archive: { key: string; value: ArchiveRecord };
  cache: { key: string; value: CacheRecord; indexes: { byStaleUntil: number } };
  tokens: { key: string; value: TokenRecord };
  tracks: { key: string; value: TrackRecord };
  cooldowns: { key: PlatformId; value: CooldownRecord };
  matches: { key: string; value: MatchRecord };
}

export const STORES = ['jobs', 'archive', 'cache', 'tokens', 'tracks', 'cooldowns', 'matches'] as const;
export type StoreName = (typeof STORES)[number];
export const DB_NAME = 'deckhand';
export const DB_VERSION = 3;

let dbPromise: Promise<IDBPDatabase<DeckhandDB>> | undefined;

export function db(): Promise<IDBPDatabase<DeckhandDB>> {
  dbPromise ??= openDB<DeckhandDB>(DB_NAME, DB_VERSION, {
    upgrade(database, oldVersion, _newVersion, transaction) {
      if (oldVersion < 1) {
        const jobs = database.createObjectStore('jobs', { keyPath: 'id' });
        jobs.createIndex('byState', 'state');
        jobs.createIndex('byTrack', 'trackKey');
        database.createObjectStore('archive', { keyPath: 'key' });
        database.createObjectStore('cache', { keyPath: 'key' });
      }
      if (oldVersion < 2) {
        // Version-1 cache entries have no kind or grace period; a cache can simply start empty.
        const cache = transaction.objectStore('cache');
        void cache.clear();
        cache.createIndex('byStaleUntil', 'staleUntil');
        database.createObjectStore('tokens', { keyPath: 'key' });
        database.createObjectStore('tracks', { keyPath: 'key' });
        database.createObjectStore('cooldowns', { keyPath: 'platform' });
      }
      if (oldVersion < 3) {
        database.createObjectStore('matches', { keyPath: 'key' });
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
