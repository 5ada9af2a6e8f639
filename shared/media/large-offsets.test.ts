import { closeSync, openSync, readSync, ftruncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAudioSpecificConfig } from './aac-config';
import { buildM4aHeader } from './mp4/header';
import { SampleTable } from './sample-table';
import { scratchDir } from './test-support/fixtures';
import { exiftool, ffprobe, topLevelBoxes } from './test-support/tools';

const out = scratchDir();

/** Finds a four-character code in the first `limit` bytes of a file. */
function contains(file: string, fourcc: string, limit: number): boolean {
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(limit);
  const n = readSync(fd, buf, 0, limit, 0);
  closeSync(fd);
  return buf.subarray(0, n).includes(Buffer.from(fourcc, 'latin1'));
}

describe('files past 4 GiB', () => {
  it('switch to co64 chunk offsets and a 64-bit mdat size (checked on a sparse file)', async () => {
    const table = new SampleTable();
    const sampleBytes = 1_000_000;
    for (let i = 0; i < 5000; i++) table.add(sampleBytes, 1024); // 5 GB of (zero) samples
    const aac = parseAudioSpecificConfig(new Uint8Array([0x12, 0x10])); // AAC-LC, 44.1 kHz, stereo
    const header = buildM4aHeader({ table, aac, timescale: 44100, tags: { title: 'Big' } });
    const file = join(out, 'big.m4a');
    const fd = openSync(file, 'w');
    writeSync(fd, header);
    ftruncateSync(fd, header.length + table.totalBytes); // sparse: no 5 GB written
    closeSync(fd);

    expect(topLevelBoxes(file)).toEqual(['ftyp', 'moov', 'mdat']);
    expect(contains(file, 'co64', header.length)).toBe(true);
    expect(contains(file, 'stco', header.length)).toBe(false);
    const exif = await exiftool(file);
    expect(exif['QuickTime:MediaDataSize']).toBe(table.totalBytes);
    expect(exif['QuickTime:MediaDataOffset']).toBe(header.length);
    // ffprobe reads the index (the zero-filled samples themselves are not valid AAC).
    const probe = await ffprobe(file);
    expect(Number(probe.streams[0]?.duration)).toBeCloseTo((5000 * 1024) / 44100, 6);
  });
});
