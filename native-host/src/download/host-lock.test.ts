/**
 * Two real host processes (two browsers, or a closing host and its successor) given the same job
 * for the same library: the one that took the work folder downloads it; the other's download.cancel
 * is refused with job.busy without touching its files, and its download.start waits for the owner
 * to let go, then answers with the same finished file. (A holder that never lets go ends in job.busy:
 * work-lock.test.ts.)
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../../../e2e/replica/server';
import type { JobProgress, JobResult } from '../../../shared/download';
import { ffprobe } from '../../../shared/media/test-support/tools';
import { MIXCLOUD_FIXTURES } from '../../../e2e/replica/platforms/mixcloud/fixtures';
import { buildHost, removeTempDirs, tempDir } from '../../test/host-process';
import { filesUnder, HostPool, metadataFor, resolveStream, specFor } from './test-support/harness';

let replica: Replica;
const pool = new HostPool(() => replica);

beforeAll(async () => {
  buildHost();
  replica = await startReplica({ port: 0 });
  // Slow enough that the second host asks while the first is still fetching.
  replica.app.faults.set({ latencyMs: 20, bandwidth: 1_500_000, progressiveThrottleAfter: 0 });
});
afterAll(async () => {
  pool.killAll();
  await replica.stop();
  removeTempDirs();
});

describe('two hosts, one job', () => {
  it('one downloads; the other cannot cancel its parts, and its start waits and answers with the same file', async () => {
    const library = tempDir();
    const first = pool.start(library);
    const second = pool.start(library);
    const spec = specFor('shared-job', await resolveStream(replica, 'mc-hls'), 'mc-hls', metadataFor('mc-hls'));
    spec.options = { concurrency: 2 };

    await first.start(spec);
    await first.process.waitFor((m) => m.event === 'job.progress' && (m.data as JobProgress).jobId === 'shared-job' && (m.data as JobProgress).segmentsDone >= 2, 30_000);
    // A cancel through the second host is refused: the first host's parts are not its to remove.
    const cancel = await second.process.call('c1', 'download.cancel', { jobId: 'shared-job', root: library });
    expect(cancel).toMatchObject({ ok: false, error: { code: 'job.busy' } });
    // A start through the second host waits for the owner to let go (a closing host does within
    // seconds), then finds the finished job: the same file, fetched once.
    await second.start(spec);
    const done = await first.outcome('shared-job', 120_000);
    if (!done.ok) throw new Error(JSON.stringify(done.error));
    expect(Number((await ffprobe(done.result.path)).format.duration)).toBeCloseTo(MIXCLOUD_FIXTURES.shortShow.durationSec, 0);
    const again = await second.outcome('shared-job', 30_000);
    if (!again.ok) throw new Error(JSON.stringify(again.error));
    expect(again.result.path).toBe(done.result.path);
    const visible = filesUnder(library).filter((f) => !f.startsWith('.deckhand/'));
    expect(visible).toEqual([path.basename(done.result.path), path.basename(done.result.path).replace(/\.m4a$/, '.cue')].sort());
    expect(filesUnder(library).filter((f) => f.startsWith('.deckhand/parts/'))).toEqual([]);
  }, 180_000);
});
