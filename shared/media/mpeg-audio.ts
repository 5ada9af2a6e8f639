/**
 * MPEG audio frame headers (MPEG-1/2/2.5, Layers I–III): validity, frame length, samples per
 * frame, and where a Xing/Info or VBRI header would sit inside a frame.
 */
import type { FrameHeader, FrameSyntax } from './frame-scanner';
import type { MpegAudioInfo } from './demux';

// kbit/s by bitrate index 1..14.
const BITRATES = {
  v1l1: [32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  v1l2: [32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  v1l3: [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  v2l1: [32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  v2l23: [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const RATES = { 1: [44100, 48000, 32000], 2: [22050, 24000, 16000], 2.5: [11025, 12000, 8000] };

export interface MpegFrameHeader extends FrameHeader {
  info: MpegAudioInfo;
}

export function bitrateTable(version: MpegAudioInfo['version'], layer: MpegAudioInfo['layer']): number[] {
  if (version === 1) return layer === 1 ? BITRATES.v1l1 : layer === 2 ? BITRATES.v1l2 : BITRATES.v1l3;
  return layer === 1 ? BITRATES.v2l1 : BITRATES.v2l23;
}

export function samplesPerFrame(version: MpegAudioInfo['version'], layer: MpegAudioInfo['layer']): number {
  if (layer === 1) return 384;
  if (layer === 2 || version === 1) return 1152;
  return 576;
}

export function frameLength(info: MpegAudioInfo, kbps: number, padding: number): number {
  const bits = kbps * 1000;
  if (info.layer === 1) return (Math.floor((12 * bits) / info.sampleRate) + padding) * 4;
  const perFrame = info.layer === 3 && info.version !== 1 ? 72 : 144;
  return Math.floor((perFrame * bits) / info.sampleRate) + padding;
}

/** Offset of a Xing/Info tag in a Layer III frame: header + side information. */
export function xingOffset(info: MpegAudioInfo): number {
  if (info.version === 1) return 4 + (info.channels === 1 ? 17 : 32);
  return 4 + (info.channels === 1 ? 9 : 17);
}

export const mpegAudioSyntax: FrameSyntax = {
  headerBytes: 4,
  parse(b: Uint8Array, p: number): MpegFrameHeader | undefined {
    const b1 = b[p + 1] ?? 0;
    if (b[p] !== 0xff || (b1 & 0xe0) !== 0xe0) return undefined;
    const versionBits = (b1 >> 3) & 3;
    const layerBits = (b1 >> 1) & 3;
    if (versionBits === 1 || layerBits === 0) return undefined;
    const b2 = b[p + 2] ?? 0;
    const b3 = b[p + 3] ?? 0;
    const bitrateIndex = b2 >> 4;
    const rateIndex = (b2 >> 2) & 3;
    // Free-format (index 0) frames have no computable length; 15 is invalid; emphasis 2 is reserved.
    if (bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3 || (b3 & 3) === 2) return undefined;
    const version = versionBits === 3 ? 1 : versionBits === 2 ? 2 : 2.5;
    const layer = (4 - layerBits) as 1 | 2 | 3;
    const channelMode = b3 >> 6;
    const info: MpegAudioInfo = {
      version,
      layer,
      sampleRate: RATES[version][rateIndex] ?? 44100,
      channels: channelMode === 3 ? 1 : 2,
      channelMode,
      samplesPerFrame: samplesPerFrame(version, layer),
      bitrateIndex,
    };
    const kbps = bitrateTable(version, layer)[bitrateIndex - 1] ?? 0;
    const length = frameLength(info, kbps, (b2 >> 1) & 1);
    return { length, info, signature: (versionBits << 8) | (layerBits << 4) | (rateIndex << 2) | (info.channels - 1) };
  },
};

function tagAt(frame: Uint8Array, offset: number, tag: string): boolean {
  for (let i = 0; i < tag.length; i++) if (frame[offset + i] !== tag.charCodeAt(i)) return false;
  return true;
}

/** A frame that carries an encoder's Xing/Info or VBRI header instead of audio. */
export function isVbrHeaderFrame(frame: Uint8Array, header: MpegFrameHeader): boolean {
  if (header.info.layer !== 3) return false;
  const at = xingOffset(header.info);
  return tagAt(frame, at, 'Xing') || tagAt(frame, at, 'Info') || tagAt(frame, 36, 'VBRI');
}
