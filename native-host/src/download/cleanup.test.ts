/**
 * Housekeeping of abandoned part folders: the sweep itself (ages, running jobs, folders locked by a
 * live host process, things that are not ours), and on the real bundled host, at start and through
 * download.cleanup.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHost, HostProcess, removeTempDirs, tempDir } from '../../test/host-process';
import { DAY_MS, partsRoot, removeAbandonedParts } from './cleanup';
import { LOCK_FILE } from './work-lock';

const NOW = Date.now();

/** A job folder under `root` whose files were last written `ageDays` ago. */
function jobFolder(root: string, name: string, ageDays: number, files: Record<string, number> = { 'journal.json': 100, 'data.part': 5000 }): string {
  const dir = path.join(partsRoot(root), name);
  mkdirSync(dir, { recursive: true });
  const when = new Date(NOW - ageDays * DAY_MS);
  for (const [file, size] of Object.entries(files)) {
    writeFileSync(path.join(dir, file), Buffer.alloc(size));
    utimesSync(path.join(dir, file), when, when);
  }
  utimesSync(dir, when, when);
  return dir;
}

afterAll(() => removeTempDirs());

describe('removeAbandonedParts', () => {
  it('removes folders idle for longer than the age, and says what it freed', async () => {
    const root = tempDir();
    const old = jobFolder(root, 'old-job', 30);
    const recent = jobFolder(root, 'recent-job', 2);
    const result = await removeAbandonedParts(root, 7 * DAY_MS, () => false, NOW);
    expect(result).toEqual({ root, removed: ['old-job'], freedBytes: 5100 });
    expect(existsSync(old)).toBe(false);
    expect(existsSync(recent)).toBe(true);
  });

  it('keeps an old folder with one recently written file (a job resumed after weeks)', async () => {
    const root = tempDir();
    const dir = jobFolder(root, 'resumed', 30);
    writeFileSync(path.join(dir, 'journal.json'), '{}');
    expect((await removeAbandonedParts(root, 7 * DAY_MS, () => false, NOW)).removed).toEqual([]);
    expect(existsSync(dir)).toBe(true);
  });

  it('never touches the folder of a running job, however old', async () => {
    const root = tempDir();
    const running = jobFolder(root, 'running-job', 60);
    const result = await removeAbandonedParts(root, 7 * DAY_MS, (folder) => folder === 'running-job', NOW);
    expect(result.removed).toEqual([]);
    expect(existsSync(running)).toBe(true);
  });

  it('keeps anything written in the last hour even when asked for age 0 (another host may run it)', async () => {
    const root = tempDir();
    jobFolder(root, 'minutes-old', 10 / (24 * 60));
    jobFolder(root, 'day-old', 1);
    expect((await removeAbandonedParts(root, 0, () => false, NOW)).removed).toEqual(['day-old']);
  });

  it('keeps an idle folder whose lock a live host process holds, removes one whose holder died', async () => {
    const root = tempDir();
    const alive = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e6)'], { stdio: 'ignore' });
    const dead = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    await new Promise((resolve) => dead.once('exit', resolve));
    try {
      for (const [name, pid] of [['held', alive.pid], ['orphaned', dead.pid]] as const) {
        jobFolder(root, name, 30, { 'journal.json': 100, [LOCK_FILE]: 0 });
        const lock = path.join(partsRoot(root), name, LOCK_FILE);
        writeFileSync(lock, JSON.stringify({ pid, startedAt: NOW - 30 * DAY_MS }));
        utimesSync(lock, new Date(NOW - 30 * DAY_MS), new Date(NOW - 30 * DAY_MS));
      }
      expect((await removeAbandonedParts(root, 7 * DAY_MS, () => false, NOW)).removed).toEqual(['orphaned']);
      expect(existsSync(path.join(partsRoot(root), 'held', 'journal.json'))).toBe(true);
    } finally {
      alive.kill('SIGKILL');
    }
  });

  it('leaves symlinks and stray files in parts/ alone, and a library without parts/ is fine', async () => {
    const root = tempDir();
    const outside = tempDir();
    writeFileSync(path.join(outside, 'precious.flac'), 'keep');
    mkdirSync(partsRoot(root), { recursive: true });
    symlinkSync(outside, path.join(partsRoot(root), 'link'));
    writeFileSync(path.join(partsRoot(root), 'stray.txt'), 'x');
    const when = new Date(NOW - 90 * DAY_MS);
    utimesSync(path.join(partsRoot(root), 'stray.txt'), when, when);
    expect((await removeAbandonedParts(root, DAY_MS, () => false, NOW)).removed).toEqual([]);
    expect(existsSync(path.join(outside, 'precious.flac'))).toBe(true);
    expect(await removeAbandonedParts(tempDir(), DAY_MS, () => false, NOW)).toMatchObject({ removed: [], freedBytes: 0 });
  });
});

describe('the host', () => {
  beforeAll(() => buildHost());

  it('removes abandoned part folders of its default library when it starts', async () => {
    const library = tempDir();
    const old = jobFolder(library, 'forgotten', 8);
    const recent = jobFolder(library, 'paused-yesterday', 1);
    const host = new HostProcess({ env: { DECKHAND_LIBRARY_ROOT: library } });
    try {
      await host.call('h', 'hello', { protocol: 1 });
      for (let i = 0; i < 100 && existsSync(old); i++) await new Promise((r) => setTimeout(r, 20));
      expect(existsSync(old)).toBe(false);
      expect(existsSync(recent)).toBe(true);
    } finally {
      host.kill();
    }
  });

  it('download.cleanup sweeps a given root with a given age, and validates its params', async () => {
    const library = tempDir();
    const other = tempDir();
    const host = new HostProcess({ env: { DECKHAND_LIBRARY_ROOT: library, DECKHAND_ABANDONED_PARTS_DAYS: '30' } });
    try {
      await host.call('h', 'hello', { protocol: 1 });
      const twoDays = jobFolder(other, 'two-days', 2);
      const tenDays = jobFolder(other, 'ten-days', 10);
      // The host's own setting (30 days) keeps both.
      expect(await host.call('c1', 'download.cleanup', { root: other })).toMatchObject({ ok: true, result: { removed: [] } });
      expect(await host.call('c2', 'download.cleanup', { root: other, olderThanDays: 7 })).toMatchObject({
        ok: true,
        result: { root: other, removed: ['ten-days'], freedBytes: 5100 },
      });
      expect(existsSync(tenDays)).toBe(false);
      expect(existsSync(twoDays)).toBe(true);
      expect(await host.call('c3', 'download.cleanup', { root: 'relative/path' })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
      expect(await host.call('c4', 'download.cleanup', { olderThanDays: -1 })).toMatchObject({ ok: false, error: { code: 'protocol.invalid' } });
    } finally {
      host.kill();
    }
  });
});
