/**
 * The upload form's values, shared by the SoundCloud and Mixcloud upload modules: one set of fields,
 * each platform sends and validates the ones it has. Pre-filled from the file's tags and name.
 */
import { convertKey } from '../../../shared/keys';
import type { UploadFormValues, UploadPlatform } from '../../../shared/jobs';
import { tagsFromFileName, type FileTags } from './tags-read';

export type { UploadPlatform };

export interface UploadFields extends UploadFormValues {
  artwork?: Blob;
  artworkName?: string;
}

/** What validation needs of the file: a chosen File, or a library file the host listed. */
export interface FileFacts {
  name: string;
  size: number;
}

/** Artwork of a library upload travels to the native host inside one 1 MiB message, in base64. */
export const HOST_ARTWORK_MAX_BYTES = 600 * 1024;

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

/** Bytes ↔ base64 for artwork that travels in messages (to the background, and on to the host). */
export function base64Of(bytes: Uint8Array): string {
  let raw = '';
  for (let i = 0; i < bytes.length; i += 0x8000) raw += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(raw);
}

export function bytesOfBase64(base64: string): Uint8Array {
  const raw = atob(base64);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

/** The values that travel with a queued job (the artwork Blob stays out: it goes as base64 when needed). */
export function formValues(f: UploadFields): UploadFormValues {
  const { artwork: _artwork, artworkName: _name, ...values } = f;
  return values;
}
