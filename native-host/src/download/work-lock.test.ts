/**
 * The work-folder lock against real other processes: a live one keeps the folder (job.busy, its
 * files untouched), a dead one's lock is taken over, and of several processes racing for a stale
 * lock exactly one wins.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { removeTempDirs, REPO_ROOT, tempDir } from '../../test/host-process';
import { LOCK_FILE, pidAlive, removeWorkFolder, WorkLock } from './work-lock';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});
afterAll(() => removeTempDirs());

function workFolder(): string {
  const work = path.join(tempDir(), '.deckhand', 'parts', 'job-1');
  mkdirSync(work, { recursive: true });
  writeFileSync(path.join(work, 'data.part'), 'other process data');
  return work;
}

/** A plain node process that takes the lock itself (O_EXCL, its own pid) and stays alive. */
async function otherProcessHolding(work: string): Promise<ChildProcess> {
  const file = path.join(work, LOCK_FILE);
  const script = `require('fs').writeFileSync(${JSON.stringify(file)}, JSON.stringify({ pid: process.pid, startedAt: Date.now() }), { flag: 'wx' }); console.log('locked'); setInterval(() => {}, 1e6);`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
  return child;
}

async function killed(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

function lockOf(work: string): { pid: number; startedAt: number } {
  return JSON.parse(readFileSync(path.join(work, LOCK_FILE), 'utf8')) as { pid: number; startedAt: number };
}

describe('WorkLock', () => {
  it('holds the folder with this pid and lets go on release', async () => {
    const work = workFolder();
    const before = Date.now();
    const lock = await WorkLock.acquire(work);
    expect(lockOf(work).pid).toBe(process.pid);
    expect(lockOf(work).startedAt).toBeGreaterThanOrEqual(before);
    await lock.release();
    expect(existsSync(path.join(work, LOCK_FILE))).toBe(false);
  });

  it('refuses with job.busy while a live other process holds it, and leaves its files alone', async () => {
    const work = workFolder();
    const holder = await otherProcessHolding(work);
    await expect(WorkLock.acquire(work)).rejects.toMatchObject({ code: 'job.busy', expected: true });
    await expect(removeWorkFolder(work)).rejects.toMatchObject({ code: 'job.busy' });
    expect(readFileSync(path.join(work, 'data.part'), 'utf8')).toBe('other process data');
    expect(lockOf(work).pid).toBe(holder.pid);
  });

  it('waits for a live holder that exits (a closing host), and gives up with job.busy when it does not', async () => {
    const work = workFolder();
    const holder = await otherProcessHolding(work);
    const started = Date.now();
    await expect(WorkLock.acquire(work, { waitMs: 600 })).rejects.toMatchObject({ code: 'job.busy' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    setTimeout(() => holder.kill('SIGKILL'), 500);
    const lock = await WorkLock.acquire(work, { waitMs: 10_000 });
    expect(lockOf(work).pid).toBe(process.pid);
    await lock.release();
  });

  it('takes over the lock of a process that died (SIGKILL)', async () => {
    const work = workFolder();
    const holder = await otherProcessHolding(work);
    await killed(holder);
    expect(pidAlive(holder.pid as number)).toBe(false);
    const lock = await WorkLock.acquire(work);
    expect(lockOf(work).pid).toBe(process.pid);
    expect(readFileSync(path.join(work, 'data.part'), 'utf8')).toBe('other process data');
    await lock.release();
  });

  it('counts a process it may not signal (EPERM: another user) as alive', () => {
    // pid 1 runs as root; the test does not (when it does, kill(1, 0) succeeds: alive as well).
    expect(pidAlive(1)).toBe(true);
  });

  it('treats an unreadable lock as being written while young, as stale once old', async () => {
    const work = workFolder();
    const file = path.join(work, LOCK_FILE);
    writeFileSync(file, '');
    await expect(WorkLock.acquire(work)).rejects.toMatchObject({ code: 'job.busy' });
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    const lock = await WorkLock.acquire(work);
    expect(lockOf(work).pid).toBe(process.pid);
    await lock.release();
  });

  it('does not remove on release a lock another process has taken since', async () => {
    const work = workFolder();
    const lock = await WorkLock.acquire(work);
    const theirs = JSON.stringify({ pid: 1, startedAt: Date.now() });
    writeFileSync(path.join(work, LOCK_FILE), theirs);
    await lock.release();
    expect(readFileSync(path.join(work, LOCK_FILE), 'utf8')).toBe(theirs);
  });

  it('removeWorkFolder removes a folder whose holder died, and ignores a missing one', async () => {
    const work = workFolder();
    await killed(await otherProcessHolding(work));
    await removeWorkFolder(work);
    expect(existsSync(work)).toBe(false);
    await expect(removeWorkFolder(work)).resolves.toBeUndefined();
  });

  it('lets exactly one of several processes racing for a stale lock win', async () => {
    const work = workFolder();
    await killed(await otherProcessHolding(work));
    // Each racer reports, then keeps its process (and so any lock it won) until every racer has
    // reported: a winner that exited early would leave a stale lock a slow starter could take over.
    const racer = `
      import { WorkLock } from ${JSON.stringify(path.join(REPO_ROOT, 'native-host/src/download/work-lock.ts'))};
      const go = Number(process.argv[1]);
      setTimeout(async () => {
        try { await WorkLock.acquire(${JSON.stringify(work)}); console.log('won'); }
        catch (err) { console.log(err.code); }
        process.stdin.on('end', () => process.exit(0));
        process.stdin.resume();
      }, Math.max(0, go - Date.now()));`;
    // Started together and released at one agreed moment, after the slow tsx start-up of each.
    const go = String(Date.now() + 4000);
    const racers = [0, 1, 2].map(() => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', racer, go], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
      children.push(child);
      let out = '';
      const reported = new Promise<string>((resolve) => {
        child.stdout?.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('\n')) resolve(out.trim());
        });
        child.once('exit', () => resolve(out.trim()));
      });
      return { child, reported };
    });
    const results = await Promise.all(racers.map((r) => r.reported));
    for (const { child } of racers) child.stdin?.end();
    expect(results.filter((r) => r === 'won')).toHaveLength(1);
    expect(results.filter((r) => r === 'job.busy')).toHaveLength(2);
  }, 30_000);
});
