/**
 * Beatport's media hosts: 120 s LOFI MP3 previews on geo-samples (tracks share 12 files, each with its
 * own tone), and geo-media images: JPEG covers, artist photos and label logos drawn by ffmpeg at a
 * few bounded sizes, and the waveform PNG that is `track.image`.
 */
import type { ReplicaApp } from '../../app';
import type { Req, Res } from '../../http';
import type { AudioSpec } from '../../media';
import { ACCESS_DENIED_XML } from '../../signing';
import { catalogue } from './catalogue';
import { PREVIEW_ASSET_COUNT } from './catalogue-builder';
import { MEDIA_HOST, PLACEHOLDER_IMAGE_UUID, SAMPLES_HOST } from './reference';

/** 128 kbps like the brief's default (the pre-2023 site served 96 kbps; today's LOFI rate is unknown). */
export const PREVIEW_SPECS: AudioSpec[] = Array.from({ length: PREVIEW_ASSET_COUNT }, (_, i) => ({
  name: `beatport-preview-${i}`,
  durationSec: 120,
  freq: 233 + i * 37,
  bitrate: 128,
}));

/** Square sizes covers are drawn at; other requests get the nearest larger one (or the largest). */
export const COVER_SIZES = [95, 250, 500, 1000, 1400];
const WAVEFORM_SIZE = { width: 1500, height: 250 };

export function previewSpec(asset: number): AudioSpec {
  return PREVIEW_SPECS[asset % PREVIEW_SPECS.length] ?? (PREVIEW_SPECS[0] as AudioSpec);
}

export function snapCoverSize(requested: number): number {
  return COVER_SIZES.find((s) => s >= requested) ?? (COVER_SIZES.at(-1) as number);
}

/** S3-backed CDNs answer unknown or unsigned objects with 403 AccessDenied. */
function denied(res: Res): Promise<void> {
  return res.header('content-type', 'application/xml').text(ACCESS_DENIED_XML, 403);
}

async function servePreview(app: ReplicaApp, req: Req, res: Res): Promise<void> {
  const m = /^([0-9a-f-]{36})\.LOFI\.mp3$/.exec(req.params.file ?? '');
  const track = m ? catalogue().samples.get(m[1] ?? '') : undefined;
  if (!track) return denied(res);
  const asset = await app.media.mp3(previewSpec(track.previewAsset));
  res.header('cache-control', 'public, max-age=31536000');
  await res.file(asset.file, 'audio/mpeg');
}

async function serveImage(app: ReplicaApp, req: Req, res: Res): Promise<void> {
  const size = /^(\d+)x(\d+)$/.exec(req.params.size ?? '');
  const file = /^([0-9a-f-]{36})\.(jpg|png)$/.exec(req.params.file ?? '');
  if (!size || !file) return denied(res);
  const uuid = file[1] ?? '';
  const entry = catalogue().images.get(uuid);
  if (!entry && uuid !== PLACEHOLDER_IMAGE_UUID) return denied(res);
  res.header('cache-control', 'public, max-age=31536000');
  if (entry?.kind === 'waveform') {
    const track = entry.trackId === undefined ? undefined : catalogue().tracks.get(entry.trackId);
    if (!track || file[2] !== 'png') return denied(res);
    const png = await app.media.waveform(previewSpec(track.previewAsset), WAVEFORM_SIZE.width, WAVEFORM_SIZE.height);
    return res.file(png.file, 'image/png');
  }
  if (file[2] !== 'jpg') return denied(res);
  const side = snapCoverSize(Math.max(Number(size[1]), Number(size[2])));
  const jpeg = await app.media.artwork(uuid, side);
  await res.file(jpeg.file, 'image/jpeg');
}

export function registerMedia(app: ReplicaApp): void {
  app.router.get(SAMPLES_HOST, '/track/:file', 'media', (req, res) => servePreview(app, req, res));
  app.router.get(MEDIA_HOST, '/image_size/:size/:file', 'media', (req, res) => serveImage(app, req, res));
}

/** Make what pages show at once: previews, waveforms and list-size covers (cached on disk). */
export async function prepareMedia(app: ReplicaApp): Promise<void> {
  const jobs: Promise<unknown>[] = [];
  for (const spec of PREVIEW_SPECS) {
    jobs.push(app.media.mp3(spec));
    jobs.push(app.media.waveform(spec, WAVEFORM_SIZE.width, WAVEFORM_SIZE.height));
  }
  for (const r of catalogue().releases.values()) jobs.push(app.media.artwork(r.image.uuid, 95));
  await Promise.all(jobs);
}
