/**
 * The job queue: rows in IndexedDB, so it survives service-worker deaths and browser restarts.
 * Jobs that were running when the worker died go back to "queued" and run again (the native host
 * resumes from its part files). A limited number run at once.
 */
import { DeckhandError } from '../../shared/errors';
import type { JobProgress } from '../../shared/download';
import { trackKey, type JobView } from '../../shared/jobs';
import type { TrackRef } from '../../shared/track';
import { db, type JobRecord } from '../core/db';

export interface JobControl {
  signal: AbortSignal;
  progress(p: JobProgress): void;
}

export interface ExecuteResult {
  path: string;
  via: 'host' | 'browser';
}

export interface QueueDeps {
  execute(job: JobRecord, ctl: JobControl): Promise<ExecuteResult>;
  publish(job: JobView): void;
  concurrency(): Promise<number>;
}

const ACTIVE = new Set(['queued', 'running', 'paused']);

function newId(): string {
  return `j${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

export class JobQueue {
  private jobs = new Map<string, JobRecord>();
  private controllers = new Map<string, AbortController>();
  private loaded: Promise<void> | undefined;
  private pumping = false;
  private pumpAgain = false;
  /** createdAt is strictly increasing so arrival order survives a reload. */
  private lastCreated = 0;

  constructor(private readonly deps: QueueDeps) {}

  /** Load rows once; running jobs from a previous life are queued again. */
  restore(): Promise<void> {
    this.loaded ??= (async () => {
      const rows = await (await db()).getAll('jobs');
      for (const row of rows) {
        this.lastCreated = Math.max(this.lastCreated, row.createdAt);
        if (row.state === 'running') row.state = 'queued';
        this.jobs.set(row.id, row);
      }
      void this.pump();
    })();
    return this.loaded;
  }

  async add(ref: TrackRef, opts: { force?: boolean } = {}): Promise<JobView> {
    await this.restore();
    const key = trackKey(ref);
    const active = [...this.jobs.values()].find((j) => j.trackKey === key && ACTIVE.has(j.state));
    if (active) return active;
    const now = Math.max(Date.now(), this.lastCreated + 1);
    this.lastCreated = now;
    const job: JobRecord = { id: newId(), trackKey: key, ref, state: 'queued', createdAt: now, updatedAt: now, attempts: 0 };
    if (!opts.force) {
      const archived = await (await db()).get('archive', key);
      if (archived) Object.assign(job, { state: 'done', path: archived.path, via: archived.via });
    }
    await this.save(job);
    void this.pump();
    return job;
  }

  list(): JobView[] {
    return [...this.jobs.values()].sort((a, b) => b.createdAt - a.createdAt);
  }

  forTracks(keys: string[]): JobView[] {
    const wanted = new Set(keys);
    const latest = new Map<string, JobRecord>();
    for (const j of this.jobs.values()) {
      if (!wanted.has(j.trackKey)) continue;
      const prev = latest.get(j.trackKey);
      if (!prev || prev.createdAt < j.createdAt) latest.set(j.trackKey, j);
    }
    return [...latest.values()];
  }

  get(id: string): JobRecord | undefined {
    return this.jobs.get(id);
  }

  async cancel(id: string): Promise<void> {
    const job = this.jobs.get(id);
    if (!job || !ACTIVE.has(job.state)) return;
    this.controllers.get(id)?.abort();
    job.state = 'cancelled';
    job.error = new DeckhandError('job.cancelled').toJSON();
    await this.save(job);
  }

  async retry(id: string): Promise<void> {
    const job = this.jobs.get(id);
    if (!job || ACTIVE.has(job.state)) return;
    job.state = 'queued';
    delete job.error;
    delete job.progress;
    await this.save(job);
    void this.pump();
  }

  async update(job: JobRecord): Promise<void> {
    await this.save(job);
  }

  private async save(job: JobRecord): Promise<void> {
    job.updatedAt = Date.now();
    this.jobs.set(job.id, job);
    await (await db()).put('jobs', job);
    this.deps.publish(view(job));
  }

  /** Start queued jobs up to the limit. A call during a pass is not lost: the pass repeats. */
  private async pump(): Promise<void> {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        const limit = await this.deps.concurrency();
        const running = [...this.jobs.values()].filter((j) => j.state === 'running').length;
        const next = [...this.jobs.values()]
          .filter((j) => j.state === 'queued')
          .sort((a, b) => a.createdAt - b.createdAt)
          .slice(0, Math.max(0, limit - running));
        for (const job of next) void this.run(job);
      } while (this.pumpAgain);
    } finally {
      this.pumping = false;
    }
  }

  private async run(job: JobRecord): Promise<void> {
    const controller = new AbortController();
    this.controllers.set(job.id, controller);
    job.state = 'running';
    job.attempts += 1;
    delete job.error;
    await this.save(job);
    try {
      const result = await this.deps.execute(job, {
        signal: controller.signal,
        progress: (p) => {
          if (job.state !== 'running') return;
          job.progress = p;
          this.deps.publish(view(job));
        },
      });
      if (job.state !== 'running') return; // cancelled meanwhile
      job.state = 'done';
      job.path = result.path;
      job.via = result.via;
      await (await db()).put('archive', { key: job.trackKey, path: result.path, title: job.ref.title ?? '', savedAt: Date.now(), via: result.via });
      await this.save(job);
    } catch (err) {
      if (job.state !== 'running') return;
      job.state = 'failed';
      job.error = DeckhandError.from(err).toJSON();
      await this.save(job);
    } finally {
      this.controllers.delete(job.id);
      void this.pump();
    }
  }
}

/** What leaves the background: the record without the internal spec. */
export function view(job: JobRecord): JobView {
  const { spec: _spec, ...rest } = job;
  return rest;
}
