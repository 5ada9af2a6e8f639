/**
 * tags.folders and tags.scan: the audio files of a library folder with the tags they carry, read
 * with music-metadata (covers skipped). A big folder comes in pages: every call lists the folder
 * again (cheap next to reading tags) and reads the tags of one page only, so the host keeps no
 * state between pages and no answer nears the 1 MiB frame cap.
 */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseFile, type IAudioMetadata } from 'music-metadata';
import { DeckhandError } from '../../../shared/errors';
import type { FileTagsView, ScannedFile, TagFileFormat, TagFoldersResult, TagScanPage } from '../../../shared/native-protocol';
import { placeInLibrary, toSlashes } from './paths';
import { removeStaleTemps } from './replace-file';

export const DEFAULT_SCAN_PAGE = 50;
/** A listing stops here: beyond it a folder is a whole library, not something to review by hand. */
export const MAX_SCAN_FILES = 20_000;
/** Tag strings longer than this are cut in the answer (they are never written back from it). */
const MAX_TEXT = 500;

const FORMATS: Record<string, TagFileFormat> = {
  '.mp3': 'mp3',
  '.m4a': 'm4a',
  '.flac': 'flac',
  '.wav': 'wav',
  '.aif': 'aiff',
  '.aiff': 'aiff',
  '.ogg': 'ogg',
  '.opus': 'opus',
};
const WRITABLE: ReadonlySet<TagFileFormat> = new Set(['mp3', 'm4a']);

export function formatOf(name: string): TagFileFormat | undefined {
  return FORMATS[path.extname(name).toLowerCase()];
}

/** Hidden entries (".deckhand" work folders, "._" resource forks) are never listed. */
const visible = (entry: Dirent) => !entry.name.startsWith('.');
const byName = (a: Dirent, b: Dirent) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

async function allEntriesOf(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw new DeckhandError('library.io', `The folder cannot be read: ${(err as Error).message}`);
  }
}

async function entriesOf(dir: string): Promise<Dirent[]> {
  return (await allEntriesOf(dir)).filter(visible).sort(byName);
}

export async function listFolders(root: string, folder = ''): Promise<TagFoldersResult> {
  const place = await placeInLibrary(root, folder);
  // Symlinked folders are not offered: scanning never follows links either.
  const folders = (await entriesOf(place.real)).filter((e) => e.isDirectory()).map((e) => joinRel(place.relative, e.name));
  return { root: place.root, folder: place.relative, folders };
}

function joinRel(parent: string, name: string): string {
  return parent ? `${parent}/${name}` : name;
}

/** Audio files under `dir` (relative paths, sorted, depth first); links are not followed. */
async function listAudio(dir: string, rel: string, recursive: boolean, out: string[]): Promise<void> {
  const entries = await allEntriesOf(dir);
  // Hidden copies a host that died mid-write left behind (replace-file.ts) are cleared as we pass.
  await removeStaleTemps(dir, entries.filter((e) => e.isFile() && !visible(e)).map((e) => e.name));
  for (const entry of entries.filter(visible).sort(byName)) {
    if (out.length >= MAX_SCAN_FILES) return;
    if (entry.isFile() && formatOf(entry.name)) out.push(joinRel(rel, entry.name));
    else if (recursive && entry.isDirectory()) await listAudio(path.join(dir, entry.name), joinRel(rel, entry.name), true, out);
  }
}

const cut = (s: string | undefined) => {
  const t = s?.trim();
  return t ? t.slice(0, MAX_TEXT) : undefined;
};

/** MP4 keeps the key in a freeform atom music-metadata does not map (`----:com.apple.iTunes:initialkey`). */
function keyFromNative(meta: IAudioMetadata): string | undefined {
  for (const tags of Object.values(meta.native)) {
    for (const tag of tags) {
      if (/(^|:)initialkey$/i.test(tag.id) && typeof tag.value === 'string' && tag.value.trim()) return tag.value.trim();
    }
  }
  return undefined;
}

export function tagsView(meta: IAudioMetadata): FileTagsView {
  const c = meta.common;
  const artists = (c.artists?.length ? c.artists : c.artist ? [c.artist] : []).map(cut).filter((a): a is string => !!a);
  const bpm = typeof c.bpm === 'number' && Number.isFinite(c.bpm) && c.bpm > 0 ? c.bpm : undefined;
  const seconds = meta.format.duration;
  const view: FileTagsView = {
    title: cut(c.title),
    ...(artists.length ? { artists: artists.slice(0, 20) } : {}),
    album: cut(c.album),
    genre: cut(c.genre?.find((g) => g.trim())),
    bpm,
    key: cut(c.key) ?? cut(keyFromNative(meta)),
    label: cut(c.label?.find((l) => l.trim())),
    isrc: cut(c.isrc?.find((i) => i.trim())),
    ...(seconds !== undefined && Number.isFinite(seconds) && seconds > 0 ? { durationMs: Math.round(seconds * 1000) } : {}),
  };
  return Object.fromEntries(Object.entries(view).filter(([, v]) => v !== undefined)) as FileTagsView;
}

/** A file's current tags; throws a coded error when they cannot be read. */
export async function readFileTags(file: string): Promise<FileTagsView> {
  try {
    return tagsView(await parseFile(file, { skipCovers: true }));
  } catch (err) {
    throw new DeckhandError('media.corrupt', `The tags could not be read: ${(err as Error).message}`);
  }
}

async function scanned(realRoot: string, rel: string): Promise<ScannedFile> {
  const file = path.join(realRoot, ...rel.split('/'));
  const format = formatOf(rel) as TagFileFormat;
  const base = { path: rel, format, writable: WRITABLE.has(format) };
  const bytes = await stat(file).then((s) => s.size, () => 0);
  try {
    return { ...base, bytes, tags: await readFileTags(file) };
  } catch (err) {
    return { ...base, bytes, tags: {}, error: DeckhandError.from(err).toJSON() };
  }
}

export interface ScanOptions {
  recursive?: boolean;
  cursor?: number;
  pageSize?: number;
}

export async function scanFolder(root: string, folder: string, opts: ScanOptions = {}): Promise<TagScanPage> {
  const place = await placeInLibrary(root, folder);
  const info = await stat(place.real);
  if (!info.isDirectory()) throw new DeckhandError('input.invalid', `"${folder}" is not a folder.`);
  const all: string[] = [];
  await listAudio(place.real, place.relative, opts.recursive ?? false, all);
  const from = Math.min(opts.cursor ?? 0, all.length);
  const to = Math.min(from + (opts.pageSize ?? DEFAULT_SCAN_PAGE), all.length);
  const files: ScannedFile[] = [];
  // One file at a time: music-metadata reads little, and the disk is shared with downloads.
  for (const rel of all.slice(from, to)) files.push(await scanned(place.realRoot, rel));
  return { root: place.root, folder: toSlashes(place.relative), total: all.length, files, ...(to < all.length ? { next: to } : {}) };
}
