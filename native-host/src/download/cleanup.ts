/**
 * Housekeeping of <root>/.deckhand/parts: the work folders of jobs abandoned long ago (the browser
 * forgot the job: its profile was removed, the queue cleared while the host was not running) would
 * otherwise keep hundreds of MB each forever. A folder goes when nothing in it (journal, part file,
 * final.tmp) was written for the configured number of days; the folder of a running job is never
 * touched, however old its files look, nor one written in the last hour, nor one whose lock is held
 * by a live host process (another browser's host may be running that job: work-lock.ts).
 */
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { DeckhandError } from '../../../shared/errors';
import { workRoot } from './library';
import { removeWorkFolder } from './work-lock';

export const DAY_MS = 24 * 3600 * 1000;
/** Whatever the requested age, folders written this recently stay. */
const MIN_IDLE_MS = 3600 * 1000;

export interface CleanupResult {
  root: string;
  /** Folder names (sanitised job ids) removed. */
  removed: string[];
  freedBytes: number;
}

export function partsRoot(root: string): string {
  return path.join(workRoot(root), 'parts');
}

/** Newest mtime of the folder and the files directly in it (what a job writes), and their size. */
async function activity(dir: string): Promise<{ lastWrite: number; bytes: number }> {
  const self = await lstat(dir);
  let lastWrite = self.mtimeMs;
  let bytes = 0;
  for (const name of await readdir(dir)) {
    const info = await lstat(path.join(dir, name)).catch(() => undefined);
    if (!info) continue;
    lastWrite = Math.max(lastWrite, info.mtimeMs);
    if (info.isFile()) bytes += info.size;
  }
  return { lastWrite, bytes };
}

/**
 * Removes the part folders under `root` idle for `maxAgeMs`. `isRunning(folderName)` is asked
 * right before each removal (a job may start while the sweep runs).
 */
export async function removeAbandonedParts(root: string, maxAgeMs: number, isRunning: (folder: string) => boolean, now = Date.now()): Promise<CleanupResult> {
  const result: CleanupResult = { root, removed: [], freedBytes: 0 };
  const parts = partsRoot(root);
  const names = await readdir(parts).catch(() => [] as string[]);
  for (const name of names.sort()) {
    const dir = path.join(parts, name);
    // Only real folders: a symlink or a stray file in parts/ is not ours to delete.
    const info = await lstat(dir).catch(() => undefined);
    if (!info?.isDirectory() || isRunning(name)) continue;
    const seen = await activity(dir).catch(() => undefined);
    if (!seen || now - seen.lastWrite < Math.max(maxAgeMs, MIN_IDLE_MS) || isRunning(name)) continue;
    // A folder locked by a live host process is in use, however idle it looks (a stalled transfer).
    const removed = await removeWorkFolder(dir).then(
      () => true,
      (err: unknown) => (DeckhandError.from(err).code === 'job.busy' ? false : Promise.reject(err)),
    );
    if (!removed) continue;
    result.removed.push(name);
    result.freedBytes += seen.bytes;
  }
  return result;
}

/** Sweeps one after another, and a way for a job about to use its folder to wait for them. */
export class PartsJanitor {
  private sweeping: Promise<unknown> = Promise.resolve();

  constructor(private readonly isRunning: (folder: string) => boolean) {}

  sweep(root: string, olderThanDays: number): Promise<CleanupResult> {
    const next = this.sweeping.then(() => removeAbandonedParts(root, olderThanDays * DAY_MS, this.isRunning));
    this.sweeping = next.catch(() => undefined);
    return next;
  }

  /** Resolves once the sweeps asked for so far are over. */
  async idle(): Promise<void> {
    await this.sweeping;
  }
}
