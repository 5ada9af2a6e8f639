/**
 * TEST-ONLY (Node): independent checkers for remuxed files — ffprobe, ffmpeg, mutagen (Debian's
 * /usr/bin/python3, not the pyenv python3 on PATH) and exiftool. Nothing here is imported by the
 * pipeline itself.
 */
import { execFile } from 'node:child_process';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const BIG = 256 * 1024 * 1024;

export async function run(cmd: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  const { stdout, stderr } = await exec(cmd, args, { maxBuffer: BIG, encoding: 'utf8' });
  return { stdout, stderr };
}

export async function ffmpeg(args: string[]): Promise<void> {
  await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
}

export interface Probe {
  format: { duration?: string; format_name?: string; tags?: Record<string, string> };
  streams: { codec_type?: string; codec_name?: string; duration?: string; sample_rate?: string; channels?: number; disposition?: { attached_pic?: number } }[];
  chapters: { start_time: string; end_time: string; tags?: { title?: string } }[];
  stderr: string;
}

export async function ffprobe(file: string): Promise<Probe> {
  const { stdout, stderr } = await run('ffprobe', ['-v', 'error', '-show_format', '-show_streams', '-show_chapters', '-of', 'json', file]);
  const parsed = JSON.parse(stdout) as Omit<Probe, 'stderr'>;
  return { format: parsed.format ?? {}, streams: parsed.streams ?? [], chapters: parsed.chapters ?? [], stderr };
}

/** Errors ffmpeg reports while decoding the whole file ("" when clean). */
export async function decodeErrors(file: string): Promise<string> {
  const { stderr } = await run('ffmpeg', ['-hide_banner', '-v', 'error', '-i', file, '-f', 'null', '-']);
  return stderr.trim();
}

/** MD5 over the audio packets' bytes; ADTS sources need their headers stripped to compare with MP4. */
export async function packetsMd5(file: string, stripAdts = false): Promise<string> {
  const bsf = stripAdts ? ['-bsf:a', 'aac_adtstoasc'] : [];
  const { stdout } = await run('ffmpeg', ['-hide_banner', '-v', 'error', '-i', file, '-map', '0:a', '-c', 'copy', ...bsf, '-f', 'md5', '-']);
  return stdout.trim();
}

/** MD5 over the decoded samples (after the container's edit list): equal means the same audio, sample for sample. */
export async function decodedMd5(file: string): Promise<string> {
  const { stdout } = await run('ffmpeg', ['-hide_banner', '-v', 'error', '-i', file, '-map', '0:a', '-c:a', 'pcm_s32le', '-f', 'md5', '-']);
  return stdout.trim();
}

/** Packets ffprobe counts in the audio stream (exact duration for ADTS/TS, whose header durations are estimates). */
export async function packetCount(file: string): Promise<number> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-select_streams', 'a:0', '-count_packets', '-show_entries', 'stream=nb_read_packets', '-of', 'csv=p=0', file]);
  // MPEG-TS lists the stream once per program and once on its own: the first number is enough.
  return Number(stdout.trim().split(/\s+/)[0]);
}

const MUTAGEN_DUMP = String.raw`
import json, sys, mutagen
from mutagen.mp4 import MP4
f = mutagen.File(sys.argv[1])
out = {'type': type(f).__name__, 'length': f.info.length, 'sample_rate': f.info.sample_rate, 'channels': f.info.channels}
if isinstance(f, MP4):
    tags = {}
    for k, v in (f.tags or {}).items():
        if k == 'covr': tags[k] = [{'len': len(c), 'format': int(c.imageformat)} for c in v]
        elif k.startswith('----'): tags[k] = [bytes(x).decode('utf-8') for x in v]
        elif k in ('trkn', 'disk'): tags[k] = [list(x) for x in v]
        else: tags[k] = list(v)
    out['tags'] = tags
    out['chapters'] = [{'start': c.start, 'title': c.title} for c in (f.chapters or [])]
else:
    id3 = f.tags
    out['version'] = list(id3.version)
    frames = {}
    for key, fr in id3.items():
        name = type(fr).__name__
        if name == 'APIC': frames[key] = {'mime': fr.mime, 'type': int(fr.type), 'len': len(fr.data), 'encoding': int(fr.encoding)}
        elif name == 'CHAP': frames[key] = {'start': fr.start_time, 'end': fr.end_time, 'title': str(fr.sub_frames['TIT2'].text[0]) if 'TIT2' in fr.sub_frames else None}
        elif name == 'CTOC': frames[key] = {'children': list(fr.child_element_ids), 'flags': int(fr.flags)}
        elif name.startswith('W'): frames[key] = fr.url
        elif hasattr(fr, 'text'): frames[key] = {'text': [str(t) for t in fr.text], 'encoding': int(fr.encoding)}
        else: frames[key] = name
    out['frames'] = frames
print(json.dumps(out))
`;

export interface MutagenDump {
  type: string;
  length: number;
  sample_rate: number;
  channels: number;
  tags?: Record<string, unknown[]>;
  chapters?: { start: number; title: string }[];
  version?: number[];
  frames?: Record<string, unknown>;
}

export async function mutagen(file: string): Promise<MutagenDump> {
  const { stdout } = await run('/usr/bin/python3', ['-c', MUTAGEN_DUMP, file]);
  return JSON.parse(stdout) as MutagenDump;
}

/** exiftool's view (-n: numbers unformatted, durations in seconds; -G1: group names). */
export async function exiftool(file: string): Promise<Record<string, unknown>> {
  const { stdout } = await run('exiftool', ['-api', 'LargeFileSupport=1', '-j', '-a', '-G1', '-n', file]);
  const list = JSON.parse(stdout) as Record<string, unknown>[];
  return list[0] ?? {};
}

/** Top-level box types of an MP4 file, read with nothing but the size fields (positioned reads: files may be huge). */
export function topLevelBoxes(file: string): string[] {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(16);
    const types: string[] = [];
    let pos = 0;
    while (pos + 8 <= size) {
      readSync(fd, head, 0, 16, pos);
      let boxSize = head.readUInt32BE(0);
      types.push(head.toString('latin1', 4, 8));
      if (boxSize === 1) boxSize = Number(head.readBigUInt64BE(8));
      if (boxSize === 0) break;
      pos += boxSize;
    }
    return types;
  } finally {
    closeSync(fd);
  }
}
