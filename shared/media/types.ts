/**
 * The media pipeline's contracts, shared by the native host (Node, files) and the in-browser path
 * (offscreen document / Firefox background page). Pure TypeScript over Uint8Array: no Node or DOM APIs.
 *
 * A finished file is always `header ++ payload`:
 *  - M4A: header = ftyp + moov (sample tables, tags, chapters; index first) + mdat box header,
 *         payload = the raw AAC access units in decode order.
 *  - MP3: header = ID3v2.4 tag (+ a Xing/Info frame when we can compute it), payload = MPEG audio frames.
 * The payload is streamed out while segments are pushed (bounded memory); the header is computed at the end.
 */

export type InputContainer = 'fmp4' | 'ts' | 'mp3' | 'aac' | 'm4a';
export type OutputContainer = 'm4a' | 'mp3';

export interface Artwork {
  data: Uint8Array;
  mime: 'image/jpeg' | 'image/png';
}

export interface ChapterMark {
  startMs: number;
  endMs?: number;
  title: string;
}

/** Format-independent tags; writers map them to ID3v2.4 frames or MP4 atoms. */
export interface Tags {
  title?: string;
  artists?: string[];
  albumArtist?: string;
  album?: string;
  genre?: string;
  /** Written as an integer (TBPM / tmpo). */
  bpm?: number;
  /** Already in the user's notation (standard "Am", Camelot "8A", Open Key "1m"); TKEY keeps <= 3 chars. */
  key?: string;
  label?: string;
  isrc?: string;
  /** YYYY, YYYY-MM-DD or ISO date-time. */
  date?: string;
  trackNumber?: number;
  trackTotal?: number;
  discNumber?: number;
  comment?: string;
  description?: string;
  /** Source page URL (WOAF / a freeform atom). */
  url?: string;
  artwork?: Artwork;
  /** Only chapters with known start times; never invented. */
  chapters?: ChapterMark[];
  /** Freeform pairs: TXXX:<name> in ID3, ----:com.apple.iTunes:<name> in MP4. */
  extra?: Record<string, string>;
}

export type PayloadSink = (chunk: Uint8Array) => void | Promise<void>;

export interface RemuxResult {
  /** Bytes that precede the payload in the final file. */
  header: Uint8Array;
  payloadBytes: number;
  durationSec: number;
  container: OutputContainer;
  /** e.g. "mp4a.40.2", "mp3" */
  codec: string;
  sampleRate?: number;
  channels?: number;
}

export interface Remuxer {
  readonly output: OutputContainer;
  /** Feed one media segment (or the whole file for progressive sources), in order. */
  push(segment: Uint8Array, sink: PayloadSink): Promise<void>;
  /**
   * After the last segment: compute the header with tags. With `payloadOffset` (the payload was
   * written that far into the file, room left for the header) the header is exactly that long when
   * it fits (padding: a `free` box in M4A, ID3 padding in MP3); `header.length !== payloadOffset`
   * tells the caller it did not fit and the payload must be moved behind the header.
   */
  finish(tags: Tags, layout?: PayloadLayout): RemuxResult;
}

export interface PayloadLayout {
  payloadOffset?: number;
}

export interface RemuxerOptions {
  input: InputContainer;
  /**
   * fMP4 init segment (EXT-X-MAP), required for 'fmp4'. For 'm4a', optionally the file's moov box:
   * then push the sample data in decode order, in pieces that hold whole samples.
   */
  init?: Uint8Array;
}
