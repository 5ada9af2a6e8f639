/**
 * Full-length subscriber streams on needledrop.beatport.com: an AES-128 HLS playlist of packed ADTS
 * AAC segments (~5 s, 128k), its key, and the encrypted segments, under a signed, expiring path
 * `/<expires>_<sha1>/<a>/<b>/<c>/<uuid>.128k.aac.m3u8?start=0&end=<ms>` (shape from public notes on
 * the real service; see beatport.md §3 "Stream"). Deckhand must never download these: they exist so
 * the extension can be shown refusing them.
 */
import { createCipheriv, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ReplicaApp } from '../../app';
import type { Req, Res } from '../../http';
import { catalogue } from './catalogue';
import { previewSpec } from './media';
import type { BpTrack } from './model';
import { NEEDLEDROP_HOST } from './reference';

const SECRET = 'replica-beatport-needledrop';
const SEGMENT_SEC = 5;
const STREAM_PATH =
  /^\/(?<expires>\d+)_(?<sig>[0-9a-f]{40})\/[0-9a-f]\/[0-9a-f]\/[0-9a-f]\/(?<uuid>[0-9a-f-]{36})\.128k\.aac(?<what>\.m3u8|\.key|-(?<seg>\d+)\.aac)$/;

function sign(expires: number, uuid: string): string {
  return createHmac('sha1', SECRET).update(`${expires}/${uuid}`).digest('hex');
}

function derived(label: string, uuid: string): Buffer {
  return createHmac('sha256', SECRET).update(`${label}:${uuid}`).digest().subarray(0, 16);
}

/** The `stream_url` the API hands a subscriber; valid for `lifetimeSec`. */
export function signedStreamUrl(t: BpTrack, lifetimeSec: number, now = Date.now()): string {
  const expires = Math.floor(now / 1000) + lifetimeSec;
  const u = t.streamUuid;
  return `https://${NEEDLEDROP_HOST}/${expires}_${sign(expires, u)}/${u[0]}/${u[1]}/${u[2]}/${u}.128k.aac.m3u8?start=0&end=${t.lengthMs ?? 0}`;
}

/** The PES payloads of the audio stream in an MPEG-TS file = an ADTS AAC stream. */
export function tsToAdts(ts: Buffer): Buffer {
  const out: Buffer[] = [];
  let audioPid: number | undefined;
  for (let i = 0; i + 188 <= ts.length; i += 188) {
    if (ts[i] !== 0x47) continue;
    const b1 = ts[i + 1] ?? 0;
    const pid = ((b1 & 0x1f) << 8) | (ts[i + 2] ?? 0);
    const adaptation = ((ts[i + 3] ?? 0) >> 4) & 0x3;
    if (pid === 0 || pid === 0x1fff || adaptation === 0 || adaptation === 2) continue;
    const start = adaptation === 3 ? i + 5 + (ts[i + 4] ?? 0) : i + 4;
    let payload = ts.subarray(start, i + 188);
    if (b1 & 0x40) {
      const isAudioPes = payload[0] === 0 && payload[1] === 0 && payload[2] === 1 && (payload[3] ?? 0) >= 0xc0 && (payload[3] ?? 0) <= 0xdf;
      if (!isAudioPes) continue; // PAT/PMT sections or video
      audioPid ??= pid;
      if (pid !== audioPid) continue;
      payload = payload.subarray(9 + (payload[8] ?? 0));
    } else if (pid !== audioPid) continue;
    out.push(payload);
  }
  return Buffer.concat(out);
}

function encrypt(data: Buffer, uuid: string): Buffer {
  const cipher = createCipheriv('aes-128-cbc', derived('key', uuid), derived('iv', uuid));
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

async function serve(app: ReplicaApp, req: Req, res: Res): Promise<void> {
  const g = req.params;
  const expires = Number(g.expires);
  const track = catalogue().streams.get(g.uuid ?? '');
  const forbidden = () => res.text('Forbidden', 403);
  if (!track || g.sig !== sign(expires, g.uuid ?? '')) return forbidden();
  if (Date.now() / 1000 > expires) return forbidden();
  const spec = { ...previewSpec(track.previewAsset), name: `beatport-stream-${track.id}`, durationSec: Math.ceil((track.lengthMs ?? 0) / 1000) };
  const hls = await app.media.aacHlsTs(spec, SEGMENT_SEC);
  const end = req.query.get('end') ?? String(track.lengthMs ?? 0);
  const qs = `?start=0&end=${end}`;
  if (g.what === '.key') return res.header('content-type', 'application/octet-stream').send(derived('key', track.streamUuid));
  if (g.what === '.m3u8') {
    const lines = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-PLAYLIST-TYPE:VOD', '#EXT-X-MEDIA-SEQUENCE:0', `#EXT-X-TARGETDURATION:${Math.ceil(hls.targetDuration)}`];
    lines.push(`#EXT-X-KEY:METHOD=AES-128,URI="${track.streamUuid}.128k.aac.key${qs}",IV=0x${derived('iv', track.streamUuid).toString('hex')}`);
    hls.segments.forEach((s, i) => lines.push(`#EXTINF:${s.durationSec.toFixed(6)},`, `${track.streamUuid}.128k.aac-${i + 1}.aac${qs}`));
    lines.push('#EXT-X-ENDLIST', '');
    return res.text(lines.join('\n'), 200, 'application/vnd.apple.mpegurl');
  }
  const segment = hls.segments[Number(g.seg) - 1];
  if (!segment) return res.text('Not Found', 404);
  const body = encrypt(tsToAdts(readFileSync(segment.file)), track.streamUuid);
  await res.header('content-type', 'audio/aac').send(body);
}

export function registerNeedledrop(app: ReplicaApp): void {
  app.router.get(NEEDLEDROP_HOST, STREAM_PATH, 'media', (req, res) => serve(app, req, res));
}
