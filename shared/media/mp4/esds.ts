/**
 * The `esds` box (ISO 14496-1 ES_Descriptor): read the AudioSpecificConfig out of a source file,
 * and write a fresh one around it for ours.
 */
import { DeckhandError } from '../../errors';
import { ByteWriter } from '../bytes';

const ES_DESCRIPTOR = 0x03;
const DECODER_CONFIG = 0x04;
const DECODER_SPECIFIC_INFO = 0x05;
const SL_CONFIG = 0x06;
/** objectTypeIndication for MPEG-4 Audio (AAC and friends). */
const OTI_MPEG4_AUDIO = 0x40;

interface Descriptor {
  tag: number;
  body: number;
  end: number;
}

function readDescriptor(b: Uint8Array, pos: number, limit: number): Descriptor | undefined {
  if (pos >= limit) return undefined;
  const tag = b[pos] ?? 0;
  let length = 0;
  let p = pos + 1;
  for (let i = 0; i < 4; i++) {
    const byte = b[p++];
    if (byte === undefined) return undefined;
    length = (length << 7) | (byte & 0x7f);
    if ((byte & 0x80) === 0) break;
  }
  if (p + length > limit) return undefined;
  return { tag, body: p, end: p + length };
}

/** AudioSpecificConfig bytes from an esds payload (after the FullBox version/flags). */
export function ascFromEsds(b: Uint8Array, from: number, to: number): Uint8Array {
  const corrupt = (what: string) => new DeckhandError('media.corrupt', `esds: ${what}`);
  const es = readDescriptor(b, from, to);
  if (!es || es.tag !== ES_DESCRIPTOR) throw corrupt('no ES_Descriptor');
  const flags = b[es.body + 2] ?? 0;
  let p = es.body + 3;
  if (flags & 0x80) p += 2; // dependsOn_ES_ID
  if (flags & 0x40) p += 1 + (b[p] ?? 0); // URL
  if (flags & 0x20) p += 2; // OCR_ES_Id
  const dc = readDescriptor(b, p, es.end);
  if (!dc || dc.tag !== DECODER_CONFIG) throw corrupt('no DecoderConfigDescriptor');
  const oti = b[dc.body] ?? 0;
  if (oti !== OTI_MPEG4_AUDIO) {
    throw new DeckhandError('media.unsupported', `MP4 audio object type 0x${oti.toString(16)} is not AAC`);
  }
  const dsi = readDescriptor(b, dc.body + 13, dc.end);
  if (!dsi || dsi.tag !== DECODER_SPECIFIC_INFO || dsi.end === dsi.body) throw corrupt('no AudioSpecificConfig');
  return b.slice(dsi.body, dsi.end);
}

export interface EsdsParams {
  asc: Uint8Array;
  /** Largest access unit, bytes (bufferSizeDB). */
  bufferSize: number;
  maxBitrate: number;
  avgBitrate: number;
}

function descriptor(w: ByteWriter, tag: number, body: Uint8Array): void {
  // Four-byte length form, as most muxers write it; valid for any length below 2^28.
  const n = body.length;
  w.u8(tag)
    .u8(0x80 | ((n >>> 21) & 0x7f))
    .u8(0x80 | ((n >>> 14) & 0x7f))
    .u8(0x80 | ((n >>> 7) & 0x7f))
    .u8(n & 0x7f)
    .bytes(body);
}

/** esds body (after version/flags). */
export function esdsBody(p: EsdsParams): Uint8Array {
  const dsi = new ByteWriter();
  descriptor(dsi, DECODER_SPECIFIC_INFO, p.asc);
  const dc = new ByteWriter()
    .u8(OTI_MPEG4_AUDIO)
    .u8((0x05 << 2) | 1) // streamType audio, upStream 0, reserved 1
    .u24(Math.min(p.bufferSize, 0xffffff))
    .u32(p.maxBitrate >>> 0)
    .u32(p.avgBitrate >>> 0)
    .bytes(dsi.toBytes());
  const es = new ByteWriter().u16(0).u8(0); // ES_ID 0, no flags
  descriptor(es, DECODER_CONFIG, dc.toBytes());
  descriptor(es, SL_CONFIG, new Uint8Array([0x02]));
  const out = new ByteWriter();
  descriptor(out, ES_DESCRIPTOR, es.toBytes());
  return out.toBytes();
}
