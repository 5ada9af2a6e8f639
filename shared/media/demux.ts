/**
 * What every input parser gives the remuxer: payload views (added to a PayloadBatch in decode
 * order) plus a SampleTable with one entry per access unit, and the stream facts the header needs.
 */
import type { AacConfig } from './aac-config';
import type { SourceEdit } from './mp4/priming';
import type { PayloadBatch } from './payload';
import type { SampleTable } from './sample-table';

/** MPEG audio stream facts taken from the first frame. */
export interface MpegAudioInfo {
  /** 1, 2 or 2.5 */
  version: 1 | 2 | 2.5;
  layer: 1 | 2 | 3;
  sampleRate: number;
  channels: 1 | 2;
  /** Two bits: 0 stereo, 1 joint stereo, 2 dual channel, 3 mono. */
  channelMode: number;
  samplesPerFrame: number;
  /** Index into the bitrate table (1..14) of the frame this came from. */
  bitrateIndex: number;
}

interface DemuxerBase {
  readonly table: SampleTable;
  /** Parse one pushed piece; views added to `batch` stay valid until the next push. */
  push(bytes: Uint8Array, batch: PayloadBatch): void;
  /** Bytes skipped as unparseable before any audio was found (fail fast on garbage). */
  junkBeforeAudio(): number;
}

export interface AacDemuxer extends DemuxerBase {
  readonly output: 'm4a';
  /** Known once the first frame (or the init segment) has been read. */
  config(): AacConfig | undefined;
  /** Timescale of the table's durations: always the AAC core sample rate. */
  timescale(): number;
  /** The encoder priming the source declares, in that timescale; only MP4 sources state one. */
  sourceEdit?(): SourceEdit | undefined;
}

export interface MpegAudioDemuxer extends DemuxerBase {
  readonly output: 'mp3';
  info(): MpegAudioInfo | undefined;
  /** The LAME extension of the source's own Info/Xing frame (encoder delay and padding), if any. */
  encoderTag(): Uint8Array | undefined;
}

export type Demuxer = AacDemuxer | MpegAudioDemuxer;
