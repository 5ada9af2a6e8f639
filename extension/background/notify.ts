/** System notifications: a finished or failed download, and menu feedback. */
import { browser } from 'wxt/browser';
import { describeError } from '../../shared/errors';
import type { JobView } from '../../shared/jobs';

export function notify(title: string, message: string): void {
  void browser.notifications
    .create({ type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), title, message })
    .catch(() => undefined);
}

const told = new Set<string>();

/** One notification per job when it ends (done or failed), not for every progress update. */
export function notifyJob(job: JobView): void {
  if (job.state !== 'done' && job.state !== 'failed') return;
  const key = `${job.id}:${job.state}:${job.attempts}`;
  if (told.has(key)) return;
  told.add(key);
  const name = job.ref.title ?? job.trackKey;
  if (job.state === 'done') notify('Saved', `${name}${job.path ? ` → ${job.path}` : ''}`);
  else if (job.error) notify(describeError(job.error.code).title, `${name}: ${job.error.message}`);
}
