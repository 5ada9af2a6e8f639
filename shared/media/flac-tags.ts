/**
 * Tags for a FLAC file kept as it is (an original download): the metadata blocks in front are
 * rebuilt (STREAMINFO and anything we do not write, such as SEEKTABLE or CUESHEET, kept byte for
 * byte; VORBIS_COMMENT, PICTURE and PADDING replaced) and the audio frames behind them are copied
 * untouched. Field names follow what DJ software and taggers read: BPM, INITIALKEY (Traktor,
 * Rekordbox, Serato), LABEL and ORGANIZATION, ISRC, DATE, URL…
 */
import { formatKey, parseKey } from '../keys';
import { ByteWriter, concatBytes, latin1, u24, utf8 } from './bytes';
import { imageSize } from './image-size';
import type { OriginalPiece } from './original-layout';
import { normalizeDate, presentText } from './text';
import type { Tags } from './types';

export const FLAC_MAGIC = 'fLaC';
const STREAMINFO = 0;
const PADDING = 1;
const VORBIS_COMMENT = 4;
const PICTURE = 6;
/** Room left for editors to grow the tags without moving the audio. */
const PADDING_BYTES = 4096;
const MAX_BLOCK = 0xffffff;

export interface FlacBlock {
  type: number;
  /** Where the block's 4-byte header starts in the file, and its body length. */
  offset: number;
  length: number;
}

export interface FlacStreamInfo {
  sampleRate: number;
  totalSamples: number;
}

/** The 4-byte header of a metadata block at `head[0..4]`. */
export function readBlockHeader(head: Uint8Array, offset: number): FlacBlock & { last: boolean } {
  const first = head[0] ?? 0;
  return { type: first & 0x7f, last: (first & 0x80) !== 0, offset, length: u24(head, 1) };
}

/** Sample rate and length from a STREAMINFO body (34 bytes). */
export function parseStreamInfo(body: Uint8Array): FlacStreamInfo {
  const b = (i: number) => body[i] ?? 0;
  const sampleRate = (b(10) << 12) | (b(11) << 4) | (b(12) >> 4);
  const totalSamples = (b(13) & 0x0f) * 0x1_0000_0000 + ((b(14) << 24) >>> 0) + ((b(15) << 16) | (b(16) << 8) | b(17));
  return { sampleRate, totalSamples };
}

function blockHeader(type: number, length: number, last: boolean): Uint8Array {
  if (length > MAX_BLOCK) throw new RangeError('FLAC metadata block too large');
  return new ByteWriter(4).u8((last ? 0x80 : 0) | type).u8(length >>> 16).u8((length >>> 8) & 0xff).u8(length & 0xff).toBytes();
}

/** Vorbis comment pairs for the tags (several values of one field are separate comments). */
export function vorbisFields(tags: Tags): [string, string][] {
  const out: [string, string][] = [];
  const add = (name: string, value: string | number | undefined, multiline = false) => {
    const v = value === undefined ? undefined : presentText(String(value), multiline);
    if (v) out.push([name, v]);
  };
  add('TITLE', tags.title);
  for (const artist of tags.artists ?? []) add('ARTIST', artist);
  add('ALBUMARTIST', tags.albumArtist);
  add('ALBUM', tags.album);
  add('GENRE', tags.genre);
  if (tags.bpm !== undefined && Number.isFinite(tags.bpm) && tags.bpm > 0) add('BPM', Math.round(tags.bpm));
  const key = presentText(tags.key);
  if (key) {
    add('INITIALKEY', key);
    const parsed = parseKey(key);
    if (parsed && formatKey(parsed, 'standard') !== key) add('KEY', formatKey(parsed, 'standard'));
  }
  add('LABEL', tags.label);
  add('ORGANIZATION', tags.label);
  add('ISRC', tags.isrc);
  add('DATE', normalizeDate(tags.date));
  if (tags.trackNumber !== undefined && tags.trackNumber >= 1) add('TRACKNUMBER', Math.floor(tags.trackNumber));
  if (tags.trackTotal !== undefined && tags.trackTotal >= 1) add('TRACKTOTAL', Math.floor(tags.trackTotal));
  if (tags.discNumber !== undefined && tags.discNumber >= 1) add('DISCNUMBER', Math.floor(tags.discNumber));
  add('COMMENT', tags.comment, true);
  add('DESCRIPTION', tags.description, true);
  add('URL', tags.url);
  for (const [name, value] of Object.entries(tags.extra ?? {})) {
    // Field names are printable ASCII without "=" (Vorbis comment spec).
    const field = name.toUpperCase().replace(/[^\x20-\x3c\x3e-\x7d]/g, '');
    if (field) add(field, value, true);
  }
  return out;
}

function le32(n: number): Uint8Array {
  return new Uint8Array([n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff]);
}

export function vorbisCommentBody(tags: Tags, vendor = 'Deckhand'): Uint8Array {
  const parts: Uint8Array[] = [];
  const vendorBytes = utf8(vendor);
  parts.push(le32(vendorBytes.length), vendorBytes);
  const fields = vorbisFields(tags);
  parts.push(le32(fields.length));
  for (const [name, value] of fields) {
    const entry = utf8(`${name}=${value}`);
    parts.push(le32(entry.length), entry);
  }
  return concatBytes(parts);
}

/** PICTURE block body: front cover (type 3), no description, the size read from the image's header. */
export function pictureBody(mime: string, data: Uint8Array): Uint8Array {
  const mimeBytes = latin1(mime);
  const size = imageSize(data);
  return new ByteWriter(32 + mimeBytes.length + data.length)
    .u32(3).u32(mimeBytes.length).bytes(mimeBytes).u32(0)
    .u32(size.width).u32(size.height).u32(size.depth).u32(size.colors)
    .u32(data.length).bytes(data)
    .toBytes();
}

/**
 * The tagged file as pieces: "fLaC", the kept blocks (copied from the source), our comment, cover
 * and padding, then the audio frames from `audioOffset` to the end, copied.
 */
export function flacLayout(blocks: readonly FlacBlock[], audioOffset: number, fileSize: number, tags: Tags): OriginalPiece[] {
  const kept = blocks.filter((b) => b.type !== VORBIS_COMMENT && b.type !== PICTURE && b.type !== PADDING);
  if (kept[0]?.type !== STREAMINFO) throw new RangeError('FLAC without STREAMINFO first');
  const pieces: OriginalPiece[] = [{ bytes: latin1(FLAC_MAGIC) }];
  for (const b of kept) {
    // Every kept block is copied behind a fresh header: its "last block" flag may change.
    pieces.push({ bytes: blockHeader(b.type, b.length, false) }, { from: b.offset + 4, length: b.length });
  }
  const comment = vorbisCommentBody(tags);
  pieces.push({ bytes: concatBytes([blockHeader(VORBIS_COMMENT, comment.length, false), comment]) });
  if (tags.artwork && tags.artwork.data.length > 0) {
    const picture = pictureBody(tags.artwork.mime, tags.artwork.data);
    if (picture.length <= MAX_BLOCK) pieces.push({ bytes: concatBytes([blockHeader(PICTURE, picture.length, false), picture]) });
  }
  pieces.push({ bytes: concatBytes([blockHeader(PADDING, PADDING_BYTES, true), new Uint8Array(PADDING_BYTES)]) });
  pieces.push({ from: audioOffset, length: fileSize - audioOffset });
  return pieces;
}
