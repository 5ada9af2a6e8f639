/**
 * Where a download lands: inside the library root chosen by the user, under a name made from the
 * template, never outside the root (no "..", no absolute parts, no symlink escape), with a collision
 * policy. Part files live in <root>/.deckhand/parts so the final rename is atomic (same file system).
 */
import { constants } from 'node:fs';
import { access, mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { DeckhandError } from '../../../shared/errors';
import type { DownloadSpec } from '../../../shared/download';
import { renderTemplate, templateFields } from '../../../shared/filename';

export interface PlannedPath {
  root: string;
  /** Absolute final path (after the collision policy). */
  target: string;
  /** The file already exists and the policy says skip. */
  skip: boolean;
}

async function exists(p: string): Promise<boolean> {
  try {
    await access(p, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}

export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

export async function libraryRoot(spec: DownloadSpec, fallback: string): Promise<string> {
  const root = spec.output.root || fallback;
  if (!root || !path.isAbsolute(root)) throw new DeckhandError('library.no-root', `The library folder must be an absolute path (got "${root}").`);
  try {
    await mkdir(root, { recursive: true });
    return await realpath(root);
  } catch (err) {
    throw new DeckhandError('library.io', `Cannot use the library folder ${root}: ${String(err)}`);
  }
}

export async function planPath(
  spec: DownloadSpec,
  root: string,
  ext: string,
  formatKey: (key: string) => string = (k) => k,
): Promise<PlannedPath> {
  const segments = renderTemplate(spec.output.template, templateFields(spec.metadata, formatKey), ext);
  let target = path.resolve(root, ...segments);
  if (!isInside(root, target)) throw new DeckhandError('library.path-escape');
  const dir = path.dirname(target);
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw new DeckhandError('library.io', `Cannot create ${dir}: ${String(err)}`);
  }
  const realDir = await realpath(dir);
  if (realDir !== root && !isInside(root, realDir)) throw new DeckhandError('library.path-escape', 'A folder in the path links outside the library.');
  target = path.join(realDir, path.basename(target));
  const policy = spec.output.onExists ?? 'rename';
  if (!(await exists(target)) || policy === 'overwrite') return { root, target, skip: false };
  if (policy === 'skip') return { root, target, skip: true };
  const { name, ext: dotExt } = path.parse(target);
  for (let n = 2; n < 1000; n++) {
    const candidate = path.join(realDir, `${name} (${n})${dotExt}`);
    if (!(await exists(candidate))) return { root, target: candidate, skip: false };
  }
  throw new DeckhandError('library.exists');
}

export function partsDir(root: string, jobId: string): string {
  return path.join(root, '.deckhand', 'parts', jobId.replace(/[^A-Za-z0-9_.-]/g, '_'));
}
