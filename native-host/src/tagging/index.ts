/**
 * The tagging actions ("Tag files in a folder", issue 7): tags.folders, tags.scan and tags.write.
 * Everything stays inside the library root (paths.ts). Writes to one file are serialised, so two
 * calls for the same file never race on its temporary copy.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { DeckhandError } from '../../../shared/errors';
import type { KeyNotation } from '../../../shared/keys';
import { HostActionParams, type TagEdit, type TagWriteResult } from '../../../shared/native-protocol';
import type { HostConfig } from '../config';
import type { Rpc } from '../rpc';
import { editedFields, tagsOfEdit } from './edit';
import { placeInLibrary } from './paths';
import { replaceFile } from './replace-file';
import { m4aRewriter, mp3Rewriter, type Rewriter } from './rewrite';
import { formatOf, listFolders, readFileTags, scanFolder } from './scan';

const writing = new Map<string, Promise<unknown>>();

/** Run `work` after any write to the same file has finished. */
function oneAtATime<T>(file: string, work: () => Promise<T>): Promise<T> {
  const before = writing.get(file) ?? Promise.resolve();
  const run = before.catch(() => undefined).then(work);
  const tail = run.catch(() => undefined);
  writing.set(file, tail);
  void tail.then(() => {
    if (writing.get(file) === tail) writing.delete(file);
  });
  return run;
}

export async function writeFileTags(root: string, target: string, edit: TagEdit, notation: KeyNotation): Promise<TagWriteResult & { fields: string[] }> {
  const place = await placeInLibrary(root, target);
  const info = await stat(place.real);
  if (!info.isFile()) throw new DeckhandError('input.invalid', `"${target}" is not a file.`);
  const format = formatOf(place.real);
  if (format !== 'mp3' && format !== 'm4a') {
    throw new DeckhandError('media.unsupported', `Tags are written to MP3 and M4A files only, not to "${path.basename(place.real)}".`);
  }
  const tags = tagsOfEdit(edit, notation);
  const bytes = await oneAtATime(place.real, () =>
    replaceFile(place.real, async (source, out, size) => {
      // The rewriter checks the content (not just the name) before the first byte is written.
      const rewrite: Rewriter = await (format === 'mp3' ? mp3Rewriter : m4aRewriter)(source, size, tags);
      await rewrite(source, out, size);
    }),
  );
  return { path: place.relative, bytes, tags: await readFileTags(place.real), fields: editedFields(tags) };
}

export function registerTaggingActions(rpc: Rpc, config: HostConfig): void {
  rpc.handle('tags.folders', HostActionParams['tags.folders'], async (p) => listFolders(p.root ?? config.defaultLibraryRoot, p.folder ?? ''));
  rpc.handle('tags.scan', HostActionParams['tags.scan'], async (p) =>
    scanFolder(p.root ?? config.defaultLibraryRoot, p.folder, {
      ...(p.recursive !== undefined ? { recursive: p.recursive } : {}),
      ...(p.cursor !== undefined ? { cursor: p.cursor } : {}),
      ...(p.pageSize !== undefined ? { pageSize: p.pageSize } : {}),
    }),
  );
  rpc.handle('tags.write', HostActionParams['tags.write'], async (p, { log }) => {
    const { fields, ...result } = await writeFileTags(p.root ?? config.defaultLibraryRoot, p.path, p.tags, p.keyNotation);
    log.info('tags written', { path: result.path, bytes: result.bytes, fields });
    return result;
  });
}
