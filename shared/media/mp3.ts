/**
 * MP3 input (SoundCloud MP3 HLS slices, Beatport previews, progressive MP3): MPEG audio frames are
 * kept whole and in order. ID3v2 tags, an encoder's Xing/Info/VBRI frame, junk between frames and a
 * trailing ID3v1/APE tag are dropped; our own ID3v2.4 tag and Info frame replace them (the Info
 * frame carrying on the encoder's LAME extension: its delay and padding keep the audio gapless).
 */
import type { MpegAudioDemuxer, MpegAudioInfo } from './demux';
import { FrameScanner } from './frame-scanner';
import { readLameTag } from './lame-tag';
import { isVbrHeaderFrame, mpegAudioSyntax, type MpegFrameHeader } from './mpeg-audio';
import type { PayloadBatch } from './payload';
import { SampleTable } from './sample-table';

export class Mp3Demuxer implements MpegAudioDemuxer {
  readonly output = 'mp3' as const;
  readonly table = new SampleTable();
  private readonly scanner: FrameScanner;
  private first: MpegAudioInfo | undefined;
  private lame: Uint8Array | undefined;
  private batch: PayloadBatch | undefined;

  constructor() {
    this.scanner = new FrameScanner(mpegAudioSyntax, (frame, header) => this.onFrame(frame, header as MpegFrameHeader));
  }

  info(): MpegAudioInfo | undefined {
    return this.first;
  }

  encoderTag(): Uint8Array | undefined {
    return this.lame;
  }

  junkBeforeAudio(): number {
    return this.table.count === 0 ? this.scanner.junkBytes : 0;
  }

  push(bytes: Uint8Array, batch: PayloadBatch): void {
    this.batch = batch;
    this.scanner.push(bytes);
  }

  private onFrame(frame: Uint8Array, header: MpegFrameHeader): void {
    if (isVbrHeaderFrame(frame, header)) {
      // Only the header frame in front of the audio describes this stream.
      if (this.table.count === 0 && !this.lame) this.lame = readLameTag(frame, header.info);
      return;
    }
    this.first ??= header.info;
    this.table.add(frame.length, header.info.samplesPerFrame);
    this.batch?.add(frame);
  }
}
