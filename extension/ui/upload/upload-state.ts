/**
 * The upload page's view of the queue: its upload jobs (newest first), kept current by the
 * background's job updates on a UI port, which reconnects when the worker restarts.
 */
import { signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { isUploadJob, type JobView, type UploadJobInfo } from '../../../shared/jobs';
import type { Broadcast } from '../../../shared/messages';
import { send } from '../../core/messaging';

export type UploadJobView = JobView & { upload: UploadJobInfo };

export const uploadJobs = signal<UploadJobView[]>([]);

export function upsertJob(job: JobView): void {
  if (!isUploadJob(job)) return;
  const others = uploadJobs.value.filter((j) => j.id !== job.id);
  uploadJobs.value = [job, ...others].sort((a, b) => b.createdAt - a.createdAt);
}

/** Follow upload jobs; `onAuthFailure` runs when one failed because the platform refused the account. */
export function followUploadJobs(onAuthFailure: () => void): void {
  const connect = () => {
    const port = browser.runtime.connect({ name: 'deckhand-ui' });
    port.onMessage.addListener((m: unknown) => {
      const msg = m as Broadcast;
      if (msg?.type !== 'job.update') return;
      upsertJob(msg.job);
      if (msg.job.kind === 'upload' && msg.job.state === 'failed' && msg.job.error?.code.startsWith('auth.')) onAuthFailure();
    });
    port.onDisconnect.addListener(() => setTimeout(connect, 300));
  };
  connect();
  void send('jobs.list', {}).then((r) => r.jobs.forEach(upsertJob), () => undefined);
}
