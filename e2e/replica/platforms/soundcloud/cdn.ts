/**
 * SoundCloud's media CDNs (category 'media'; every URL CloudFront-signed, 403 + CloudFront's XML
 * when expired or tampered with):
 * - playback.media-streaming.soundcloud.cloud/<stem>/aac_160k/<uuid>/{playlist.m3u8,init.mp4,segment-N.m4s}
 *   (+ abr_sq master, + cenc|cbcs DRM renditions whose key lives on the licence host, which refuses)
 * - cf-media.sndcdn.com/<stem>.128.mp3 (progressive) and /<stem>.{wav,flac,aiff} (original downloads)
 * - cf-hls-media.sndcdn.com/playlist/<stem>.128.mp3/playlist.m3u8 + /media/<n>/<start>/<end>/<stem>.128.mp3
 * - cf-preview-media.sndcdn.com/preview/0/30/<stem>.128.mp3 (Go+ 30 s previews)
 */
import { createCipheriv, createHash } from 'node:crypto';
import type { Req, Res } from '../../http';
import { ACCESS_DENIED_XML } from '../../signing';
import type { ScTrack } from './catalogue';
import type { ScContext } from './context';
import { aacBase, originalExt, sign, signedAacPlaylist } from './streams';
import { LICENSE_HOST, MP3_HLS_CDN } from './urls';

const AAC_HOST = 'playback.media-streaming.soundcloud.cloud';
const M3U8 = 'application/vnd.apple.mpegurl';
const DRM_SEGMENT_BYTES = 200_000;
/** What SoundCloud's CDN sends for originals (the artist's upload, as is). */
const ORIGINAL_TYPES = { wav: 'audio/wav', flac: 'audio/flac', aiff: 'audio/aiff' } as const;

async function denied(res: Res): Promise<void> {
  await res.header('server', 'CloudFront').header('x-cache', 'Error from cloudfront').text(ACCESS_DENIED_XML, 403, 'application/xml');
}

/** The signature gate in front of every media file. */
async function signedOk(ctx: ScContext, req: Req, res: Res): Promise<boolean> {
  if (ctx.app.signer.verify(req.url) === 'ok') return true;
  await denied(res);
  return false;
}

function notFound(res: Res): Promise<void> {
  return res.header('server', 'CloudFront').text('Not Found', 404);
}

export function registerCdn(ctx: ScContext): void {
  const r = ctx.app.router;
  const trackOf: TrackOf = (stem, uuid, which) => {
    const t = ctx.cat.trackByStem(stem ?? '');
    return t && t.uuids[which] === uuid ? t : undefined;
  };

  r.get(AAC_HOST, '/:stem/aac_160k/:uuid/playlist.m3u8', 'media', async (req, res) => {
    const t = trackOf(req.params.stem, req.params.uuid, 'aac');
    if (!t || t.availability === 'drm' || t.availability === 'blocked') return notFound(res);
    if (!(await signedOk(ctx, req, res))) return;
    const asset = await ctx.media.aac(t.spec);
    const dir = aacBase(t, 'aac_160k', t.uuids.aac);
    const q = req.url.search; // the same policy covers init and segments
    const lines = ['#EXTM3U', '#EXT-X-VERSION:7', `#EXT-X-TARGETDURATION:${Math.round(Math.max(...asset.segments.map((s) => s.durationSec)))}`,
      '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-PLAYLIST-TYPE:VOD', `#EXT-X-MAP:URI="${dir}/init.mp4${q}"`];
    asset.segments.forEach((s, i) => lines.push(`#EXTINF:${s.durationSec.toFixed(6)},`, `${dir}/segment-${i}.m4s${q}`));
    lines.push('#EXT-X-ENDLIST', '');
    return res.text(lines.join('\n'), 200, M3U8);
  });

  r.get(AAC_HOST, '/:stem/aac_160k/:uuid/:file', 'media', async (req, res) => {
    const t = trackOf(req.params.stem, req.params.uuid, 'aac');
    const m = /^(?:init\.mp4|segment-(\d+)\.m4s)$/.exec(req.params.file ?? '');
    if (!t || !m || t.availability === 'drm') return notFound(res);
    if (!(await signedOk(ctx, req, res))) return;
    const asset = await ctx.media.aac(t.spec);
    const file = m[1] === undefined ? asset.init : asset.segments[Number(m[1])]?.file;
    return file ? res.file(file, 'audio/mp4') : notFound(res);
  });

  r.get(AAC_HOST, '/:stem/abr_sq/:uuid/playlist.m3u8', 'media', async (req, res) => {
    const t = trackOf(req.params.stem, req.params.uuid, 'abr');
    if (!t) return notFound(res);
    if (!(await signedOk(ctx, req, res))) return;
    const body = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-INDEPENDENT-SEGMENTS',
      '#EXT-X-STREAM-INF:BANDWIDTH=165000,AVERAGE-BANDWIDTH=160000,CODECS="mp4a.40.2"', signedAacPlaylist(ctx, t), ''];
    return res.text(body.join('\n'), 200, M3U8);
  });

  registerDrm(ctx, trackOf);
  registerMp3(ctx);
}

/** DRM renditions: a real-looking playlist whose segments are noise and whose key nobody gets. */
type TrackOf = (stem: string | undefined, uuid: string | undefined, which: 'aac' | 'abr' | 'drm') => ScTrack | undefined;

function registerDrm(ctx: ScContext, trackOf: TrackOf): void {
  const r = ctx.app.router;
  r.get(AAC_HOST, '/:stem/aac_160k/:uuid/:scheme/:file', 'media', async (req, res) => {
    const t = trackOf(req.params.stem, req.params.uuid, 'drm');
    const scheme = req.params.scheme;
    if (!t || (scheme !== 'cenc' && scheme !== 'cbcs')) return notFound(res);
    if (!(await signedOk(ctx, req, res))) return;
    const dir = `${aacBase(t, 'aac_160k', t.uuids.drm)}/${scheme}`;
    const count = Math.ceil(t.seed.seconds / 10);
    if (req.params.file === 'playlist.m3u8') {
      const method = scheme === 'cenc' ? 'SAMPLE-AES-CTR' : 'SAMPLE-AES';
      const key = `https://${LICENSE_HOST}/playback/${t.stem}/widevine/${scheme}?uuid=${t.uuids.drm}`;
      const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-TARGETDURATION:10', '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-PLAYLIST-TYPE:VOD',
        `#EXT-X-KEY:METHOD=${method},URI="${key}",KEYFORMAT="urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed",KEYFORMATVERSIONS="1"`,
        `#EXT-X-MAP:URI="${dir}/init.mp4${req.url.search}"`];
      for (let i = 0; i < count; i++) {
        lines.push(`#EXTINF:${Math.min(10, t.seed.seconds - i * 10).toFixed(6)},`, `${dir}/segment-${i}.m4s${req.url.search}`);
      }
      lines.push('#EXT-X-ENDLIST', '');
      return res.text(lines.join('\n'), 200, M3U8);
    }
    const m = /^(?:init\.mp4|segment-(\d+)\.m4s)$/.exec(req.params.file ?? '');
    if (!m || Number(m[1] ?? 0) >= count) return notFound(res);
    return res.header('content-type', 'audio/mp4').send(noise(`${t.stem}/${scheme}/${req.params.file}`, m[1] ? DRM_SEGMENT_BYTES : 1_200));
  });
  // The Widevine/FairPlay licence server: never hands out keys.
  r.add(LICENSE_HOST, '*', /^\/.*$/, 'media', (_req, res) => res.json({ error: 'Forbidden' }, 403));
}

/** Deterministic bytes that look like ciphertext. */
function noise(seed: string, length: number): Buffer {
  const key = createHash('sha256').update(seed).digest();
  return createCipheriv('aes-128-ctr', key.subarray(0, 16), key.subarray(16, 32)).update(Buffer.alloc(length));
}

function registerMp3(ctx: ScContext): void {
  const r = ctx.app.router;
  const trackOfFile = (file: string | undefined, ext: string) => {
    const m = new RegExp(`^([A-Za-z0-9]+)\\.${ext}$`).exec(file ?? '');
    return m ? ctx.cat.trackByStem(m[1] ?? '') : undefined;
  };
  const playable = (t: ScTrack | undefined, preview: boolean): t is ScTrack =>
    Boolean(t) && (preview ? t?.availability === 'snip' : t?.availability === 'full');

  r.get('cf-media.sndcdn.com', '/:file', 'media', async (req, res) => {
    const file = req.params.file ?? '';
    const original = trackOfFile(file, '(?:wav|flac|aiff)');
    if (original?.seed.downloadable && file.endsWith(`.${originalExt(original)}`)) {
      if (!(await signedOk(ctx, req, res))) return;
      const asset = await ctx.media.original(original);
      res.header('content-disposition', `attachment; filename="${original.seed.title.replace(/["\\]/g, '')}.${originalExt(original)}"`);
      return res.file(asset.file, ORIGINAL_TYPES[originalExt(original)]);
    }
    const t = trackOfFile(file, '128\\.mp3');
    if (!playable(t, false)) return notFound(res);
    if (!(await signedOk(ctx, req, res))) return;
    return res.file((await ctx.media.mp3(t.spec)).file, 'audio/mpeg');
  });

  r.get('cf-preview-media.sndcdn.com', '/preview/0/30/:file', 'media', async (req, res) => {
    const t = trackOfFile(req.params.file, '128\\.mp3');
    if (!playable(t, true)) return notFound(res);
    if (!(await signedOk(ctx, req, res))) return;
    return res.file((await ctx.media.mp3(t.spec)).file, 'audio/mpeg');
  });

  r.get('cf-hls-media.sndcdn.com', '/playlist/:file/playlist.m3u8', 'media', async (req, res) => {
    const t = trackOfFile(req.params.file, '128\\.mp3');
    if (!t || (t.availability !== 'full' && t.availability !== 'snip')) return notFound(res);
    if (!(await signedOk(ctx, req, res))) return;
    const asset = await ctx.media.mp3(t.spec);
    const lines = ['#EXTM3U', '#EXT-X-VERSION:6', '#EXT-X-PLAYLIST-TYPE:VOD',
      `#EXT-X-TARGETDURATION:${Math.round(Math.max(...asset.slices.map((s) => s.durationSec)))}`, '#EXT-X-MEDIA-SEQUENCE:0'];
    asset.slices.forEach((s, i) => {
      const url = `${MP3_HLS_CDN}/media/${i}/${s.start}/${s.end}/${t.stem}.128.mp3`;
      lines.push(`#EXTINF:${s.durationSec.toFixed(6)},`, `${url}?${sign(ctx, `${url}*`)}`);
    });
    lines.push('#EXT-X-ENDLIST', '');
    return res.text(lines.join('\n'), 200, M3U8);
  });

  r.get('cf-hls-media.sndcdn.com', '/media/:n/:start/:end/:file', 'media', async (req, res) => {
    const t = trackOfFile(req.params.file, '128\\.mp3');
    if (!t || (t.availability !== 'full' && t.availability !== 'snip')) return notFound(res);
    if (!(await signedOk(ctx, req, res))) return;
    const bytes = await ctx.media.mp3Bytes(t.spec);
    const start = Number(req.params.start);
    const end = Number(req.params.end);
    if (!(start >= 0 && end >= start && end < bytes.length)) return notFound(res);
    return res.header('content-type', 'audio/mpeg').send(bytes.subarray(start, end + 1));
  });
}
