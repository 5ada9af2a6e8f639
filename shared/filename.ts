/**
 * Library file names: a user template with documented tokens, made safe on Windows, macOS and Linux.
 * A template may contain "/" to make folders; each segment is cleaned on its own.
 */
import type { TrackMetadata } from './track';
import { PLATFORM_NAMES } from './platform';

/** Tokens a template may use, with what each one becomes. Shown in the options page. */
export const TEMPLATE_TOKENS = {
  platform: 'SoundCloud, Mixcloud or Beatport',
  artist: 'first artist',
  artists: 'all artists, comma-separated',
  title: 'title (with the mix name when it is not part of the title)',
  album: 'album, set or release name',
  albumartist: 'album artist',
  track: 'track number, two digits (01)',
  tracktotal: 'number of tracks in the album or set',
  bpm: 'BPM as an integer',
  key: 'musical key in your chosen notation',
  label: 'record label',
  genre: 'genre',
  date: 'release date (YYYY-MM-DD)',
  year: 'release year',
  isrc: 'ISRC',
  catalog: 'catalogue number',
  id: 'the platform’s id for the item',
} as const;
export type TemplateToken = keyof typeof TEMPLATE_TOKENS;

export const DEFAULT_TEMPLATE = '{artist} - {title}';

/** Largest file-name component most file systems allow, in UTF-8 bytes. */
const MAX_SEGMENT_BYTES = 255;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
// Control characters, and bidi/zero-width marks that can disguise a name (RTL override tricks).
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const FORBIDDEN = /[<>:"/\\|?*]/g;

export function templateFields(meta: TrackMetadata, formatKey: (key: string) => string = (k) => k): Record<TemplateToken, string> {
  const title =
    meta.mixName && !meta.title.toLowerCase().includes(meta.mixName.toLowerCase()) ? `${meta.title} (${meta.mixName})` : meta.title;
  const date = meta.releaseDate?.slice(0, 10) ?? '';
  return {
    platform: PLATFORM_NAMES[meta.platform],
    artist: meta.artists?.[0] ?? '',
    artists: meta.artists?.join(', ') ?? '',
    title,
    album: meta.album ?? '',
    albumartist: meta.albumArtist ?? '',
    track: meta.trackNumber !== undefined ? String(meta.trackNumber).padStart(2, '0') : '',
    tracktotal: meta.trackTotal !== undefined ? String(meta.trackTotal) : '',
    bpm: meta.bpm !== undefined ? String(Math.round(meta.bpm)) : '',
    key: meta.key ? formatKey(meta.key) : '',
    label: meta.label ?? '',
    genre: meta.genre ?? '',
    date,
    year: date.slice(0, 4),
    isrc: meta.isrc ?? '',
    catalog: meta.catalogNumber ?? '',
    id: meta.id,
  };
}

/** Truncate to at most `max` UTF-8 bytes without splitting a character. */
export function truncateUtf8(s: string, max: number): string {
  const enc = new TextEncoder();
  if (enc.encode(s).length <= max) return s;
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const n = enc.encode(ch).length;
    if (bytes + n > max) break;
    out += ch;
    bytes += n;
  }
  return out;
}

/** One path component, safe everywhere. `reserveBytes` leaves room for an extension. */
export function safeSegment(raw: string, reserveBytes = 0): string {
  let s = raw.normalize('NFC').replace(INVISIBLE, '').replace(FORBIDDEN, '_');
  s = s.replace(/\s+/g, ' ').trim();
  s = s.replace(/^[.\s]+/, ''); // no hidden files, no "." or ".."
  s = truncateUtf8(s, MAX_SEGMENT_BYTES - reserveBytes);
  s = s.replace(/[.\s]+$/, ''); // Windows drops trailing dots and spaces
  if (!s) s = 'Untitled';
  if (WINDOWS_RESERVED.test(s)) s = `${s}_`;
  return s;
}

/** Tidy what empty tokens leave behind: "Artist -  - Title", "()", dangling separators. */
function tidy(s: string): string {
  return s
    .replace(/\(\s*\)|\[\s*\]|\{\s*\}/g, '')
    .replace(/(\s[-–—_]\s*){2,}/g, ' - ')
    .replace(/^\s*[-–—_,]\s*|\s*[-–—_,]\s*$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Render a template into relative path segments (folders..., file name with extension). The result
 * never contains "..", absolute parts or unsafe characters.
 */
export function renderTemplate(template: string, fields: Record<string, string>, ext: string): string[] {
  const parts = template
    .split(/[/\\]+/)
    .map((part) => tidy(part.replace(/\{(\w+)\}/g, (_, name: string) => (fields[name.toLowerCase()] ?? '').replace(/[/\\]/g, '_'))))
    .filter((part) => part.length > 0 && !/^\.+$/.test(part));
  if (parts.length === 0) parts.push(fields.title || 'Untitled');
  const safeExt = ext.replace(/[^a-z0-9]/gi, '').toLowerCase();
  const folders = parts.slice(0, -1).map((p) => safeSegment(p));
  const file = safeSegment(parts[parts.length - 1] ?? 'Untitled', safeExt.length + 1);
  return [...folders, safeExt ? `${file}.${safeExt}` : file];
}
