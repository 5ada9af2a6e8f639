/**
 * Media made by ffmpeg from a generated signal, cached on disk by a hash of what was asked. Every
 * asset gets its own tone so mixed-up segments are audible and detectable.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const GENERATOR_VERSION = 3;
/** Long assets are encoded once for this many seconds, then looped by stream copy (fast). */
const BASE_SECONDS = 600;

export interface AudioSpec {
  /** Stable name, also used in file names. */
  name: string;
  durationSec: number;
  /** Base tone in Hz; beeps at 4x every second. */
  freq: number;
  /** kbit/s */
  bitrate?: number;
  sampleRate?: number;
}

export interface Segment {
  file: string;
  durationSec: number;
}

export interface HlsAsset {
  dir: string;
  /** ffmpeg's own media playlist (relative names). */
  playlist: string;
  init?: string;
  segments: Segment[];
  targetDuration: number;
  durationSec: number;
}

export interface Mp3Asset {
  file: string;
  durationSec: number;
  /** Byte ranges of ~10 s slices cut at MPEG frame boundaries (SoundCloud MP3 HLS). */
  slices: { start: number; end: number; durationSec: number }[];
}

function runFfmpeg(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) => reject(new Error(`ffmpeg could not start (is it installed?): ${e.message}`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg ${args.join(' ')} failed: ${err}`))));
  });
}

function signalInput(spec: AudioSpec, seconds: number): string[] {
  const sr = spec.sampleRate ?? 44100;
  const f = spec.freq;
  return [
    '-f', 'lavfi', '-i', `sine=f=${f}:b=4:r=${sr}:d=${seconds}`,
    '-f', 'lavfi', '-i', `sine=f=${Math.round(f * 1.5)}:r=${sr}:d=${seconds}`,
    '-filter_complex', '[0][1]amerge=inputs=2,volume=0.4[a]', '-map', '[a]',
  ];
}

export class MediaStore {
  private inflight = new Map<string, Promise<unknown>>();
  private running = 0;
  private waiters: (() => void)[] = [];

  constructor(readonly cacheDir: string, private readonly parallel = 2) {
    mkdirSync(join(cacheDir, 'media'), { recursive: true });
  }

  private async slot<T>(fn: () => Promise<T>): Promise<T> {
    while (this.running >= this.parallel) await new Promise<void>((r) => this.waiters.push(r));
    this.running++;
    try {
      return await fn();
    } finally {
      this.running--;
      this.waiters.shift()?.();
    }
  }

  /** At most `parallel` ffmpeg processes at once (machines here have 2 cores). */
  private run(args: string[]): Promise<void> {
    return this.slot(() => runFfmpeg(args));
  }

  /** Build once per key; concurrent callers share the work; results survive restarts. */
  private cached<T>(kind: string, spec: object, build: (dir: string) => Promise<T>): Promise<T> {
    const key = createHash('sha1').update(JSON.stringify({ GENERATOR_VERSION, kind, spec })).digest('hex').slice(0, 16);
    const dir = join(this.cacheDir, 'media', `${kind}-${key}`);
    const done = join(dir, 'asset.json');
    const existing = this.inflight.get(dir);
    if (existing) return existing as Promise<T>;
    const p = (async () => {
      if (existsSync(done)) return JSON.parse(readFileSync(done, 'utf8')) as T;
      const tmp = `${dir}.tmp-${process.pid}`;
      rmSync(tmp, { recursive: true, force: true });
      mkdirSync(tmp, { recursive: true });
      const result = await build(tmp);
      const json = JSON.stringify(result).split(tmp).join(dir);
      writeFileSync(join(tmp, 'asset.json'), json);
      rmSync(dir, { recursive: true, force: true });
      renameSync(tmp, dir);
      return JSON.parse(json) as T;
    })();
    this.inflight.set(dir, p);
    return p;
  }

  /** An AAC file of the spec's length (m4a), looping a 10-minute base for long assets. */
  private aacSource(spec: AudioSpec): Promise<{ file: string }> {
    const base = { ...spec, durationSec: Math.min(spec.durationSec, BASE_SECONDS), name: 'base' };
    return this.cached('aac', { freq: spec.freq, d: spec.durationSec, b: spec.bitrate, sr: spec.sampleRate }, async (dir) => {
      const out = join(dir, 'audio.m4a');
      const baseFile = join(dir, 'base.m4a');
      await this.run([...signalInput(base, base.durationSec), '-c:a', 'aac', '-b:a', `${spec.bitrate ?? 160}k`, '-ac', '2', baseFile]);
      if (spec.durationSec <= BASE_SECONDS) renameSync(baseFile, out);
      else {
        const loops = Math.ceil(spec.durationSec / BASE_SECONDS) - 1;
        await this.run(['-stream_loop', String(loops), '-i', baseFile, '-t', String(spec.durationSec), '-c', 'copy', out]);
        rmSync(baseFile);
      }
      return { file: out };
    });
  }

  /** AAC in fragmented MP4 HLS with an init segment (SoundCloud's aac_160k). */
  aacHlsFmp4(spec: AudioSpec, segmentSec = 10): Promise<HlsAsset> {
    return this.cached('hls-fmp4', { ...spec, name: undefined, segmentSec }, async (dir) => {
      const { file } = await this.aacSource(spec);
      await this.run([
        '-i', file, '-c', 'copy', '-f', 'hls', '-hls_time', String(segmentSec), '-hls_list_size', '0',
        '-hls_segment_type', 'fmp4', '-hls_fmp4_init_filename', 'init.mp4',
        '-hls_segment_filename', join(dir, 'seg%d.m4s'), join(dir, 'index.m3u8'),
      ]);
      return readHls(dir, 'init.mp4');
    });
  }

  /** AAC in MPEG-TS HLS (Mixcloud shows). */
  aacHlsTs(spec: AudioSpec, segmentSec = 10): Promise<HlsAsset> {
    return this.cached('hls-ts', { ...spec, name: undefined, segmentSec }, async (dir) => {
      const { file } = await this.aacSource(spec);
      await this.run([
        '-i', file, '-c', 'copy', '-f', 'hls', '-hls_time', String(segmentSec),
        '-hls_list_size', '0', '-hls_segment_type', 'mpegts',
        '-hls_segment_filename', join(dir, 'seg%d.ts'), join(dir, 'index.m3u8'),
      ]);
      return readHls(dir);
    });
  }

  /** Constant-bitrate MP3 with ~10 s frame-aligned slices. */
  mp3(spec: AudioSpec): Promise<Mp3Asset> {
    return this.cached('mp3', { ...spec, name: undefined }, async (dir) => {
      const file = join(dir, 'audio.mp3');
      await this.run([
        ...signalInput(spec, spec.durationSec), '-c:a', 'libmp3lame', '-b:a', `${spec.bitrate ?? 128}k`,
        '-ar', String(spec.sampleRate ?? 44100), '-ac', '2', '-id3v2_version', '0', '-write_xing', '0', file,
      ]);
      return { file, durationSec: spec.durationSec, slices: sliceMp3(readFileSync(file), 10) };
    });
  }

  /** Lossless original (WAV) for tracks whose artist allows downloads. */
  wav(spec: AudioSpec): Promise<{ file: string; durationSec: number }> {
    return this.cached('wav', { ...spec, name: undefined }, async (dir) => {
      const file = join(dir, 'original.wav');
      await this.run([...signalInput(spec, spec.durationSec), '-c:a', 'pcm_s16le', '-ac', '2', file]);
      return { file, durationSec: spec.durationSec };
    });
  }

  /** A square JPEG cover: a two-colour gradient unique to `seed`. */
  artwork(seed: string, size: number): Promise<{ file: string }> {
    return this.cached('art', { seed, size }, async (dir) => {
      const h = createHash('md5').update(seed).digest('hex');
      const file = join(dir, 'art.jpg');
      await this.run([
        '-f', 'lavfi', '-i', `gradients=s=${size}x${size}:c0=0x${h.slice(0, 6)}:c1=0x${h.slice(6, 12)}:x0=0:y0=0:x1=${size}:y1=${size}:d=1`,
        '-frames:v', '1', '-q:v', '3', file,
      ]);
      return { file };
    });
  }

  /** A waveform picture (PNG), like Beatport's track.image. */
  waveform(spec: AudioSpec, width = 1500, height = 250): Promise<{ file: string }> {
    return this.cached('wave', { ...spec, name: undefined, width, height }, async (dir) => {
      const file = join(dir, 'wave.png');
      const seconds = Math.min(spec.durationSec, 30);
      await this.run([
        '-f', 'lavfi', '-i', `sine=f=${spec.freq}:b=4:d=${seconds}`,
        '-filter_complex', `[0]showwavespic=s=${width}x${height}:colors=0x01ff95[v]`, '-map', '[v]', '-frames:v', '1', file,
      ]);
      return { file };
    });
  }
}

function readHls(dir: string, init?: string): HlsAsset {
  const text = readFileSync(join(dir, 'index.m3u8'), 'utf8');
  const lines = text.split('\n');
  const segments: Segment[] = [];
  let pending: number | undefined;
  for (const line of lines) {
    const m = /^#EXTINF:([\d.]+)/.exec(line);
    if (m) pending = Number(m[1]);
    else if (line && !line.startsWith('#') && pending !== undefined) {
      segments.push({ file: join(dir, line.trim()), durationSec: pending });
      pending = undefined;
    }
  }
  const target = Number(/#EXT-X-TARGETDURATION:(\d+)/.exec(text)?.[1] ?? 10);
  const durationSec = segments.reduce((a, s) => a + s.durationSec, 0);
  for (const f of readdirSync(dir)) if (f.endsWith('.tmp')) rmSync(join(dir, f));
  return { dir, playlist: join(dir, 'index.m3u8'), ...(init ? { init: join(dir, init) } : {}), segments, targetDuration: target, durationSec };
}

const MP3_BITRATES = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const MP3_RATES = [44100, 48000, 32000];

/** Cut a MPEG-1 Layer III stream into ~`seconds` slices at frame boundaries. */
export function sliceMp3(buf: Buffer, seconds: number): Mp3Asset['slices'] {
  const slices: Mp3Asset['slices'] = [];
  let pos = 0;
  let sliceStart = 0;
  let sliceDur = 0;
  while (pos + 4 <= buf.length) {
    const b1 = buf[pos + 1] ?? 0;
    const b2 = buf[pos + 2] ?? 0;
    if (buf[pos] !== 0xff || (b1 & 0xe0) !== 0xe0) {
      pos++;
      continue;
    }
    const bitrate = MP3_BITRATES[(b2 >> 4) & 0x0f] ?? 0;
    const rate = MP3_RATES[(b2 >> 2) & 0x03] ?? 44100;
    const padding = (b2 >> 1) & 1;
    if (!bitrate) {
      pos++;
      continue;
    }
    const size = Math.floor((144000 * bitrate) / rate) + padding;
    pos += size;
    sliceDur += 1152 / rate;
    if (sliceDur >= seconds - 1e-6) {
      slices.push({ start: sliceStart, end: Math.min(pos, buf.length) - 1, durationSec: sliceDur });
      sliceStart = pos;
      sliceDur = 0;
    }
  }
  if (sliceStart < buf.length && sliceDur > 0) slices.push({ start: sliceStart, end: buf.length - 1, durationSec: sliceDur });
  return slices;
}
