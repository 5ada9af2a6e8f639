import { describe, expect, it } from 'vitest';
import { utf8 } from '../bytes';
import { box, fields, fullBox, toBytes, type BoxNode } from './box-writer';
import { child, root, type Box } from './boxes';
import { readSourceEdit } from './priming';

/** mvhd at movie timescale 600 (QuickTime's), a trak with the given edit list entries [segment, media_time]. */
function moovWith(edits: [number, number][] | undefined, extra: BoxNode[] = []): { buf: Uint8Array; moov: Box; trak: Box } {
  const mvhd = fullBox('mvhd', 0, 0, fields((w) => w.u32(0).u32(0).u32(600).u32(0).zeros(80)));
  const elst = edits && box('edts', fullBox('elst', 0, 0, fields((w) => {
    w.u32(edits.length);
    for (const [segment, mediaTime] of edits) w.u32(segment).u32(mediaTime >>> 0).u32(0x10000);
  })));
  const trak = box('trak', ...(elst ? [elst] : []), box('mdia'));
  const buf = toBytes(box('moov', mvhd, trak, ...extra));
  const moov = child(buf, root(buf), 'moov') as Box;
  return { buf, moov, trak: child(buf, moov, 'trak') as Box };
}

function itunSmpb(text: string): BoxNode {
  const item = box('----', fullBox('mean', 0, 0, utf8('com.apple.iTunes')), fullBox('name', 0, 0, utf8('iTunSMPB')), box('data', fields((w) => w.u32(1).u32(0)), utf8(text)));
  return box('udta', fullBox('meta', 0, 0, fullBox('hdlr', 0, 0, fields((w) => w.u32(0).ascii('mdirappl').zeros(9))), box('ilst', item)));
}

describe('readSourceEdit (the priming an MP4 source declares)', () => {
  it('reads media_time and converts segment_duration from the movie timescale', () => {
    const { buf, moov, trak } = moovWith([[600 * 8, 2112]]);
    expect(readSourceEdit(buf, moov, trak, 44100, 44100)).toEqual({ priming: 2112, duration: 44100 * 8 });
  });

  it('skips an empty edit, leaves the duration open when the segment is 0 (fragmented init)', () => {
    const { buf, moov, trak } = moovWith([[300, -1], [0, 1024]]);
    expect(readSourceEdit(buf, moov, trak, 48000, 48000)).toEqual({ priming: 1024 });
  });

  it('states no priming for media_time 0 or no edit list, unless iTunSMPB does', () => {
    for (const edits of [[[0, 0]] as [number, number][], undefined]) {
      const plain = moovWith(edits);
      expect(readSourceEdit(plain.buf, plain.moov, plain.trak, 44100, 44100)).toBeUndefined();
    }
    const smpb = ' 00000000 00000840 000001CA 00000000001574C6 00000000 00000000';
    const tagged = moovWith(undefined, [itunSmpb(smpb)]);
    expect(readSourceEdit(tagged.buf, tagged.moov, tagged.trak, 44100, 44100)).toEqual({ priming: 0x840, duration: 0x1574c6 });
    // HE-AAC: iTunSMPB counts at the output rate, twice the core (mdhd) rate here.
    expect(readSourceEdit(tagged.buf, tagged.moov, tagged.trak, 22050, 44100)).toEqual({ priming: 0x420, duration: 0x1574c6 / 2 });
  });
});
