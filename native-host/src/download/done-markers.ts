/**
 * What a finished job reported, kept for a week in <root>/.deckhand/done/<jobId>.json. The browser
 * may lose the job.done event (port closed, host killed right after placing the file) and send the
 * same download.start again: the host then answers with the same result instead of downloading the
 * track a second time under "name (2)".
 */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { JobResult } from '../../../shared/download';
import { workRoot } from './library';

const KEEP_MS = 7 * 24 * 3600 * 1000;

function markerDir(root: string): string {
  return path.join(workRoot(root), 'done');
}

function markerFile(root: string, jobId: string): string {
  return path.join(markerDir(root), `${jobId.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`);
}

/** The earlier result of this job, if its file is still there at the size it had. */
export async function earlierResult(root: string, jobId: string): Promise<JobResult | undefined> {
  try {
    const result = JSON.parse(await readFile(markerFile(root, jobId), 'utf8')) as JobResult;
    if (result.jobId !== jobId || typeof result.path !== 'string') return undefined;
    const info = await stat(result.path);
    return info.size === result.bytes ? result : undefined;
  } catch {
    return undefined;
  }
}

export async function recordResult(root: string, result: JobResult): Promise<void> {
  const dir = markerDir(root);
  await mkdir(dir, { recursive: true });
  const file = markerFile(root, result.jobId);
  await writeFile(`${file}.tmp`, JSON.stringify(result));
  await rename(`${file}.tmp`, file);
  await pruneOld(dir);
}

async function pruneOld(dir: string): Promise<void> {
  const now = Date.now();
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => undefined);
    if (info && now - info.mtimeMs > KEEP_MS) await rm(file, { force: true });
  }
}
