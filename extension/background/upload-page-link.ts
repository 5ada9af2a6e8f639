/**
 * Upload jobs whose File lives in an upload page. A service worker cannot keep a File across its
 * restarts, and fetch() from it reports no upload progress, so the page that chose the file keeps
 * it and streams it with XMLHttpRequest when the queue says "start". The page keeps a port open,
 * announces which jobs it holds, and reports progress and the platform's answer. When that page
 * closes, its running and future attempts fail with upload.page-closed.
 */
import * as v from 'valibot';
import { browser, type Browser } from 'wxt/browser';
import { DeckhandError } from '../../shared/errors';
import { ErrorInfoSchema } from '../../shared/schemas';
import type { JobRecord } from '../core/db';
import { PAUSE_REASON, type JobControl } from './queue';
import { uploadProgress } from './upload-progress';

export const UPLOAD_PAGE_PORT = 'deckhand-upload-page';

const jobId = v.pipe(v.string(), v.minLength(1), v.maxLength(100));
export const PageMessageSchema = v.variant('type', [
  /** Every job this page can still stream (replaces the previous list). */
  v.object({ type: v.literal('hold'), jobIds: v.pipe(v.array(jobId), v.maxLength(1000)) }),
  v.object({ type: v.literal('progress'), jobId, sent: v.pipe(v.number(), v.minValue(0)), total: v.pipe(v.number(), v.minValue(0)) }),
  v.object({
    type: v.literal('answer'),
    jobId,
    answer: v.variant('ok', [
      v.object({ ok: v.literal(true), url: v.optional(v.pipe(v.string(), v.maxLength(2048), v.regex(/^https:\/\//))) }),
      v.object({ ok: v.literal(false), message: v.pipe(v.string(), v.maxLength(4000)) }),
    ]),
  }),
  v.object({ type: v.literal('failed'), jobId, error: ErrorInfoSchema }),
]);
export type PageMessage = v.InferOutput<typeof PageMessageSchema>;
export type BackgroundToPage = { type: 'start'; jobId: string } | { type: 'abort'; jobId: string };

type Port = Pick<Browser.runtime.Port, 'postMessage' | 'onMessage' | 'onDisconnect'> & { name: string; sender?: { url?: string } };

interface Running {
  port: Port;
  ctl: JobControl;
  started: number;
  resolve(result: { url?: string }): void;
  reject(err: DeckhandError): void;
}

/** A restarted worker gives reopened pages this long to announce their jobs again. */
const ANNOUNCE_WAIT_MS = 3000;

const pageClosed = () => new DeckhandError('upload.page-closed', 'The upload page that holds this file was closed: open it, choose the file again and upload.');

export class UploadPages {
  private holders = new Map<string, Port>();
  private running = new Map<string, Running>();

  constructor(
    private readonly isOwnPage: (url: string | undefined) => boolean = (url) => !!url?.startsWith(browser.runtime.getURL('/')),
    private readonly announceWaitMs = ANNOUNCE_WAIT_MS,
  ) {}

  /** onConnect listener: only this extension's pages may hold upload jobs. */
  accept(port: Port): void {
    if (port.name !== UPLOAD_PAGE_PORT) return;
    if (!this.isOwnPage(port.sender?.url)) return;
    port.onMessage.addListener((raw: unknown) => {
      const parsed = v.safeParse(PageMessageSchema, raw);
      if (parsed.success) this.receive(port, parsed.output);
    });
    port.onDisconnect.addListener(() => this.forget(port));
  }

  /**
   * Stream the job's file from its page; settles with the new page's URL or a coded error.
   * `beforeSend` runs once the page is found, right before it is told to start.
   */
  async run(job: JobRecord, ctl: JobControl, beforeSend?: () => Promise<void>): Promise<{ url?: string }> {
    const port = this.holders.get(job.id) ?? (await this.announced(job.id, ctl.signal));
    if (!port) throw pageClosed();
    if (beforeSend) await beforeSend();
    return new Promise((resolve, reject) => {
      const stop = () => {
        port.postMessage({ type: 'abort', jobId: job.id } satisfies BackgroundToPage);
        this.running.delete(job.id);
        reject(new DeckhandError('job.cancelled', ctl.signal.reason === PAUSE_REASON ? 'Paused: the upload starts again from the beginning when resumed.' : 'The upload was cancelled.'));
      };
      if (ctl.signal.aborted) return stop();
      ctl.signal.addEventListener('abort', stop, { once: true });
      const settle = () => (ctl.signal.removeEventListener('abort', stop), this.running.delete(job.id));
      this.running.set(job.id, {
        port,
        ctl,
        started: Date.now(),
        resolve: (r) => (settle(), resolve(r)),
        reject: (e) => (settle(), reject(e)),
      });
      port.postMessage({ type: 'start', jobId: job.id } satisfies BackgroundToPage);
    });
  }

  private async announced(id: string, signal: AbortSignal): Promise<Port | undefined> {
    const deadline = Date.now() + this.announceWaitMs;
    while (Date.now() < deadline && !signal.aborted) {
      await new Promise((r) => setTimeout(r, 100));
      const port = this.holders.get(id);
      if (port) return port;
    }
    return undefined;
  }

  private receive(port: Port, msg: PageMessage): void {
    if (msg.type === 'hold') {
      for (const [id, holder] of this.holders) if (holder === port) this.holders.delete(id);
      for (const id of msg.jobIds) this.holders.set(id, port);
      return;
    }
    const run = this.running.get(msg.jobId);
    if (!run || run.port !== port) return;
    if (msg.type === 'progress') run.ctl.progress(uploadProgress(msg.jobId, msg.sent, msg.total, run.started));
    else if (msg.type === 'failed') run.reject(DeckhandError.from(msg.error));
    else if (msg.answer.ok) run.resolve(msg.answer.url ? { url: msg.answer.url } : {});
    else run.reject(new DeckhandError('upload.rejected', msg.answer.message));
  }

  private forget(port: Port): void {
    for (const [id, holder] of this.holders) if (holder === port) this.holders.delete(id);
    for (const run of [...this.running.values()]) if (run.port === port) run.reject(pageClosed());
  }
}
