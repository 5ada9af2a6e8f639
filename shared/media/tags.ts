/**
 * TrackMetadata → Tags: the one place that decides what goes into a file's tags, whatever the
 * container. Writers (id3.ts, mp4/ilst.ts) only map Tags to frames/atoms.
 */
import { convertKey, type KeyNotation } from '../keys';
import type { TrackMetadata } from '../track';
import { normalizeDate } from './text';
import { chapterTitle } from './chapters';
import type { Artwork, ChapterMark, Tags } from './types';

export interface BuildTagsOptions {
  artwork?: Artwork;
  keyNotation: KeyNotation;
}

/** "Name (Mix Name)", as DJ software lists Beatport tracks, unless the title already says it. */
function fullTitle(meta: TrackMetadata): string {
  const mix = meta.mixName?.trim();
  if (!mix || meta.title.toLowerCase().includes(mix.toLowerCase())) return meta.title;
  return `${meta.title} (${mix})`;
}

/** Chapters whose start is known, in order; each ends where the next starts, the last at the track end. */
function chapterMarks(meta: TrackMetadata, notation: KeyNotation): ChapterMark[] | undefined {
  const timed = (meta.chapters ?? [])
    .filter((c): c is typeof c & { startMs: number } => typeof c.startMs === 'number' && Number.isFinite(c.startMs) && c.startMs >= 0)
    .sort((a, b) => a.startMs - b.startMs);
  if (timed.length === 0) return undefined;
  return timed.map((c, i) => {
    const mark: ChapterMark = { startMs: c.startMs, title: chapterTitle(c, notation) };
    const end = timed[i + 1]?.startMs ?? meta.durationMs;
    if (end !== undefined && end > c.startMs) mark.endMs = end;
    return mark;
  });
}

function positiveInteger(n: number | undefined): number | undefined {
  return n !== undefined && Number.isFinite(n) && n >= 1 ? Math.floor(n) : undefined;
}

export function buildTags(meta: TrackMetadata, opts: BuildTagsOptions): Tags {
  const tags: Tags = { title: fullTitle(meta), url: meta.url };
  if (meta.artists && meta.artists.length > 0) tags.artists = [...meta.artists];
  if (meta.albumArtist) tags.albumArtist = meta.albumArtist;
  if (meta.album) tags.album = meta.album;
  if (meta.genre) tags.genre = meta.genre;
  if (meta.bpm !== undefined && Number.isFinite(meta.bpm) && meta.bpm > 0) tags.bpm = Math.round(meta.bpm);
  if (meta.key) tags.key = convertKey(meta.key, opts.keyNotation) ?? meta.key;
  if (meta.label) tags.label = meta.label;
  if (meta.isrc) tags.isrc = meta.isrc;
  const date = normalizeDate(meta.releaseDate);
  if (date) tags.date = date;
  const trackNumber = positiveInteger(meta.trackNumber);
  if (trackNumber !== undefined) {
    tags.trackNumber = trackNumber;
    const total = positiveInteger(meta.trackTotal);
    if (total !== undefined && total >= trackNumber) tags.trackTotal = total;
  }
  const disc = positiveInteger(meta.discNumber);
  if (disc !== undefined) tags.discNumber = disc;
  if (meta.comment) tags.comment = meta.comment;
  if (meta.description) tags.description = meta.description;
  if (opts.artwork) tags.artwork = opts.artwork;
  const chapters = chapterMarks(meta, opts.keyNotation);
  if (chapters) tags.chapters = chapters;
  const extra: Record<string, string> = {};
  if (meta.catalogNumber) extra.CATALOGNUMBER = meta.catalogNumber;
  if (meta.subGenre) extra.STYLE = meta.subGenre;
  Object.assign(extra, meta.extra);
  if (Object.keys(extra).length > 0) tags.extra = extra;
  return tags;
}
