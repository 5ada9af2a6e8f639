/**
 * The upload form's values, shared by the SoundCloud and Mixcloud upload modules: one set of fields,
 * each platform sends and validates the ones it has. Pre-filled from the file's tags and name.
 */
import { convertKey } from '../../../shared/keys';
import { tagsFromFileName, type FileTags } from './tags-read';

export type UploadPlatform = 'soundcloud' | 'mixcloud';

export interface UploadFields {
  title: string;
  description: string;
  genre: string;
  tags: string[];
  label: string;
  bpm: string;
  key: string;
  releaseDate: string;
  isrc: string;
  artwork?: Blob;
  artworkName?: string;
  /** SoundCloud sharing / Mixcloud unlisted. */
  privacy: 'public' | 'private';
  license: string;
  downloadable: boolean;
  streamable: boolean;
  /** Mixcloud tracklist, one section per line ("12:30 Artist - Song", or a chapter title). */
  tracklist: string;
  /** Mixcloud Pro only. */
  publishDate: string;
  disableComments: boolean;
  hideStats: boolean;
}

export type FieldErrors = Partial<Record<keyof UploadFields | 'file', string>>;

export interface FormPart {
  name: string;
  value: string | Blob;
  filename?: string;
}

export type UploadAnswer = { ok: true; url?: string } | { ok: false; message: string; fieldErrors?: FieldErrors };

export function emptyFields(): UploadFields {
  return {
    title: '', description: '', genre: '', tags: [], label: '', bpm: '', key: '', releaseDate: '', isrc: '', privacy: 'public',
    license: 'all-rights-reserved', downloadable: true, streamable: true, tracklist: '', publishDate: '', disableComments: false, hideStats: false,
  };
}

/** "1:02:03" for a section start. */
export function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  const hms = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  return (hms[0] ? hms : hms.slice(1)).map((n, i) => (i === 0 ? String(n) : String(n).padStart(2, '0'))).join(':');
}

/** The form as the file's tags (then its name) describe it. */
export function fieldsFromTags(tags: FileTags, fileName: string): UploadFields {
  const fromName = tagsFromFileName(fileName);
  const title = tags.title ?? fromName.title ?? '';
  const artist = tags.artist ?? fromName.artist;
  const date = /^\d{4}-\d{2}-\d{2}/.exec(tags.date ?? '')?.[0] ?? '';
  return {
    ...emptyFields(),
    title: artist && !tags.title ? `${artist} - ${title}` : title,
    description: tags.comment ?? '',
    genre: tags.genre ?? '',
    tags: tags.genre ? [tags.genre] : [],
    label: tags.label ?? '',
    bpm: tags.bpm ? String(Math.round(tags.bpm)) : '',
    key: tags.key ?? '',
    releaseDate: date,
    isrc: tags.isrc ?? '',
    ...(tags.picture ? { artwork: new Blob([tags.picture.data as BlobPart], { type: tags.picture.mime }), artworkName: `cover.${tags.picture.mime.split('/')[1] ?? 'jpg'}` } : {}),
    tracklist: (tags.chapters ?? []).map((c) => `${clock(c.startMs)} ${c.title}`).join('\n'),
  };
}

/** "Am (8A)": the key as written plus Camelot, which DJs search for. */
export function describeKeyForDescription(key: string): string {
  const camelot = convertKey(key, 'camelot');
  return camelot && camelot !== key ? `${key} (${camelot})` : key;
}

/** Comma-separated text → tags (trimmed, no empties, no duplicates). */
export function splitTags(text: string): string[] {
  const seen = new Set<string>();
  return text.split(',').map((t) => t.trim()).filter((t) => t && !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
}
