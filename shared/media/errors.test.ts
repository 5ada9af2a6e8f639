import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRemuxer } from './remuxer';
import { fixtures } from './test-support/fixtures';
import type { InputContainer } from './types';

const INPUTS: InputContainer[] = ['fmp4', 'ts', 'aac', 'm4a', 'mp3'];
const HTML = new TextEncoder().encode('<!DOCTYPE html>\n<html><head><title>403 Forbidden</title></head><body>Access denied</body></html>');

/** Deterministic pseudo-random bytes (xorshift), so failures reproduce. */
function garbage(length: number, seed = 0x9e3779b9): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

let init: Uint8Array;
beforeAll(async () => {
  init = readFileSync(join(await fixtures.fmp4Hls(), 'init.mp4'));
});

const remuxerFor = (input: InputContainer) => createRemuxer(input === 'fmp4' ? { input, init } : { input });

describe('remuxer errors', () => {
  it.each(INPUTS)('%s: empty input is media.corrupt at finish', async (input) => {
    const remuxer = remuxerFor(input);
    expect(() => remuxer.finish({})).toThrow(expect.objectContaining({ code: 'media.corrupt' }));
    const withEmptyPush = remuxerFor(input);
    await withEmptyPush.push(new Uint8Array(0), () => {});
    expect(() => withEmptyPush.finish({})).toThrow(expect.objectContaining({ code: 'media.corrupt' }));
  });

  it.each(INPUTS)('%s: an HTML page is media.bad-content-type', async (input) => {
    await expect(remuxerFor(input).push(HTML, () => {})).rejects.toMatchObject({ code: 'media.bad-content-type' });
  });

  it('names JSON, playlists and HTML init segments as bad content', async () => {
    const json = new TextEncoder().encode('{"error":"expired","status":403}');
    const playlist = new TextEncoder().encode('#EXTM3U\n#EXT-X-VERSION:3\n');
    await expect(createRemuxer({ input: 'ts' }).push(json, () => {})).rejects.toThrow(/JSON/);
    await expect(createRemuxer({ input: 'aac' }).push(playlist, () => {})).rejects.toThrow(/playlist/);
    expect(() => createRemuxer({ input: 'fmp4', init: HTML })).toThrow(expect.objectContaining({ code: 'media.bad-content-type' }));
  });

  it.each(INPUTS)('%s: random bytes are media.corrupt', async (input) => {
    const remuxer = remuxerFor(input);
    const attempt = async () => {
      await remuxer.push(garbage(2 * 1024 * 1024), () => {});
      remuxer.finish({});
    };
    await expect(attempt()).rejects.toMatchObject({ code: 'media.corrupt' });
  });

  it('a small garbage piece is rejected at finish, not silently accepted', async () => {
    const remuxer = createRemuxer({ input: 'mp3' });
    await remuxer.push(garbage(4096, 7), () => {});
    expect(() => remuxer.finish({})).toThrow(expect.objectContaining({ code: 'media.corrupt' }));
  });

  it('TS with non-AAC audio is media.unsupported', async () => {
    // PAT → PMT at PID 0x1000 listing one MPEG-1 audio stream (type 0x03) on PID 0x100.
    const packet = (pid: number, section: number[]) => {
      const p = new Uint8Array(188).fill(0xff);
      p.set([0x47, 0x40 | (pid >> 8), pid & 0xff, 0x10, 0x00, ...section]);
      return p;
    };
    const pat = packet(0, [0x00, 0xb0, 0x0d, 0x00, 0x01, 0xc1, 0x00, 0x00, 0x00, 0x01, 0xf0, 0x00, 0, 0, 0, 0]);
    const pmt = packet(0x1000, [0x02, 0xb0, 0x12, 0x00, 0x01, 0xc1, 0x00, 0x00, 0xe1, 0x00, 0xf0, 0x00, 0x03, 0xe1, 0x00, 0xf0, 0x00, 0, 0, 0, 0]);
    await expect(createRemuxer({ input: 'ts' }).push(new Uint8Array([...pat, ...pmt]), () => {})).rejects.toMatchObject({ code: 'media.unsupported' });
  });

  it('refuses overlapping pushes and pushes after finish', async () => {
    const adts = readFileSync(join(await fixtures.adts(), 'reference.aac'));
    const remuxer = createRemuxer({ input: 'aac' });
    let release = () => {};
    const slowSink = () => new Promise<void>((resolve) => (release = resolve));
    const first = remuxer.push(adts, slowSink);
    await expect(remuxer.push(adts, () => {})).rejects.toMatchObject({ code: 'internal' });
    release();
    await first;
    remuxer.finish({});
    await expect(remuxer.push(adts, () => {})).rejects.toMatchObject({ code: 'internal' });
  });
});
