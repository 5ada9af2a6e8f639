/**
 * Cue sheets for long mixes (Mixcloud tracklists): one TRACK per tracklist section, written beside
 * the audio file so DJ software and players can split or seek it. Sections whose start time the
 * source does not give get a TRACK with a REM saying so and no INDEX: a cue sheet must not invent
 * times any more than the embedded chapters do.
 */
import { convertKey, type KeyNotation } from './keys';
import { cleanText } from './media/text';
import type { Chapter } from './track';

export interface CueSheetInput {
  /** The mix's title and artist. */
  title: string;
  performer?: string;
  /** File name of the audio beside the sheet (no folders). */
  fileName: string;
  format: 'm4a' | 'mp3';
  chapters: readonly Chapter[];
  /** Audio length: starts at or past it are not used. */
  durationMs?: number;
  genre?: string;
  /** ISO date; the year goes into REM DATE. */
  date?: string;
  /** The source page, as a comment. */
  url?: string;
  /** Notation of the sections' REM KEY (Beatport enrichment); standard when absent. */
  keyNotation?: KeyNotation;
}

/** Red Book's limit, which strict cue readers enforce. */
const MAX_TRACKS = 99;
const FRAMES_PER_SECOND = 75;

/** Cue text has no escapes: a value is one line inside double quotes. */
function quoted(value: string): string {
  return `"${cleanText(value).replace(/"/g, "'").trim()}"`;
}

/** mm:ss:ff in 1/75 s frames; minutes go past 99 for long mixes, as cue readers accept. */
export function cueTime(ms: number): string {
  const frames = Math.round((Math.max(0, ms) * FRAMES_PER_SECOND) / 1000);
  const minutes = Math.floor(frames / (FRAMES_PER_SECOND * 60));
  const seconds = Math.floor(frames / FRAMES_PER_SECOND) % 60;
  const rest = frames % FRAMES_PER_SECOND;
  return [minutes, seconds, rest].map((n) => String(n).padStart(2, '0')).join(':');
}

/** Why a section gets no INDEX, or undefined when its start can be used. */
function unusableStart(startMs: number | undefined, previousMs: number | undefined, durationMs: number | undefined): string | undefined {
  if (startMs === undefined || !Number.isFinite(startMs)) return 'unknown: the tracklist gives no start time';
  if (previousMs !== undefined && startMs <= previousMs) return `not used: ${cueTime(startMs)} is not after the track before`;
  if (durationMs !== undefined && startMs >= durationMs) return `not used: ${cueTime(startMs)} is past the end of the audio`;
  return undefined;
}

/** The cue sheet text (CRLF lines), or undefined when there is no section to list. */
export function buildCueSheet(input: CueSheetInput): string | undefined {
  if (input.chapters.length === 0) return undefined;
  const lines: string[] = [];
  const year = /^\d{4}/.exec(input.date ?? '')?.[0];
  if (input.genre) lines.push(`REM GENRE ${quoted(input.genre)}`);
  if (year) lines.push(`REM DATE ${year}`);
  if (input.url) lines.push(`REM COMMENT ${quoted(input.url)}`);
  const untimed = input.chapters.filter((c) => c.startMs === undefined).length;
  if (untimed > 0) {
    lines.push(`REM COMMENT ${quoted(`${untimed} of ${input.chapters.length} sections have no start time in the source; their tracks have no INDEX`)}`);
  }
  if (input.performer) lines.push(`PERFORMER ${quoted(input.performer)}`);
  lines.push(`TITLE ${quoted(input.title)}`);
  lines.push(`FILE ${quoted(input.fileName)} ${input.format === 'mp3' ? 'MP3' : 'WAVE'}`);
  let previousMs: number | undefined;
  input.chapters.forEach((chapter, i) => {
    const number = i + 1;
    const why = unusableStart(chapter.startMs, previousMs, input.durationMs);
    if (number > MAX_TRACKS) {
      // Past the 99 tracks a cue sheet may hold: still listed, as comments.
      const who = chapter.artist ? `${chapter.artist} - ${chapter.title}` : chapter.title;
      lines.push(`REM SECTION ${number} ${quoted(who)} ${why === undefined ? cueTime(chapter.startMs ?? 0) : 'untimed'}`);
      return;
    }
    lines.push(`  TRACK ${String(number).padStart(2, '0')} AUDIO`);
    lines.push(`    TITLE ${quoted(chapter.title)}`);
    if (chapter.artist) lines.push(`    PERFORMER ${quoted(chapter.artist)}`);
    // From the section's Beatport match; a section without one says nothing (unknown stays unknown).
    if (chapter.bpm !== undefined && Number.isFinite(chapter.bpm) && chapter.bpm > 0) lines.push(`    REM BPM ${Math.round(chapter.bpm)}`);
    const key = chapter.key ? convertKey(chapter.key, input.keyNotation ?? 'standard') : undefined;
    if (key) lines.push(`    REM KEY ${key}`);
    if (why !== undefined) {
      lines.push(`    REM START ${quoted(why)}`);
      return;
    }
    lines.push(`    INDEX 01 ${cueTime(chapter.startMs ?? 0)}`);
    previousMs = chapter.startMs;
  });
  return `${lines.join('\r\n')}\r\n`;
}
