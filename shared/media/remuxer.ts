/**
 * createRemuxer: segments in, payload streamed to the sink, header built at the end.
 * AAC inputs (fmp4, ts, aac, m4a) become M4A; MPEG audio becomes MP3. Nothing is re-encoded.
 */
import { DeckhandError } from '../errors';
import { aacCodecString } from './aac-config';
import { AdtsDemuxer } from './adts';
import { concatBytes } from './bytes';
import type { AacDemuxer, Demuxer, MpegAudioDemuxer } from './demux';
import { buildId3Tag } from './id3';
import { Mp3Demuxer } from './mp3';
import { Fmp4Demuxer, ProgressiveMp4Demuxer } from './mp4/demuxers';
import { buildM4aHeader, presentedDuration } from './mp4/header';
import { PayloadBatch } from './payload';
import { assertNotText } from './sniff';
import { TsDemuxer } from './ts';
import type { PayloadLayout, Remuxer, RemuxerOptions, RemuxResult, Tags } from './types';
import { buildXingFrame } from './xing';

/** Unparseable bytes tolerated before the first frame; past this the input is not audio. */
const JUNK_LIMIT = 1024 * 1024;

function createDemuxer(opts: RemuxerOptions): Demuxer {
  switch (opts.input) {
    case 'fmp4':
      if (opts.init !== undefined) {
        if (opts.init.length === 0) throw new DeckhandError('media.missing-init', 'the init segment is empty');
        assertNotText(opts.init, 'the init segment');
      }
      return new Fmp4Demuxer(opts.init);
    case 'ts':
      return new TsDemuxer();
    case 'aac':
      return new AdtsDemuxer();
    case 'm4a':
      return new ProgressiveMp4Demuxer(opts.init);
    case 'mp3':
      return new Mp3Demuxer();
    default:
      throw new DeckhandError('media.unsupported', `unknown input container ${String((opts as { input: unknown }).input)}`);
  }
}

function asMediaError(err: unknown): DeckhandError {
  return err instanceof DeckhandError ? err : DeckhandError.from(err, 'media.corrupt');
}

function finishM4a(demuxer: AacDemuxer, tags: Tags, layout: PayloadLayout): RemuxResult {
  const aac = demuxer.config();
  if (!aac) throw new DeckhandError('media.corrupt', 'no AAC configuration was found');
  const timescale = demuxer.timescale();
  const table = demuxer.table;
  const edit = demuxer.sourceEdit?.();
  const optional = { ...(edit ? { edit } : {}), ...(layout.payloadOffset !== undefined ? { payloadOffset: layout.payloadOffset } : {}) };
  return {
    header: buildM4aHeader({ table, aac, timescale, tags, ...optional }),
    payloadBytes: table.totalBytes,
    durationSec: presentedDuration(table.totalDuration, timescale, edit),
    container: 'm4a',
    codec: aacCodecString(aac),
    sampleRate: aac.outputSampleRate,
    channels: aac.channels,
  };
}

function finishMp3(demuxer: MpegAudioDemuxer, tags: Tags, layout: PayloadLayout): RemuxResult {
  const info = demuxer.info();
  if (!info) throw new DeckhandError('media.corrupt', 'no MPEG audio frame was found');
  const table = demuxer.table;
  const durationSec = table.totalDuration / info.sampleRate;
  const xing = buildXingFrame(info, table, demuxer.encoderTag());
  const xingBytes = xing?.length ?? 0;
  const id3 = buildId3Tag(tags, durationSec * 1000, layout.payloadOffset !== undefined ? layout.payloadOffset - xingBytes : undefined);
  return {
    header: xing ? concatBytes([id3, xing]) : id3,
    payloadBytes: table.totalBytes,
    durationSec,
    container: 'mp3',
    codec: info.layer === 3 ? 'mp3' : `mp${info.layer}`,
    sampleRate: info.sampleRate,
    channels: info.channels,
  };
}

export function createRemuxer(opts: RemuxerOptions): Remuxer {
  const demuxer = createDemuxer(opts);
  let pushes = 0;
  let busy = false;
  let finished = false;
  return {
    output: demuxer.output,

    async push(segment, sink) {
      if (finished) throw new DeckhandError('internal', 'push() after finish()');
      if (busy) throw new DeckhandError('internal', 'push() called before the previous push resolved');
      busy = true;
      try {
        pushes++;
        if (segment.length === 0) return;
        assertNotText(segment, pushes === 1 ? 'the first segment' : `segment ${pushes}`);
        const batch = new PayloadBatch();
        try {
          demuxer.push(segment, batch);
        } catch (err) {
          throw asMediaError(err);
        }
        if (demuxer.junkBeforeAudio() > JUNK_LIMIT) {
          throw new DeckhandError('media.corrupt', `no ${opts.input} audio frame in the first ${JUNK_LIMIT} bytes`);
        }
        await batch.flushTo(sink);
      } finally {
        busy = false;
      }
    },

    finish(tags, layout = {}) {
      if (busy) throw new DeckhandError('internal', 'finish() called while a push is running');
      finished = true;
      if (demuxer.table.count === 0) {
        throw new DeckhandError('media.corrupt', pushes === 0 ? 'no input was pushed' : `no ${opts.input} audio frames were found`);
      }
      return demuxer.output === 'm4a' ? finishM4a(demuxer, tags, layout) : finishMp3(demuxer, tags, layout);
    },
  };
}
