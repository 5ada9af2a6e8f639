/**
 * HLS playlists through m3u8-parser (video.js's parser: EXT-X-MAP, byte ranges, keys, master
 * playlists), turned into the few facts the downloaders need. DRM is detected here, before any
 * segment is fetched: only clear AES-128 with a key URI is accepted.
 */
import { Parser } from 'm3u8-parser';
import { DeckhandError } from '../errors';
import type { InputContainer } from '../media/types';

export interface ByteRange {
  offset: number;
  length: number;
}

export interface HlsKey {
  method: 'AES-128';
  url: string;
  /** 16 bytes; absent = derived from the media sequence number. */
  iv?: Uint8Array;
}

export interface HlsSegment {
  index: number;
  /** Media sequence number (for AES-128 IVs). */
  sequence: number;
  url: string;
  durationSec: number;
  byteRange?: ByteRange;
  key?: HlsKey;
}

export interface MediaPlaylist {
  kind: 'media';
  segments: HlsSegment[];
  init?: { url: string; byteRange?: ByteRange };
  endList: boolean;
  targetDuration: number;
  durationSec: number;
  container: InputContainer | undefined;
}

export interface HlsVariant {
  url: string;
  bandwidth?: number;
  codecs?: string;
}

export interface MasterPlaylist {
  kind: 'master';
  variants: HlsVariant[];
}

interface ParsedSegment {
  uri: string;
  duration?: number;
  byterange?: { length: number; offset: number };
  key?: { method?: string; uri?: string; iv?: Uint32Array | Record<string, number> };
  map?: { uri: string; byterange?: { length: number; offset: number } };
}

interface ParsedManifest {
  segments?: ParsedSegment[];
  playlists?: { uri: string; attributes?: { BANDWIDTH?: number; CODECS?: string } }[];
  endList?: boolean;
  targetDuration?: number;
  mediaSequence?: number;
}

const DRM_METHODS = /METHOD=(SAMPLE-AES(?:-CTR|-CENC)?|ISO-23001-7)/i;
const DRM_KEYFORMAT = /KEYFORMAT="(?:com\.widevine|com\.microsoft\.playready|com\.apple\.streamingkeydelivery|urn:uuid:)/i;

function resolveUrl(uri: string, base: string): string {
  return new URL(uri, base).toString();
}

function ivBytes(iv: Uint32Array | Record<string, number> | undefined): Uint8Array | undefined {
  if (!iv) return undefined;
  const words = Array.from({ length: 4 }, (_, i) => Number((iv as Record<number, number>)[i] ?? 0));
  const out = new Uint8Array(16);
  const view = new DataView(out.buffer);
  words.forEach((w, i) => view.setUint32(i * 4, w >>> 0));
  return out;
}

export function guessContainer(url: string): InputContainer | undefined {
  const path = url.split('?')[0]?.toLowerCase() ?? '';
  if (/\.(m4s|mp4|cmfa|m4f)$/.test(path)) return 'fmp4';
  if (path.endsWith('.ts')) return 'ts';
  if (path.endsWith('.mp3')) return 'mp3';
  if (path.endsWith('.aac')) return 'aac';
  return undefined;
}

/** What the first bytes of a segment or file are (sniffing beats trusting extensions). */
export function sniffContainer(bytes: Uint8Array): InputContainer | 'html' | undefined {
  if (bytes.length >= 1 && bytes[0] === 0x47 && (bytes.length < 189 || bytes[188] === 0x47)) return 'ts';
  const ascii = String.fromCharCode(...bytes.subarray(0, 16));
  if (/^\s*<(!doctype|html|\?xml|error)/i.test(ascii)) return 'html';
  const box = ascii.slice(4, 8);
  if (['ftyp', 'styp', 'moof', 'moov', 'sidx', 'mdat', 'free'].includes(box)) return box === 'ftyp' ? 'm4a' : 'fmp4';
  if (ascii.startsWith('ID3')) return 'mp3';
  if (bytes[0] === 0xff && bytes.length > 1) {
    const b1 = bytes[1] ?? 0;
    if ((b1 & 0xf6) === 0xf0) return 'aac'; // ADTS: layer bits 00
    if ((b1 & 0xe0) === 0xe0) return 'mp3';
  }
  return undefined;
}

export function parsePlaylist(text: string, baseUrl: string): MediaPlaylist | MasterPlaylist {
  if (!/^\uFEFF?#EXTM3U/.test(text.trimStart())) {
    throw new DeckhandError('media.bad-playlist', 'The stream playlist is not an M3U8 file.');
  }
  if (DRM_METHODS.test(text) || DRM_KEYFORMAT.test(text)) {
    throw new DeckhandError('stream.drm');
  }
  const parser = new Parser();
  parser.push(text);
  parser.end();
  const manifest = parser.manifest as ParsedManifest;
  if (manifest.playlists && manifest.playlists.length > 0) {
    return {
      kind: 'master',
      variants: manifest.playlists.map((p) => ({
        url: resolveUrl(p.uri, baseUrl),
        ...(p.attributes?.BANDWIDTH !== undefined ? { bandwidth: p.attributes.BANDWIDTH } : {}),
        ...(p.attributes?.CODECS ? { codecs: p.attributes.CODECS } : {}),
      })),
    };
  }
  const parsed = manifest.segments ?? [];
  if (parsed.length === 0) throw new DeckhandError('media.no-segments');
  const firstSequence = manifest.mediaSequence ?? 0;
  let init: MediaPlaylist['init'];
  const segments: HlsSegment[] = parsed.map((s, index) => {
    if (s.map && !init) {
      init = {
        url: resolveUrl(s.map.uri, baseUrl),
        ...(s.map.byterange ? { byteRange: { offset: s.map.byterange.offset, length: s.map.byterange.length } } : {}),
      };
    }
    const method = s.key?.method?.toUpperCase();
    if (method && method !== 'NONE' && method !== 'AES-128') throw new DeckhandError('stream.drm');
    if (method === 'AES-128' && !s.key?.uri) throw new DeckhandError('stream.drm', 'An encrypted segment has no key URI.');
    const iv = ivBytes(s.key?.iv);
    return {
      index,
      sequence: firstSequence + index,
      url: resolveUrl(s.uri, baseUrl),
      durationSec: s.duration ?? 0,
      ...(s.byterange ? { byteRange: { offset: s.byterange.offset, length: s.byterange.length } } : {}),
      ...(method === 'AES-128' && s.key?.uri
        ? { key: { method: 'AES-128' as const, url: resolveUrl(s.key.uri, baseUrl), ...(iv ? { iv } : {}) } }
        : {}),
    };
  });
  const first = segments[0];
  return {
    kind: 'media',
    segments,
    ...(init ? { init } : {}),
    endList: manifest.endList ?? false,
    targetDuration: manifest.targetDuration ?? 0,
    durationSec: segments.reduce((a, s) => a + s.durationSec, 0),
    container: init ? 'fmp4' : first ? guessContainer(first.url) : undefined,
  };
}

/** The best variant of a master playlist: the highest bandwidth with an audio codec we can remux. */
export function pickVariant(master: MasterPlaylist): HlsVariant {
  const usable = master.variants.filter((v) => !v.codecs || /mp4a|mp3|mp4a\.40/i.test(v.codecs));
  const sorted = (usable.length ? usable : master.variants).slice().sort((a, b) => (b.bandwidth ?? 0) - (a.bandwidth ?? 0));
  const best = sorted[0];
  if (!best) throw new DeckhandError('media.bad-playlist', 'The master playlist lists no variant.');
  return best;
}

/** The IV for a segment: the explicit one, else the media sequence number as a 128-bit big-endian integer. */
export function segmentIv(segment: HlsSegment): Uint8Array {
  if (segment.key?.iv) return segment.key.iv;
  const iv = new Uint8Array(16);
  new DataView(iv.buffer).setUint32(12, segment.sequence >>> 0);
  return iv;
}
