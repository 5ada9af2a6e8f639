/**
 * TEST-ONLY (Node): the checks every remuxed file must pass, each by a tool that shares no code
 * with the pipeline: ffprobe (codec, durations, no errors), ffmpeg (clean decode, packet MD5 equal
 * to the source's), exiftool (mvhd/tkhd/mdhd durations) and the raw box order.
 */
import { expect } from 'vitest';
import { decodeErrors, exiftool, ffprobe, packetsMd5, topLevelBoxes, type Probe } from './tools';

export interface SourceRef {
  file: string;
  /** True duration of the source in seconds. */
  durationSec: number;
  /** The source's packets carry ADTS headers (TS, .aac). */
  adts?: boolean;
}

const TOLERANCE = 0.005; // 0.5 %

export async function expectSameAudio(out: string, source: SourceRef, codec: 'aac' | 'mp3'): Promise<Probe> {
  const probe = await ffprobe(out);
  expect(probe.stderr).toBe('');
  const audio = probe.streams.filter((s) => s.codec_type === 'audio');
  expect(audio).toHaveLength(1);
  // Cover art shows up as an attached picture; nothing else may.
  for (const s of probe.streams) if (s.codec_type !== 'audio') expect(s.disposition?.attached_pic).toBe(1);
  const stream = audio[0];
  expect(stream?.codec_name).toBe(codec);
  const formatDuration = Number(probe.format.duration);
  const streamDuration = Number(stream?.duration);
  // mvhd counts milliseconds (see mp4/header.ts), so format and stream agree to 1 ms.
  expect(Math.abs(formatDuration - streamDuration)).toBeLessThanOrEqual(0.001);
  expect(Math.abs(streamDuration - source.durationSec) / source.durationSec).toBeLessThan(TOLERANCE);
  expect(await decodeErrors(out)).toBe('');
  expect(await packetsMd5(out)).toBe(await packetsMd5(source.file, source.adts));
  return probe;
}

/** `durationSec` is what the file plays for; `mediaSec` counts every sample (priming an edit list skips included). */
export async function expectM4aStructure(out: string, durationSec: number, mediaSec = durationSec): Promise<void> {
  expect(topLevelBoxes(out)).toEqual(['ftyp', 'moov', 'mdat']);
  const exif = await exiftool(out);
  const movie = Number(exif['QuickTime:Duration']);
  const track = Number(exif['Track1:TrackDuration']);
  const media = Number(exif['Track1:MediaDuration']);
  expect(exif['QuickTime:MajorBrand']).toBe('M4A ');
  expect(Math.abs(movie - durationSec)).toBeLessThanOrEqual(0.001);
  expect(track).toBe(movie);
  expect(Math.abs(media - mediaSec)).toBeLessThan(1e-6);
}

/** ffprobe's chapters (it reads Nero chpl in M4A and CHAP in MP3) match the marks, ends filled in. */
export function expectProbeChapters(probe: Probe, marks: readonly { startMs: number; endMs?: number; title: string }[], durationSec: number): void {
  expect(probe.chapters.map((c) => c.tags?.title)).toEqual(marks.map((m) => m.title));
  marks.forEach((m, i) => {
    const chapter = probe.chapters[i];
    const end = (m.endMs ?? marks[i + 1]?.startMs ?? durationSec * 1000) / 1000;
    expect(Number(chapter?.start_time)).toBeCloseTo(m.startMs / 1000, 3);
    expect(Math.abs(Number(chapter?.end_time) - end)).toBeLessThanOrEqual(0.001);
  });
}
