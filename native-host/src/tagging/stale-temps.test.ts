/** Hidden copies left by a host that died mid-write are removed when tags.scan lists their folder. */
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTaggerTemp } from './replace-file';
import { scanFolder } from './scan';

let root: string;
const crate = () => path.join(root, 'Crate');
const deeper = () => path.join(root, 'Crate', 'Deeper');
const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);

function leftBehind(dir: string, name: string, old: boolean): string {
  const file = path.join(dir, name);
  writeFileSync(file, 'half a file');
  if (old) utimesSync(file, twoHoursAgo, twoHoursAgo);
  return file;
}

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'deckhand-stale-'));
  mkdirSync(deeper(), { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('stale tagger copies', () => {
  it('knows its own temporary names only', () => {
    expect(isTaggerTemp('.01 track.mp3.deckhand-0a1b2c3d.tmp')).toBe(true);
    expect(isTaggerTemp('.01 track.mp3.deckhand-0a1b2c3d.tmp.mp3')).toBe(false);
    expect(isTaggerTemp('01 track.mp3.deckhand-0a1b2c3d.tmp')).toBe(false);
    expect(isTaggerTemp('.notes.tmp')).toBe(false);
  });

  it('removes copies older than an hour in the scanned folders, and leaves fresh ones and other hidden files', async () => {
    const stale = leftBehind(crate(), '.a.mp3.deckhand-0a1b2c3d.tmp', true);
    const staleDeeper = leftBehind(deeper(), '.b.m4a.deckhand-ffffffff.tmp', true);
    const fresh = leftBehind(crate(), '.c.mp3.deckhand-12345678.tmp', false);
    const foreign = leftBehind(crate(), '.DS_Store', true);
    await scanFolder(root, 'Crate', { recursive: false });
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(staleDeeper)).toBe(true); // not listed without "recursive"
    expect(existsSync(fresh)).toBe(true);
    expect(existsSync(foreign)).toBe(true);
    await scanFolder(root, 'Crate', { recursive: true });
    expect(existsSync(staleDeeper)).toBe(false);
  });
});
