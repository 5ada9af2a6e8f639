/**
 * The resume journal of one job: which segments are safely in the part file and how long each is.
 * Written atomically (tmp + rename) after every segment, so a crash at any point leaves a journal
 * that describes a prefix of the part file; resume truncates the rest.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { InputContainer } from '../../../shared/media/types';

export interface Journal {
  version: 1;
  jobId: string;
  /** Identity of the stream (URL without its signature) to refuse resuming a different one. */
  streamKey: string;
  container?: InputContainer;
  segmentsTotal: number;
  /** Byte length of each segment stored, in order. */
  sizes: number[];
  hasInit: boolean;
}

export function streamKey(url: string): string {
  const u = new URL(url);
  return `${u.host}${u.pathname}`;
}

export async function loadJournal(dir: string): Promise<Journal | undefined> {
  try {
    const j = JSON.parse(await readFile(path.join(dir, 'journal.json'), 'utf8')) as Journal;
    return j.version === 1 && Array.isArray(j.sizes) ? j : undefined;
  } catch {
    return undefined;
  }
}

export async function saveJournal(dir: string, j: Journal): Promise<void> {
  const file = path.join(dir, 'journal.json');
  const tmp = `${file}.tmp`;
  await writeFile(tmp, JSON.stringify(j));
  await rename(tmp, file);
}

export function storedBytes(j: Journal): number {
  let n = 0;
  for (const s of j.sizes) n += s;
  return n;
}
