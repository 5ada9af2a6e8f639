/**
 * The content-script loop every platform shares: scan the page (the platform's own scanner), put
 * exactly one button on each item, keep them in sync with the queue, and tell the background what
 * the page shows. Re-scans on DOM mutations (SPA navigation, infinite scroll), coalesced per frame.
 */
import { browser } from 'wxt/browser';
import { describeError, DeckhandError } from '../../../shared/errors';
import type { JobView } from '../../../shared/jobs';
import type { Broadcast } from '../../../shared/messages';
import type { PlatformId } from '../../../shared/platform';
import type { TrackRef } from '../../../shared/track';
import { send } from '../../core/messaging';
import { createButton, renderIdle, renderJob, type ButtonSize } from './button';

export interface PageItem {
  /** Element the button goes into. */
  anchor: Element;
  ref: TrackRef;
  size: ButtonSize;
  position?: 'append' | 'prepend';
}

export interface PageAdapter {
  platform: PlatformId;
  scan(doc: Document): PageItem[];
  /** Optional: called once before the first scan (e.g. to inject a main-world reader). */
  start?(rescan: () => void): void;
}

export interface PageRuntime {
  rescan(): void;
  stop(): void;
}

export function runPage(adapter: PageAdapter, isValid: () => boolean = () => true): PageRuntime {
  const hostsByKey = new Map<string, Set<HTMLElement>>();
  const jobsByKey = new Map<string, JobView>();
  let reported = '';
  let scheduled = false;
  let reportTimer: ReturnType<typeof setTimeout> | undefined;

  const onClick = (ref: TrackRef, host: HTMLElement) => {
    const key = host.dataset.deckhandTrack as string;
    const existing = jobsByKey.get(key);
    const request = existing && existing.state === 'failed' ? send('job.retry', { jobId: existing.id }).then(() => ({ job: { ...existing, state: 'queued' as const } })) : send('download.request', { ref });
    request
      .then(({ job }) => apply(job))
      .catch((err: unknown) => {
        const e = DeckhandError.from(err);
        host.title = `${describeError(e.code).title}: ${e.message}`;
      });
  };

  const apply = (job: JobView) => {
    jobsByKey.set(job.trackKey, job);
    for (const host of hostsByKey.get(job.trackKey) ?? []) renderJob(host, job);
  };

  const scan = () => {
    scheduled = false;
    if (!isValid()) return;
    const items = adapter.scan(document);
    const seen: TrackRef[] = [];
    const seenKeys = new Set<string>();
    for (const item of items) {
      const key = `${item.ref.platform}:${item.ref.id}`;
      if (!seenKeys.has(key)) {
        seenKeys.add(key);
        seen.push(item.ref);
      }
      const present = item.anchor.querySelector(':scope > [data-deckhand-track]') as HTMLElement | null;
      if (present?.dataset.deckhandTrack === key) continue;
      present?.remove(); // the site re-used this element for another item
      const host = createButton(item.ref, { platform: adapter.platform, size: item.size, onClick });
      if (item.position === 'prepend') item.anchor.prepend(host);
      else item.anchor.append(host);
      let set = hostsByKey.get(key);
      if (!set) hostsByKey.set(key, (set = new Set()));
      set.add(host);
      const job = jobsByKey.get(key);
      if (job) renderJob(host, job);
      else renderIdle(host);
    }
    for (const [key, set] of hostsByKey) {
      for (const host of set) if (!host.isConnected) set.delete(host);
      if (set.size === 0) hostsByKey.delete(key);
    }
    const signature = `${location.href}|${[...seenKeys].join(',')}`;
    if (signature !== reported) {
      reported = signature;
      clearTimeout(reportTimer);
      reportTimer = setTimeout(() => {
        void send('page.tracks', { pageUrl: location.href, tracks: seen }).catch(() => undefined);
        const unknown = [...seenKeys].filter((k) => !jobsByKey.has(k));
        if (unknown.length) void send('jobs.forTracks', { keys: unknown }).then(({ jobs }) => jobs.forEach(apply)).catch(() => undefined);
      }, 200);
    }
  };

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    // Hidden tabs get no animation frames; a timer keeps background tabs current.
    if (document.hidden) setTimeout(scan, 50);
    else requestAnimationFrame(scan);
  };

  const onMessage = (message: unknown) => {
    const m = message as Broadcast;
    if (m?.type === 'job.update') apply(m.job);
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);
  const observer = new MutationObserver(schedule);
  observer.observe(document.documentElement, { childList: true, subtree: true });
  adapter.start?.(schedule);
  schedule();

  return {
    rescan: schedule,
    stop() {
      observer.disconnect();
      browser.runtime.onMessage.removeListener(onMessage);
    },
  };
}
