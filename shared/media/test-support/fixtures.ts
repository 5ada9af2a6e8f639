/**
 * TEST-ONLY (Node): audio fixtures made by ffmpeg from a generated tone, cached under os.tmpdir()
 * (each built into a scratch directory and renamed into place, so parallel test files never see
 * half-written fixtures), and a helper that runs the remuxer and writes `header ++ payload`.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createRemuxer } from '../remuxer';
import type { RemuxerOptions, RemuxResult, Tags } from '../types';
import { ffmpeg } from './tools';

export const FIXTURE_ROOT = join(tmpdir(), 'deckhand-media-fixtures-v1');
const SECONDS = 30;
/** Stereo, two different tones, so a channel swap or a mono downmix would show. */
const TONE = (rate: number, seconds = SECONDS) => `aevalsrc=0.5*sin(440*2*PI*t)|0.4*sin(660*2*PI*t):s=${rate}:d=${seconds}`;

/** Builds `name` once: `make` writes into a scratch dir that then becomes FIXTURE_ROOT/name. */
async function cached(name: string, make: (dir: string) => Promise<void>): Promise<string> {
  const dir = join(FIXTURE_ROOT, name);
  if (existsSync(dir)) return dir;
  mkdirSync(FIXTURE_ROOT, { recursive: true });
  const scratch = mkdtempSync(join(FIXTURE_ROOT, `.${name}-`));
  try {
    await make(scratch);
    renameSync(scratch, dir);
  } catch (err) {
    rmSync(scratch, { recursive: true, force: true });
    if (!existsSync(dir)) throw err; // another worker won the race
  }
  return dir;
}

export const fixtures = {
  /** SoundCloud-style fMP4 HLS: init.mp4 + 4 s .m4s segments, and the concatenation as the reference. */
  fmp4Hls: () =>
    cached('fmp4-hls', async (d) => {
      await ffmpeg(['-f', 'lavfi', '-i', TONE(44100), '-c:a', 'aac', '-b:a', '160k', '-f', 'hls', '-hls_time', '4', '-hls_playlist_type', 'vod', '-hls_segment_type', 'fmp4', '-hls_fmp4_init_filename', 'init.mp4', '-hls_segment_filename', join(d, 'seg%03d.m4s'), join(d, 'index.m3u8')]);
      writeFileSync(join(d, 'reference.mp4'), Buffer.concat([readFileSync(join(d, 'init.mp4')), ...segmentFiles(d, '.m4s').map((f) => readFileSync(f))]));
    }),
  /** A fragmented MP4 with a fragment per second (many moof/mdat pairs) to cut into multi-fragment segments. */
  fragmented: () =>
    cached('fragmented', async (d) => {
      await ffmpeg(['-f', 'lavfi', '-i', TONE(48000), '-c:a', 'aac', '-b:a', '128k', '-movflags', 'empty_moov+default_base_moof', '-frag_duration', '1000000', join(d, 'reference.mp4')]);
    }),
  /** Fragmented, with an edit list that skips the encoder's 1024 priming samples (delay_moov). */
  fragmentedPrimed: () =>
    cached('fragmented-primed', async (d) => {
      await ffmpeg(['-f', 'lavfi', '-i', TONE(44100), '-c:a', 'aac', '-b:a', '128k', '-movflags', 'delay_moov+default_base_moof', '-frag_duration', '1000000', join(d, 'reference.mp4')]);
    }),
  /** Mixcloud-style MPEG-TS HLS with ADTS AAC. */
  tsHls: () =>
    cached('ts-hls', async (d) => {
      await ffmpeg(['-f', 'lavfi', '-i', TONE(44100), '-c:a', 'aac', '-b:a', '96k', '-f', 'hls', '-hls_time', '4', '-hls_playlist_type', 'vod', '-hls_segment_type', 'mpegts', '-hls_segment_filename', join(d, 'seg%03d.ts'), join(d, 'index.m3u8')]);
      writeFileSync(join(d, 'reference.ts'), Buffer.concat(segmentFiles(d, '.ts').map((f) => readFileSync(f))));
    }),
  /** Raw ADTS, mono 48 kHz (a different config from the others). */
  adts: () =>
    cached('adts', async (d) => {
      await ffmpeg(['-f', 'lavfi', '-i', `sine=frequency=523:sample_rate=48000:duration=${SECONDS}`, '-c:a', 'aac', '-b:a', '64k', '-f', 'adts', join(d, 'reference.aac')]);
    }),
  /** CBR MP3 with an ID3v2.3 tag, LAME Info frame and a trailing ID3v1 tag; plus a VBR one. */
  mp3: () =>
    cached('mp3', async (d) => {
      const tagged = ['-id3v2_version', '3', '-write_id3v1', '1', '-metadata', 'title=Source title', '-metadata', 'artist=Source'];
      await ffmpeg(['-f', 'lavfi', '-i', TONE(44100), '-c:a', 'libmp3lame', '-b:a', '128k', ...tagged, join(d, 'cbr.mp3')]);
      await ffmpeg(['-f', 'lavfi', '-i', TONE(44100), '-c:a', 'libmp3lame', '-q:a', '4', join(d, 'vbr.mp3')]);
    }),
  /** Progressive M4A with moov first (faststart) and with moov after mdat. */
  m4a: () =>
    cached('m4a', async (d) => {
      await ffmpeg(['-f', 'lavfi', '-i', TONE(44100), '-c:a', 'aac', '-b:a', '128k', '-movflags', '+faststart', join(d, 'faststart.m4a')]);
      await ffmpeg(['-f', 'lavfi', '-i', TONE(44100), '-c:a', 'aac', '-b:a', '128k', join(d, 'moov-at-end.m4a')]);
    }),
  /** Cover art in both supported formats. */
  artwork: () =>
    cached('artwork', async (d) => {
      await ffmpeg(['-f', 'lavfi', '-i', 'testsrc=size=300x300', '-frames:v', '1', join(d, 'cover.jpg')]);
      await ffmpeg(['-f', 'lavfi', '-i', 'testsrc=size=120x120', '-frames:v', '1', join(d, 'cover.png')]);
    }),
  /** A 2-hour MPEG-TS stream: a 60 s ADTS tone looped with -stream_loop and copied (no encoding). */
  twoHourTs: () =>
    cached('two-hour-ts', async (d) => {
      await ffmpeg(['-f', 'lavfi', '-i', `sine=frequency=330:sample_rate=44100:duration=60`, '-c:a', 'aac', '-b:a', '64k', '-f', 'adts', join(d, 'minute.aac')]);
      await ffmpeg(['-stream_loop', '119', '-i', join(d, 'minute.aac'), '-c', 'copy', '-f', 'mpegts', join(d, 'reference.ts')]);
    }),
};

export function segmentFiles(dir: string, ext: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(ext) && f.startsWith('seg'))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * A fresh directory for one test file's outputs, removed after its tests (set
 * DECKHAND_KEEP_MEDIA=1 to keep the files for inspection). Call at module top level.
 */
export function scratchDir(): string {
  const parent = join(FIXTURE_ROOT, 'out');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, 'run-'));
  afterAll(() => {
    if (!process.env.DECKHAND_KEEP_MEDIA) rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

/** Runs the remuxer over `segments` and writes header ++ payload to `file`. */
export async function remuxToFile(opts: RemuxerOptions, segments: Iterable<Uint8Array>, tags: Tags, file: string): Promise<RemuxResult> {
  const remuxer = createRemuxer(opts);
  const payload: Uint8Array[] = [];
  for (const segment of segments) {
    await remuxer.push(segment, (chunk) => {
      payload.push(chunk.slice());
    });
  }
  const result = remuxer.finish(tags);
  writeFileSync(file, Buffer.concat([result.header, ...payload]));
  return result;
}

/** Cuts bytes into pieces at the given sizes (cycled), for re-segmenting streams at awkward offsets. */
export function cut(bytes: Uint8Array, sizes: readonly number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const n = sizes[i % sizes.length] ?? bytes.length;
    out.push(bytes.subarray(at, at + n));
    at += n;
  }
  return out;
}

/** Splits a fragmented MP4 into its init (everything before the first moof) and segments of `perSegment` moof+mdat pairs. */
export function splitFragmented(file: Uint8Array, perSegment: number): { init: Uint8Array; segments: Uint8Array[] } {
  const b = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  const moofs: number[] = [];
  for (let pos = 0; pos + 8 <= b.length; ) {
    if (b.toString('latin1', pos + 4, pos + 8) === 'moof') moofs.push(pos);
    pos += b.readUInt32BE(pos);
  }
  const init = file.subarray(0, moofs[0] ?? file.length);
  const segments: Uint8Array[] = [];
  for (let i = 0; i < moofs.length; i += perSegment) {
    segments.push(file.subarray(moofs[i] ?? 0, moofs[i + perSegment] ?? file.length));
  }
  return { init, segments };
}
