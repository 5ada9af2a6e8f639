/**
 * The real bundled host downloading from the replica: every source kind ends as a complete, tagged
 * file in the library, Mixcloud tracklists also as a cue sheet beside it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../../../e2e/replica/server';
import { MIXCLOUD_FIXTURES } from '../../../e2e/replica/platforms/mixcloud/fixtures';
import { SOUNDCLOUD_FIXTURES } from '../../../e2e/replica/platforms/soundcloud/fixtures';
import { decodeErrors, ffprobe, mutagen } from '../../../shared/media/test-support/tools';
import { buildHost, removeTempDirs, tempDir } from '../../test/host-process';
import { DownloadHost, HostPool, filesUnder, metadataFor, resolveStream, specFor, type StreamKind } from './test-support/harness';

let replica: Replica;
const pool = new HostPool(() => replica);

beforeAll(async () => {
  buildHost();
  replica = await startReplica({ port: 0 });
  replica.app.faults.set({ progressiveThrottleAfter: 0 });
});
afterAll(async () => {
  pool.killAll();
  await replica.stop();
  removeTempDirs();
});

const host = (library?: string): DownloadHost => pool.start(library);

const SHORT_SHOW_SEC = MIXCLOUD_FIXTURES.shortShow.durationSec;
const PLAIN_SEC = SOUNDCLOUD_FIXTURES.plain.durationMs / 1000;

describe('downloads through the host', () => {
  const cases: [StreamKind, string, number][] = [
    ['sc-aac-hls', 'm4a', PLAIN_SEC],
    ['sc-mp3-hls', 'mp3', PLAIN_SEC],
    ['sc-mp3-progressive', 'mp3', PLAIN_SEC],
    ['mc-hls', 'm4a', SHORT_SHOW_SEC],
    ['mc-progressive', 'm4a', SHORT_SHOW_SEC],
  ];
  it.each(cases)('%s becomes a complete .%s inside the library', async (kind, ext, seconds) => {
    const h = host();
    const spec = specFor(`ok-${kind}`, await resolveStream(replica, kind), kind, metadataFor(kind));
    await h.start(spec);
    const outcome = await h.outcome(spec.jobId);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
    const file = outcome.result.path;
    expect(path.dirname(file)).toBe(h.library);
    expect(path.extname(file)).toBe(`.${ext}`);
    const probe = await ffprobe(file);
    expect(Number(probe.format.duration)).toBeCloseTo(seconds, 0);
    expect(await decodeErrors(file)).toBe('');
    // Only the file (and, for shows, its cue sheet) is left: no part files, no temporaries.
    const expected = [path.basename(file), ...(kind.startsWith('mc-') ? [path.basename(file).replace(/\.m4a$/, '.cue')] : [])].sort();
    expect(filesUnder(h.library).filter((f) => !f.startsWith('.deckhand/done/'))).toEqual(expected);
  });
});

describe('Mixcloud tracklists', () => {
  it('become chapters in the file and a cue sheet beside it, untimed sections without invented times', async () => {
    const h = host();
    const show = MIXCLOUD_FIXTURES.shortShow;
    const spec = specFor('cue-short', await resolveStream(replica, 'mc-hls'), 'mc-hls', metadataFor('mc-hls'));
    await h.start(spec);
    const outcome = await h.outcome(spec.jobId);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
    const audio = outcome.result.path;
    const cue = audio.replace(/\.m4a$/, '.cue');
    expect(outcome.result.extraFiles).toEqual([cue]);
    const text = readFileSync(cue, 'utf8');
    expect(text).toContain(`FILE "${path.basename(audio)}" WAVE`);
    expect(text).toContain(`TITLE "${show.name}"`);
    expect(text.match(/^ {2}TRACK \d\d AUDIO$/gm)).toHaveLength(show.expected.chapters.length);
    const timed = show.expected.chapters.filter((c) => c.startMs !== undefined);
    expect(text.match(/INDEX 01 /g)).toHaveLength(timed.length);
    expect(text.match(/REM START "unknown/g)).toHaveLength(show.expected.chapters.length - timed.length);
    // The same sections as chapters, read by an independent tool.
    const tags = await mutagen(audio);
    expect(tags.chapters?.map((c) => Math.round(c.start * 1000))).toEqual(timed.map((c) => c.startMs));
  });

  it('gives the cue sheet the same collision outcome as the audio', async () => {
    const library = tempDir();
    const url = await resolveStream(replica, 'mc-hls');
    const names: string[][] = [];
    for (const jobId of ['twice-1', 'twice-2']) {
      const h = host(library);
      await h.start(specFor(jobId, url, 'mc-hls', metadataFor('mc-hls')));
      const outcome = await h.outcome(jobId);
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
      names.push([outcome.result.path, ...(outcome.result.extraFiles ?? [])].map((p) => path.basename(p)));
      h.kill();
    }
    const [first, second] = names as [string[], string[]];
    expect(second[0]).toBe((first[0] as string).replace(/\.m4a$/, ' (2).m4a'));
    expect(second[1]).toBe((first[1] as string).replace(/\.cue$/, ' (2).cue'));
    expect(readFileSync(path.join(library, second[1] as string), 'utf8')).toContain(`FILE "${second[0]}" WAVE`);
  });

  it('writes no cue sheet for a show without sections', async () => {
    const h = host();
    const meta = { ...metadataFor('mc-hls'), chapters: [] };
    const spec = specFor('no-sections', await resolveStream(replica, 'mc-hls'), 'mc-hls', meta);
    await h.start(spec);
    const outcome = await h.outcome(spec.jobId);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
    expect(outcome.result.extraFiles).toBeUndefined();
    expect(existsSync(outcome.result.path.replace(/\.m4a$/, '.cue'))).toBe(false);
  });
});
