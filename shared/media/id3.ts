/**
 * Tags → ID3v2.4 tag for MP3 files.
 *
 * Key: TKEY holds the standard short name ("Am", "Dbm": the ID3 spec allows only A–G, b, #, m, o
 * and at most three characters). When the user chose Camelot or Open Key, that text also goes to
 * TXXX:INITIALKEY. Rekordbox, Serato, Engine DJ and Traktor ("Key Text") all read TKEY; none is
 * known to read a TXXX key, which is there for taggers and for users who search by it. COMM is left
 * to Mixed In Key and carries only `comment`; the description goes to TXXX:DESCRIPTION.
 */
import { formatKey, parseKey } from '../keys';
import {
  chapterFrame,
  commentFrame,
  id3v24Tag,
  pictureFrame,
  tableOfContentsFrame,
  textFrame,
  urlFrame,
  userTextFrame,
} from './id3-frames';
import { resolveChapters } from './chapters';
import { normalizeDate, presentText } from './text';
import type { ChapterMark, Tags } from './types';

/** Room left after the frames for editors (and DJ software) to add frames in place. */
const PADDING = 4096;

function keyFrames(key: string | undefined): Uint8Array[] {
  const text = presentText(key);
  if (!text) return [];
  const parsed = parseKey(text);
  if (!parsed) return text.length <= 3 ? [textFrame('TKEY', [text])] : [userTextFrame('INITIALKEY', text)];
  const standard = formatKey(parsed, 'standard');
  const frames = [textFrame('TKEY', [standard])];
  if (text !== standard) frames.push(userTextFrame('INITIALKEY', text));
  return frames;
}

function numberPair(n: number | undefined, total: number | undefined): string | undefined {
  if (n === undefined || !Number.isFinite(n) || n < 1) return undefined;
  const whole = Math.floor(n);
  return total !== undefined && Number.isFinite(total) && total >= whole ? `${whole}/${Math.floor(total)}` : `${whole}`;
}

function chapterFrames(chapters: readonly ChapterMark[] | undefined, durationMs: number): Uint8Array[] {
  const resolved = resolveChapters(chapters, durationMs);
  if (resolved.length === 0) return [];
  const ids = resolved.map((_, i) => `chp${i}`);
  return [tableOfContentsFrame('toc', ids), ...resolved.map((c, i) => chapterFrame(ids[i] ?? `chp${i}`, c.startMs, c.endMs, c.title))];
}

/**
 * `size`: the whole tag's length when room was reserved for it (the padding takes up the rest);
 * ignored when the frames do not fit in it.
 */
export function buildId3Tag(tags: Tags, durationMs: number, size?: number): Uint8Array {
  const frames: Uint8Array[] = [];
  const text = (id: string, value: string | undefined) => {
    const v = presentText(value);
    if (v) frames.push(textFrame(id, [v]));
  };
  text('TIT2', tags.title);
  const artists = (tags.artists ?? []).map((a) => presentText(a)).filter((a): a is string => a !== undefined);
  if (artists.length > 0) frames.push(textFrame('TPE1', artists));
  text('TPE2', tags.albumArtist);
  text('TALB', tags.album);
  text('TCON', tags.genre);
  if (tags.bpm !== undefined && Number.isFinite(tags.bpm) && tags.bpm > 0) text('TBPM', String(Math.round(tags.bpm)));
  frames.push(...keyFrames(tags.key));
  text('TPUB', tags.label);
  text('TSRC', tags.isrc);
  text('TDRC', normalizeDate(tags.date));
  text('TRCK', numberPair(tags.trackNumber, tags.trackTotal));
  text('TPOS', numberPair(tags.discNumber, undefined));
  if (durationMs > 0) text('TLEN', String(Math.round(durationMs)));
  const comment = presentText(tags.comment, true);
  if (comment) frames.push(commentFrame(comment));
  const description = presentText(tags.description, true);
  if (description) frames.push(userTextFrame('DESCRIPTION', description));
  const url = presentText(tags.url);
  if (url) frames.push(urlFrame('WOAF', url));
  for (const [name, value] of Object.entries(tags.extra ?? {})) {
    const n = presentText(name);
    const v = presentText(value, true);
    if (n && v) frames.push(userTextFrame(n, v));
  }
  if (tags.artwork && tags.artwork.data.length > 0) frames.push(pictureFrame(tags.artwork.mime, tags.artwork.data));
  frames.push(...chapterFrames(tags.chapters, durationMs));
  let framesBytes = 10; // the tag header
  for (const f of frames) framesBytes += f.length;
  return id3v24Tag(frames, size !== undefined && size >= framesBytes ? size - framesBytes : PADDING);
}
