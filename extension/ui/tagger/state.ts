/**
 * The "Tag files" page's state: a folder is scanned page by page through the native host, each
 * file is matched to Beatport through the background (a few at a time: the Beatport limiter spaces
 * the requests anyway), the user accepts rows, and accepted rows are written one file at a time.
 */
import { signal, computed } from '@preact/signals';
import { DeckhandError, type ErrorInfo } from '../../../shared/errors';
import type { KeyNotation } from '../../../shared/keys';
import type { TaggerFile, TaggerProposal } from '../../../shared/messages';
import type { FileTagsView, ScannedFile, TagScanPage } from '../../../shared/native-protocol';
import { send } from '../../core/messaging';

/** Matches asked for at once. */
const MATCH_CONCURRENCY = 3;
export const DEFAULT_ACCEPT_PERCENT = 90;

export interface Row {
  file: ScannedFile;
  match: 'waiting' | 'matching' | 'done' | 'failed';
  proposal?: TaggerProposal;
  matchError?: ErrorInfo;
  accepted: boolean;
  write?: 'writing' | 'written' | 'failed';
  writeError?: ErrorInfo;
  /** The tags read back after the write. */
  written?: FileTagsView;
}

export const folder = signal('');
export const recursive = signal(false);
export const folders = signal<string[]>([]);
export const libraryRoot = signal<string | undefined>(undefined);
export const notation = signal<KeyNotation>('standard');
export const rows = signal<Row[]>([]);
export const phase = signal<'idle' | 'scanning' | 'matching' | 'review' | 'writing' | 'done'>('idle');
export const scanned = signal({ done: 0, total: 0 });
export const problem = signal<string | undefined>(undefined);

/** Rows the write would change: matched, with something to set. */
export const writable = (row: Row) => row.file.writable && !!row.proposal && Object.keys(row.proposal.proposed).some((k) => k !== 'extra');
export const acceptedRows = computed(() => rows.value.filter((r) => r.accepted && writable(r) && r.write !== 'written'));
export const matchedCount = computed(() => rows.value.filter((r) => r.match === 'done' || r.match === 'failed').length);

const why = (err: unknown) => DeckhandError.from(err).message;

function update(path: string, patch: Partial<Row>): void {
  rows.value = rows.value.map((r) => (r.file.path === path ? { ...r, ...patch } : r));
}

export async function loadFolders(parent = ''): Promise<void> {
  try {
    const result = await send('tagger.folders', parent ? { folder: parent } : {});
    libraryRoot.value = result.root;
    folders.value = result.folders;
    problem.value = undefined;
  } catch (err) {
    problem.value = `The library folder could not be read: ${why(err)}`;
  }
}

function fileForMatch(f: ScannedFile): TaggerFile {
  const t = f.tags;
  return {
    path: f.path,
    ...(t.title ? { title: t.title } : {}),
    ...(t.artists?.length ? { artists: t.artists } : {}),
    ...(t.durationMs !== undefined ? { durationMs: t.durationMs } : {}),
    ...(t.isrc ? { isrc: t.isrc } : {}),
    ...(t.bpm !== undefined ? { bpm: t.bpm } : {}),
    ...(t.key ? { key: t.key } : {}),
    ...(t.genre ? { genre: t.genre } : {}),
    ...(t.label ? { label: t.label } : {}),
  };
}

async function matchAll(): Promise<void> {
  const queue = rows.value.filter((r) => r.match === 'waiting').map((r) => r.file);
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      update(file.path, { match: 'matching' });
      try {
        const proposal = await send('tagger.match', { file: fileForMatch(file) });
        update(file.path, { match: 'done', proposal });
      } catch (err) {
        update(file.path, { match: 'failed', matchError: DeckhandError.from(err).toJSON() });
      }
    }
  };
  await Promise.all(Array.from({ length: MATCH_CONCURRENCY }, worker));
}

/** Scan the folder (every page), then match every readable file. */
export async function scanAndMatch(): Promise<void> {
  rows.value = [];
  problem.value = undefined;
  phase.value = 'scanning';
  scanned.value = { done: 0, total: 0 };
  try {
    let cursor: number | undefined = 0;
    while (cursor !== undefined) {
      const page: TagScanPage = await send('tagger.scan', { folder: folder.value.trim(), recursive: recursive.value, ...(cursor ? { cursor } : {}) });
      const fresh: Row[] = page.files.map((file) => ({ file, match: file.error ? 'failed' : 'waiting', ...(file.error ? { matchError: file.error } : {}), accepted: false }));
      rows.value = [...rows.value, ...fresh];
      scanned.value = { done: rows.value.length, total: page.total };
      cursor = page.next;
    }
  } catch (err) {
    problem.value = `The folder could not be scanned: ${why(err)}`;
    phase.value = 'idle';
    return;
  }
  phase.value = 'matching';
  await matchAll();
  phase.value = 'review';
}

export function setAccepted(path: string, accepted: boolean): void {
  update(path, { accepted });
}

/** Accept every writable row whose score is at least `percent`. Returns how many are accepted now. */
export function acceptAbove(percent: number): number {
  rows.value = rows.value.map((r) => (writable(r) && (r.proposal?.match.score ?? 0) * 100 >= percent ? { ...r, accepted: true } : r));
  return acceptedRows.value.length;
}

/** Write the accepted rows one after another (each is a whole-file copy on disk). */
export async function writeAccepted(): Promise<void> {
  phase.value = 'writing';
  for (const row of acceptedRows.value) {
    const proposal = row.proposal as TaggerProposal;
    update(row.file.path, { write: 'writing' });
    try {
      const result = await send('tagger.write', { path: row.file.path, tags: proposal.proposed });
      update(row.file.path, { write: 'written', written: result.tags, writeError: undefined });
    } catch (err) {
      update(row.file.path, { write: 'failed', writeError: DeckhandError.from(err).toJSON() });
    }
  }
  phase.value = 'done';
}
