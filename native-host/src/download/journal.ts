/**
 * The resume journal of one job, in its work folder. It describes a prefix of the part file (the
 * HLS segments, or the progressive bytes, safely stored) and, at the end, where the finished file
 * is being placed. It is replaced atomically (tmp + rename) and only after the part file's data was
 * flushed, so after a crash at any point it never claims bytes that are not on disk; resume
 * truncates whatever was written after it.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { OriginalFormat } from '../../../shared/download';
import type { InputContainer, OutputContainer } from '../../../shared/media/types';

export interface Journal {
  version: 2;
  jobId: string;
  /** Identity of the stream (URL without its signature) to refuse resuming a different one. */
  streamKey: string;
  container?: InputContainer;
  /** HLS: segments in the playlist, and the byte length of each one stored so far, in order. */
  segmentsTotal: number;
  sizes: number[];
  hasInit: boolean;
  /** Progressive: bytes stored, and the full length the server announced. */
  received: number;
  totalBytes?: number;
  /**
   * fetching: the part file is being filled; placing: final.tmp is complete and is being given the
   * name `target`; placed: the audio is at `target`, the cue sheet and the cleanup may be left.
   */
  phase: 'fetching' | 'placing' | 'placed';
  target?: string;
  /** Known once final.tmp is written: its container (it names the file) and what the job reports. */
  output?: OutputContainer | OriginalFormat;
  bytes?: number;
  durationMs?: number;
}

const FILE = 'journal.json';

export function streamKey(url: string): string {
  const u = new URL(url);
  return `${u.host}${u.pathname}`;
}

export function newJournal(jobId: string, key: string): Journal {
  return { version: 2, jobId, streamKey: key, segmentsTotal: 0, sizes: [], hasInit: false, received: 0, phase: 'fetching' };
}

export async function loadJournal(dir: string): Promise<Journal | undefined> {
  try {
    const j = JSON.parse(await readFile(path.join(dir, FILE), 'utf8')) as Partial<Journal>;
    const valid = j.version === 2 && Array.isArray(j.sizes) && typeof j.received === 'number' && typeof j.streamKey === 'string';
    return valid ? (j as Journal) : undefined;
  } catch {
    return undefined;
  }
}

export function saveJournal(dir: string, j: Journal): Promise<void> {
  return saveJournalText(dir, JSON.stringify(j));
}

/** Replace the journal with `text` (a snapshot taken earlier: see PartStore's background checkpoints). */
export async function saveJournalText(dir: string, text: string): Promise<void> {
  const file = path.join(dir, FILE);
  const tmp = `${file}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, file);
}

/** Bytes of the part file the journal vouches for. */
export function storedBytes(j: Journal): number {
  let n = j.received;
  for (const s of j.sizes) n += s;
  return n;
}
