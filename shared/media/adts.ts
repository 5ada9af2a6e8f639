/**
 * Raw ADTS AAC (an `.aac` file, HLS packed audio, or the elementary stream inside MPEG-TS):
 * each frame's header and CRC are stripped and the raw access unit goes to the payload; the
 * first header gives the AudioSpecificConfig.
 */
import { DeckhandError } from '../errors';
import { AAC_SAMPLE_RATES, ascFromAdts, parseAudioSpecificConfig, type AacConfig } from './aac-config';
import type { AacDemuxer } from './demux';
import { FrameScanner, type FrameHeader, type FrameSyntax } from './frame-scanner';
import type { PayloadBatch } from './payload';
import { SampleTable } from './sample-table';

interface AdtsHeader extends FrameHeader {
  headerLength: number;
  profile: number;
  rateIndex: number;
  channelConfig: number;
  rawDataBlocks: number;
}

export const adtsSyntax: FrameSyntax = {
  headerBytes: 7,
  parse(b: Uint8Array, p: number): AdtsHeader | undefined {
    const b1 = b[p + 1] ?? 0;
    if (b[p] !== 0xff || (b1 & 0xf6) !== 0xf0) return undefined; // syncword, layer 00
    const b2 = b[p + 2] ?? 0;
    const b3 = b[p + 3] ?? 0;
    const rateIndex = (b2 >> 2) & 0x0f;
    if (rateIndex >= AAC_SAMPLE_RATES.length) return undefined;
    const profile = b2 >> 6;
    const channelConfig = ((b2 & 1) << 2) | (b3 >> 6);
    const length = ((b3 & 3) << 11) | ((b[p + 4] ?? 0) << 3) | ((b[p + 5] ?? 0) >> 5);
    const headerLength = b1 & 1 ? 7 : 9;
    if (length <= headerLength) return undefined;
    return {
      length,
      headerLength,
      profile,
      rateIndex,
      channelConfig,
      rawDataBlocks: (b[p + 6] ?? 0) & 3,
      signature: (profile << 8) | (rateIndex << 4) | channelConfig,
    };
  },
};

export class AdtsDemuxer implements AacDemuxer {
  readonly output = 'm4a' as const;
  readonly table = new SampleTable();
  private readonly scanner: FrameScanner;
  private aac: AacConfig | undefined;
  private batch: PayloadBatch | undefined;

  constructor() {
    this.scanner = new FrameScanner(adtsSyntax, (frame, header) => this.onFrame(frame, header as AdtsHeader));
  }

  config(): AacConfig | undefined {
    return this.aac;
  }

  timescale(): number {
    return this.aac?.sampleRate ?? 0;
  }

  junkBeforeAudio(): number {
    return this.scanner.frames === 0 ? this.scanner.junkBytes : 0;
  }

  push(bytes: Uint8Array, batch: PayloadBatch): void {
    this.batch = batch;
    this.scanner.push(bytes);
  }

  /** The input had a gap (lost TS packet): drop the partial frame and find sync again. */
  resync(): void {
    this.scanner.resync();
  }

  private onFrame(frame: Uint8Array, header: AdtsHeader): void {
    if (header.rawDataBlocks !== 0) {
      throw new DeckhandError('media.unsupported', 'ADTS frames with several raw data blocks are not supported');
    }
    if (!this.aac) {
      this.aac = parseAudioSpecificConfig(ascFromAdts(header.profile, header.rateIndex, header.channelConfig));
    }
    const payload = frame.subarray(header.headerLength);
    this.table.add(payload.length, this.aac.frameLength);
    this.batch?.add(payload);
  }
}
