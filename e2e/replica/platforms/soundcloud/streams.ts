/**
 * Transcoding resolution on api-v2: GET a `media.transcodings[].url` (+client_id, optional
 * track_authorization) -> `{"url": "<CloudFront-signed CDN URL>"}` valid for
 * `faults.expirySec` (300 s by default). Also signs the original-file URL of downloadable tracks.
 */
import type { ScTrack } from './catalogue';
import type { OriginalFormat } from './catalogue-data';
import { API_V2_HOST, apiError, clientIdOk, type ScContext } from './context';
import { AAC_CDN, MP3_CDN, MP3_HLS_CDN, PREVIEW_CDN, parseId } from './urls';

export function expiresAt(ctx: ScContext): number {
  return Math.floor(Date.now() / 1000) + ctx.app.faults.config.expirySec;
}

/** Query string signing one resource (a trailing "*" covers a whole rendition directory). */
export function sign(ctx: ScContext, resource: string, withExpires = false): string {
  return ctx.app.signer.sign(resource, expiresAt(ctx), { withExpires });
}

export const aacBase = (t: ScTrack, preset: 'aac_160k' | 'abr_sq', uuid: string) => `${AAC_CDN}/${t.stem}/${preset}/${uuid}`;

/** Signed AAC HLS playlist: one wildcard policy over the rendition, with `expires=` like the real one. */
export function signedAacPlaylist(ctx: ScContext, t: ScTrack, drm?: 'cenc' | 'cbcs'): string {
  const base = aacBase(t, 'aac_160k', drm ? t.uuids.drm : t.uuids.aac);
  const dir = drm ? `${base}/${drm}` : base;
  return `${dir}/playlist.m3u8?${sign(ctx, `${dir}/*`, true)}`;
}

/** The original's extension on the CDN (and in its Content-Disposition name). */
export function originalExt(t: ScTrack): OriginalFormat {
  return t.seed.original ?? 'wav';
}

export function signedOriginalUrl(ctx: ScContext, t: ScTrack): string {
  const url = `${MP3_CDN}/${t.stem}.${originalExt(t)}`;
  return `${url}?${sign(ctx, `${url}*`)}`;
}

function signedStreamUrl(ctx: ScContext, t: ScTrack, preset: string, protocol: string): string | undefined {
  const mp3 = `${t.stem}.128.mp3`;
  if (protocol === 'ctr-encrypted-hls') return signedAacPlaylist(ctx, t, 'cenc');
  if (protocol === 'cbc-encrypted-hls') return signedAacPlaylist(ctx, t, 'cbcs');
  if (t.availability === 'drm') return undefined; // DRM-only: the plain rendition does not exist (404)
  if (preset === 'aac_160k') return signedAacPlaylist(ctx, t);
  if (preset === 'abr_sq') {
    const dir = aacBase(t, 'abr_sq', t.uuids.abr);
    return `${dir}/playlist.m3u8?${sign(ctx, `${dir}/*`, true)}`;
  }
  if (protocol === 'hls') {
    const url = `${MP3_HLS_CDN}/playlist/${mp3}/playlist.m3u8`;
    return `${url}?${sign(ctx, `${url}*`)}`;
  }
  const url = t.availability === 'snip' ? `${PREVIEW_CDN}/preview/0/30/${mp3}` : `${MP3_CDN}/${mp3}`;
  return `${url}?${sign(ctx, `${url}*`)}`;
}

export function registerStreams(ctx: ScContext): void {
  ctx.app.router.get(API_V2_HOST, '/media/:urn/:uuid/:mode/:protocol', 'api', async (req, res) => {
    if (!(await clientIdOk(ctx, req, res))) return;
    const id = parseId(req.params.urn ?? '', 'tracks');
    const t = id === undefined ? undefined : ctx.cat.trackById(id);
    if (!t) return apiError(res, 404);
    const wanted = `/${req.params.uuid}/${req.params.mode}/${req.params.protocol}`;
    const transcoding = ctx.ser.transcodings(t).find((x) => x.url.endsWith(wanted));
    if (!transcoding) return apiError(res, 404);
    const auth = req.query.get('track_authorization');
    if (auth !== null && !ctx.state.trackAuthorizationValid(auth)) return apiError(res, 401, 'invalid track_authorization');
    const url = signedStreamUrl(ctx, t, transcoding.preset, transcoding.format.protocol);
    return url ? res.json({ url }) : apiError(res, 404);
  });
}
