/**
 * A library file's tags for the upload form, read by music-metadata from the file on disk (it reads
 * what it needs, not the whole file). The cover goes along in base64 only when the answer still
 * fits in one native-messaging frame; otherwise the user picks artwork in the page.
 */
import { parseFile } from 'music-metadata';
import type { LibraryTags } from '../../../shared/native-protocol';
import { tagsFromMetadata, type FileTags } from '../../../shared/upload-tags';

/** Base64 grows by 4/3: 600 KB of image stays below the 1 MiB frame with the other tags. */
export const MAX_COVER_BYTES = 600 * 1024;

export function toWire(tags: FileTags): LibraryTags {
  const { picture, ...rest } = tags;
  if (!picture || picture.data.length > MAX_COVER_BYTES) return rest;
  return { ...rest, picture: { mime: picture.mime, base64: Buffer.from(picture.data).toString('base64') } };
}

/** {} for a file music-metadata cannot read; MP4 chapter tracks that make it throw are skipped on a second try. */
export async function readLibraryTags(file: string): Promise<LibraryTags> {
  for (const includeChapters of [true, false]) {
    try {
      return toWire(tagsFromMetadata(await parseFile(file, { duration: false, includeChapters })));
    } catch {
      /* next attempt, or no tags */
    }
  }
  return {};
}
