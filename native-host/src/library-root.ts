/**
 * The library folder as the user wrote it, made absolute. Its own module because the host's actions,
 * the download engine, tagging and uploads all need it, and actions.ts imports the latter two.
 */
import { homedir } from 'node:os';
import path from 'node:path';
import { DeckhandError } from '../../shared/errors';

/** "~/Music" is how people write paths in a settings field; anything else must be absolute. */
export function resolveLibraryRoot(root: string, home = homedir()): string {
  const expanded = root === '~' ? home : root.startsWith('~/') || root.startsWith('~\\') ? path.join(home, root.slice(2)) : root;
  if (!path.isAbsolute(expanded)) throw new DeckhandError('input.invalid', `The library folder must be an absolute path, not "${root}".`);
  return path.normalize(expanded);
}
