import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../../server';
import { MIXCLOUD_FIXTURES as F } from './fixtures';
import { mixcloud } from './index';
import { decodeStreamUrl } from './stream-codec';
import { graphqlPost, replicaFetch } from './testing';

let replica: Replica;
let dir: string;

beforeAll(async () => {
  replica = await startReplica({ port: 0, lazyMedia: true });
  await mixcloud.prepare(replica.app); // first run on a machine encodes the audio (about a minute)
  dir = mkdtempSync(join(tmpdir(), 'mc-media-'));
});
afterAll(async () => {
  await replica.stop();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await replicaFetch(replica, `${replica.controlUrl}/reset`, { method: 'POST' });
});

async function streams(f: { username: string; slug: string }) {
  const r = await graphqlPost<{ cloudcastLookup: { streamInfo: { hlsUrl: string; dashUrl: string; url: string } } }>(
    replica,
    'query($l: CloudcastLookup!) { cloudcastLookup(lookup: $l) { streamInfo { hlsUrl dashUrl url } } }',
    { l: { username: f.username, slug: f.slug } },
  );
  const info = r.data!.cloudcastLookup.streamInfo;
  return { hls: decodeStreamUrl(info.hlsUrl), dash: decodeStreamUrl(info.dashUrl), url: decodeStreamUrl(info.url) };
}

function probe(data: Buffer, name: string): { codec: string; duration: number } {
  const file = join(dir, name);
  writeFileSync(file, data);
  const out = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name:format=duration', '-of', 'json', file], { encoding: 'utf8' });
  const json = JSON.parse(out) as { streams: { codec_name: string }[]; format: { duration: string } };
  return { codec: json.streams[0]?.codec_name ?? '', duration: Number(json.format.duration) };
}

describe('HLS', () => {
  it('the two-hour show: master with one AAC variant, 720 MPEG-TS segments of 10 s', async () => {
    const { hls } = await streams(F.twoHourShow);
    const master = await replicaFetch(replica, hls);
    expect(master.status).toBe(200);
    expect(master.headers['content-type']).toBe('application/vnd.apple.mpegurl');
    const variantLine = master.text().split('\n').find((l) => l.startsWith('#EXT-X-STREAM-INF'));
    expect(variantLine).toMatch(/BANDWIDTH=\d+,CODECS="mp4a\.40\.2"/);
    const media = await replicaFetch(replica, new URL('index-a1.m3u8', hls).href);
    const text = media.text();
    const durations = [...text.matchAll(/#EXTINF:([\d.]+),/g)].map((m) => Number(m[1]));
    expect(durations).toHaveLength(720);
    expect(durations.reduce((a, b) => a + b, 0)).toBeCloseTo(7200, 0);
    expect(text).toContain('#EXT-X-ENDLIST');
    const last = text.trim().split('\n').filter((l) => !l.startsWith('#')).at(-1)!;
    expect(last).toBe('seg-720-a1.ts');
    const seg = await replicaFetch(replica, new URL('seg-1-a1.ts', hls).href);
    expect(seg.body[0]).toBe(0x47); // MPEG-TS sync byte
    const info = probe(seg.body, 'seg1.ts');
    expect(info.codec).toBe('aac');
    expect(info.duration).toBeGreaterThan(9.5);
    expect((await replicaFetch(replica, new URL('seg-721-a1.ts', hls).href)).status).toBe(404);
    expect((await replicaFetch(replica, hls.replace(/audio\d+/, 'stream3'))).status).toBe(404); // HLS lives on audioN only
  });
});

describe('DASH', () => {
  it('serves an MPD whose timeline covers the show, an init segment and fMP4 fragments', async () => {
    const { dash } = await streams(F.shortShow);
    const mpd = (await replicaFetch(replica, dash)).text();
    expect(mpd).toContain('codecs="mp4a.40.2"');
    const total = [...mpd.matchAll(/<S (?:t="0" )?d="(\d+)"(?: r="(\d+)")?\/>/g)].reduce((a, m) => a + Number(m[1]) * (1 + Number(m[2] ?? 0)), 0);
    expect(total / 1000).toBeCloseTo(480, 0);
    const init = await replicaFetch(replica, new URL('init-a1-x3.mp4', dash).href);
    expect(init.body.subarray(4, 8).toString()).toBe('ftyp');
    const frag = await replicaFetch(replica, new URL('fragment-1-a1-x3.m4s', dash).href);
    expect(frag.status).toBe(200);
    expect(probe(Buffer.concat([init.body, frag.body]), 'frag.mp4').codec).toBe('aac');
  });
});

describe('progressive', () => {
  it('serves the signed m4a with ranges; the whole file probes as the show', async () => {
    const { url } = await streams(F.shortShow);
    const head = await replicaFetch(replica, url, { method: 'HEAD' });
    expect(head.headers['content-type']).toBe('audio/mp4');
    expect(head.headers['accept-ranges']).toBe('bytes');
    const range = await replicaFetch(replica, url, { headers: { range: 'bytes=0-1023' } });
    expect(range.status).toBe(206);
    expect(range.body.length).toBe(1024);
    await replicaFetch(replica, `${replica.controlUrl}/faults`, { method: 'POST', body: JSON.stringify({ progressiveThrottleAfter: 0 }) });
    const whole = await replicaFetch(replica, url);
    const info = probe(whole.body, 'whole.m4a');
    expect(info.codec).toBe('aac');
    expect(info.duration).toBeCloseTo(480, 0);
  });

  it('refuses a tampered or expired signature with 403', async () => {
    const { url } = await streams(F.shortShow);
    expect((await replicaFetch(replica, url.replace(/sig=.{4}/, 'sig=AAAA'), { method: 'HEAD' })).status).toBe(403);
    expect((await replicaFetch(replica, url.split('?')[0]!, { method: 'HEAD' })).status).toBe(403);
    await replicaFetch(replica, `${replica.controlUrl}/faults`, { method: 'POST', body: JSON.stringify({ expirySec: 1 }) });
    const short = (await streams(F.shortShow)).url;
    expect((await replicaFetch(replica, short, { method: 'HEAD' })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1200));
    expect((await replicaFetch(replica, short, { method: 'HEAD' })).status).toBe(403);
  });

  it('slows to playback speed after progressiveThrottleAfter bytes', async () => {
    const { url } = await streams(F.shortShow);
    let t = Date.now();
    await replicaFetch(replica, url, { headers: { range: 'bytes=0-32767' } });
    expect(Date.now() - t).toBeLessThan(1000); // under the default 5 MB threshold
    await replicaFetch(replica, `${replica.controlUrl}/faults`, { method: 'POST', body: JSON.stringify({ progressiveThrottleAfter: 16384 }) });
    t = Date.now();
    // Bytes go out in 64 KiB chunks; the pause comes before the second one (~16 kB/s for 128 kbps).
    const slow = await replicaFetch(replica, url, { headers: { range: 'bytes=0-81919' } });
    expect(slow.body.length).toBe(81920);
    expect(Date.now() - t).toBeGreaterThan(2000);
  });
});

describe('no stream and pictures', () => {
  it('has no audio for the exclusive show', async () => {
    const r = await graphqlPost<{ cloudcastLookup: { streamInfo: null } }>(replica, `{ cloudcastLookup(lookup: {username: "${F.exclusive.username}", slug: "${F.exclusive.slug}"}) { streamInfo { url } } }`);
    expect(r.data!.cloudcastLookup.streamInfo).toBeNull();
  });

  it('thumbnailer returns JPEGs at the asked size for known pictures only', async () => {
    const url = F.shortShow.pictureUrl!.replace('/1024x1024/', '/300x300/');
    const r = await replicaFetch(replica, url);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('image/jpeg');
    const sof = r.body.indexOf(Buffer.from([0xff, 0xc0]));
    expect([r.body.readUInt16BE(sof + 5), r.body.readUInt16BE(sof + 7)]).toEqual([300, 300]);
    expect((await replicaFetch(replica, url.replace('/300x300/', '/9999x9999/'))).status).toBe(400);
    expect((await replicaFetch(replica, 'https://thumbnailer.mixcloud.com/unsafe/300x300/extaudio/0/0/0/0/unknown')).status).toBe(404);
  });
});
