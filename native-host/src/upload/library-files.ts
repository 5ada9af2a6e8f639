/**
 * The library as the upload page sees it: audio files under the root, by paths relative to it. A
 * path from the extension is resolved and checked (after following links) to be inside the root.
 */
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { DeckhandError } from '../../../shared/errors';
import type { LibraryFile, LibraryListing } from '../../../shared/native-protocol';
import { isInside } from '../download/library';
import { resolveLibraryRoot } from '../library-root';

export const AUDIO_FILE = /\.(mp3|m4a|aac|wav|flac|ogg|aiff?|mp2|wma|amr)$/i;
/** A listing goes into one frame (1 MiB); this many rows stay well below it. */
export const MAX_LISTED = 2000;
const MAX_DEPTH = 12;

async function realRoot(root: string): Promise<string> {
  const resolved = resolveLibraryRoot(root);
  try {
    return await realpath(resolved);
  } catch {
    throw new DeckhandError('library.no-root', `The library folder ${resolved} does not exist.`);
  }
}

/** Audio files, newest first; hidden folders (".deckhand" work files) and links leaving the root are skipped. */
export async function listLibrary(rootParam: string, max = MAX_LISTED): Promise<LibraryListing> {
  const root = await realRoot(rootParam);
  const found: LibraryFile[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && depth < MAX_DEPTH) await walk(full, depth + 1);
      else if ((entry.isFile() || entry.isSymbolicLink()) && AUDIO_FILE.test(entry.name)) {
        const real = await realpath(full).catch(() => undefined);
        const info = real && isInside(root, real) ? await stat(real).catch(() => undefined) : undefined;
        if (info?.isFile()) found.push({ path: path.relative(root, full).split(path.sep).join('/'), size: info.size, mtimeMs: Math.round(info.mtimeMs) });
      }
    }
  };
  await walk(root, 0);
  found.sort((a, b) => b.mtimeMs - a.mtimeMs || a.path.localeCompare(b.path));
  return { root, files: found.slice(0, max), truncated: found.length > max };
}

/** The absolute path of a library file named by the extension; refuses anything outside the root. */
export async function libraryFile(rootParam: string, relative: string): Promise<{ path: string; size: number }> {
  const root = await realRoot(rootParam);
  if (path.isAbsolute(relative) || relative.split(/[\\/]/).includes('..')) throw new DeckhandError('library.path-escape', `"${relative}" is not a path inside the library.`);
  const joined = path.resolve(root, relative);
  const real = await realpath(joined).catch(() => undefined);
  if (!real) throw new DeckhandError('not-found', `${relative} is not in the library.`);
  if (!isInside(root, real)) throw new DeckhandError('library.path-escape', `"${relative}" leads outside the library.`);
  const info = await lstat(real);
  if (!info.isFile()) throw new DeckhandError('not-found', `${relative} is not a file.`);
  if (!AUDIO_FILE.test(real)) throw new DeckhandError('input.invalid', `${relative} is not an audio file.`);
  return { path: real, size: info.size };
}
