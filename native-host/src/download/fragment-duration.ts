/**
 * The duration of a fragmented M4A (Mixcloud's progressive file: init + moof/mdat pairs) read from
 * its fragment headers alone, before any sample is remuxed. The header reservation needs it up
 * front: without it such a file got no room, and its whole payload was copied again behind the
 * header once it was written (payload.bin). Only the small moof boxes are read (~3 KB per 10 s).
 */
import type { FileHandle } from 'node:fs/promises';
import { u24, u32 } from '../../../shared/media/bytes';
import { boxes, child, children, root } from '../../../shared/media/mp4/boxes';
import { readAudioTrack, type AudioTrack } from '../../../shared/media/mp4/track';
import { readExactly } from './part-store';

const TFHD_BASE_DATA_OFFSET = 0x1;
const TFHD_SAMPLE_DESCRIPTION = 0x2;
const TFHD_DEFAULT_DURATION = 0x8;
const TFHD_DURATION_IS_EMPTY = 0x10000;
const TRUN_DATA_OFFSET = 0x1;
const TRUN_FIRST_FLAGS = 0x4;
const TRUN_DURATION = 0x100;
const TRUN_ENTRY_FIELDS = [TRUN_DURATION, 0x200, 0x400, 0x800]; // duration, size, flags, composition offset
/** A moof larger than this is not a plain audio fragment: no estimate (the payload is moved then). */
const MAX_MOOF_BYTES = 4 * 1024 * 1024;

export interface FragmentBox {
  offset: number;
  size: number;
}

/** Sum of the track's sample durations (in its timescale) in the moof that fills `buf`. */
function moofTicks(buf: Uint8Array, track: AudioTrack): number {
  const moof = boxes(buf).next().value;
  if (!moof || moof.type !== 'moof') return 0;
  let ticks = 0;
  for (const traf of children(buf, moof, 'traf')) {
    const tfhd = child(buf, traf, 'tfhd');
    if (!tfhd) continue;
    const flags = u24(buf, tfhd.body + 1);
    if (u32(buf, tfhd.body + 4) !== track.trackId || flags & TFHD_DURATION_IS_EMPTY) continue;
    let p = tfhd.body + 8;
    if (flags & TFHD_BASE_DATA_OFFSET) p += 8;
    if (flags & TFHD_SAMPLE_DESCRIPTION) p += 4;
    const defaultDuration = flags & TFHD_DEFAULT_DURATION ? u32(buf, p) : track.defaults.duration;
    for (const trun of children(buf, traf, 'trun')) {
      const trunFlags = u24(buf, trun.body + 1);
      const count = u32(buf, trun.body + 4);
      if (!(trunFlags & TRUN_DURATION)) {
        ticks += count * defaultDuration;
        continue;
      }
      let q = trun.body + 8 + (trunFlags & TRUN_DATA_OFFSET ? 4 : 0) + (trunFlags & TRUN_FIRST_FLAGS ? 4 : 0);
      const entryBytes = 4 * TRUN_ENTRY_FIELDS.filter((f) => trunFlags & f).length;
      if (q + count * entryBytes > trun.end) throw new RangeError('trun runs past its box');
      for (let i = 0; i < count; i++, q += entryBytes) ticks += u32(buf, q);
    }
  }
  return ticks;
}

/**
 * Seconds of audio in the fragments `moofs` of the file, given its init segment; undefined when
 * the headers cannot be read (the remuxer then reports what is wrong, and no room is reserved).
 */
export async function fragmentedDurationSec(handle: FileHandle, init: Uint8Array, moofs: readonly FragmentBox[]): Promise<number | undefined> {
  try {
    const moov = child(init, root(init), 'moov');
    if (!moov) return undefined;
    const track = readAudioTrack(init, moov);
    let ticks = 0;
    for (const { offset, size } of moofs) {
      if (size > MAX_MOOF_BYTES) return undefined;
      const buf = new Uint8Array(size);
      await readExactly(handle, buf, offset);
      ticks += moofTicks(buf, track);
    }
    return ticks > 0 ? ticks / track.timescale : undefined;
  } catch {
    return undefined;
  }
}
