/**
 * The job queue: rows in IndexedDB, so it survives service-worker deaths and browser restarts.
 * Jobs that were running when the worker died go back to "queued" and run again (the native host
 * resumes from its part files). A limited number run at once. A paused job stays out of the pump
 * until it is resumed; pausing a running one stops its work with the reason PAUSE_REASON, which the
 * executor turns into "stop but keep the part files".
 */
import { DeckhandError } from '../../shared/errors';
import type { JobProgress } from '../../shared/download';
import { trackKey, type JobView, type UploadJobInfo } from '../../shared/jobs';
import type { TrackRef } from '../../shared/track';
import { db, type JobRecord } from '../core/db';

export interface JobControl {
  /** Aborted on cancel (reason: anything) or pause (reason: PAUSE_REASON). */
  signal: AbortSignal;
  progress(p: JobProgress): void;
}

export interface ExecuteResult {
  path: string;
  via: 'host' | 'browser';
}

/** What an upload job ends with: the new page on the platform, when it says. */
export interface UploadResult {
  url?: string;
}

export interface QueueDeps {
  execute(job: JobRecord, ctl: JobControl): Promise<ExecuteResult | UploadResult>;
  publish(job: JobView): void;
  concurrency(): Promise<number>;
  /** A job cancelled while not running (paused, or queued after a pause) drops what it kept. */
  discard?(job: JobRecord): Promise<void>;
}

/** Where an upload job's ref points (uploads have no page of their own until they are done). */
const UPLOAD_PAGES = { soundcloud: 'https://soundcloud.com/upload', mixcloud: 'https://www.mixcloud.com/upload/' } as const;

/** The abort reason of a pause: stop the work, keep what was fetched. */
export const PAUSE_REASON = 'deckhand.pause';

const ACTIVE = new Set(['queued', 'running', 'paused']);
/** Used when the settings cannot be read: a pump pass must never fail and leave jobs queued. */
const FALLBACK_CONCURRENCY = 2;

function newId(): string {
  return `j${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

export class JobQueue {
  private jobs = new Map<string, JobRecord>();
  /**
   * Executions started by this life of the worker, by job id. Only these count against the limit (a
   * row left 'running' by a dead worker does not), and a job never runs twice at once: a job resumed
   * while its paused execution still winds down waits for it.
   */
  private inFlight = new Map<string, AbortController>();
  private loaded: Promise<void> | undefined;
  private pumping = false;
  private pumpAgain = false;
  /** createdAt is strictly increasing so arrival order survives a reload. */
  private lastCreated = 0;

  constructor(private readonly deps: QueueDeps) {}

  /** Load rows once (again after a failed load); running jobs from a previous life are queued again. */
  restore(): Promise<void> {
    this.loaded ??= this.load().catch((err: unknown) => {
      this.loaded = undefined;
      throw err;
    });
    return this.loaded;
  }

  private async load(): Promise<void> {
    const rows = await (await db()).getAll('jobs');
    for (const row of rows) {
      this.lastCreated = Math.max(this.lastCreated, row.createdAt);
      if (row.state === 'running') row.state = 'queued';
      this.jobs.set(row.id, row);
    }
    void this.pump();
  }

  async add(ref: TrackRef, opts: { force?: boolean } = {}): Promise<JobView> {
    await this.restore();
    const key = trackKey(ref);
    const archived = opts.force ? undefined : await (await db()).get('archive', key);
    // From here to save() nothing awaits, so two requests for one track cannot both create a job.
    const active = [...this.jobs.values()].find((j) => j.trackKey === key && ACTIVE.has(j.state));
    // Asking again for a paused item (its in-page button shows "Download" again) means: continue it.
    if (active?.state === 'paused') await this.resume(active.id);
    if (active) return view(active);
    const now = Math.max(Date.now(), this.lastCreated + 1);
    this.lastCreated = now;
    const job: JobRecord = { id: newId(), trackKey: key, ref, state: 'queued', createdAt: now, updatedAt: now, attempts: 0 };
    if (archived) Object.assign(job, { state: 'done', path: archived.path, via: archived.via });
    await this.save(job);
    void this.pump();
    return view(job);
  }

  /** Queue an upload; it runs with the downloads under the same limit, pause, cancel and retry. */
  async addUpload(upload: UploadJobInfo): Promise<JobView> {
    await this.restore();
    const now = Math.max(Date.now(), this.lastCreated + 1);
    this.lastCreated = now;
    const id = newId();
    const ref: TrackRef = { platform: upload.platform, id, url: UPLOAD_PAGES[upload.platform], kind: upload.platform === 'mixcloud' ? 'show' : 'track', title: upload.fields.title || upload.fileName };
    const job: JobRecord = { id, kind: 'upload', upload, trackKey: `upload:${id}`, ref, state: 'queued', createdAt: now, updatedAt: now, attempts: 0 };
    await this.save(job);
    void this.pump();
    return view(job);
  }

  list(): JobView[] {
    return [...this.jobs.values()].sort((a, b) => b.createdAt - a.createdAt).map(view);
  }

  forTracks(keys: string[]): JobView[] {
    const wanted = new Set(keys);
    const latest = new Map<string, JobRecord>();
    for (const j of this.jobs.values()) {
      if (!wanted.has(j.trackKey)) continue;
      const prev = latest.get(j.trackKey);
      if (!prev || prev.createdAt < j.createdAt) latest.set(j.trackKey, j);
    }
    return [...latest.values()].map(view);
  }

  get(id: string): JobRecord | undefined {
    return this.jobs.get(id);
  }

  async cancel(id: string): Promise<void> {
    await this.restore();
    const job = this.jobs.get(id);
    if (!job || !ACTIVE.has(job.state)) return;
    job.state = 'cancelled';
    job.error = new DeckhandError('job.cancelled').toJSON();
    await this.save(job);
    const inFlight = this.inFlight.get(id);
    if (inFlight) inFlight.abort();
    else if (job.spec && this.deps.discard) await this.deps.discard(job).catch(() => undefined);
  }

  /** Queued: kept out of the pump. Running: stopped, keeping the host's part files for resume(). */
  async pause(id: string): Promise<void> {
    await this.restore();
    const job = this.jobs.get(id);
    if (!job || (job.state !== 'queued' && job.state !== 'running')) return;
    job.state = 'paused';
    await this.save(job);
    this.inFlight.get(id)?.abort(PAUSE_REASON);
  }

  async resume(id: string): Promise<void> {
    await this.restore();
    const job = this.jobs.get(id);
    if (!job || job.state !== 'paused') return;
    job.state = 'queued';
    await this.save(job);
    void this.pump();
  }

  async pauseAll(): Promise<void> {
    await this.restore();
    const ids = [...this.jobs.values()].filter((j) => j.state === 'queued' || j.state === 'running').map((j) => j.id);
    await Promise.all(ids.map((id) => this.pause(id)));
  }

  async resumeAll(): Promise<void> {
    await this.restore();
    const ids = [...this.jobs.values()].filter((j) => j.state === 'paused').map((j) => j.id);
    await Promise.all(ids.map((id) => this.resume(id)));
  }

  async retry(id: string): Promise<void> {
    await this.restore();
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

  /**
   * The in-memory row is the truth for this life of the worker; a failed write only means a restart
   * may run the job again, which is safe (the host resumes or answers with the finished file).
   */
  private async save(job: JobRecord): Promise<void> {
    // Strictly increasing, so a snapshot taken before this change always compares older (supersedes()).
    job.updatedAt = Math.max(Date.now(), job.updatedAt + 1);
    this.jobs.set(job.id, job);
    this.deps.publish(view(job));
    try {
      await (await db()).put('jobs', job);
    } catch (err) {
      console.warn('deckhand: could not store job', job.id, err);
    }
  }

  private async limit(): Promise<number> {
    try {
      return await this.deps.concurrency();
    } catch {
      return FALLBACK_CONCURRENCY;
    }
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
        const limit = await this.limit();
        const next = [...this.jobs.values()]
          .filter((j) => j.state === 'queued' && !this.inFlight.has(j.id))
          .sort((a, b) => a.createdAt - b.createdAt)
          .slice(0, Math.max(0, limit - this.inFlight.size));
        // run() registers the job in inFlight before its first await, so a repeated pass cannot start it twice.
        for (const job of next) void this.run(job);
      } while (this.pumpAgain);
    } finally {
      this.pumping = false;
    }
  }

  private async run(job: JobRecord): Promise<void> {
    const controller = new AbortController();
    this.inFlight.set(job.id, controller);
    try {
      job.state = 'running';
      job.attempts += 1;
      delete job.error;
      await this.save(job);
      const result = await this.deps.execute(job, {
        signal: controller.signal,
        progress: (p) => {
          if (job.state !== 'running') return;
          job.progress = p;
          this.deps.publish(view(job));
        },
      });
      if (job.state !== 'running') return; // cancelled or paused meanwhile
      if (!('path' in result)) {
        // An upload: no file in the library, so no archive row; the job keeps the new page's link.
        job.state = 'done';
        if (job.upload && result.url) job.upload = { ...job.upload, url: result.url };
        await this.save(job);
        return;
      }
      job.state = 'done';
      job.path = result.path;
      job.via = result.via;
      await (await db()).put('archive', { key: job.trackKey, path: result.path, title: job.ref.title ?? '', savedAt: Date.now(), via: result.via }).catch(() => undefined);
      await this.save(job);
    } catch (err) {
      if (job.state !== 'running') return;
      job.state = 'failed';
      job.error = DeckhandError.from(err).toJSON();
      await this.save(job);
    } finally {
      this.inFlight.delete(job.id);
      // Cancelled while its pause wound down: cancel() could not abort the signal again (the pause
      // had), so the parts the pause kept are dropped now that the execution let go of them.
      if (job.state === 'cancelled' && controller.signal.reason === PAUSE_REASON && job.spec && this.deps.discard) {
        await this.deps.discard(job).catch(() => undefined);
      }
      void this.pump();
    }
  }
}

/** What leaves the background: a copy of the record without the internal spec and upload artwork bytes. */
export function view(job: JobRecord): JobView {
  const { spec: _spec, ...rest } = job;
  if (!rest.upload?.artwork) return { ...rest };
  const { artwork: _artwork, ...upload } = rest.upload;
  return { ...rest, upload };
}
