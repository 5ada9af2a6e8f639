import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { DeckhandError } from '../../shared/errors';
import { supersedes, type JobView, type UploadJobInfo } from '../../shared/jobs';
import type { TrackRef } from '../../shared/track';
import { JobQueue, PAUSE_REASON, type QueueDeps } from './queue';
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
  const discarded: string[] = [];
  const signals = new Map<string, AbortSignal>();
  const published: JobView[] = [];
  const deps: QueueDeps = {
    execute: (job, ctl) => {
      const d = deferred();
      runs.set(job.trackKey, d);
      signals.set(job.trackKey, ctl.signal);
      return d.promise;
    },
    publish: (j) => void published.push(j),
    concurrency: async () => concurrency,
    discard: async (job) => void discarded.push(job.trackKey),
  };
  return { queue: new JobQueue(deps), runs, signals, published, discarded };
}

const tick = () => new Promise((r) => setTimeout(r, 10));

beforeEach(async () => {
  // A fresh database per test.
  await resetDbConnection();
  (globalThis as { indexedDB: IDBFactory }).indexedDB = new IDBFactory();
});

describe('JobQueue', () => {
  it('gives every stored change of a job a later updatedAt than the one before, even within one millisecond', async () => {
    const { queue, runs, published } = harness(1);
    const answer = await queue.add(ref(1));
    await tick();
    runs.get('soundcloud:soundcloud:tracks:1')!.resolve({ path: '/lib/1.m4a', via: 'host' });
    await tick();
    const states = published.filter((j) => j.id === answer.id);
    expect(states.map((j) => j.state)).toEqual(['queued', 'running', 'done']);
    for (let i = 1; i < states.length; i++) expect(states[i]!.updatedAt).toBeGreaterThan(states[i - 1]!.updatedAt);
    // The answer the request got is a snapshot the later broadcasts supersede, never the reverse.
    expect(supersedes(states.at(-1)!, answer)).toBe(true);
    expect(supersedes(answer, states.at(-1)!)).toBe(false);
  });

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

const key = (n: number) => `soundcloud:soundcloud:tracks:${n}`;

/** A row as a previous life of the worker left it in the database. */
async function leftBehind(n: number, state: JobView['state'], createdAt: number): Promise<string> {
  const id = `old${n}`;
  await (await db()).put('jobs', { id, trackKey: key(n), ref: ref(n), state, createdAt, updatedAt: createdAt, attempts: state === 'running' ? 1 : 0 });
  return id;
}

describe('JobQueue pause and resume', () => {
  it('a paused queued job stays out of the pump until resumed', async () => {
    const { queue, runs } = harness(1);
    const a = await queue.add(ref(1));
    const b = await queue.add(ref(2));
    await queue.pause(b.id);
    runs.get(key(1))!.resolve({ path: '/lib/1.m4a', via: 'host' });
    await tick();
    expect(runs.has(key(2))).toBe(false);
    expect(queue.get(b.id)?.state).toBe('paused');
    expect(queue.get(a.id)?.state).toBe('done');
    await queue.resume(b.id);
    await tick();
    expect(runs.has(key(2))).toBe(true);
    expect(queue.get(b.id)?.state).toBe('running');
  });

  it('cancelling a paused job that ran discards what it kept; cancelling a running one only stops it', async () => {
    const { queue, runs, discarded } = harness(2);
    const a = await queue.add(ref(1));
    const b = await queue.add(ref(2));
    await tick();
    queue.get(a.id)!.spec = { jobId: a.id } as never; // as execute() records it for a host job
    queue.get(b.id)!.spec = { jobId: b.id } as never;
    await queue.pause(a.id);
    runs.get(key(1))!.reject(new DeckhandError('job.cancelled'));
    await tick();
    await queue.cancel(a.id);
    await queue.cancel(b.id);
    expect(queue.get(a.id)).toMatchObject({ state: 'cancelled' });
    expect(discarded).toEqual([key(1)]);
  });

  it('cancelling a job whose pause still winds down discards what it kept once the execution let go', async () => {
    const { queue, runs, discarded } = harness(1);
    const a = await queue.add(ref(1));
    await tick();
    queue.get(a.id)!.spec = { jobId: a.id } as never;
    await queue.pause(a.id); // the executor now asks the host to stop, keeping the parts
    await queue.cancel(a.id); // before the host answered: the signal is already aborted
    expect(discarded).toEqual([]); // the host may still hold the files
    runs.get(key(1))!.reject(new DeckhandError('job.cancelled', 'Paused.'));
    await tick();
    expect(queue.get(a.id)).toMatchObject({ state: 'cancelled' });
    expect(discarded).toEqual([key(1)]);
  });

  it('pausing a running job aborts it with the pause reason, keeps its progress, and frees its slot', async () => {
    const { queue, runs, signals } = harness(1);
    const a = await queue.add(ref(1));
    await queue.add(ref(2));
    await tick();
    await queue.pause(a.id);
    expect(signals.get(key(1))?.aborted).toBe(true);
    expect(signals.get(key(1))?.reason).toBe(PAUSE_REASON);
    // The executor winds down (the host lets go of its files) and then rejects.
    runs.get(key(1))!.reject(new DeckhandError('job.cancelled'));
    await tick();
    expect(queue.get(a.id)).toMatchObject({ state: 'paused' });
    expect(queue.get(a.id)?.error).toBeUndefined();
    expect(runs.has(key(2))).toBe(true);
  });

  it('a job resumed while its paused execution still winds down waits for it, then runs once', async () => {
    const { queue, runs } = harness(2);
    const a = await queue.add(ref(1));
    await tick();
    const first = runs.get(key(1))!;
    await queue.pause(a.id);
    await queue.resume(a.id);
    await tick();
    expect(runs.get(key(1))).toBe(first); // not started again yet
    first.reject(new DeckhandError('job.cancelled'));
    await tick();
    expect(runs.get(key(1))).not.toBe(first);
    expect(queue.get(a.id)).toMatchObject({ state: 'running', attempts: 2 });
    // The late rejection of the first execution did not fail the second.
    runs.get(key(1))!.resolve({ path: '/lib/1.m4a', via: 'host' });
    await tick();
    expect(queue.get(a.id)).toMatchObject({ state: 'done', path: '/lib/1.m4a' });
  });

  it('a new request for a paused item resumes it', async () => {
    const { queue, runs } = harness(1);
    const a = await queue.add(ref(1));
    await tick();
    await queue.pause(a.id);
    runs.get(key(1))!.reject(new DeckhandError('job.cancelled'));
    await tick();
    expect(queue.get(a.id)?.state).toBe('paused');
    const again = await queue.add(ref(1));
    expect(again.id).toBe(a.id);
    await tick();
    expect(queue.get(a.id)).toMatchObject({ state: 'running', attempts: 2 });
  });

  it('pause all and resume all', async () => {
    const { queue, runs } = harness(1);
    const jobs = [await queue.add(ref(1)), await queue.add(ref(2)), await queue.add(ref(3))];
    await tick();
    await queue.pauseAll();
    runs.get(key(1))!.reject(new DeckhandError('job.cancelled'));
    await tick();
    expect(jobs.map((j) => queue.get(j.id)?.state)).toEqual(['paused', 'paused', 'paused']);
    await queue.resumeAll();
    await tick();
    expect(jobs.map((j) => queue.get(j.id)?.state)).toEqual(['running', 'queued', 'queued']);
  });

  it('a paused job stays paused across a restart', async () => {
    const first = harness(1);
    const a = await first.queue.add(ref(1));
    await first.queue.pause(a.id);
    const second = harness(1);
    await second.queue.restore();
    await tick();
    expect(second.runs.size).toBe(0);
    expect(second.queue.get(a.id)?.state).toBe('paused');
  });
});

describe('JobQueue after a service-worker restart', () => {
  it('starts a job whose start was lost (the worker died between add and run)', async () => {
    const id = await leftBehind(1, 'queued', 1000);
    const { queue, runs } = harness(2);
    await queue.restore();
    await tick();
    expect(runs.has(key(1))).toBe(true);
    expect(queue.get(id)).toMatchObject({ state: 'running', attempts: 1 });
  });

  it('a job stuck "running" from a previous life is queued again and does not take a slot', async () => {
    const stuck = await leftBehind(1, 'running', 1000);
    const fresh = await leftBehind(2, 'queued', 2000);
    const { queue, runs } = harness(2);
    await queue.restore();
    await tick();
    // Both run: the dead execution of job 1 is not counted against the limit of 2.
    expect([...runs.keys()]).toEqual([key(1), key(2)]);
    expect(queue.get(stuck)).toMatchObject({ state: 'running', attempts: 2 });
    expect(queue.get(fresh)?.state).toBe('running');
  });

  it('with a limit of 1, the stuck job runs first and the next one only after it ends', async () => {
    await leftBehind(1, 'running', 1000);
    await leftBehind(2, 'queued', 2000);
    const { queue, runs } = harness(1);
    await queue.restore();
    await tick();
    expect([...runs.keys()]).toEqual([key(1)]);
    runs.get(key(1))!.resolve({ path: '/lib/1.m4a', via: 'host' });
    await tick();
    expect([...runs.keys()]).toEqual([key(1), key(2)]);
  });

  it('requests that arrive while the rows still load act on the loaded rows', async () => {
    const paused = await leftBehind(1, 'queued', 1000);
    const cancelled = await leftBehind(2, 'queued', 2000);
    const { queue, runs, signals } = harness(2);
    // No restore() first: the popup's request can be the event that woke the worker.
    await Promise.all([queue.pause(paused), queue.cancel(cancelled)]);
    await tick();
    // Whatever the load's pump started meanwhile was stopped, and a late result changes nothing.
    for (const signal of signals.values()) expect(signal.aborted).toBe(true);
    for (const run of runs.values()) run.resolve({ path: '/lib/x.m4a', via: 'host' });
    await tick();
    expect(queue.get(paused)?.state).toBe('paused');
    expect(queue.get(cancelled)?.state).toBe('cancelled');
  });

  it('a failing settings read does not leave jobs queued forever', async () => {
    const queue = new JobQueue({
      execute: () => new Promise(() => undefined),
      publish: () => undefined,
      concurrency: () => Promise.reject(new Error('storage unavailable')),
    });
    const job = await queue.add(ref(9));
    await tick();
    expect(queue.get(job.id)?.state).toBe('running');
  });

  it('never runs one track twice when two requests race', async () => {
    const { queue } = harness(2);
    const [a, b] = await Promise.all([queue.add(ref(4)), queue.add(ref(4))]);
    expect(a.id).toBe(b.id);
    expect(queue.list()).toHaveLength(1);
  });
});

describe('JobQueue upload jobs', () => {
  const upload = (title: string): UploadJobInfo => ({
    platform: 'soundcloud', source: 'library', fileName: `${title}.mp3`, fileSize: 1000, libraryPath: `Mixes/${title}.mp3`, pro: false,
    fields: {
      title, description: '', genre: '', tags: [], label: '', bpm: '', key: '', releaseDate: '', isrc: '', privacy: 'public', license: 'all-rights-reserved',
      downloadable: true, streamable: true, tracklist: '', publishDate: '', disableComments: false, hideStats: false,
    },
    artwork: { name: 'cover.png', type: 'image/png', base64: 'iVBORw0KGgo=' },
  });
  const finish = (d: ReturnType<typeof deferred>, result: { url?: string }) => (d.resolve as unknown as (v: unknown) => void)(result);

  it('runs uploads with the downloads under one limit, keeps the new page’s link and writes no archive row', async () => {
    const { queue, runs } = harness(1);
    const up = await queue.addUpload(upload('Harbour Set'));
    await queue.add(ref(1));
    expect(up).toMatchObject({ kind: 'upload', trackKey: `upload:${up.id}`, ref: { platform: 'soundcloud', title: 'Harbour Set' } });
    await tick();
    expect([...runs.keys()]).toEqual([`upload:${up.id}`]);
    finish(runs.get(`upload:${up.id}`)!, { url: 'https://soundcloud.com/me/harbour-set' });
    await tick();
    expect(queue.get(up.id)).toMatchObject({ state: 'done', upload: { url: 'https://soundcloud.com/me/harbour-set' } });
    expect(queue.get(up.id)?.path).toBeUndefined();
    expect(runs.has(key(1))).toBe(true); // the slot went to the download
    expect(await (await db()).get('archive', `upload:${up.id}`)).toBeUndefined();
  });

  it('pausing an upload aborts its request; resuming starts it again from the beginning', async () => {
    const { queue, runs, signals } = harness(1);
    const up = await queue.addUpload(upload('Night Drive'));
    await tick();
    const k = `upload:${up.id}`;
    const first = runs.get(k)!;
    await queue.pause(up.id);
    expect(signals.get(k)?.reason).toBe(PAUSE_REASON);
    first.reject(new DeckhandError('job.cancelled'));
    await tick();
    expect(queue.get(up.id)?.state).toBe('paused');
    await queue.resume(up.id);
    await tick();
    expect(runs.get(k)).not.toBe(first);
    expect(queue.get(up.id)).toMatchObject({ state: 'running', attempts: 2 });
  });

  it('keeps the artwork bytes in the stored row but never in what it publishes', async () => {
    const { queue, published } = harness(1);
    const up = await queue.addUpload(upload('Tidewater'));
    expect(up.upload?.artwork).toBeUndefined();
    expect(published.every((j) => j.upload && !('artwork' in j.upload))).toBe(true);
    expect((await (await db()).get('jobs', up.id))?.upload?.artwork?.name).toBe('cover.png');
  });
});
