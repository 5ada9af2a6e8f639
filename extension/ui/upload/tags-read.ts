/**
 * The file's own tags for pre-filling the upload form, read with music-metadata (a well-kept
 * reader: ID3v2.2–2.4, MP4/iTunes atoms, Vorbis comments in FLAC/Ogg, RIFF INFO and ID3 in WAV and
 * AIFF). `parseBlob` reads slices of the File, so a 4 GB show is not loaded into memory. Missing or
 * unreadable tags leave the form to the file name, never an error.
 */
import { parseBlob } from 'music-metadata';
import { tagsFromMetadata, type FileTags } from '../../../shared/upload-tags';

export type { FileTags };

/**
 * Tags of an audio file; {} when it has none or music-metadata cannot read it. MP4 chapter tracks
 * as ffmpeg writes them (index first) make music-metadata 11 throw, so a failed read is tried once
 * more without chapters rather than losing every tag.
 */
export async function readFileTags(file: Blob): Promise<FileTags> {
  for (const includeChapters of [true, false]) {
    try {
      return tagsFromMetadata(await parseBlob(file, { duration: false, includeChapters }));
    } catch {
      /* next attempt, or no tags */
    }
  }
  return {};
}

/** "Artist - Title.mp3" → parts, for files without tags. */
export function tagsFromFileName(name: string): FileTags {
  const base = name.replace(/\.[A-Za-z0-9]{2,4}$/, '').replace(/_/g, ' ').trim();
  const m = /^(.+?)\s+[-–]\s+(.+)$/.exec(base);
  return m ? { artist: m[1]!.trim(), title: m[2]!.trim() } : { title: base };
}
