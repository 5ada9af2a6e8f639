/**
 * Tags → `udta` for M4A: iTunes-style `meta`(hdlr mdir)/`ilst` items plus Nero `chpl` chapters.
 *
 * The key goes, in the user's notation, to `----:com.apple.iTunes:initialkey` (lowercase name:
 * what Traktor reads). Label, ISRC, source URL and every `extra` pair are freeform
 * `----:com.apple.iTunes:<NAME>` items, the names Picard and Mp3tag use.
 */
import { ByteWriter, utf8 } from '../bytes';
import { resolveChapters } from '../chapters';
import { normalizeDate, presentText, truncateUtf8Bytes } from '../text';
import type { ChapterMark, Tags } from '../types';
import { box, fields, fullBox, type BoxNode } from './box-writer';

/** `data` type codes (QuickTime well-known types). */
const TYPE_IMPLICIT = 0;
const TYPE_UTF8 = 1;
const TYPE_JPEG = 13;
const TYPE_PNG = 14;
const TYPE_INTEGER = 21;

function dataAtom(type: number, value: Uint8Array): BoxNode {
  return box('data', fields((w) => w.u32(type).u32(0)), value);
}

function freeform(name: string, value: string): BoxNode {
  const mean = fullBox('mean', 0, 0, utf8('com.apple.iTunes'));
  return box('----', mean, fullBox('name', 0, 0, utf8(name)), dataAtom(TYPE_UTF8, utf8(value)));
}

function numberPairAtom(name: 'trkn' | 'disk', n: number | undefined, total: number | undefined): BoxNode | undefined {
  if (n === undefined || !Number.isFinite(n) || n < 1) return undefined;
  const clamp = (v: number | undefined) => (v !== undefined && Number.isFinite(v) && v > 0 ? Math.min(Math.floor(v), 0xffff) : 0);
  const w = new ByteWriter().u16(0).u16(clamp(n)).u16(clamp(total));
  if (name === 'trkn') w.u16(0);
  return box(name, dataAtom(TYPE_IMPLICIT, w.toBytes()));
}

function ilst(tags: Tags): BoxNode {
  const items: BoxNode[] = [];
  const text = (name: string, value: string | undefined, multiline = false) => {
    const v = presentText(value, multiline);
    if (v) items.push(box(name, dataAtom(TYPE_UTF8, utf8(v))));
  };
  const custom = (name: string, value: string | undefined) => {
    const n = presentText(name);
    const v = presentText(value, true);
    if (n && v) items.push(freeform(n, v));
  };
  text('©nam', tags.title);
  const artists = (tags.artists ?? []).map((a) => presentText(a)).filter((a): a is string => a !== undefined);
  text('©ART', artists.join(', '));
  text('aART', tags.albumArtist);
  text('©alb', tags.album);
  text('©gen', tags.genre);
  if (tags.bpm !== undefined && Number.isFinite(tags.bpm) && tags.bpm > 0) {
    items.push(box('tmpo', dataAtom(TYPE_INTEGER, fields((w) => w.u16(Math.min(Math.round(tags.bpm ?? 0), 0xffff))))));
  }
  custom('initialkey', tags.key);
  text('©day', normalizeDate(tags.date));
  const trkn = numberPairAtom('trkn', tags.trackNumber, tags.trackTotal);
  const disk = numberPairAtom('disk', tags.discNumber, undefined);
  if (trkn) items.push(trkn);
  if (disk) items.push(disk);
  text('©cmt', tags.comment, true);
  text('desc', tags.description, true);
  if (tags.artwork && tags.artwork.data.length > 0) {
    items.push(box('covr', dataAtom(tags.artwork.mime === 'image/png' ? TYPE_PNG : TYPE_JPEG, tags.artwork.data)));
  }
  custom('LABEL', tags.label);
  custom('ISRC', tags.isrc);
  custom('URL', tags.url);
  for (const [name, value] of Object.entries(tags.extra ?? {})) custom(name, value);
  return box('ilst', ...items);
}

/** Nero chapter list: start times in 100 ns units, titles as at most 255 UTF-8 bytes. */
function chpl(chapters: readonly ChapterMark[] | undefined, durationMs: number): BoxNode | undefined {
  const resolved = resolveChapters(chapters, durationMs);
  if (resolved.length === 0) return undefined;
  const w = new ByteWriter().u32(0).u8(resolved.length);
  for (const c of resolved) {
    const title = truncateUtf8Bytes(utf8(c.title), 255);
    w.u64(c.startMs * 10_000).u8(title.length).bytes(title);
  }
  return fullBox('chpl', 1, 0, w.toBytes());
}

export function udta(tags: Tags, durationMs: number): BoxNode {
  const hdlr = fullBox('hdlr', 0, 0, fields((w) => w.u32(0).ascii('mdirappl').u32(0).u32(0).u8(0)));
  const meta = fullBox('meta', 0, 0, hdlr, ilst(tags));
  const chapters = chpl(tags.chapters, durationMs);
  return box('udta', ...(chapters ? [meta, chapters] : [meta]));
}

