/**
 * download.pause on the real bundled host: the job stops, its part files stay, and starting the same
 * job again continues from them (segments already stored are not requested again) to the same file an
 * uninterrupted download makes. download.cancel, for contrast, removes them.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobProgress, JobResult } from '../../shared/download';
import { startReplica, type Replica } from '../../e2e/replica/server';
import { ffprobe } from '../../shared/media/test-support/tools';
import { MIXCLOUD_FIXTURES } from '../../e2e/replica/platforms/mixcloud/fixtures';
import { buildHost, removeTempDirs, type Message } from '../test/host-process';
import { HostPool, metadataFor, resolveStream, sha256, specFor } from './download/test-support/harness';

let replica: Replica;
const pool = new HostPool(() => replica);

beforeAll(async () => {
  buildHost();
  replica = await startReplica({ port: 0 });
  // Slow enough (48 segments, 2 at a time, 60 ms each) that a pause lands in the middle.
  replica.app.faults.set({ latencyMs: 60 });
});
afterAll(async () => {
  pool.killAll();
  await replica.stop();
  removeTempDirs();
});

const segmentRequests = () => replica.app.log.filter((e) => e.category === 'media' && /\.ts(\?|$)/.test(e.path)).map((e) => e.path.split('?')[0]);

async function spec(jobId: string) {
  const s = specFor(jobId, await resolveStream(replica, 'mc-hls'), 'mc-hls', metadataFor('mc-hls'));
  s.options = { concurrency: 2 };
  return s;
}

describe('download.pause', () => {
  it('stops the job, keeps its parts, and a new start continues from them', async () => {
    const h = pool.start();
    const paused = await spec('pause-1');
    const before = segmentRequests().length;
    await h.start(paused);
    await h.process.waitFor((m) => m.event === 'job.progress' && (m.data as JobProgress).jobId === 'pause-1' && (m.data as JobProgress).segmentsDone >= 12, 30_000);
    const answer = await h.process.call('p1', 'download.pause', { jobId: 'pause-1' });
    expect(answer).toMatchObject({ ok: true, result: { paused: true } });
    expect(await h.outcome('pause-1')).toMatchObject({ ok: false, error: { code: 'job.cancelled' } });
    expect(readdirSync(path.join(h.library, '.deckhand', 'parts', 'pause-1'))).toContain('journal.json');
    const firstRun = segmentRequests().slice(before);
    expect(firstRun.length).toBeGreaterThanOrEqual(12);
    expect(firstRun.length).toBeLessThan(MIXCLOUD_FIXTURES.shortShow.durationSec / 10);

    // Answered only once the job let go: a start right after resumes instead of "already running".
    const resumed = await h.process.call('s2', 'download.start', { spec: paused });
    expect(resumed).toMatchObject({ ok: true, result: { accepted: true } });
    expect((resumed.result as { alreadyRunning?: boolean }).alreadyRunning).toBeUndefined();
    const ended = (m: Message) => (m.event === 'job.done' || m.event === 'job.failed') && (m.data as { jobId?: string }).jobId === 'pause-1';
    const firstEnd = h.process.messages.filter(ended).length;
    await h.process.waitFor((m) => ended(m) && h.process.messages.filter(ended).indexOf(m) >= firstEnd, 60_000);
    const last = h.process.messages.filter(ended).at(-1)!;
    expect(last.event, JSON.stringify(last.data)).toBe('job.done');
    const outcome = { result: last.data as JobResult };
    const secondRun = segmentRequests().slice(before + firstRun.length);
    // Segments stored before the pause are not fetched again (in-flight ones at the pause may be).
    const segments = MIXCLOUD_FIXTURES.shortShow.durationSec / 10;
    const refetched = new Set(secondRun.filter((p) => firstRun.includes(p)));
    expect(refetched.size).toBeLessThanOrEqual(2);
    expect(new Set(secondRun).size).toBeLessThanOrEqual(segments - firstRun.length + 2);
    expect(new Set([...firstRun, ...secondRun]).size).toBe(segments);
    expect(existsSync(path.join(h.library, '.deckhand', 'parts', 'pause-1'))).toBe(false);

    // The same bytes as an uninterrupted download of the same show.
    const other = pool.start();
    const whole = await spec('whole-1');
    await other.start(whole);
    const reference = await other.outcome('whole-1', 60_000);
    if (!reference.ok) throw new Error(JSON.stringify(reference.error));
    expect(sha256(outcome.result.path)).toBe(sha256(reference.result.path));
    expect(Number((await ffprobe(outcome.result.path)).format.duration)).toBeCloseTo(MIXCLOUD_FIXTURES.shortShow.durationSec, 0);
  });

  it('answers paused: false for a job that is not running; cancel removes the parts', async () => {
    const h = pool.start();
    expect(await h.process.call('p0', 'download.pause', { jobId: 'nothing' })).toMatchObject({ ok: true, result: { paused: false } });
    const cancelled = await spec('cancel-1');
    await h.start(cancelled);
    await h.process.waitFor((m) => m.event === 'job.progress' && (m.data as JobProgress).jobId === 'cancel-1' && (m.data as JobProgress).segmentsDone >= 4, 30_000);
    await h.process.call('c1', 'download.cancel', { jobId: 'cancel-1' });
    expect(await h.outcome('cancel-1')).toMatchObject({ ok: false, error: { code: 'job.cancelled' } });
    await new Promise((r) => setTimeout(r, 300));
    expect(existsSync(path.join(h.library, '.deckhand', 'parts', 'cancel-1'))).toBe(false);
  });

  it('cancelling a paused (not running) job removes the parts it kept', async () => {
    const h = pool.start();
    const held = await spec('held-1');
    await h.start(held);
    await h.process.waitFor((m) => m.event === 'job.progress' && (m.data as JobProgress).jobId === 'held-1' && (m.data as JobProgress).segmentsDone >= 4, 30_000);
    await h.process.call('p2', 'download.pause', { jobId: 'held-1' });
    const parts = path.join(h.library, '.deckhand', 'parts', 'held-1');
    expect(readdirSync(parts)).toContain('journal.json');
    const answer = await h.process.call('c2', 'download.cancel', { jobId: 'held-1', root: h.library });
    expect(answer).toMatchObject({ ok: true, result: { cancelled: false } });
    expect(existsSync(parts)).toBe(false);
  });
});
