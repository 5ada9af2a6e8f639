/**
 * The audio and pictures behind the catalogue, made by the replica's MediaStore (cached on disk):
 * AAC fMP4 HLS + CBR MP3 for every playable track (the 30 s excerpt for Go+ previews), the WAV
 * original of downloadable tracks (WAV, FLAC or AIFF), and JPEG artwork/avatars in SoundCloud's size ladder. Making an
 * asset records its real length in the catalogue, so `duration` always matches the media.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { AudioSpec, HlsAsset, Mp3Asset } from '../../media';
import type { ReplicaApp } from '../../app';
import type { Catalogue, ScTrack } from './catalogue';
import { IMAGE_SIZES } from './urls';

const run = promisify(execFile);

/** Sizes made up front for every track/user (others are made on first request). */
const PREPARED_SIZES = ['large', 't500x500'];

export class ScMedia {
  private readonly mp3Buffers = new Map<string, Promise<Buffer>>();
  private readonly originals = new Map<string, Promise<{ file: string; durationSec: number }>>();

  constructor(private readonly app: ReplicaApp, private readonly cat: Catalogue) {}

  /** Tracks that have audio to serve (not DRM-only, not geo-blocked). */
  playable(): ScTrack[] {
    return this.cat.tracks.filter((t) => t.availability === 'full' || t.availability === 'snip');
  }

  async aac(spec: AudioSpec): Promise<HlsAsset> {
    const asset = await this.app.media.aacHlsFmp4(spec);
    this.record(spec, { aacMs: Math.round(asset.durationSec * 1000) });
    return asset;
  }

  async mp3(spec: AudioSpec): Promise<Mp3Asset> {
    const asset = await this.app.media.mp3(spec);
    const seconds = asset.slices.reduce((sum, s) => sum + s.durationSec, 0);
    this.record(spec, { mp3Ms: Math.round(seconds * 1000) });
    return asset;
  }

  /** The whole MP3 in memory (HLS slices are byte ranges of it). */
  mp3Bytes(spec: AudioSpec): Promise<Buffer> {
    let p = this.mp3Buffers.get(spec.name);
    if (!p) {
      p = this.mp3(spec).then((a) => readFile(a.file));
      p.catch(() => this.mp3Buffers.delete(spec.name));
      this.mp3Buffers.set(spec.name, p);
    }
    return p;
  }

  wav(t: ScTrack): Promise<{ file: string; durationSec: number }> {
    return this.app.media.wav({ ...t.spec, name: `${t.spec.name}-original` });
  }

  /**
   * The artist's upload: the WAV, or that WAV losslessly in FLAC / AIFF (ffmpeg also leaves its
   * own tags in them, as an artist's tool would), made beside the cached WAV once.
   */
  original(t: ScTrack): Promise<{ file: string; durationSec: number }> {
    const format = t.seed.original ?? 'wav';
    if (format === 'wav') return this.wav(t);
    let p = this.originals.get(t.seed.key);
    if (!p) {
      p = this.wav(t).then(async (wav) => {
        const file = wav.file.replace(/\.wav$/, `.${format}`);
        if (!existsSync(file)) {
          const tmp = `${file}.tmp-${process.pid}.${format}`;
          const codec = format === 'flac' ? ['-c:a', 'flac'] : ['-c:a', 'pcm_s16be', '-write_id3v2', '0'];
          await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-i', wav.file, ...codec, tmp]);
          await rename(tmp, file).catch(async (err: unknown) => {
            await rm(tmp, { force: true });
            throw err;
          });
        }
        return { file, durationSec: wav.durationSec };
      });
      p.catch(() => this.originals.delete(t.seed.key));
      this.originals.set(t.seed.key, p);
    }
    return p;
  }

  /** A JPEG for an i1.sndcdn.com name such as "artworks-<key>-t500x500.jpg". */
  image(key: string, size: string): Promise<{ file: string }> | undefined {
    const px = IMAGE_SIZES[size];
    return px ? this.app.media.artwork(key, px) : undefined;
  }

  /** Everything the main tracks need, two ffmpeg processes at a time (MediaStore's limit). */
  async prepare(): Promise<void> {
    const specs = new Map<string, AudioSpec>();
    for (const t of this.playable()) specs.set(t.spec.name, t.spec);
    const jobs: Promise<unknown>[] = [];
    for (const spec of specs.values()) jobs.push(this.aac(spec), this.mp3(spec));
    for (const t of this.cat.tracks.filter((t) => t.seed.downloadable)) jobs.push(this.wav(t));
    const keys = [
      ...this.cat.tracks.filter((t) => t.seed.user !== 'tapes').map((t) => t.artworkKey),
      ...this.cat.playlists.map((p) => p.artworkKey),
      ...this.cat.users.map((u) => u.avatarKey),
    ].filter((k): k is string => Boolean(k));
    for (const key of keys) for (const size of PREPARED_SIZES) jobs.push(this.image(key, size) ?? Promise.resolve());
    await Promise.all(jobs);
    // FLAC/AIFF conversions outside MediaStore's two-process limit: one at a time, after the rest.
    for (const t of this.cat.tracks.filter((t) => t.seed.downloadable)) await this.original(t);
  }

  private record(spec: AudioSpec, patch: { aacMs?: number; mp3Ms?: number }): void {
    this.cat.measured.set(spec.name, { ...this.cat.measured.get(spec.name), ...patch });
  }
}
