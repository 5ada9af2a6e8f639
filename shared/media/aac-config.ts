/**
 * AAC AudioSpecificConfig (ISO 14496-3 §1.6.2.1): read it from an fMP4/MP4 `esds`, or build it
 * from an ADTS header. The M4A writer copies these bytes into its own `esds` unchanged.
 */
import { DeckhandError } from '../errors';

export const AAC_SAMPLE_RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

export interface AacConfig {
  /** The AudioSpecificConfig bytes as found (or built from ADTS). */
  asc: Uint8Array;
  /** Audio object type of the core coder (2 = AAC-LC). For explicit HE-AAC this is the core (2), not 5. */
  objectType: number;
  /** Object type as signalled first (5 = SBR, 29 = PS for explicit HE-AAC); goes into the codec string. */
  signalledObjectType: number;
  /** Core sampling rate: the rate AAC frame durations count in. */
  sampleRate: number;
  /** Rate the decoder outputs (double the core rate with explicit SBR). */
  outputSampleRate: number;
  channels: number;
  /** Samples per frame: 1024, or 960 when frameLengthFlag is set. */
  frameLength: number;
}

class BitReader {
  private bit = 0;
  constructor(private readonly bytes: Uint8Array) {}

  read(n: number): number {
    let v = 0;
    for (let i = 0; i < n; i++) {
      const byte = this.bytes[this.bit >> 3];
      if (byte === undefined) throw new DeckhandError('media.corrupt', 'AudioSpecificConfig is truncated');
      v = v * 2 + ((byte >> (7 - (this.bit & 7))) & 1);
      this.bit++;
    }
    return v;
  }
}

function readObjectType(r: BitReader): number {
  const aot = r.read(5);
  return aot === 31 ? 32 + r.read(6) : aot;
}

function readRate(r: BitReader): number {
  const index = r.read(4);
  if (index === 15) return r.read(24);
  const rate = AAC_SAMPLE_RATES[index];
  if (rate === undefined) throw new DeckhandError('media.corrupt', `AAC sampling frequency index ${index} is reserved`);
  return rate;
}

/** channelConfiguration → channel count (ISO 14496-3 Table 1.19; 8..10 are reserved). */
const CHANNELS_BY_CONFIG: Record<number, number> = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 8, 11: 7, 12: 8, 13: 24, 14: 8 };

/** Object types that start with a GASpecificConfig (whose first bit is frameLengthFlag). */
const GA_TYPES = new Set([1, 2, 3, 4, 6, 7, 17, 19, 20, 21, 22, 23]);

export function parseAudioSpecificConfig(asc: Uint8Array): AacConfig {
  const r = new BitReader(asc);
  const signalled = readObjectType(r);
  let objectType = signalled;
  const sampleRate = readRate(r);
  const channelConfig = r.read(4);
  let outputSampleRate = sampleRate;
  if (signalled === 5 || signalled === 29) {
    outputSampleRate = readRate(r);
    objectType = readObjectType(r);
  }
  const frameLength = GA_TYPES.has(objectType) && r.read(1) === 1 ? 960 : 1024;
  if (channelConfig === 0) {
    throw new DeckhandError('media.unsupported', 'AAC with a program config element (channel configuration 0) is not supported');
  }
  const channels = CHANNELS_BY_CONFIG[channelConfig];
  if (channels === undefined) throw new DeckhandError('media.unsupported', `AAC channel configuration ${channelConfig} is reserved`);
  return { asc, objectType, signalledObjectType: signalled, sampleRate, outputSampleRate, channels, frameLength };
}

/** The two-byte AudioSpecificConfig an ADTS header implies (GASpecificConfig all zero). */
export function ascFromAdts(profile: number, rateIndex: number, channelConfig: number): Uint8Array {
  const aot = profile + 1;
  return new Uint8Array([(aot << 3) | (rateIndex >> 1), ((rateIndex & 1) << 7) | (channelConfig << 3)]);
}

export function aacCodecString(config: AacConfig): string {
  return `mp4a.40.${config.signalledObjectType}`;
}
