/**
 * A TagEdit (what the extension asks to set) as the media pipeline's Tags, with the same
 * conventions as a downloaded file (shared/media/tags.ts): key in the user's notation, BPM an
 * integer, catalogue number and sub-genre as CATALOGNUMBER / STYLE pairs. Only fields that are
 * set appear, so the writers produce exactly the frames or atoms that replace the file's own.
 */
import { convertKey, type KeyNotation } from '../../../shared/keys';
import type { Tags } from '../../../shared/media';
import type { TagEdit } from '../../../shared/native-protocol';

const text = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);

export function tagsOfEdit(edit: TagEdit, notation: KeyNotation): Tags {
  const tags: Tags = {};
  const title = text(edit.title);
  if (title) tags.title = title;
  const artists = (edit.artists ?? []).map(text).filter((a): a is string => a !== undefined);
  if (artists.length) tags.artists = artists;
  for (const field of ['album', 'genre', 'label', 'isrc'] as const) {
    const value = text(edit[field]);
    if (value) tags[field] = value;
  }
  if (edit.bpm !== undefined && edit.bpm > 0) tags.bpm = Math.round(edit.bpm);
  const key = text(edit.key);
  if (key) tags.key = convertKey(key, notation) ?? key;
  const date = text(edit.releaseDate);
  if (date) tags.date = date.slice(0, 10);
  const extra: Record<string, string> = {};
  const catalog = text(edit.catalogNumber);
  if (catalog) extra.CATALOGNUMBER = catalog;
  const style = text(edit.subGenre);
  if (style) extra.STYLE = style;
  for (const [name, value] of Object.entries(edit.extra ?? {})) {
    const v = text(value);
    if (v) extra[name] = v;
  }
  if (Object.keys(extra).length) tags.extra = extra;
  return tags;
}

/** The tag fields an edit sets, for logs and the write result. */
export function editedFields(tags: Tags): string[] {
  return Object.keys(tags).flatMap((k) => (k === 'extra' ? Object.keys(tags.extra ?? {}) : [k]));
}
