/**
 * Where tagging may look and write: inside the library root only. Paths from the extension are
 * relative to the root (or absolute under it); both the path as given and its real path (symlinks
 * resolved) must stay inside the root's real path, so a symlink cannot lead the host out of it.
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { DeckhandError } from '../../../shared/errors';
import { resolveLibraryRoot } from '../library-root';

export interface LibraryPlace {
  /** The root as configured (absolute, normalised). */
  root: string;
  /** The root's real path. */
  realRoot: string;
  /** The target's real path (inside realRoot). */
  real: string;
  /** The target relative to the root, with `/` separators ('' = the root). */
  relative: string;
}

function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export function toSlashes(rel: string): string {
  return rel.split(path.sep).join('/');
}

async function realOf(p: string, what: string): Promise<string> {
  try {
    return await realpath(p);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new DeckhandError('not-found', `${what} does not exist: ${p}`);
    throw new DeckhandError('library.io', `${what} cannot be read: ${(err as Error).message}`);
  }
}

/** Resolve `target` (relative to the root, or absolute) to a real path inside the library root. */
export async function placeInLibrary(rootParam: string, target: string): Promise<LibraryPlace> {
  const root = resolveLibraryRoot(rootParam);
  const realRoot = await realOf(root, 'The library folder');
  const asGiven = path.resolve(root, target);
  // An absolute path may name the root through its real path (a symlinked home, for instance).
  if (!isInside(root, asGiven) && !isInside(realRoot, asGiven)) {
    throw new DeckhandError('library.path-escape', `"${target}" is outside the library folder ${root}.`);
  }
  const real = await realOf(asGiven, 'The path');
  if (!isInside(realRoot, real)) {
    throw new DeckhandError('library.path-escape', `"${target}" leads outside the library folder (through a link).`);
  }
  return { root, realRoot, real, relative: toSlashes(path.relative(realRoot, real)) };
}
