/**
 * The index of a non-fragmented M4A read from its moov box alone, so that a large file is remuxed
 * by reading its samples range by range instead of loading it whole (the native host reads the
 * moov, then the runs below, and pushes each run to a remuxer created with `init: moov`).
 */
import { DeckhandError } from '../../errors';
import { child, root } from './boxes';
import { progressiveSamples, type SampleLocation } from './sample-tables';
import { readAudioTrack, type AudioTrack } from './track';

export interface ByteRun {
  offset: number;
  length: number;
}

export interface ProgressiveIndex {
  track: AudioTrack;
  durationSec: number;
  /** The samples as runs of contiguous whole samples of at most `maxRunBytes` (a larger sample alone). */
  runs(maxRunBytes: number, fileSize: number): Generator<ByteRun>;
  samples(): Generator<SampleLocation>;
}

/** `moov`: the bytes of the file's moov box (its header included). */
export function progressiveIndex(moov: Uint8Array): ProgressiveIndex {
  const box = child(moov, root(moov), 'moov');
  if (!box) throw new DeckhandError('media.corrupt', 'the M4A has no moov box (truncated download?)');
  const track = readAudioTrack(moov, box);
  let duration = 0;
  for (const s of progressiveSamples(moov, track)) duration += s.duration;
  return {
    track,
    durationSec: duration / track.timescale,
    samples: () => progressiveSamples(moov, track),
    *runs(maxRunBytes, fileSize) {
      let run: ByteRun | undefined;
      for (const { offset, size } of progressiveSamples(moov, track)) {
        if (offset + size > fileSize) throw new DeckhandError('media.corrupt', 'sample data lies past the end of the file (truncated?)');
        if (run && run.offset + run.length === offset && run.length + size <= maxRunBytes) {
          run.length += size;
          continue;
        }
        if (run) yield run;
        run = { offset, length: size };
      }
      if (run) yield run;
    },
  };
}
