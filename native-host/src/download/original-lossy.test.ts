/**
 * SoundCloud originals the artist uploaded as MP3 or M4A, through the real bundled host. Their
 * own tags (an ID3v2.3 tag with a cover and an ID3v1 tag on the MP3, an ilst on the M4A) must give
 * way to ours, not sit beside them, and the audio must be the artist's, packet for packet.
 * The replica has no such originals, so the files are made here and served from loopback.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../../../e2e/replica/server';
import { SOUNDCLOUD_FIXTURES as F } from '../../../e2e/replica/platforms/soundcloud/fixtures';
import { ffmpeg, ffprobe, run } from '../../../shared/media/test-support/tools';
import { buildHost, removeTempDirs, tempDir } from '../../test/host-process';
import { HostPool } from './test-support/harness';
import { decodedMd5, FileServer, originalSpec, packetMd5 } from './test-support/original-files';

let replica: Replica;
const files = new FileServer();
// The host reaches the file server by its own rule, the replica (artwork) by the catch-all.
const pool = new HostPool(() => ({ ...replica, resolveEnv: `${files.resolveRule()},${replica.resolveEnv}` }));
const fixture = F.downloadable;
const e = fixture.expected;
let sources = '';
const OLD = ['-metadata', 'title=Old Upload Title', '-metadata', 'artist=Old Uploader', '-metadata', 'TBPM=99', '-metadata', 'comment=old comment'];

beforeAll(async () => {
  buildHost();
  replica = await startReplica({ port: 0, lazyMedia: true });
  await files.listen();
  sources = tempDir('sources');
  const at = (name: string) => path.join(sources, name);
  const tone = ['-f', 'lavfi', '-i', 'sine=frequency=440:duration=8'];
  const stereo = ['-ac', '2', '-ar', '44100'];
  await ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=64x64', '-frames:v', '1', at('old-cover.jpg')]);
  // An MP3 as LAME leaves it (Info frame with encoder delay), tagged by an ID3v2.3 editor with a cover, plus ID3v1.
  await ffmpeg([...tone, '-i', at('old-cover.jpg'), '-map', '0:a', '-map', '1:v', ...stereo, '-c:a', 'libmp3lame', '-b:a', '192k', '-c:v', 'copy',
    '-id3v2_version', '3', '-write_id3v1', '1', ...OLD, at('source.mp3')]);
  await ffmpeg([...tone, ...stereo, '-c:a', 'aac', '-b:a', '160k', ...OLD, '-movflags', '+faststart', at('aac-moov-first.m4a')]);
  await ffmpeg([...tone, ...stereo, '-c:a', 'aac', '-b:a', '160k', ...OLD, at('aac-moov-last.m4a')]);
  await ffmpeg([...tone, ...stereo, '-c:a', 'alac', ...OLD, at('alac.m4a')]);
});
afterAll(async () => {
  pool.killAll();
  await files.close();
  await replica.stop();
  removeTempDirs();
});

const TAG_DUMP = String.raw`
import json, sys, mutagen
f = mutagen.File(sys.argv[1])
out = {'type': type(f).__name__, 'length': f.info.length, 'codec': getattr(f.info, 'codec', None)}
if type(f).__name__ == 'MP3':
    out['version'] = list(f.tags.version)
    out['tags'] = {k: [str(x) for x in getattr(fr, 'text', [])] or ([fr.url] if hasattr(fr, 'url') else [len(fr.data)]) for k, fr in f.tags.items()}
else:
    out['tags'] = {k: [len(x) if k == 'covr' else bytes(x).decode('utf8') if isinstance(x, bytes) else str(x) for x in v] for k, v in f.tags.items()}
print(json.dumps(out))
`;

interface ReadBack {
  type: string;
  length: number;
  codec: string | null;
  version?: number[];
  tags: Record<string, unknown[]>;
}

async function tagsOf(file: string): Promise<ReadBack> {
  return JSON.parse((await run('/usr/bin/python3', ['-c', TAG_DUMP, file])).stdout) as ReadBack;
}

/** Byte offsets of every `needle` in `hay`. */
function occurrences(hay: Buffer, needle: string): number[] {
  const found: number[] = [];
  for (let at = hay.indexOf(needle, 0, 'latin1'); at >= 0; at = hay.indexOf(needle, at + 1, 'latin1')) found.push(at);
  return found;
}

async function download(name: string, jobId: string): Promise<{ file: string; source: string; durationMs: number | undefined }> {
  const source = path.join(sources, name);
  const url = files.serve(name, source);
  const host = pool.start();
  // Declared as WAV (what the extension assumes of an original): the host names the file from the bytes.
  const spec = originalSpec(jobId, url, fixture, 'wav');
  await host.start(spec);
  const outcome = await host.outcome(spec.jobId);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
  return { file: outcome.result.path, source, durationMs: outcome.result.durationMs };
}

describe('MP3 and M4A originals through the host', () => {
  it('an MP3 original keeps every audio frame and carries one ID3v2.4 tag of ours', async () => {
    const { file, source, durationMs } = await download('source.mp3', 'orig-mp3');
    expect(path.basename(file)).toBe(`${e.artist} - ${e.title}.mp3`);
    expect(await packetMd5(file)).toBe(await packetMd5(source));
    // Decoded samples too: the encoder delay and padding in LAME's Info frame must survive ours.
    expect(await decodedMd5(file)).toBe(await decodedMd5(source));
    expect(Math.abs((durationMs ?? 0) - 8000)).toBeLessThan(60);

    const read = await tagsOf(file);
    expect(read.type).toBe('MP3');
    expect(read.version).toEqual([2, 4, 0]);
    expect(read.tags).toMatchObject({
      TIT2: [e.title], TPE1: [e.artist], TALB: ['Shorelines'], TBPM: ['122'], TKEY: ['Am'], 'TXXX:INITIALKEY': ['8A'],
      TSRC: ['DEKFW1900001'], TDRC: ['2019-04-02'], WOAF: [fixture.url],
    });
    const covers = Object.keys(read.tags).filter((k) => k.startsWith('APIC'));
    expect(covers).toEqual(['APIC:']);
    expect(read.tags['APIC:']?.[0]).toBeGreaterThan(1000); // ours (the replica's 500×500), not the 64×64 one
    expect(read.tags['COMM::eng'] ?? read.tags.COMM).toBeUndefined();

    const bytes = readFileSync(file);
    // One ID3v2 tag, at the front; the old v2.3 tag and the ID3v1 tag at the end are gone.
    expect(occurrences(bytes, 'ID3')).toEqual([0]);
    expect(occurrences(bytes, 'Old Upload Title')).toEqual([]);
    expect(bytes.subarray(bytes.length - 128, bytes.length - 125).toString('latin1')).not.toBe('TAG');
    const probe = await ffprobe(file);
    expect(probe.format.tags).toMatchObject({ title: e.title, artist: e.artist, TBPM: '122' });
  });

  it.each([
    ['aac-moov-first.m4a', 'orig-aac-first'],
    ['aac-moov-last.m4a', 'orig-aac-last'],
  ])('an AAC M4A original (%s) keeps its samples and carries our atoms only', async (name, jobId) => {
    const { file, source, durationMs } = await download(name, jobId);
    expect(path.basename(file)).toBe(`${e.artist} - ${e.title}.m4a`);
    expect(await packetMd5(file)).toBe(await packetMd5(source));
    expect(Math.abs((durationMs ?? 0) - 8000)).toBeLessThan(60);

    const read = await tagsOf(file);
    expect(read.type).toBe('MP4');
    expect(read.codec).toContain('mp4a');
    expect(read.tags).toMatchObject({
      '©nam': [e.title], '©ART': [e.artist], '©alb': ['Shorelines'], tmpo: ['122'], '----:com.apple.iTunes:initialkey': ['8A'],
      '----:com.apple.iTunes:ISRC': ['DEKFW1900001'], '©day': ['2019-04-02'], '----:com.apple.iTunes:URL': [fixture.url],
    });
    expect(read.tags.covr?.[0]).toBeGreaterThan(1000);
    expect(read.tags['©cmt']).toBeUndefined();

    const bytes = readFileSync(file);
    expect(occurrences(bytes, 'ilst')).toHaveLength(1);
    expect(occurrences(bytes, 'Old Upload Title')).toEqual([]);
    const probe = await ffprobe(file);
    expect(probe.format.tags).toMatchObject({ title: e.title, artist: e.artist });
  });

  // The source's edts/elst hides the encoder's priming (1024 samples for ffmpeg/Apple AAC): the
  // original keeps its moov's tables and edit list, so not one decoded sample moves.
  it('an AAC M4A original decodes to the source\'s samples (edit list carried)', async () => {
    const { file, source } = await download('aac-moov-last.m4a', 'orig-aac-edts');
    expect(await decodedMd5(file)).toBe(await decodedMd5(source));
  });

  // SoundCloud accepts ALAC uploads; the remuxer's M4A header is AAC-only, the kept original is not.
  it('an ALAC M4A original keeps its samples and carries our atoms only', async () => {
    const { file, source, durationMs } = await download('alac.m4a', 'orig-alac');
    expect(path.basename(file)).toBe(`${e.artist} - ${e.title}.m4a`);
    expect(await decodedMd5(file)).toBe(await decodedMd5(source));
    expect(Math.abs((durationMs ?? 0) - 8000)).toBeLessThan(60);
    const read = await tagsOf(file);
    expect(read.codec).toBe('alac');
    expect(read.tags).toMatchObject({ '©nam': [e.title], '©ART': [e.artist], tmpo: ['122'] });
    expect(read.tags.covr?.[0]).toBeGreaterThan(1000);
    expect(occurrences(readFileSync(file), 'Old Upload Title')).toEqual([]);
  });
});
