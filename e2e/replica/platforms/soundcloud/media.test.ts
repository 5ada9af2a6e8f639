import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../../server';
import { SOUNDCLOUD_FIXTURES as F } from './fixtures';
import { apiV2, fetchReplica, postJson, type Reply } from './test-client';

let replica: Replica;
let dir: string;
beforeAll(async () => {
  replica = await startReplica({ port: 0, lazyMedia: true });
  dir = mkdtempSync(join(tmpdir(), 'sc-media-test-'));
});
afterAll(async () => {
  await replica.stop();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await postJson(replica, `${replica.controlUrl}/reset`, {});
});

type Transcoding = { url: string; preset: string; snipped: boolean; duration: number; format: { protocol: string; mime_type: string } };

async function transcodings(id: number): Promise<{ track: { track_authorization: string; duration: number }; list: Transcoding[] }> {
  const track = (await apiV2(replica, `/tracks/${id}`)).json();
  return { track, list: track.media.transcodings };
}

async function resolveStream(id: number, pick: (t: Transcoding) => boolean): Promise<Reply> {
  const { track, list } = await transcodings(id);
  const t = list.find(pick);
  if (!t) throw new Error('no such transcoding');
  return apiV2(replica, `${t.url}?track_authorization=${encodeURIComponent(track.track_authorization)}`);
}

const isAac = (t: Transcoding) => t.preset === 'aac_160k' && t.format.protocol === 'hls';
const get = (url: string, headers: Record<string, string> = {}) => fetchReplica(replica, url, { headers });
const uris = (m3u8: string) => m3u8.split('\n').filter((l) => l && !l.startsWith('#'));

/** ffprobe's view of some bytes: duration (s), codec, width/height. */
function probe(bytes: Buffer, name: string): { duration: number; codec: string; width?: number; height?: number } {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const out = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration:stream=codec_name,width,height', '-of', 'json', file], { encoding: 'utf8' });
  const json = JSON.parse(out.stdout) as { format: { duration?: string }; streams: { codec_name: string; width?: number; height?: number }[] };
  const s = json.streams[0];
  return { duration: Number(json.format.duration ?? 0), codec: s?.codec_name ?? '', ...(s?.width ? { width: s.width, height: s.height } : {}) };
}

async function pagedTrackId(): Promise<number> {
  return (await apiV2(replica, `/users/${F.pagedUser.id}/tracks?limit=1`)).json().collection[0].id;
}

describe('AAC HLS (the main path)', () => {
  it('resolves to a signed fMP4 playlist whose media lasts exactly the catalogue duration', async () => {
    const resolved = await resolveStream(F.plain.id, isAac);
    expect(resolved.status).toBe(200);
    const url = new URL(resolved.json().url);
    expect(url.host).toBe('playback.media-streaming.soundcloud.cloud');
    expect(url.pathname).toMatch(/^\/[A-Za-z0-9]+\/aac_160k\/[0-9a-f-]{36}\/playlist\.m3u8$/);
    expect([...url.searchParams.keys()]).toEqual(['expires', 'Policy', 'Signature', 'Key-Pair-Id']);
    const playlist = await get(url.toString());
    expect(playlist.text).toContain('#EXT-X-VERSION:7');
    const map = /#EXT-X-MAP:URI="([^"]+)"/.exec(playlist.text)?.[1] ?? '';
    const rendition = url.pathname.replace('playlist.m3u8', '');
    for (const u of [map, ...uris(playlist.text)]) {
      expect(new URL(u).pathname.startsWith(rendition)).toBe(true);
      expect(new URL(u).search).toBe(url.search);
    }
    const parts = [await get(map), ...(await Promise.all(uris(playlist.text).map((u) => get(u))))];
    expect(parts.every((p) => p.status === 200)).toBe(true);
    const media = probe(Buffer.concat(parts.map((p) => p.body)), 'plain.mp4');
    expect(media.codec).toBe('aac');
    expect(Math.abs(media.duration * 1000 - F.plain.durationMs)).toBeLessThan(100);
    const extinf = [...playlist.text.matchAll(/#EXTINF:([\d.]+)/g)].reduce((s, m) => s + Number(m[1]), 0);
    expect(F.plain.durationMs).toBe(Math.round(extinf * 1000));
    expect((await transcodings(F.plain.id)).track.duration).toBe(F.plain.durationMs);
  });

  it('answers 403 with CloudFront XML once the URL expired or when the signature is wrong', async () => {
    const fresh = new URL((await resolveStream(F.plain.id, isAac)).json().url);
    const tampered = new URL(fresh);
    tampered.searchParams.set('Signature', `x${fresh.searchParams.get('Signature')}`);
    const denied = await get(tampered.toString());
    expect(denied.status).toBe(403);
    expect(denied.text).toContain('<Code>AccessDenied</Code>');
    const otherFile = new URL(fresh);
    otherFile.pathname = otherFile.pathname.replace(/[A-Za-z0-9]+\/aac_160k/, 'AAAAAAAAAAAA/aac_160k');
    expect((await get(otherFile.toString())).status).not.toBe(200);
    await postJson(replica, `${replica.controlUrl}/faults`, { expirySec: 0 });
    const expired = await get((await resolveStream(F.plain.id, isAac)).json().url);
    expect(expired.status).toBe(403);
    expect(expired.headers['content-type']).toContain('xml');
  });

  it('refuses a track_authorization that was not issued by the API', async () => {
    const { list } = await transcodings(F.plain.id);
    const aac = list.find(isAac);
    expect((await apiV2(replica, `${aac?.url}?track_authorization=eyJ.bad.sig`)).status).toBe(401);
    expect((await apiV2(replica, aac?.url ?? '')).status).toBe(200);
  });
});

describe('MP3 streams', () => {
  it('serves progressive MP3 with ranges and MP3 HLS as byte slices of the same file', async () => {
    const id = await pagedTrackId();
    const progressive = new URL((await resolveStream(id, (t) => t.format.protocol === 'progressive')).json().url);
    expect(progressive.host).toBe('cf-media.sndcdn.com');
    expect(progressive.pathname).toMatch(/^\/[A-Za-z0-9]+\.128\.mp3$/);
    const whole = await get(progressive.toString());
    expect(whole.headers['content-type']).toBe('audio/mpeg');
    const ranged = await get(progressive.toString(), { range: 'bytes=100-199' });
    expect(ranged.status).toBe(206);
    expect(ranged.body).toEqual(whole.body.subarray(100, 200));
    const hls = new URL((await resolveStream(id, (t) => t.preset === 'mp3_1_0' && t.format.protocol === 'hls')).json().url);
    expect(hls.host).toBe('cf-hls-media.sndcdn.com');
    expect(hls.pathname).toBe(`/playlist${progressive.pathname}/playlist.m3u8`);
    const segments = uris((await get(hls.toString())).text);
    segments.forEach((u, i) => expect(new URL(u).pathname).toMatch(new RegExp(`^/media/${i}/\\d+/\\d+${progressive.pathname.replace('.', '\\.')}$`)));
    const joined = Buffer.concat((await Promise.all(segments.map((u) => get(u)))).map((r) => r.body));
    expect(joined.equals(whole.body)).toBe(true);
    const { track } = await transcodings(id);
    const mp3 = (await transcodings(id)).list.find((t) => t.preset === 'mp3_1_0');
    expect(Math.abs(probe(whole.body, 'tape.mp3').duration * 1000 - (mp3?.duration ?? 0))).toBeLessThan(100);
    expect(track.duration).toBeGreaterThan(0);
  });
});

describe('restricted tracks', () => {
  it('gives a Go+ track only its 30 s preview', async () => {
    const progressive = new URL((await resolveStream(F.snip.id, (t) => t.format.protocol === 'progressive')).json().url);
    expect(`${progressive.host}${progressive.pathname}`).toMatch(/^cf-preview-media\.sndcdn\.com\/preview\/0\/30\/[A-Za-z0-9]+\.128\.mp3$/);
    const preview = probe((await get(progressive.toString())).body, 'preview.mp3');
    expect(Math.abs(preview.duration - 30)).toBeLessThan(0.2);
    expect(F.snip.durationMs).toBe(30000);
    expect(F.snip.fullDurationMs).toBe(245000);
  });

  it('leaves a DRM-only track nothing but encrypted HLS with a key nobody hands out', async () => {
    expect((await resolveStream(F.drmOnly.id, (t) => t.format.protocol === 'hls')).status).toBe(404);
    for (const [protocol, method] of [['ctr-encrypted-hls', 'SAMPLE-AES-CTR'], ['cbc-encrypted-hls', 'SAMPLE-AES']]) {
      const playlist = await get((await resolveStream(F.drmOnly.id, (t) => t.format.protocol === protocol)).json().url);
      expect(playlist.text).toContain(`#EXT-X-KEY:METHOD=${method},URI="https://license.media-streaming.soundcloud.cloud/`);
      const key = /URI="(https:\/\/license[^"]+)"/.exec(playlist.text)?.[1] ?? '';
      expect((await get(key)).status).toBe(403);
      expect((await get(uris(playlist.text)[0] ?? '')).status).toBe(200);
    }
  });
});

describe('original downloads and images', () => {
  it('serves the original WAV behind the signed redirectUri', async () => {
    const { access_token } = (await postJson(replica, `${replica.controlUrl}/soundcloud/session`, {})).json();
    const { redirectUri } = (await apiV2(replica, `/tracks/${F.downloadable.id}/download`, { headers: { authorization: `OAuth ${access_token}` } })).json();
    const wav = await get(redirectUri);
    expect(wav.status).toBe(200);
    expect(wav.headers['content-type']).toBe('audio/wav');
    expect(wav.headers['content-disposition']).toContain('Field Notes (Original Mix).wav');
    const probed = probe(wav.body, 'original.wav');
    expect(probed.codec).toBe('pcm_s16le');
    expect(Math.abs(probed.duration - 150)).toBeLessThan(0.1);
    expect((await get(redirectUri.replace(/Signature=[^&]+/, 'Signature=forged'))).status).toBe(403);
  });

  it('serves FLAC and AIFF originals with their own type and name, and 403 once downloads ran out', async () => {
    const { access_token } = (await postJson(replica, `${replica.controlUrl}/soundcloud/session`, {})).json();
    const auth = { authorization: `OAuth ${access_token}` };
    for (const [fixture, ext, type, codec] of [[F.originalFlac, 'flac', 'audio/flac', 'flac'], [F.originalAiff, 'aiff', 'audio/aiff', 'pcm_s16be']] as const) {
      expect((await apiV2(replica, `/tracks/${fixture.id}`)).json()).toMatchObject({ downloadable: true, has_downloads_left: true });
      const { redirectUri } = (await apiV2(replica, `/tracks/${fixture.id}/download`, { headers: auth })).json();
      expect(redirectUri).toMatch(new RegExp(`^https://cf-media\\.sndcdn\\.com/[A-Za-z0-9]+\\.${ext}\\?Policy=`));
      const file = await get(redirectUri);
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe(type);
      expect(file.headers['content-disposition']).toContain(`${fixture.title}.${ext}"`);
      const probed = probe(file.body, `original.${ext}`);
      expect(probed.codec).toBe(codec);
      expect(Math.abs(probed.duration - 20)).toBeLessThan(0.1);
      expect((await get(redirectUri.replace(`.${ext}?`, '.wav?'))).status).not.toBe(200);
    }
    expect((await apiV2(replica, `/tracks/${F.noDownloadsLeft.id}`)).json()).toMatchObject({ downloadable: true, has_downloads_left: false });
    expect((await apiV2(replica, `/tracks/${F.noDownloadsLeft.id}/download`, { headers: auth })).status).toBe(403);
    expect((await apiV2(replica, `/tracks/${F.originalFlac.id}/download`)).status).toBe(401);
  });

  it('answers artwork in the real size ladder with JPEGs of that size', async () => {
    const art = F.plain.expected.artworkUrl;
    for (const [size, px] of [['large', 100], ['t300x300', 300], ['t500x500', 500], ['original', 1400]] as const) {
      const reply = await get(art.replace('-t500x500.', `-${size}.`));
      expect(reply.headers['content-type']).toBe('image/jpeg');
      expect(probe(reply.body, `${size}.jpg`)).toMatchObject({ width: px, height: px });
    }
    expect((await get(art.replace('-t500x500.', '-t9999x9999.'))).status).toBe(404);
    expect(F.noArtwork.expected.artworkUrl).toContain('/avatars-');
    expect((await get(F.noArtwork.expected.artworkUrl)).status).toBe(200);
  });
});
