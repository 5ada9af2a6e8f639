/**
 * MP4 inputs: fMP4 HLS (init segment + moof/mdat segments, SoundCloud aac_160k) and a progressive
 * M4A: either pushed whole (moov anywhere; if it is itself fragmented, its moofs are read too), or,
 * given its moov up front, as its sample data in decode order in any number of sample-aligned
 * pieces (see progressive-index.ts: large files never sit in memory whole).
 * Sample durations (and the priming the source declares) are rescaled to the AAC sample rate, the
 * M4A output's media timescale.
 */
import { DeckhandError } from '../../errors';
import type { AacConfig } from '../aac-config';
import type { AacDemuxer } from '../demux';
import type { PayloadBatch } from '../payload';
import { DurationRescaler, SampleTable } from '../sample-table';
import { child, root } from './boxes';
import { readFragments, type SampleCallback } from './fragments';
import type { SourceEdit } from './priming';
import { progressiveIndex } from './progressive-index';
import { readProgressiveSamples, type SampleLocation } from './sample-tables';
import { readAudioTrack, type AudioTrack } from './track';

function findMoovTrack(buf: Uint8Array): AudioTrack | undefined {
  const moov = child(buf, root(buf), 'moov');
  return moov ? readAudioTrack(buf, moov) : undefined;
}

abstract class Mp4DemuxerBase implements AacDemuxer {
  readonly output = 'm4a' as const;
  readonly table = new SampleTable();
  protected track: AudioTrack | undefined;

  config(): AacConfig | undefined {
    return this.track?.aac;
  }

  timescale(): number {
    return this.track?.aac.sampleRate ?? 0;
  }

  junkBeforeAudio(): number {
    return 0;
  }

  sourceEdit(): SourceEdit | undefined {
    const edit = this.track?.edit;
    if (!this.track || !edit) return undefined;
    const { timescale, aac } = this.track;
    const toAacRate = (v: number) => Math.round((v * aac.sampleRate) / timescale);
    return { priming: toAacRate(edit.priming), ...(edit.duration !== undefined ? { duration: toAacRate(edit.duration) } : {}) };
  }

  abstract push(bytes: Uint8Array, batch: PayloadBatch): void;

  private rescaler = new DurationRescaler(1, 1);

  protected useTrack(track: AudioTrack): AudioTrack {
    this.track = track;
    this.rescaler = new DurationRescaler(track.timescale, track.aac.sampleRate);
    return track;
  }

  /** Records a sample; a missing duration (0) means one AAC frame. */
  protected recorder(track: AudioTrack, batch: PayloadBatch): SampleCallback {
    const frameInSource = Math.round((track.aac.frameLength * track.timescale) / track.aac.sampleRate);
    const rescaler = this.rescaler;
    return (data, duration) => {
      this.table.add(data.length, rescaler.next(duration || frameInSource));
      batch.add(data);
    };
  }
}

export class Fmp4Demuxer extends Mp4DemuxerBase {
  constructor(init: Uint8Array | undefined) {
    super();
    if (init) {
      const track = findMoovTrack(init);
      if (!track) throw new DeckhandError('media.missing-init', 'the init segment has no moov box');
      this.useTrack(track);
    }
  }

  push(bytes: Uint8Array, batch: PayloadBatch): void {
    // Tolerate an init segment concatenated in front of the first media segment.
    let track = this.track;
    if (!track) {
      const found = findMoovTrack(bytes);
      if (!found) throw new DeckhandError('media.missing-init', 'fMP4 segments need the EXT-X-MAP init segment');
      track = this.useTrack(found);
    }
    const { moofs } = readFragments(bytes, track, this.recorder(track, batch));
    if (moofs === 0 && !child(bytes, root(bytes), 'moov')) {
      throw new DeckhandError('media.corrupt', 'the fMP4 segment holds no movie fragment');
    }
  }
}

export class ProgressiveMp4Demuxer extends Mp4DemuxerBase {
  private pushed = false;
  /** With a moov given up front: the samples still expected, in decode order. */
  private readonly expected: Generator<SampleLocation> | undefined;

  constructor(moov?: Uint8Array) {
    super();
    if (moov) {
      const index = progressiveIndex(moov);
      this.useTrack(index.track);
      this.expected = index.samples();
    }
  }

  push(bytes: Uint8Array, batch: PayloadBatch): void {
    if (this.expected && this.track) {
      this.pushSamples(bytes, this.track, this.expected, batch);
      return;
    }
    if (this.pushed) throw new DeckhandError('media.unsupported', 'a progressive M4A must be pushed as one whole file');
    this.pushed = true;
    const track = findMoovTrack(bytes);
    if (!track) throw new DeckhandError('media.corrupt', 'the M4A has no moov box (truncated download?)');
    this.useTrack(track);
    const record = this.recorder(track, batch);
    readProgressiveSamples(bytes, track, record);
    readFragments(bytes, track, record);
    if (this.table.count === 0) throw new DeckhandError('media.corrupt', 'the M4A holds no audio samples');
  }

  private pushSamples(bytes: Uint8Array, track: AudioTrack, expected: Generator<SampleLocation>, batch: PayloadBatch): void {
    const record = this.recorder(track, batch);
    for (let at = 0; at < bytes.length; ) {
      const next = expected.next();
      if (next.done) throw new DeckhandError('media.corrupt', 'more sample data than the M4A index lists');
      const { size, duration } = next.value;
      if (at + size > bytes.length) throw new DeckhandError('internal', 'progressive M4A pieces must hold whole samples');
      record(bytes.subarray(at, at + size), duration);
      at += size;
    }
  }
}
