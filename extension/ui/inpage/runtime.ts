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
import { createButton, flashCopy, renderIdle, renderJob, type ButtonSize } from './button';
import { tagText } from '../../../shared/tag-text';
import type { KeyNotation } from '../../../shared/keys';

export interface PageItem {
  /** Element the button goes into. */
  anchor: Element;
  ref: TrackRef;
  size: ButtonSize;
  position?: 'append' | 'prepend' | 'before' | 'after';
  /** Offer "Copy tags" beside the download button (Beatport rows). */
  copyTags?: boolean;
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
  let keyNotation: KeyNotation = 'standard';
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

  const onCopyTags = (ref: TrackRef, host: HTMLElement) => {
    send('track.metadata', { ref })
      .then(({ metadata }) => navigator.clipboard.writeText(tagText(metadata, keyNotation)))
      .then(() => flashCopy(host, 'Copied'))
      .catch(() => flashCopy(host, 'Copy failed'));
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
      const outside = item.position === 'before' || item.position === 'after';
      const present = (
        outside
          ? item.position === 'before'
            ? item.anchor.previousElementSibling
            : item.anchor.nextElementSibling
          : item.anchor.querySelector(':scope > [data-deckhand-track]')
      ) as HTMLElement | null;
      const ours = present?.dataset.deckhandTrack !== undefined ? present : null;
      if (ours?.dataset.deckhandTrack === key) continue;
      ours?.remove(); // the site re-used this element for another item
      const host = createButton(item.ref, {
        platform: adapter.platform,
        size: item.size,
        onClick,
        keyNotation,
        ...(item.copyTags ? { onCopyTags } : {}),
      });
      if (item.position === 'prepend') item.anchor.prepend(host);
      else if (item.position === 'before') item.anchor.before(host);
      else if (item.position === 'after') item.anchor.after(host);
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
  // Our own buttons going in or out need no rescan; anything else might be a new item.
  const ours = (n: Node) => n instanceof HTMLElement && n.dataset.deckhandTrack !== undefined;
  const observer = new MutationObserver((records) => {
    const relevant = records.some((r) => r.type !== 'childList' || ![...r.addedNodes, ...r.removedNodes].every(ours));
    if (relevant) schedule();
  });
  // Added/removed nodes (SPA navigation, infinite scroll) and links re-pointed in place (a player
  // switching shows) both call for a rescan.
  observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['href'] });
  adapter.start?.(schedule);
  // The key notation the user chose, for the BPM/key chips; buttons are redrawn when it changes.
  const readNotation = (settings: unknown) => {
    const n = (settings as { keyNotation?: KeyNotation } | undefined)?.keyNotation;
    if (n && n !== keyNotation) {
      keyNotation = n;
      for (const set of hostsByKey.values()) for (const host of set) host.remove();
      hostsByKey.clear();
      schedule();
    }
  };
  void browser.storage.local.get('settings').then((r) => readNotation(r.settings), () => undefined);
  const onStorage = (changes: Record<string, { newValue?: unknown }>) => {
    if (changes.settings) readNotation(changes.settings.newValue);
  };
  browser.storage.onChanged.addListener(onStorage);
  schedule();

  return {
    rescan: schedule,
    stop() {
      observer.disconnect();
      browser.runtime.onMessage.removeListener(onMessage);
      browser.storage.onChanged.removeListener(onStorage);
    },
  };
}
