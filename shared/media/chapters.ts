/** Chapter marks as both writers need them: sorted, inside the track, with end times. */
import { convertKey, type KeyNotation } from '../keys';
import type { Chapter } from '../track';
import { cleanText } from './text';
import type { ChapterMark } from './types';

/** ID3 CTOC and Nero chpl both count entries in one byte. */
const MAX_CHAPTERS = 255;

/**
 * Chapters with ends filled in (next start, else the track end), in start order, capped at 255;
 * marks at or past the end of the audio are dropped.
 */
export function resolveChapters(chapters: readonly ChapterMark[] | undefined, durationMs: number): Required<ChapterMark>[] {
  const sorted = (chapters ?? [])
    .filter((c) => Number.isFinite(c.startMs) && c.startMs >= 0 && c.startMs < Math.max(durationMs, 1))
    .sort((a, b) => a.startMs - b.startMs)
    .slice(0, MAX_CHAPTERS);
  return sorted.map((c, i) => {
    const next = sorted[i + 1]?.startMs ?? durationMs;
    const end = c.endMs !== undefined && Number.isFinite(c.endMs) && c.endMs > c.startMs ? Math.min(c.endMs, durationMs) : next;
    return { startMs: Math.round(c.startMs), endMs: Math.round(Math.max(end, c.startMs)), title: cleanText(c.title) };
  });
}

/** A section's chapter title: "Artist - Title", plus its Beatport BPM and key when known ("… [122 BPM, 2A]"). */
export function chapterTitle(c: Chapter, notation: KeyNotation): string {
  const name = c.artist ? `${c.artist} - ${c.title}` : c.title;
  const key = c.key ? convertKey(c.key, notation) : undefined;
  const facts = [c.bpm !== undefined && c.bpm > 0 ? `${Math.round(c.bpm)} BPM` : '', key ?? ''].filter(Boolean);
  return facts.length ? `${name} [${facts.join(', ')}]` : name;
}
