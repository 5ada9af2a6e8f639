/**
 * MPEG-TS carrying ADTS AAC (Mixcloud HLS): a direct demux, PAT → PMT → the AAC PID → PES → ADTS.
 *
 * Written here rather than with mux.js: mux.js transmuxes to fMP4 per segment, trims frames by
 * timestamp and can prefix silence to align audio with video, and its flush at each segment end
 * closes the open PES. This demux keeps every access unit byte for byte, and its state (partial
 * packet, open PES, partial ADTS frame, continuity counter) simply carries over to the next push,
 * so a PES split across segment files joins up.
 */
import { DeckhandError } from '../errors';
import type { AacConfig } from './aac-config';
import { AdtsDemuxer } from './adts';
import { concatBytes, EMPTY, u16 } from './bytes';
import type { AacDemuxer } from './demux';
import type { PayloadBatch } from './payload';
import type { SampleTable } from './sample-table';

const PACKET = 188;
const SYNC = 0x47;
const STREAM_TYPE_ADTS_AAC = 0x0f;
const STREAM_TYPE_NAMES: Record<number, string> = { 0x03: 'MPEG-1 audio', 0x04: 'MPEG-2 audio', 0x11: 'LATM AAC', 0x81: 'AC-3', 0x87: 'E-AC-3' };

type PesState = 'header' | 'payload';

export class TsDemuxer implements AacDemuxer {
  readonly output = 'm4a' as const;
  private readonly adts = new AdtsDemuxer();
  private carry: Uint8Array = EMPTY;
  private pmtPid: number | undefined;
  private audioPid: number | undefined;
  private otherAudio: string | undefined;
  private lastCc: number | undefined;
  private pes: PesState = 'payload';
  private pesHeader: Uint8Array = EMPTY;
  private es: Uint8Array[] = [];
  private junk = 0;

  get table(): SampleTable {
    return this.adts.table;
  }

  config(): AacConfig | undefined {
    return this.adts.config();
  }

  timescale(): number {
    return this.adts.timescale();
  }

  junkBeforeAudio(): number {
    return this.table.count === 0 ? this.junk + this.adts.junkBeforeAudio() : 0;
  }

  push(bytes: Uint8Array, batch: PayloadBatch): void {
    const buf = this.carry.length === 0 ? bytes : concatBytes([this.carry, bytes]);
    let pos = 0;
    while (pos + PACKET <= buf.length) {
      if (buf[pos] !== SYNC) {
        pos = this.findSync(buf, pos + 1);
        continue;
      }
      this.packet(buf.subarray(pos, pos + PACKET), batch);
      pos += PACKET;
    }
    this.carry = buf.slice(pos);
    this.flushEs(batch);
    if (this.pmtPid !== undefined && this.audioPid === undefined && this.otherAudio) {
      throw new DeckhandError('media.unsupported', `MPEG-TS audio is ${this.otherAudio}, not ADTS AAC`);
    }
  }

  /** Next offset where a packet starts and the following one would too; skipped bytes count as junk. */
  private findSync(buf: Uint8Array, from: number): number {
    let p = from;
    while (p + PACKET <= buf.length && !(buf[p] === SYNC && (p + PACKET >= buf.length || buf[p + PACKET] === SYNC))) p++;
    this.junk += p - (from - 1);
    return p;
  }

  private packet(pkt: Uint8Array, batch: PayloadBatch): void {
    const b1 = pkt[1] ?? 0;
    if (b1 & 0x80) return; // transport_error_indicator
    const start = (b1 & 0x40) !== 0;
    const pid = ((b1 & 0x1f) << 8) | (pkt[2] ?? 0);
    const b3 = pkt[3] ?? 0;
    const adaptation = (b3 >> 4) & 3;
    if ((adaptation & 1) === 0) return; // no payload
    let payloadAt = 4;
    let discontinuity = false;
    if (adaptation & 2) {
      const afLength = pkt[4] ?? 0;
      discontinuity = afLength > 0 && ((pkt[5] ?? 0) & 0x80) !== 0;
      payloadAt = 5 + afLength;
    }
    if (payloadAt >= PACKET) return;
    const payload = pkt.subarray(payloadAt);
    if (pid === 0) {
      if (start) this.readPat(payload);
    } else if (pid === this.pmtPid) {
      if (start) this.readPmt(payload);
    } else if (pid === this.audioPid) {
      this.audioPacket(payload, start, b3 & 0x0f, discontinuity, batch);
    }
  }

  private audioPacket(payload: Uint8Array, start: boolean, cc: number, discontinuity: boolean, batch: PayloadBatch): void {
    if (this.lastCc !== undefined && !discontinuity) {
      if (cc === this.lastCc) return; // a duplicate packet
      if (cc !== ((this.lastCc + 1) & 0x0f)) {
        // Packets were lost: whatever ADTS frame was open is damaged. Drop it; the ADTS scanner
        // finds the next frame in the bytes that follow.
        this.flushEs(batch);
        this.adts.resync();
      }
    }
    this.lastCc = cc;
    if (start) {
      this.pes = 'header';
      this.pesHeader = EMPTY;
    }
    if (this.pes === 'payload') {
      this.es.push(payload);
      return;
    }
    this.pesHeader = concatBytes([this.pesHeader, payload]);
    const h = this.pesHeader;
    if (h.length < 9) return;
    if (h[0] !== 0 || h[1] !== 0 || h[2] !== 1) {
      this.pesHeader = EMPTY; // not a PES start: ignore until the next one
      return;
    }
    const headerEnd = 9 + (h[8] ?? 0);
    if (h.length < headerEnd) return;
    this.pes = 'payload';
    this.pesHeader = EMPTY;
    this.es.push(h.subarray(headerEnd));
  }

  private flushEs(batch: PayloadBatch): void {
    if (this.es.length === 0) return;
    const es = concatBytes(this.es);
    this.es = [];
    this.adts.push(es, batch);
  }

  /** PSI section body after the pointer field, bounded by section_length (CRC excluded). */
  private section(payload: Uint8Array, tableId: number): Uint8Array | undefined {
    const at = 1 + (payload[0] ?? 0);
    if (payload[at] !== tableId) return undefined;
    const length = u16(payload, at + 1) & 0x0fff;
    return payload.subarray(at, Math.min(payload.length, at + 3 + length - 4));
  }

  private readPat(payload: Uint8Array): void {
    const s = this.section(payload, 0x00);
    if (!s) return;
    for (let i = 8; i + 4 <= s.length; i += 4) {
      if (u16(s, i) !== 0) {
        this.pmtPid = u16(s, i + 2) & 0x1fff;
        return;
      }
    }
  }

  private readPmt(payload: Uint8Array): void {
    const s = this.section(payload, 0x02);
    if (!s) return;
    let i = 12 + (u16(s, 10) & 0x0fff);
    while (i + 5 <= s.length) {
      const type = s[i] ?? 0;
      const pid = u16(s, i + 1) & 0x1fff;
      if (type === STREAM_TYPE_ADTS_AAC) {
        this.audioPid = pid;
        return;
      }
      this.otherAudio ??= STREAM_TYPE_NAMES[type];
      i += 5 + (u16(s, i + 3) & 0x0fff);
    }
  }
}
