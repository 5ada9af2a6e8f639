/**
 * A minimal ID3v2.3/2.4 reader for pre-filling the upload form. shared/media only writes tags and
 * no well-kept reader (music-metadata) is installed, so this reads just what the form uses: text
 * frames, the comment, the picture and chapters. Anything odd is skipped, never thrown.
 */
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

const TEXT_FIELDS: Record<string, keyof FileTags> = {
  TIT2: 'title', TPE1: 'artist', TALB: 'album', TCON: 'genre', TKEY: 'key', TSRC: 'isrc', TDRC: 'date', TYER: 'date', TPUB: 'label',
};

function syncsafe(b: Uint8Array, o: number): number {
  return ((b[o]! & 0x7f) << 21) | ((b[o + 1]! & 0x7f) << 14) | ((b[o + 2]! & 0x7f) << 7) | (b[o + 3]! & 0x7f);
}

function u32(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) >>> 0) + (b[o + 1]! << 16) + (b[o + 2]! << 8) + b[o + 3]!;
}

/** Text in one of ID3's four encodings; multiple values (NUL-separated) are joined with ", ". */
export function decodeText(encoding: number, bytes: Uint8Array): string {
  const label = encoding === 1 ? 'utf-16' : encoding === 2 ? 'utf-16be' : encoding === 3 ? 'utf-8' : 'latin1';
  const text = new TextDecoder(label).decode(bytes);
  return text.split('\u0000').map((s) => s.trim()).filter(Boolean).join(', ');
}

/** Index after the NUL terminator of a string in `encoding` starting at `from`. */
function afterTerminator(encoding: number, b: Uint8Array, from: number): number {
  const wide = encoding === 1 || encoding === 2;
  for (let i = from; i < b.length; i += wide ? 2 : 1) {
    if (b[i] === 0 && (!wide || b[i + 1] === 0)) return i + (wide ? 2 : 1);
  }
  return b.length;
}

function readFrames(b: Uint8Array, version: number, tags: FileTags, chapters: { startMs: number; title: string }[]): void {
  let pos = 0;
  while (pos + 10 <= b.length) {
    const id = String.fromCharCode(b[pos]!, b[pos + 1]!, b[pos + 2]!, b[pos + 3]!);
    if (!/^[A-Z0-9]{4}$/.test(id)) break; // padding
    const size = version === 4 ? syncsafe(b, pos + 4) : u32(b, pos + 4);
    const body = b.subarray(pos + 10, pos + 10 + size);
    pos += 10 + size;
    if (body.length === 0) continue;
    const encoding = body[0]!;
    const field = TEXT_FIELDS[id];
    if (field) (tags as Record<string, unknown>)[field] = decodeText(encoding, body.subarray(1));
    else if (id === 'TBPM') {
      const bpm = Number.parseFloat(decodeText(encoding, body.subarray(1)));
      if (Number.isFinite(bpm) && bpm > 0) tags.bpm = bpm;
    } else if (id === 'COMM' && body.length > 4) {
      tags.comment = decodeText(encoding, body.subarray(afterTerminator(encoding, body, 4)));
    } else if (id === 'APIC') {
      const mimeEnd = body.indexOf(0, 1);
      if (mimeEnd < 0) continue;
      const mime = new TextDecoder('latin1').decode(body.subarray(1, mimeEnd)) || 'image/jpeg';
      const data = body.slice(afterTerminator(encoding, body, mimeEnd + 2));
      if (data.length) tags.picture = { mime: mime.includes('/') ? mime : `image/${mime.toLowerCase()}`, data };
    } else if (id === 'CHAP') {
      const idEnd = body.indexOf(0);
      if (idEnd < 0 || idEnd + 17 > body.length) continue;
      const startMs = u32(body, idEnd + 1);
      const sub: FileTags = {};
      readFrames(body.subarray(idEnd + 17), version, sub, []);
      chapters.push({ startMs, title: sub.title ?? '' });
    }
  }
}

/** Tags of an MP3's leading ID3v2 tag; `head` needs only the tag's bytes (the first 10 say how many). */
export function readId3(head: Uint8Array): FileTags {
  if (head.length < 10 || head[0] !== 0x49 || head[1] !== 0x44 || head[2] !== 0x33) return {};
  const version = head[3]!;
  if (version !== 3 && version !== 4) return {};
  const flags = head[5]!;
  const size = syncsafe(head, 6);
  let frames = head.subarray(10, 10 + size);
  if (flags & 0x40) frames = frames.subarray(version === 4 ? syncsafe(frames, 0) : u32(frames, 0) + 4); // extended header
  const tags: FileTags = {};
  const chapters: { startMs: number; title: string }[] = [];
  readFrames(frames, version, tags, chapters);
  if (chapters.length) tags.chapters = chapters.sort((a, c) => a.startMs - c.startMs);
  return tags;
}

/** How many leading bytes hold the ID3v2 tag (0 without one). */
export function id3Length(first10: Uint8Array): number {
  if (first10.length < 10 || first10[0] !== 0x49 || first10[1] !== 0x44 || first10[2] !== 0x33) return 0;
  return 10 + syncsafe(first10, 6);
}

/** "Artist - Title.mp3" → parts, for files without tags. */
export function tagsFromFileName(name: string): FileTags {
  const base = name.replace(/\.[A-Za-z0-9]{2,4}$/, '').replace(/_/g, ' ').trim();
  const m = /^(.+?)\s+[-–]\s+(.+)$/.exec(base);
  return m ? { artist: m[1]!.trim(), title: m[2]!.trim() } : { title: base };
}
