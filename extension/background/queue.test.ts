import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { DeckhandError } from '../../shared/errors';
import type { JobView } from '../../shared/jobs';
import type { TrackRef } from '../../shared/track';
import { JobQueue, type QueueDeps } from './queue';
import { db, resetDbConnection } from '../core/db';

const ref = (n: number): TrackRef => ({ platform: 'soundcloud', id: `soundcloud:tracks:${n}`, url: `https://soundcloud.com/a/t${n}`, kind: 'track', title: `T${n}` });

function deferred() {
  let resolve!: (v: { path: string; via: 'host' }) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<{ path: string; via: 'host' }>((a, b) => ((resolve = a), (reject = b)));
  return { promise, resolve, reject };
}

function harness(concurrency = 2) {
  const runs = new Map<string, ReturnType<typeof deferred>>();
  const published: JobView[] = [];
  const deps: QueueDeps = {
    execute: (job) => {
      const d = deferred();
      runs.set(job.trackKey, d);
      return d.promise;
    },
    publish: (j) => void published.push(j),
    concurrency: async () => concurrency,
  };
  return { queue: new JobQueue(deps), runs, published };
}

const tick = () => new Promise((r) => setTimeout(r, 10));

beforeEach(async () => {
  // A fresh database per test.
  await resetDbConnection();
  (globalThis as { indexedDB: IDBFactory }).indexedDB = new IDBFactory();
});

describe('JobQueue', () => {
  it('runs at most `concurrency` jobs, in order of arrival', async () => {
    const { queue, runs } = harness(2);
    for (let i = 1; i <= 4; i++) await queue.add(ref(i));
    await tick();
    expect([...runs.keys()]).toEqual(['soundcloud:soundcloud:tracks:1', 'soundcloud:soundcloud:tracks:2']);
    runs.get('soundcloud:soundcloud:tracks:1')!.resolve({ path: '/lib/1.m4a', via: 'host' });
    await tick();
    expect(runs.size).toBe(3);
    expect(queue.list().find((j) => j.ref.id.endsWith(':1'))).toMatchObject({ state: 'done', path: '/lib/1.m4a' });
  });

  it('returns the active job instead of queueing a track twice, and remembers finished tracks in the archive', async () => {
    const { queue, runs } = harness(1);
    const a = await queue.add(ref(1));
    const b = await queue.add(ref(1));
    expect(b.id).toBe(a.id);
    await tick();
    runs.get('soundcloud:soundcloud:tracks:1')!.resolve({ path: '/lib/1.m4a', via: 'host' });
    await tick();
    const again = await queue.add(ref(1));
    expect(again.id).not.toBe(a.id);
    expect(again.state).toBe('done');
    expect(again.path).toBe('/lib/1.m4a');
    const forced = await queue.add(ref(1), { force: true });
    expect(forced.state === 'queued' || forced.state === 'running').toBe(true);
  });

  it('records failures as coded errors and retries on request', async () => {
    const { queue, runs } = harness(1);
    const job = await queue.add(ref(5));
    await tick();
    runs.get('soundcloud:soundcloud:tracks:5')!.reject(new DeckhandError('stream.drm'));
    await tick();
    expect(queue.get(job.id)).toMatchObject({ state: 'failed', error: { code: 'stream.drm', expected: true } });
    await queue.retry(job.id);
    await tick();
    expect(queue.get(job.id)?.state).toBe('running');
    expect(queue.get(job.id)?.attempts).toBe(2);
  });

  it('cancels a running job; a late result does not resurrect it', async () => {
    const { queue, runs } = harness(1);
    const job = await queue.add(ref(6));
    await tick();
    await queue.cancel(job.id);
    runs.get('soundcloud:soundcloud:tracks:6')!.resolve({ path: '/x', via: 'host' });
    await tick();
    expect(queue.get(job.id)?.state).toBe('cancelled');
  });

  it('survives a restart: rows persist and running jobs are queued again', async () => {
    const first = harness(1);
    await first.queue.add(ref(7));
    await first.queue.add(ref(8));
    await tick();
    expect(first.runs.size).toBe(1);
    // The worker dies: a new queue over the same database.
    const rows = await (await db()).getAll('jobs');
    expect(rows.map((r) => r.state).sort()).toEqual(['queued', 'running']);
    const second = harness(1);
    await second.queue.restore();
    await tick();
    expect([...second.runs.keys()]).toEqual(['soundcloud:soundcloud:tracks:7']);
    expect(second.queue.list().map((j) => j.state).sort()).toEqual(['queued', 'running']);
  });
});
