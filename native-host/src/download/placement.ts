/**
 * Giving a finished file its name in the library, atomically and without clobbering: a hard link
 * claims a free name in one step (EEXIST if another file or another job got there first), where
 * "check, then rename" could overwrite a file written in between. The journal records the name
 * being claimed, so a job killed half-way through recognises its own file on restart.
 */
import { copyFile, link, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DeckhandError } from '../../../shared/errors';
import type { OnExists } from '../../../shared/download';
import { saveJournal, type Journal } from './journal';
import { candidateName, exists, type PlannedName } from './library';

export interface PlaceRequest {
  work: string;
  journal: Journal;
  name: PlannedName;
  policy: OnExists;
  /** The complete file to place. */
  tmp: string;
  /** A cue sheet will follow: with "rename", pick a name whose .cue is free too. */
  withCue: boolean;
}

const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'ENOSYS', 'EMLINK']);

function ioError(err: unknown, target: string): DeckhandError {
  return new DeckhandError('library.io', `Cannot write ${target}: ${(err as Error).message ?? String(err)}`);
}

/** rename(), or a copy beside the target first when the work folder is on another file system. */
async function moveInto(tmp: string, target: string): Promise<void> {
  try {
    await rename(tmp, target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    const beside = path.join(path.dirname(target), `.${path.basename(target)}.deckhand-tmp`);
    await copyFile(tmp, beside);
    await rename(beside, target);
    await rm(tmp, { force: true });
  }
}

/** Put `tmp` at `target`: 'placed', or 'taken' when a file is already there (never replaced unless overwrite). */
export async function claim(tmp: string, target: string, overwrite: boolean): Promise<'placed' | 'taken'> {
  try {
    if (overwrite) {
      await moveInto(tmp, target);
      return 'placed';
    }
    try {
      await link(tmp, target);
      return 'placed';
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      if (code === 'EEXIST') return 'taken';
      if (!NO_HARD_LINKS.has(code)) throw err;
      // A file system without hard links (FAT, some network shares): check, then rename.
      if (await exists(target)) return 'taken';
      await moveInto(tmp, target);
      return 'placed';
    }
  } catch (err) {
    throw ioError(err, target);
  }
}

async function sameFile(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([stat(a).catch(() => undefined), stat(b).catch(() => undefined)]);
  return !!x && !!y && x.ino === y.ino && x.dev === y.dev;
}

export function cuePathOf(audio: string): string {
  return `${audio.slice(0, audio.length - path.extname(audio).length)}.cue`;
}

/**
 * The audio's final path, or undefined when the policy is "skip" and the name is taken. A rerun
 * after a crash finds the file it already placed instead of placing it twice.
 */
export async function placeAudio(req: PlaceRequest): Promise<string | undefined> {
  const j = req.journal;
  if (j.phase === 'placed' && j.target && (await exists(j.target))) return j.target;
  if (j.phase !== 'fetching' && j.target) {
    if (!(await exists(req.tmp))) return j.target; // the rename went through
    if (await sameFile(req.tmp, j.target)) return j.target; // the link went through
  }
  for (let n = 1; n < 1000; n++) {
    const candidate = candidateName(req.name, n);
    if (req.withCue && req.policy === 'rename' && (await exists(cuePathOf(candidate)))) continue;
    j.phase = 'placing';
    j.target = candidate;
    await saveJournal(req.work, j);
    if ((await claim(req.tmp, candidate, req.policy === 'overwrite')) === 'placed') return candidate;
    if (req.policy === 'skip') return undefined;
  }
  throw new DeckhandError('library.exists', 'Every name up to "(999)" is taken.');
}

/**
 * The cue sheet beside the placed audio (same name, .cue). Returns its path, or undefined when a
 * different file already has that name (it is never replaced, except with "overwrite").
 */
export async function placeCue(work: string, audio: string, text: string, policy: OnExists): Promise<string | undefined> {
  const target = cuePathOf(audio);
  const tmp = path.join(work, 'cue.tmp');
  try {
    // An earlier run may have linked cue.tmp into the library: unlink first, never write through it.
    await rm(tmp, { force: true });
    await writeFile(tmp, text);
  } catch (err) {
    throw ioError(err, tmp);
  }
  if ((await claim(tmp, target, policy === 'overwrite')) === 'placed') return target;
  // Taken: by this job's earlier run (same text), or by someone else's file.
  const existing = await readFile(target, 'utf8').catch(() => undefined);
  return existing === text ? target : undefined;
}
