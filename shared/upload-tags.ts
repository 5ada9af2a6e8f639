/**
 * An audio file's own tags as the upload form wants them, from music-metadata's result: used by the
 * upload page (reading a chosen File) and by the native host (reading a library file).
 */
import { selectCover, type IAudioMetadata } from 'music-metadata';

export interface FileTags {
  title?: string;
  artist?: string;
  album?: string;
  genre?: string;
  bpm?: number;
  key?: string;
  isrc?: string;
  date?: string;
  label?: string;
  comment?: string;
  picture?: { mime: string; data: Uint8Array };
  chapters?: { startMs: number; title: string }[];
}

const first = (values: readonly string[] | undefined) => values?.map((v) => v.trim()).find(Boolean);
const text = (value: string | undefined) => value?.trim() || undefined;

/** "2024", "2024-05-17" or "2024-05-17T10:00:00Z" as the tags give it; the year alone when that is all. */
function dateOf(meta: IAudioMetadata): string | undefined {
  const c = meta.common;
  return text(c.releasedate) ?? text(c.date) ?? text(c.originaldate) ?? (c.year ? String(c.year) : undefined);
}

function chaptersOf(meta: IAudioMetadata): FileTags['chapters'] {
  const chapters = (meta.format.chapters ?? [])
    .filter((ch) => ch.title?.trim())
    // ID3 CHAP starts are in seconds; MP4 chapter starts are in units of timeScale per second.
    .map((ch) => ({ startMs: Math.round(((ch.timeScale ? ch.start / ch.timeScale : ch.start) || 0) * 1000), title: ch.title.trim() }));
  return chapters.length ? chapters.sort((a, b) => a.startMs - b.startMs) : undefined;
}

/**
 * The musical key when music-metadata has no mapping for where it is: MP4 keeps it in a freeform
 * atom (`----:com.apple.iTunes:initialkey`, as Deckhand, Traktor and Mp3tag write it), Vorbis
 * comments sometimes as INITIALKEY.
 */
function keyFromNative(meta: IAudioMetadata): string | undefined {
  for (const tags of Object.values(meta.native)) {
    for (const tag of tags) {
      if (/(^|:)initialkey$/i.test(tag.id) && typeof tag.value === 'string' && tag.value.trim()) return tag.value.trim();
    }
  }
  return undefined;
}

/** The form's view of music-metadata's result. */
export function tagsFromMetadata(meta: IAudioMetadata): FileTags {
  const c = meta.common;
  const artist = text(c.artist) ?? (c.artists?.length ? c.artists.join(', ') : undefined);
  const cover = selectCover(c.picture);
  const bpm = typeof c.bpm === 'number' && Number.isFinite(c.bpm) && c.bpm > 0 ? c.bpm : undefined;
  const fields: FileTags = {
    title: text(c.title),
    artist,
    album: text(c.album),
    genre: first(c.genre),
    bpm,
    key: text(c.key) ?? keyFromNative(meta),
    isrc: first(c.isrc),
    date: dateOf(meta),
    label: first(c.label),
    comment: c.comment?.map((m) => m.text?.trim()).find(Boolean),
    ...(cover?.data.length ? { picture: { mime: cover.format.includes('/') ? cover.format : `image/${cover.format.toLowerCase() || 'jpeg'}`, data: cover.data } } : {}),
    chapters: chaptersOf(meta),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as FileTags;
}
