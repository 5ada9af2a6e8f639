import { describe, expect, it } from 'vitest';
import { u32, u64 } from '../bytes';
import { box, fields, fullBox, toBytes } from './box-writer';
import { child, children, path, root, type Box } from './boxes';
import { udta } from './ilst';
import { retagMoov } from './original-moov';

/** A moov as an uploaded file has it: mvhd (8 s), one track's chunk offsets, an old udta and a moov-level meta. */
function sourceMoov(offsets: number[], wide = false): Uint8Array {
  const mvhd = fullBox('mvhd', 0, 0, fields((w) => w.u32(0).u32(0).u32(1000).u32(8000).zeros(80)));
  const entries = fields((w) => {
    w.u32(offsets.length);
    for (const o of offsets) {
      if (wide) w.u64(o);
      else w.u32(o);
    }
  });
  const elst = box('edts', fullBox('elst', 0, 0, fields((w) => w.u32(1).u32(8000).u32(1024).u32(0x10000))));
  const stbl = box('stbl', fullBox('stsd', 0, 0, fields((w) => w.u32(0))), fullBox(wide ? 'co64' : 'stco', 0, 0, entries));
  const trak = box('trak', elst, box('mdia', box('minf', stbl)));
  const oldMeta = fullBox('meta', 0, 0, box('ilst', box('©nam', box('data', fields((w) => w.u32(1).u32(0).ascii('Old Upload Title'))))));
  return toBytes(box('moov', mvhd, trak, udta({ title: 'Old Upload Title', comment: 'old comment' }, 8000), oldMeta));
}

function chunkOffsets(moov: Uint8Array): { type: string; offsets: number[] } {
  const top = child(moov, root(moov), 'moov') as Box;
  const stbl = path(moov, top, ['trak', 'mdia', 'minf', 'stbl']) as Box;
  const found = (child(moov, stbl, 'stco') ?? child(moov, stbl, 'co64')) as Box;
  const wide = found.type === 'co64';
  const offsets: number[] = [];
  for (let i = 0; i < u32(moov, found.body + 4); i++) offsets.push(wide ? u64(moov, found.body + 8 + i * 8) : u32(moov, found.body + 8 + i * 4));
  return { type: found.type, offsets };
}

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
const cover = { data: new Uint8Array(5000).fill(0xab), mime: 'image/jpeg' as const };

describe('retagMoov (an M4A original keeps its moov but its tags)', () => {
  it('replaces every old tag with one ilst of ours and keeps the edit list byte for byte', () => {
    const source = sourceMoov([100]);
    const { moov, durationMs } = retagMoov(source, 32, { title: 'New Title', artwork: cover });
    expect(durationMs).toBe(8000);
    const top = child(moov, root(moov), 'moov') as Box;
    expect(children(moov, top, 'meta')).toEqual([]);
    expect(text(moov).split('ilst')).toHaveLength(2);
    expect(text(moov)).not.toContain('Old Upload Title');
    expect(text(moov)).toContain('New Title');
    const elst = (m: Uint8Array) => {
      const t = child(m, root(m), 'moov') as Box;
      const e = path(m, t, ['trak', 'edts', 'elst']) as Box;
      return text(m.subarray(e.start, e.end));
    };
    expect(elst(moov)).toBe(elst(source));
  });

  it('shifts offsets behind the moov by its change in size, not those in front of it', () => {
    const source = sourceMoov([40, 5000, 9000]);
    const moovStart = 1000;
    const moovEnd = moovStart + source.length;
    const grown = retagMoov(source, moovStart, { title: 'x', artwork: cover });
    const delta = grown.moov.length - source.length;
    expect(delta).toBeGreaterThan(4000);
    expect(chunkOffsets(grown.moov)).toEqual({ type: 'stco', offsets: [40, 5000 + delta, 9000 + delta] });
    expect(moovEnd).toBeLessThan(5000);
    // Smaller than the old tags: offsets move back.
    const shrunk = retagMoov(source, moovStart, {});
    const back = shrunk.moov.length - source.length;
    expect(back).toBeLessThan(0);
    expect(chunkOffsets(shrunk.moov).offsets).toEqual([40, 5000 + back, 9000 + back]);
  });

  it('keeps co64, and turns stco into co64 when a shifted offset would pass 4 GiB', () => {
    const near = 0xffff_ffff - 100;
    const kept = retagMoov(sourceMoov([100_000, near], true), 50, { artwork: cover });
    const keptDelta = kept.moov.length - sourceMoov([100_000, near], true).length;
    expect(chunkOffsets(kept.moov)).toEqual({ type: 'co64', offsets: [100_000 + keptDelta, near + keptDelta] });

    const source = sourceMoov([100_000, near]);
    const widened = retagMoov(source, 50, { artwork: cover });
    const delta = widened.moov.length - source.length;
    expect(chunkOffsets(widened.moov)).toEqual({ type: 'co64', offsets: [100_000 + delta, near + delta] });
    expect(near + delta).toBeGreaterThan(0xffff_ffff);
  });
});
