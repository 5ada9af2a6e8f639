/**
 * Where a download lands: inside the library root chosen by the user, under a name made from the
 * template, never outside the root (no "..", no absolute parts, no symlink escape). Work files live
 * in <root>/.deckhand/ so the final rename or link is on the same file system.
 */
import { constants } from 'node:fs';
import { access, mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { resolveLibraryRoot } from '../library-root';
import { DeckhandError } from '../../../shared/errors';
import type { DownloadSpec } from '../../../shared/download';
import { renderTemplate, templateFields, truncateUtf8 } from '../../../shared/filename';

export interface PlannedName {
  root: string;
  /** Real folder the file goes into (inside the root). */
  dir: string;
  /** File name without and with its extension. */
  stem: string;
  ext: string;
}

const MAX_NAME_BYTES = 255;

export async function exists(p: string): Promise<boolean> {
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
  const given = spec.output.root || fallback;
  // "~/Music/Deckhand" (the options page's example) works here as in the library listing and tagging.
  let root: string;
  try {
    root = resolveLibraryRoot(given);
  } catch {
    throw new DeckhandError('library.no-root', `The library folder must be an absolute path (got "${given}").`);
  }
  try {
    await mkdir(root, { recursive: true });
    return await realpath(root);
  } catch (err) {
    throw new DeckhandError('library.io', `Cannot use the library folder ${root}: ${String(err)}`);
  }
}

/** The folder and name the template gives, created and checked to be inside the root. */
export async function planName(spec: DownloadSpec, root: string, ext: string, formatKey: (key: string) => string = (k) => k): Promise<PlannedName> {
  const segments = renderTemplate(spec.output.template, templateFields(spec.metadata, formatKey), ext);
  const target = path.resolve(root, ...segments);
  if (!isInside(root, target)) throw new DeckhandError('library.path-escape');
  const dir = path.dirname(target);
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw new DeckhandError('library.io', `Cannot create ${dir}: ${String(err)}`);
  }
  const realDir = await realpath(dir);
  if (realDir !== root && !isInside(root, realDir)) throw new DeckhandError('library.path-escape', 'A folder in the path links outside the library.');
  const parsed = path.parse(target);
  return { root, dir: realDir, stem: parsed.name, ext: parsed.ext.slice(1) };
}

/**
 * The n-th name to try for a file: "stem.ext", then "stem (2).ext", "stem (3).ext"... The stem is
 * shortened when the suffix would take the name past 255 bytes (a 300-character title is already
 * at the limit).
 */
export function candidateName(name: PlannedName, n: number, ext = name.ext): string {
  const suffix = n === 1 ? '' : ` (${n})`;
  const tail = `${suffix}.${ext}`;
  const stem = truncateUtf8(name.stem, MAX_NAME_BYTES - Buffer.byteLength(tail)).replace(/[.\s]+$/, '');
  return path.join(name.dir, `${stem || 'Untitled'}${tail}`);
}

export function workRoot(root: string): string {
  return path.join(root, '.deckhand');
}

/** The work folder's name for a job id (safe on every file system). */
export function partsFolderName(jobId: string): string {
  const name = jobId.replace(/[^A-Za-z0-9_.-]/g, '_');
  // "." and ".." would name parts/ or .deckhand/ themselves (a cancel removes the job's folder).
  return name === '.' || name === '..' ? name.replace(/\./g, '_') : name;
}

export function partsDir(root: string, jobId: string): string {
  return path.join(workRoot(root), 'parts', partsFolderName(jobId));
}
