/**
 * tags.folders and tags.scan through the RPC layer (params validated as the extension sends them):
 * files made by ffmpeg, tags read by music-metadata, pages, hidden and outside paths left out.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TagFoldersResult, TagScanPage } from '../../../shared/native-protocol';
import { loadConfig } from '../config';
import { FrameDecoder } from '../framing';
import type { Logger } from '../log';
import { Rpc } from '../rpc';
import { registerTaggingActions } from './index';
import { makeAudio } from './test-media';

const quietLog: Logger = { debug() {}, info() {}, warn() {}, error() {} };
let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'deckhand-scan-'));
  root = path.join(base, 'library');
  mkdirSync(path.join(root, 'Crate A', 'Deeper'), { recursive: true });
  mkdirSync(path.join(root, '.deckhand', 'parts'), { recursive: true });
  mkdirSync(path.join(base, 'outside'));
  makeAudio(path.join(root, 'Crate A', '01 solstice.mp3'), {
    format: 'mp3',
    seconds: 2,
    metadata: { title: 'Solstice Run', artist: 'Mira Lenz', TBPM: '122', TKEY: 'Am', genre: 'House', publisher: 'Lantern', TSRC: 'GBXYZ1900001' },
  });
  makeAudio(path.join(root, 'Crate A', '02 orbit.m4a'), { format: 'm4a', seconds: 2, metadata: { title: 'Low Orbit', artist: 'Juno Brask' } });
  makeAudio(path.join(root, 'Crate A', 'Deeper', '03 deep.mp3'), { format: 'mp3', seconds: 2, metadata: { title: 'Deep' } });
  writeFileSync(path.join(root, 'Crate A', 'notes.txt'), 'not audio');
  writeFileSync(path.join(root, 'Crate A', 'broken.flac'), 'not really flac');
  writeFileSync(path.join(root, '.deckhand', 'parts', 'x.mp3'), 'hidden');
  makeAudio(path.join(base, 'outside', 'secret.mp3'), { format: 'mp3', seconds: 1 });
  symlinkSync(path.join(base, 'outside'), path.join(root, 'Crate A', 'linked'));
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

function host() {
  const sent: Array<{ id?: string; ok?: boolean; result?: unknown; error?: { code: string } }> = [];
  const decoder = new FrameDecoder(Number.MAX_SAFE_INTEGER, { onFrame: (b) => sent.push(JSON.parse(b.toString('utf8'))), onOversize: () => {} });
  const rpc = new Rpc({ write: (f) => decoder.push(f) }, quietLog);
  registerTaggingActions(rpc, loadConfig({ DECKHAND_LIBRARY_ROOT: root, HOME: base }));
  let n = 0;
  return async (action: string, params: unknown) => {
    const id = `t${++n}`;
    rpc.receive(Buffer.from(JSON.stringify({ type: 'call', id, action, params })));
    await rpc.settled();
    return sent.find((m) => m.id === id)!;
  };
}

describe('tags.folders', () => {
  it('lists visible sub-folders relative to the root, never links or the work folder', async () => {
    const call = host();
    expect((await call('tags.folders', {})).result).toEqual({ root, folder: '', folders: ['Crate A'] } satisfies TagFoldersResult);
    expect(((await call('tags.folders', { folder: 'Crate A' })).result as TagFoldersResult).folders).toEqual(['Crate A/Deeper']);
  });
});

describe('tags.scan', () => {
  it('reads each audio file’s tags; unreadable files are listed with their error, other files not at all', async () => {
    const call = host();
    const page = (await call('tags.scan', { folder: 'Crate A' })).result as TagScanPage;
    expect(page.total).toBe(3);
    expect(page.next).toBeUndefined();
    expect(page.files.map((f) => [f.path, f.format, f.writable])).toEqual([
      ['Crate A/01 solstice.mp3', 'mp3', true],
      ['Crate A/02 orbit.m4a', 'm4a', true],
      ['Crate A/broken.flac', 'flac', false],
    ]);
    const [mp3, m4a, flac] = page.files;
    expect(mp3?.tags).toMatchObject({ title: 'Solstice Run', artists: ['Mira Lenz'], bpm: 122, key: 'Am', genre: 'House', label: 'Lantern', isrc: 'GBXYZ1900001' });
    expect(mp3?.tags.durationMs).toBeGreaterThan(1500);
    expect(m4a?.tags).toMatchObject({ title: 'Low Orbit', artists: ['Juno Brask'] });
    expect(flac?.error?.code).toBe('media.corrupt');
  });

  it('pages through a recursive listing with the cursor', async () => {
    const call = host();
    const first = (await call('tags.scan', { folder: 'Crate A', recursive: true, pageSize: 2 })).result as TagScanPage;
    expect(first.total).toBe(4);
    expect(first.files).toHaveLength(2);
    expect(first.next).toBe(2);
    const second = (await call('tags.scan', { folder: path.join(root, 'Crate A'), recursive: true, pageSize: 2, cursor: first.next })).result as TagScanPage;
    expect(second.files.map((f) => f.path)).toEqual(['Crate A/Deeper/03 deep.mp3', 'Crate A/broken.flac']);
    expect(second.next).toBeUndefined();
  });

  it('refuses folders outside the root, directly or through a link', async () => {
    const call = host();
    expect((await call('tags.scan', { folder: '..' })).error?.code).toBe('library.path-escape');
    expect((await call('tags.scan', { folder: 'Crate A/linked' })).error?.code).toBe('library.path-escape');
    expect((await call('tags.scan', { folder: 'nope' })).error?.code).toBe('not-found');
    expect((await call('tags.write', { path: 'Crate A/01 solstice.mp3', tags: { bpm: 'fast' }, keyNotation: 'standard' })).error?.code).toBe('protocol.invalid');
  });
});
