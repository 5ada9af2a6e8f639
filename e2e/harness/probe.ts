/**
 * Independent checks of output files: ffprobe (ffmpeg), mutagen (python3-mutagen, through Debian's
 * /usr/bin/python3) and exiftool. None of them shares code with Deckhand's writers.
 */
import { execFileSync } from 'node:child_process';

export interface FfprobeResult {
  format: { format_name: string; duration: string; tags?: Record<string, string> };
  streams: { codec_type: string; codec_name: string; duration?: string; sample_rate?: string; channels?: number; disposition?: Record<string, number> }[];
  chapters: { start_time: string; end_time: string; tags?: { title?: string } }[];
}

export function ffprobe(file: string): FfprobeResult {
  const out = execFileSync('ffprobe', ['-v', 'error', '-show_format', '-show_streams', '-show_chapters', '-of', 'json', file], { encoding: 'utf8' });
  return JSON.parse(out) as FfprobeResult;
}

/** Decode the whole file; returns ffmpeg's complaints (empty = clean). */
export function decodeErrors(file: string): string {
  try {
    return execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-f', 'null', '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    return String((err as { stderr?: string }).stderr ?? err);
  }
}

const MUTAGEN_SCRIPT = `
import json, sys, mutagen
f = mutagen.File(sys.argv[1])
out = {"type": type(f).__name__, "length": f.info.length, "tags": {}}
if f.tags is not None:
    if hasattr(f.tags, "version"):
        out["id3_version"] = list(f.tags.version)
    for key, value in f.tags.items():
        items = value if isinstance(value, list) else [value]
        vals = []
        for v in items:
            if hasattr(v, "text"):
                vals.append([str(t) for t in v.text])
            elif hasattr(v, "data") and hasattr(v, "mime"):
                vals.append({"mime": v.mime, "bytes": len(v.data), "type": int(v.type)})
            elif hasattr(v, "url"):
                vals.append(v.url)
            elif isinstance(v, (bytes, bytearray)):
                try:
                    vals.append(bytes(v).decode("utf-8"))
                except Exception:
                    vals.append({"bytes": len(v)})
            elif isinstance(v, tuple):
                vals.append(list(v))
            else:
                vals.append(str(v) if not isinstance(v, (int, float, bool)) else v)
        out["tags"][str(key)] = vals
print(json.dumps(out))
`;

export interface MutagenResult {
  type: string;
  length: number;
  id3_version?: number[];
  tags: Record<string, unknown[]>;
}

export function mutagen(file: string): MutagenResult {
  const out = execFileSync('/usr/bin/python3', ['-c', MUTAGEN_SCRIPT, file], { encoding: 'utf8' });
  return JSON.parse(out) as MutagenResult;
}

export function exiftool(file: string): Record<string, unknown> {
  const out = execFileSync('exiftool', ['-j', '-a', '-G1', file], { encoding: 'utf8' });
  return (JSON.parse(out) as Record<string, unknown>[])[0] ?? {};
}
