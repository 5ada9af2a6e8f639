/**
 * One owner per job's work folder. Two host processes (two browsers, or a restarted worker while
 * the old host is still closing) may be asked for the same job; writing one part file from both
 * would corrupt it. The owner holds <work>/owner.lock, created exclusively (O_EXCL) with its pid.
 * A lock whose process is gone (a killed host) is stale and is taken over; a lock of a live other
 * process refuses the request with job.busy and leaves that process's files alone.
 */
import { randomUUID } from 'node:crypto';
import { open, readFile, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import * as v from 'valibot';
import { DeckhandError } from '../../../shared/errors';

export const LOCK_FILE = 'owner.lock';

const LockSchema = v.object({
  pid: v.pipe(v.number(), v.integer(), v.minValue(1)),
  startedAt: v.number(),
});

/** An empty or half-written lock this young is being written by its owner right now. */
const UNREADABLE_GRACE_MS = 10_000;
/** Rounds of "create, find it taken, judge it stale, take it over" before giving up. */
const MAX_ATTEMPTS = 8;
/** How often a waiting acquire looks at a held lock again. */
const HELD_POLL_MS = 200;
/** A takeover guard older than this was left by a process killed in the middle of one. */
const GUARD_STALE_MS = 5_000;

/** process.kill(pid, 0) checks without signalling; EPERM means it exists but is someone else's. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function errno(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

type Holder = { state: 'free' } | { state: 'held' } | { state: 'stale'; text: string; ino: number };

/** Who holds the lock file: nobody, a live other process, or a dead one (or this one, from a run that died). */
async function inspect(file: string): Promise<Holder> {
  let text: string;
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(file);
    text = await readFile(file, 'utf8');
  } catch (err) {
    if (errno(err) === 'ENOENT') return { state: 'free' };
    throw err;
  }
  let parsed: v.SafeParseResult<typeof LockSchema> | undefined;
  try {
    parsed = v.safeParse(LockSchema, JSON.parse(text));
  } catch {
    parsed = undefined;
  }
  if (!parsed?.success) {
    return Date.now() - info.mtimeMs < UNREADABLE_GRACE_MS ? { state: 'held' } : { state: 'stale', text, ino: Number(info.ino) };
  }
  const { pid } = parsed.output;
  return pid !== process.pid && pidAlive(pid) ? { state: 'held' } : { state: 'stale', text, ino: Number(info.ino) };
}

/**
 * Replaces the stale lock judged as `stale` with ours, under a short-lived guard file: without it,
 * two processes that both judged the same lock stale could each remove a lock (the second one
 * removing the first one's fresh lock) and both go on as owners. Under the guard the lock is
 * removed only if it is still the very file judged (same inode, same text). False: someone else
 * is taking over, or took it.
 */
async function takeOver(file: string, stale: { text: string; ino: number }, ours: string): Promise<boolean> {
  const guard = `${file}.takeover`;
  try {
    await createExclusive(guard, JSON.stringify({ pid: process.pid, startedAt: Date.now() }));
  } catch (err) {
    if (errno(err) !== 'EEXIST') throw err;
    // A guard is held for a few file operations; an old one was left by a process killed mid-takeover.
    const info = await stat(guard).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > GUARD_STALE_MS) await unlink(guard).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 25));
    return false;
  }
  try {
    const info = await stat(file).catch(() => undefined);
    if (info) {
      const text = await readFile(file, 'utf8').catch(() => undefined);
      if (Number(info.ino) !== stale.ino || text !== stale.text) return false;
      await unlink(file);
    }
    try {
      await createExclusive(file, ours);
      return true;
    } catch (err) {
      if (errno(err) === 'EEXIST') return false;
      throw err;
    }
  } finally {
    await unlink(guard).catch(() => undefined);
  }
}

async function createExclusive(file: string, text: string): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
}

export class WorkLock {
  private constructor(
    readonly file: string,
    private readonly text: string,
  ) {}

  /**
   * Takes the lock of the existing folder `work`, or throws job.busy when a live other process
   * holds it. Throws ENOENT when the folder does not exist.
   */
  static async acquire(work: string, opts: { waitMs?: number } = {}): Promise<WorkLock> {
    const file = path.join(work, LOCK_FILE);
    const text = JSON.stringify({ pid: process.pid, startedAt: Date.now(), nonce: randomUUID() });
    const deadline = Date.now() + (opts.waitMs ?? 0);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; ) {
      try {
        await createExclusive(file, text);
        return new WorkLock(file, text);
      } catch (err) {
        if (errno(err) !== 'EEXIST') throw err;
      }
      const holder = await inspect(file);
      if (holder.state === 'held') {
        // A holder that is about to exit (the host of a browser that just closed) lets go soon.
        if (Date.now() >= deadline) throw new DeckhandError('job.busy');
        await new Promise((resolve) => setTimeout(resolve, HELD_POLL_MS));
        continue;
      }
      attempt++;
      if (holder.state === 'stale' && (await takeOver(file, holder, text))) return new WorkLock(file, text);
    }
    throw new DeckhandError('job.busy', 'Another process keeps taking this download’s work folder.');
  }

  /** Lets go, unless the lock is no longer this one (the folder was removed, or taken over). */
  async release(): Promise<void> {
    const current = await readFile(this.file, 'utf8').catch(() => undefined);
    if (current === this.text) await unlink(this.file).catch(() => undefined);
  }
}

/**
 * Removes a job's work folder unless a live other process holds it (job.busy). Taking the lock
 * first means no other process can start on the folder while it is being removed.
 */
export async function removeWorkFolder(work: string): Promise<void> {
  try {
    await WorkLock.acquire(work);
  } catch (err) {
    if (errno(err) === 'ENOENT') return;
    throw err;
  }
  await rm(work, { recursive: true, force: true });
}
