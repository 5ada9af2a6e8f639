/**
 * Test media for the tagging tests (and the tagger e2e spec): short files made by ffmpeg with the
 * tags a tagger meets in the wild, plus independent readers (ffmpeg's audio-packet MD5, mutagen).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export interface MakeAudioOptions {
  format: 'mp3' | 'm4a';
  seconds: number;
  /** ffmpeg -metadata pairs (title, artist, album, genre, TBPM, comment, …). */
  metadata?: Record<string, string>;
  /** MP3: write an ID3v2.3 tag instead of v2.4; 0 = no ID3v2 tag at all. */
  id3Version?: 0 | 3 | 4;
  /** M4A: index in front of the media (ffmpeg -movflags +faststart) or behind it. */
  faststart?: boolean;
  /** A small PNG cover (APIC / covr), to prove frames we do not set survive. */
  cover?: boolean;
}

/** A 4×4 PNG made by ffmpeg, enough for a cover frame. */
export function coverPng(file: string): string {
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=orange:s=4x4', '-frames:v', '1', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  return file;
}

export function makeAudio(file: string, opts: MakeAudioOptions): string {
  const args = ['-v', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=22050:duration=${opts.seconds}`];
  if (opts.cover) {
    const cover = coverPng(path.join(path.dirname(file), `.cover-${path.basename(file)}.png`));
    args.push('-i', cover, '-map', '0:a', '-map', '1:v', '-c:v', 'copy', '-disposition:v', 'attached_pic');
  }
  for (const [name, value] of Object.entries(opts.metadata ?? {})) args.push('-metadata', `${name}=${value}`);
  if (opts.format === 'mp3') {
    args.push('-c:a', 'libmp3lame', '-b:a', '32k', '-ac', '1');
    if (opts.id3Version === 0) args.push('-write_id3v2', '0');
    else args.push('-id3v2_version', String(opts.id3Version ?? 4));
  } else {
    args.push('-c:a', 'aac', '-b:a', '32k', '-ac', '1');
    if (opts.faststart) args.push('-movflags', '+faststart');
  }
  execFileSync('ffmpeg', [...args, file], { stdio: ['ignore', 'ignore', 'pipe'] });
  return file;
}

/** MD5 of the audio packets as ffmpeg demuxes them (no decoding): equal before and after = audio untouched. */
export function audioMd5(file: string): string {
  return execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-map', '0:a', '-c', 'copy', '-f', 'md5', '-'], { encoding: 'utf8' }).trim();
}
