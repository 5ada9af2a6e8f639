/**
 * SoundCloud originals through the real bundled host: the artist's WAV, FLAC and AIFF arrive with
 * their own extension, the audio identical to what the CDN served (decoded PCM md5) and tags an
 * independent reader (mutagen) finds in the container's own place: Vorbis comments + PICTURE in
 * FLAC, an ID3v2.4 chunk in WAV and AIFF.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../../../e2e/replica/server';
import { SOUNDCLOUD_FIXTURES as F, type TrackFixture } from '../../../e2e/replica/platforms/soundcloud/fixtures';
import { apiV2, fetchReplica, postJson } from '../../../e2e/replica/platforms/soundcloud/test-client';
import { ffprobe, run } from '../../../shared/media/test-support/tools';
import { buildHost, removeTempDirs, tempDir } from '../../test/host-process';
import { HostPool } from './test-support/harness';
import { decodedMd5, originalSpec } from './test-support/original-files';

let replica: Replica;
let token = '';
const pool = new HostPool(() => replica);

beforeAll(async () => {
  buildHost();
  replica = await startReplica({ port: 0, lazyMedia: true });
  token = (await postJson(replica, `${replica.controlUrl}/soundcloud/session`, {})).json<{ access_token: string }>().access_token;
});
afterAll(async () => {
  pool.killAll();
  await replica.stop();
  removeTempDirs();
});

async function originalUrl(fixture: TrackFixture): Promise<string> {
  const answer = await apiV2(replica, `/tracks/${fixture.id}/download`, { headers: { authorization: `OAuth ${token}` } });
  return answer.json<{ redirectUri: string }>().redirectUri;
}

const TAG_DUMP = String.raw`
import json, sys, mutagen
f = mutagen.File(sys.argv[1])
out = {'type': type(f).__name__, 'length': f.info.length}
if type(f).__name__ == 'FLAC':
    out['tags'] = {k.upper(): v for k, v in (f.tags or {}).as_dict().items()}
    out['pictures'] = [{'type': int(p.type), 'mime': p.mime, 'len': len(p.data), 'width': p.width, 'height': p.height, 'depth': p.depth} for p in f.pictures]
else:
    out['version'] = list(f.tags.version)
    out['tags'] = {k: [str(x) for x in getattr(fr, 'text', [])] or ([fr.url] if hasattr(fr, 'url') else [len(fr.data)]) for k, fr in f.tags.items()}
print(json.dumps(out))
`;

async function tagsOf(file: string): Promise<{ type: string; length: number; version?: number[]; tags: Record<string, unknown[]>; pictures?: { type: number; mime: string; len: number; width: number; height: number; depth: number }[] }> {
  return JSON.parse((await run('/usr/bin/python3', ['-c', TAG_DUMP, file])).stdout);
}

describe('original files through the host', () => {
  const cases = [
    ['wav', F.downloadable, 'WAVE', 'wav'],
    ['flac', F.originalFlac, 'FLAC', 'flac'],
    ['aiff', F.originalAiff, 'AIFF', 'aiff'],
  ] as const;
  it.each(cases)('the original .%s is kept as it is and tagged in its container', async (ext, fixture, mutagenType, ffFormat) => {
    const url = await originalUrl(fixture);
    const served = tempDir('served');
    const source = path.join(served, `source.${ext}`);
    writeFileSync(source, (await fetchReplica(replica, url)).body);
    const host = pool.start();
    // Declared as WAV whatever it is: the host names the file from the bytes.
    const spec = originalSpec(`orig-${ext}`, url, fixture, 'wav');
    await host.start(spec);
    const outcome = await host.outcome(spec.jobId);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
    const file = outcome.result.path;
    expect(path.extname(file)).toBe(`.${ext}`);
    expect(path.basename(file)).toBe(`${fixture.expected.artist} - ${fixture.expected.title}.${ext}`);
    expect((await ffprobe(file)).format.format_name).toContain(ffFormat);
    expect(await decodedMd5(file)).toBe(await decodedMd5(source));
    expect(Math.abs((outcome.result.durationMs ?? 0) - fixture.durationMs)).toBeLessThan(100);

    const read = await tagsOf(file);
    expect(read.type).toBe(mutagenType);
    if (ext === 'flac') {
      expect(read.tags).toMatchObject({
        TITLE: [fixture.expected.title], ARTIST: [fixture.expected.artist], ALBUM: ['Shorelines'], GENRE: ['Ambient'], BPM: ['122'],
        INITIALKEY: ['8A'], KEY: ['Am'], LABEL: ['Kovac Field Works'], ORGANIZATION: ['Kovac Field Works'], ISRC: ['DEKFW1900001'],
        DATE: ['2019-04-02'], URL: [fixture.url],
      });
      expect(read.tags.ENCODER).toBeUndefined(); // ffmpeg's own comment was replaced, not kept beside ours
      // The cover's size comes from its JPEG header (the replica serves t500x500 as 500×500 RGB).
      expect(read.pictures).toEqual([expect.objectContaining({ type: 3, mime: 'image/jpeg', width: 500, height: 500, depth: 24 })]);
      expect(read.pictures?.[0]?.len).toBeGreaterThan(1000);
    } else {
      expect(read.version).toEqual([2, 4, 0]);
      expect(read.tags).toMatchObject({
        TIT2: [fixture.expected.title], TPE1: [fixture.expected.artist], TALB: ['Shorelines'], TCON: ['Ambient'], TBPM: ['122'],
        TKEY: ['Am'], 'TXXX:INITIALKEY': ['8A'], TPUB: ['Kovac Field Works'], TSRC: ['DEKFW1900001'], TDRC: ['2019-04-02'], WOAF: [fixture.url],
      });
      expect(read.tags['APIC:']?.[0]).toBeGreaterThan(1000);
    }
  });

});
