/**
 * Mixcloud's CDN hosts: HLS (master -> one AAC variant -> MPEG-TS segments) and DASH (fMP4, 10 s
 * SegmentTimeline) on audioN.mixcloud.com with kaltura nginx-vod-module file names, the signed
 * progressive m4a on streamN.mixcloud.com (throttled to playback speed after a few MB), and
 * thumbnailer.mixcloud.com pictures at the asked size.
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { once } from 'node:events';
import type { ReplicaApp } from '../../app';
import type { HlsAsset } from '../../media';
import type { Req, Res } from '../../http';
import { MIXCLOUD_AUDIO } from './catalogue-data';
import type { Catalogue } from './catalogue';
import type { McShow } from './model';
import type { ProgressiveSigner } from './streams';

export interface ShowAudio {
  ts: HlsAsset;
  fmp4: HlsAsset;
  /** init.mp4 + all fMP4 fragments in one file: the progressive m4a. */
  progressive: string;
  /** Peak bits per second of the TS rendition (the master playlist's BANDWIDTH). */
  tsBandwidth: number;
  bitrate: number;
}

const AUDIO_PATH = '(?<path>[0-9a-f]/[0-9a-f]/[0-9a-f]/[0-9a-f]/[0-9a-f-]+)';
const NGINX_403 = '<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
const NGINX_404 = NGINX_403.replace(/403 Forbidden/g, '404 Not Found');
/** Largest picture the thumbnailer makes (the catalogue's biggest key is 1024wx1024h). */
export const MAX_PICTURE_SIZE = 2048;

export class MixcloudMedia {
  private audio = new Map<string, Promise<ShowAudio>>();

  constructor(
    private readonly app: ReplicaApp,
    private readonly catalogue: Catalogue,
    private readonly signer: ProgressiveSigner,
  ) {}

  /** Build (or load from the disk cache) the renditions of one audio asset. */
  assets(name: string): Promise<ShowAudio> {
    let p = this.audio.get(name);
    if (!p) {
      p = this.build(name);
      this.audio.set(name, p);
      p.catch(() => this.audio.delete(name));
    }
    return p;
  }

  async prepare(): Promise<void> {
    await Promise.all(Object.keys(MIXCLOUD_AUDIO).map((name) => this.assets(name)));
  }

  register(): void {
    const r = this.app.router;
    r.get('*.mixcloud.com', new RegExp(`^/secure/hls/${AUDIO_PATH}\\.m4a/(?<file>index\\.m3u8|index-a1\\.m3u8|seg-(?<n>\\d+)-a1\\.ts)$`), 'media',
      (req, res) => this.hls(req, res));
    r.get('*.mixcloud.com', new RegExp(`^/secure/dash2/${AUDIO_PATH}\\.m4a/(?<file>manifest\\.mpd|init-a1-x3\\.mp4|fragment-(?<n>\\d+)-a1-x3\\.m4s)$`), 'media',
      (req, res) => this.dash(req, res));
    r.get('*.mixcloud.com', new RegExp(`^/secure/c/m4a/64/${AUDIO_PATH}\\.m4a$`), 'media', (req, res) => this.progressive(req, res));
    r.get('thumbnailer.mixcloud.com', /^\/unsafe\/(?<w>\d+)x(?<h>\d+)\/(?<path>.+)$/, 'media', (req, res) => this.picture(req, res));
  }

  private async build(name: string): Promise<ShowAudio> {
    const spec = MIXCLOUD_AUDIO[name];
    if (!spec) throw new Error(`mixcloud: unknown audio asset ${name}`);
    const [rawTs, rawFmp4] = await Promise.all([this.app.media.aacHlsTs(spec), this.app.media.aacHlsFmp4(spec)]);
    const [ts, fmp4] = await Promise.all([this.mergeTail(rawTs, 'ts'), this.mergeTail(rawFmp4, 'm4s')]);
    const progressive = await this.concatenate([fmp4.init ?? '', ...fmp4.segments.map((x) => x.file)].filter(Boolean), `${basename(fmp4.dir)}.m4a`);
    const tsBandwidth = Math.max(...ts.segments.map((s) => Math.ceil((statSync(s.file).size * 8) / Math.max(s.durationSec, 1))));
    return { ts, fmp4, progressive, tsBandwidth, bitrate: (spec.bitrate ?? 128) * 1000 };
  }

  /**
   * ffmpeg leaves a last segment of one AAC frame (23 ms) after the 10 s ones; a CDN's segmenter
   * would not, so that crumb joins the segment before it (TS and fMP4 segments concatenate).
   */
  private async mergeTail(asset: HlsAsset, ext: string): Promise<HlsAsset> {
    const last = asset.segments[asset.segments.length - 1];
    const previous = asset.segments[asset.segments.length - 2];
    if (!last || !previous || last.durationSec >= 1) return asset;
    const file = await this.concatenate([previous.file, last.file], `${basename(asset.dir)}-last.${ext}`);
    const merged = { file, durationSec: previous.durationSec + last.durationSec };
    return { ...asset, segments: [...asset.segments.slice(0, -2), merged] };
  }

  /** One file from several, written once next to the media cache. */
  private async concatenate(parts: string[], name: string): Promise<string> {
    const dir = join(this.app.media.cacheDir, 'mixcloud');
    const file = join(dir, name);
    if (existsSync(file)) return file;
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.tmp-${process.pid}`;
    const out = createWriteStream(tmp);
    for (const part of parts) {
      for await (const chunk of createReadStream(part)) if (!out.write(chunk)) await once(out, 'drain');
    }
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    renameSync(tmp, file);
    return file;
  }

  /** The show behind an audio path on the right CDN host ("audio" for HLS/DASH, "stream" for progressive). */
  private async showAudio(req: Req, res: Res, host: 'audio' | 'stream'): Promise<{ show: McShow; audio: ShowAudio } | undefined> {
    const show = this.catalogue.showByAudioPath(req.params.path ?? '');
    if (!show?.audio || !new RegExp(`^${host}\\d+\\.mixcloud\\.com$`).test(req.host)) {
      await res.html(NGINX_404, 404);
      return undefined;
    }
    return { show, audio: await this.assets(show.audio) };
  }

  private async hls(req: Req, res: Res): Promise<void> {
    const found = await this.showAudio(req, res, 'audio');
    if (!found) return;
    const { ts, tsBandwidth } = found.audio;
    const type = 'application/vnd.apple.mpegurl';
    if (req.params.file === 'index.m3u8') {
      return res.text(`#EXTM3U\n#EXT-X-STREAM-INF:PROGRAM-ID=1,BANDWIDTH=${tsBandwidth},CODECS="mp4a.40.2"\nindex-a1.m3u8\n`, 200, type);
    }
    if (req.params.file === 'index-a1.m3u8') {
      const lines = ['#EXTM3U', `#EXT-X-TARGETDURATION:${ts.targetDuration}`, '#EXT-X-ALLOW-CACHE:YES', '#EXT-X-PLAYLIST-TYPE:VOD',
        '#EXT-X-VERSION:3', '#EXT-X-MEDIA-SEQUENCE:1'];
      ts.segments.forEach((s, i) => lines.push(`#EXTINF:${s.durationSec.toFixed(3)},`, `seg-${i + 1}-a1.ts`));
      lines.push('#EXT-X-ENDLIST', '');
      return res.text(lines.join('\n'), 200, type);
    }
    const segment = ts.segments[Number(req.params.n) - 1];
    if (!segment) return res.html(NGINX_404, 404);
    return res.file(segment.file, 'video/MP2T');
  }

  private async dash(req: Req, res: Res): Promise<void> {
    const found = await this.showAudio(req, res, 'audio');
    if (!found) return;
    const { fmp4, bitrate } = found.audio;
    if (req.params.file === 'manifest.mpd') return res.text(mpd(fmp4, bitrate), 200, 'application/dash+xml');
    if (req.params.file === 'init-a1-x3.mp4' && fmp4.init) return res.file(fmp4.init, 'audio/mp4');
    const segment = fmp4.segments[Number(req.params.n) - 1];
    if (!segment) return res.html(NGINX_404, 404);
    return res.file(segment.file, 'audio/mp4');
  }

  private async progressive(req: Req, res: Res): Promise<void> {
    if (this.signer.verify(req.path, req.query.get('sig')) !== 'ok') return res.html(NGINX_403, 403);
    const found = await this.showAudio(req, res, 'stream');
    if (!found) return;
    const file = found.audio.progressive;
    const throttleAfter = this.app.faults.config.progressiveThrottleAfter;
    const bytesPerSec = Math.ceil(statSync(file).size / found.show.audioLength);
    return res.file(file, 'audio/mp4', throttleAfter > 0 ? { throttleAfter, bytesPerSec } : {});
  }

  private async picture(req: Req, res: Res): Promise<void> {
    const path = req.params.path ?? '';
    if (!this.isKnownPicture(path)) return res.html(NGINX_404, 404);
    let w = Number(req.params.w);
    let h = Number(req.params.h);
    // Thumbor: 0 in one dimension keeps the aspect ratio (our sources are square).
    if (w === 0) w = h;
    if (h === 0) h = w;
    const size = Math.max(w, h);
    if (size < 1 || size > MAX_PICTURE_SIZE) return res.text('Bad Request', 400);
    const { file } = await this.app.media.artwork(`mixcloud:${path}`, size);
    res.header('cache-control', 'public, max-age=31536000');
    return res.file(file, 'image/jpeg');
  }

  private isKnownPicture(path: string): boolean {
    for (const u of this.catalogue.users.values()) if (u.picturePath === path) return true;
    return this.catalogue.shows.some((s) => s.picturePath === path);
  }
}

/** nginx-vod style MPD: one audio representation, SegmentTemplate with a millisecond timeline. */
function mpd(asset: HlsAsset, bitrate: number): string {
  const runs: { d: number; r: number }[] = [];
  for (const s of asset.segments) {
    const d = Math.round(s.durationSec * 1000);
    const last = runs[runs.length - 1];
    if (last && last.d === d) last.r++;
    else runs.push({ d, r: 0 });
  }
  const timeline = runs.map((run, i) => `<S ${i === 0 ? 't="0" ' : ''}d="${run.d}"${run.r ? ` r="${run.r}"` : ''}/>`).join('');
  return `<?xml version="1.0"?>
<MPD xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="urn:mpeg:dash:schema:mpd:2011" xsi:schemaLocation="urn:mpeg:dash:schema:mpd:2011 http://standards.iso.org/ittf/PubliclyAvailableStandards/MPEG-DASH_schema_files/DASH-MPD.xsd" type="static" mediaPresentationDuration="PT${asset.durationSec.toFixed(3)}S" minBufferTime="PT10S" profiles="urn:mpeg:dash:profile:isoff-live:2011">
  <Period>
    <AdaptationSet id="1" segmentAlignment="true">
      <AudioChannelConfiguration schemeIdUri="urn:mpeg:dash:23003:3:audio_channel_configuration:2011" value="2"/>
      <SegmentTemplate timescale="1000" media="fragment-$Number$-$RepresentationID$.m4s" initialization="init-$RepresentationID$.mp4" startNumber="1">
        <SegmentTimeline>${timeline}</SegmentTimeline>
      </SegmentTemplate>
      <Representation id="a1-x3" mimeType="audio/mp4" codecs="mp4a.40.2" audioSamplingRate="44100" startWithSAP="1" bandwidth="${bitrate}"/>
    </AdaptationSet>
  </Period>
</MPD>
`;
}
