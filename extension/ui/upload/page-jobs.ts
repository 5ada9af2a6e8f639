/**
 * This page's side of queued uploads of chosen Files: the queue decides when a job runs and tells
 * the page through a port; the page streams the File it holds (send.ts, XMLHttpRequest with byte
 * progress) and reports progress and the platform's answer. The port is opened again when the
 * worker restarts, and the page announces the jobs it still holds.
 */
import { browser, type Browser } from 'wxt/browser';
import { DeckhandError } from '../../../shared/errors';
import { UPLOAD_PAGE_PORT, type BackgroundToPage, type PageMessage } from '../../background/upload-page-link';
import type { UploadFields, UploadPlatform } from './model';
import { uploadFile } from './send';

interface Held {
  platform: UploadPlatform;
  file: File;
  fields: UploadFields;
  pro: boolean;
}

/** Progress reports at most this often (each one is published to every open extension page). */
const PROGRESS_EVERY_MS = 200;

export class PageUploads {
  private held = new Map<string, Held>();
  private controllers = new Map<string, AbortController>();
  private port!: Browser.runtime.Port;

  constructor() {
    this.connect();
  }

  hold(jobId: string, held: Held): void {
    this.held.set(jobId, held);
    this.announce();
  }

  private connect(): void {
    this.port = browser.runtime.connect({ name: UPLOAD_PAGE_PORT });
    this.port.onMessage.addListener((msg: unknown) => this.receive(msg as BackgroundToPage));
    // The worker stopped (or restarted): its uploads from this page failed or will ask again.
    this.port.onDisconnect.addListener(() => {
      for (const c of this.controllers.values()) c.abort();
      setTimeout(() => this.connect(), 300);
    });
    this.announce();
  }

  private post(msg: PageMessage): void {
    try {
      this.port.postMessage(msg);
    } catch {
      /* disconnected: the reconnect announces again */
    }
  }

  private announce(): void {
    this.post({ type: 'hold', jobIds: [...this.held.keys()] });
  }

  private receive(msg: BackgroundToPage): void {
    if (msg?.type === 'abort') this.controllers.get(msg.jobId)?.abort();
    else if (msg?.type === 'start') void this.start(msg.jobId);
  }

  private async start(jobId: string): Promise<void> {
    const held = this.held.get(jobId);
    if (!held) return this.post({ type: 'failed', jobId, error: new DeckhandError('upload.page-closed').toJSON() });
    this.controllers.get(jobId)?.abort();
    const controller = new AbortController();
    this.controllers.set(jobId, controller);
    let last = 0;
    try {
      const answer = await uploadFile(held.platform, held.fields, held.file, held.pro, ({ sent, total }) => {
        const now = Date.now();
        if (now - last < PROGRESS_EVERY_MS && sent < total) return;
        last = now;
        this.post({ type: 'progress', jobId, sent, total });
      }, controller.signal);
      this.post({ type: 'answer', jobId, answer: answer.ok ? (answer.url ? { ok: true, url: answer.url } : { ok: true }) : { ok: false, message: answer.message } });
    } catch (err) {
      this.post({ type: 'failed', jobId, error: DeckhandError.from(err).toJSON() });
    } finally {
      if (this.controllers.get(jobId) === controller) this.controllers.delete(jobId);
    }
  }
}
