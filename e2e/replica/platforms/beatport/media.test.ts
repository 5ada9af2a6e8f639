/** Contract tests: previews, images and the encrypted needledrop stream, checked with ffprobe. */
import { execFileSync } from 'node:child_process';
import { createDecipheriv } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../../server';
import { BEATPORT_FIXTURES as F, mintBeatportToken } from './fixtures';
import { bearer, type Fetch, replicaClient } from './test-client';

let replica: Replica;
let get: Fetch;
let dir: string;

/** ffprobe's view of some bytes: format and first stream. */
function probe(bytes: Buffer, name: string): { format: Record<string, string>; stream: Record<string, string | number> } {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const out = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', file]).toString());
  return { format: out.format, stream: out.streams[0] };
}

beforeAll(async () => {
  replica = await startReplica({ port: 0, lazyMedia: true });
  get = replicaClient(replica);
  dir = mkdtempSync(join(tmpdir(), 'bp-media-'));
});
afterAll(async () => {
  await replica.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('geo-samples previews', () => {
  it('serves a 120 s 128 kbps MP3 with Range support', async () => {
    const full = await get(F.previewTrack.sampleUrl);
    expect(full.status).toBe(200);
    expect(full.headers['content-type']).toBe('audio/mpeg');
    const info = probe(full.body, 'preview.mp3');
    expect(info.stream.codec_name).toBe('mp3');
    expect(Number(info.format.duration)).toBeGreaterThan(119);
    expect(Number(info.format.duration)).toBeLessThan(121);
    expect(Math.round(Number(info.format.bit_rate) / 1000)).toBe(128);
    const part = await get(F.previewTrack.sampleUrl, { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.body.equals(full.body.subarray(100, 200))).toBe(true);
  }, 120_000);

  it('refuses unknown previews like the CDN does', async () => {
    const res = await get('https://geo-samples.beatport.com/track/00000000-0000-4000-a000-000000000000.LOFI.mp3');
    expect(res.status).toBe(403);
    expect(res.text).toContain('AccessDenied');
  });
});

describe('geo-media images', () => {
  it('draws covers at the asked size, snapping to the nearest larger size', async () => {
    const at500 = await get(F.release.coverUrl.replace('1400x1400', '500x500'));
    expect(at500.headers['content-type']).toBe('image/jpeg');
    expect(probe(at500.body, 'cover.jpg').stream).toMatchObject({ codec_name: 'mjpeg', width: 500, height: 500 });
    const at600 = await get(F.release.coverUrl.replace('1400x1400', '600x600'));
    expect(probe(at600.body, 'cover600.jpg').stream).toMatchObject({ width: 1000, height: 1000 });
  }, 60_000);

  it('serves track.image as a 1500x250 waveform PNG', async () => {
    const res = await get(F.previewTrack.waveformUrl);
    expect(res.headers['content-type']).toBe('image/png');
    expect(probe(res.body, 'wave.png').stream).toMatchObject({ codec_name: 'png', width: 1500, height: 250 });
  }, 60_000);
});

describe('needledrop streams', () => {
  it('serves an AES-128 HLS playlist whose segments decrypt to ADTS AAC', async () => {
    const subscriber = bearer(mintBeatportToken('docs', { username: F.users.subscriber.username }));
    // The shortest track (a 3-minute radio edit) keeps the first, uncached encode quick.
    const found = (await get('https://api.beatport.com/v4/catalog/tracks/?name=paper%20moons&mix_name=radio%20edit', { headers: subscriber })).json<{ results: { id: number }[] }>();
    expect(found.results).toHaveLength(1);
    const stream = (await get(`https://api.beatport.com/v4/catalog/tracks/${found.results[0]?.id}/stream/`, { headers: subscriber })).json<{ stream_url: string }>();
    const playlist = await get(stream.stream_url);
    expect(playlist.status).toBe(200);
    const text = playlist.text;
    expect(text).toMatch(/^#EXTM3U/);
    const key = /#EXT-X-KEY:METHOD=AES-128,URI="([^"]+)",IV=0x([0-9a-f]{32})/.exec(text);
    expect(key).toBeTruthy();
    const segments = text.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(segments[0]).toMatch(/\.128k\.aac-1\.aac\?start=0&end=\d+$/);
    const base = stream.stream_url.slice(0, stream.stream_url.lastIndexOf('/') + 1);
    const keyBytes = (await get(base + (key?.[1] ?? ''))).body;
    expect(keyBytes).toHaveLength(16);
    const encrypted = (await get(base + segments[0])).body;
    const decipher = createDecipheriv('aes-128-cbc', keyBytes, Buffer.from(key?.[2] ?? '', 'hex'));
    const adts = Buffer.concat([decipher.update(encrypted), decipher.final()]);
    expect(adts[0]).toBe(0xff);
    expect((adts[1] ?? 0) & 0xf0).toBe(0xf0);
    expect(probe(adts, 'seg.aac').stream).toMatchObject({ codec_name: 'aac' });
    // A tampered signature is refused.
    expect((await get(stream.stream_url.replace(/_[0-9a-f]{40}\//, `_${'0'.repeat(40)}/`))).status).toBe(403);
  }, 180_000);
});
