/**
 * The content-script loop every platform shares: scan the page (the platform's own scanner), put
 * exactly one button on each item (and a "Download all" on set and release pages), keep them in sync
 * with the queue and with Beatport matches (those remembered from before, asked once per item, and
 * those announced since), and tell the background what the page shows. Re-scans on DOM mutations
 * (SPA navigation, infinite scroll), coalesced per frame.
 *
 * Cost. On a long feed every mutation batch scans the whole page again, so the per-item work of a
 * scan is kept to map look-ups: which button sits at which anchor is remembered (no DOM query per
 * item), buttons are drawn once when made, and the page report is built outside the frame, only
 * when the set of items changed.
 */
import { browser } from 'wxt/browser';
import { describeError, DeckhandError } from '../../../shared/errors';
import { supersedes, type JobView } from '../../../shared/jobs';
import type { PlatformId } from '../../../shared/platform';
import type { TrackRef } from '../../../shared/track';
import { send } from '../../core/messaging';
import { createButton, flashCopy, refOf, renderJob, type ButtonSize } from './button';
import { factsOf, renderFacts, type TrackFacts } from './facts';
import { readBroadcast } from './broadcast';
import { askKnownMatches, wantsKnownMatch } from './known-matches';
import { hostInDom, inPlace } from './placement';
import { DownloadAllButton, type ListSpot } from './download-all';
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
  /** Optional: where a set, album or release page gets its "Download all" button (undefined elsewhere). */
  listSpot?(doc: Document): ListSpot | undefined;
  /** Optional: called once before the first scan (e.g. to inject a main-world reader). */
  start?(rescan: () => void): void;
}

export interface PageRuntime {
  rescan(): void;
  stop(): void;
}

const keyOf = (ref: TrackRef) => `${ref.platform}:${ref.id}`;

/**
 * How long a button may wait on an unfinished job without hearing of it before it asks. Updates are
 * pushed, and a push can miss this tab: one published before the background knew what the tab shows
 * (a click within the 200 ms before the first page report), or lost to a worker restart. Running
 * jobs report progress about once a second, so this mostly checks on jobs waiting their turn.
 */
export const JOB_RECHECK_MS = 4_000;
const PENDING = new Set(['queued', 'running']);

export function runPage(adapter: PageAdapter, isValid: () => boolean = () => true): PageRuntime {
  const hostsByKey = new Map<string, Set<HTMLElement>>();
  /** Anchor -> the host we put there, and the key it was made for. */
  const placed = new WeakMap<Element, { host: HTMLElement; key: string }>();
  let keyNotation: KeyNotation = 'standard';
  const jobsByKey = new Map<string, JobView>();
  /** Beatport matches the background announced, by track key (SoundCloud and Mixcloud items). */
  const matchesByKey = new Map<string, TrackFacts>();
  /** Keys whose jobs were asked for once: later changes arrive as job.update broadcasts. */
  const askedJobs = new Set<string>();
  /** Keys whose remembered matches were asked for once, and keys a track.match broadcast spoke of (newer: it wins). */
  const askedMatches = new Set<string>();
  const heardMatches = new Set<string>();
  let lastItems: PageItem[] = [];
  let itemsChanged = true;
  let reportedUrl = '';
  let scheduled = false;
  let reportTimer: ReturnType<typeof setTimeout> | undefined;
  const downloadAll = adapter.listSpot && new DownloadAllButton(adapter.platform, (pageUrl) => send('page.downloadAll', { pageUrl }));

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

  /** When each key last heard of its job (answers and broadcasts alike). */
  const heardAt = new Map<string, number>();
  let recheckTimer: ReturnType<typeof setTimeout> | undefined;

  const apply = (job: JobView) => {
    heardAt.set(job.trackKey, Date.now());
    // An older snapshot (a request's answer overtaken by the broadcasts) must not undo a newer state.
    if (!supersedes(job, jobsByKey.get(job.trackKey))) return;
    jobsByKey.set(job.trackKey, job);
    for (const host of hostsByKey.get(job.trackKey) ?? []) renderJob(host, job);
    armRecheck();
  };

  /** Ask for unfinished jobs nobody told us about lately; runs only while such jobs are on the page. */
  const recheck = () => {
    recheckTimer = undefined;
    if (!isValid()) return;
    const now = Date.now();
    const quiet = [...jobsByKey.values()]
      .filter((j) => PENDING.has(j.state) && hostsByKey.has(j.trackKey) && now - (heardAt.get(j.trackKey) ?? 0) >= JOB_RECHECK_MS)
      .map((j) => j.trackKey);
    // Counted as heard now, so a key the answer does not mention waits a full period again.
    for (const key of quiet) heardAt.set(key, now);
    const done = () => armRecheck();
    if (quiet.length) void send('jobs.forTracks', { keys: quiet }).then(({ jobs }) => jobs.forEach(apply)).then(done, done);
    else armRecheck();
  };
  function armRecheck(): void {
    if (recheckTimer !== undefined) return;
    let due = Infinity;
    for (const j of jobsByKey.values()) {
      if (PENDING.has(j.state) && hostsByKey.has(j.trackKey)) due = Math.min(due, (heardAt.get(j.trackKey) ?? 0) + JOB_RECHECK_MS);
    }
    if (due !== Infinity) recheckTimer = setTimeout(recheck, Math.max(0, due - Date.now()));
  }

  /** What the chip shows: the page's own facts win; a match fills in for pages that state none. */
  const factsFor = (key: string, ref: TrackRef | undefined) => (ref && factsOf(ref)) ?? matchesByKey.get(key);
  const applyMatch = (key: string, facts: TrackFacts | undefined) => {
    if (facts) matchesByKey.set(key, facts);
    else matchesByKey.delete(key);
    for (const host of hostsByKey.get(key) ?? []) renderFacts(host, factsFor(key, refOf(host)), keyNotation);
  };

  const report = () => {
    reportTimer = undefined;
    if (!itemsChanged && reportedUrl === location.href) return;
    itemsChanged = false;
    reportedUrl = location.href;
    const seen = new Map<string, TrackRef>();
    for (const item of lastItems) {
      const key = keyOf(item.ref);
      if (!seen.has(key)) seen.set(key, item.ref);
    }
    void send('page.tracks', { pageUrl: location.href, tracks: [...seen.values()] }).catch(() => undefined);
    const unknown = [...seen.keys()].filter((k) => !askedJobs.has(k) && !jobsByKey.has(k));
    unknown.forEach((k) => askedJobs.add(k));
    if (unknown.length) void send('jobs.forTracks', { keys: unknown }).then(({ jobs }) => jobs.forEach(apply)).catch(() => undefined);
    const matchable = [...seen].filter(([k, ref]) => !askedMatches.has(k) && !heardMatches.has(k) && wantsKnownMatch(ref)).map(([k]) => k);
    matchable.forEach((k) => askedMatches.add(k));
    const onKnown = (key: string, facts: TrackFacts) => {
      if (!heardMatches.has(key)) applyMatch(key, facts);
    };
    if (matchable.length) void askKnownMatches(matchable, (keys) => send('match.known', { keys }), onKnown);
  };

  const place = (item: PageItem, key: string) => {
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
    placed.set(item.anchor, { host, key });
    let set = hostsByKey.get(key);
    if (!set) {
      hostsByKey.set(key, (set = new Set()));
      itemsChanged = true;
    }
    set.add(host);
    const job = jobsByKey.get(key);
    if (job) renderJob(host, job);
    const match = item.ref.bpm || item.ref.key ? undefined : matchesByKey.get(key);
    if (match) renderFacts(host, match, keyNotation);
  };

  const scan = () => {
    scheduled = false;
    if (!isValid()) return;
    const items = adapter.scan(document);
    for (const item of items) {
      const key = keyOf(item.ref);
      const known = placed.get(item.anchor);
      if (known && known.host.isConnected && inPlace(known.host, item)) {
        if (known.key === key) continue;
        known.host.remove(); // the site re-used this element for another item
      } else if (!known) {
        const old = hostInDom(item);
        // Ours from this run (a refOf) is kept; one left by an earlier, dead run of the script is replaced.
        if (old?.dataset.deckhandTrack === key && refOf(old)) {
          placed.set(item.anchor, { host: old, key });
          continue;
        }
        old?.remove();
      }
      place(item, key);
    }
    for (const [key, set] of hostsByKey) {
      for (const host of set) if (!host.isConnected) set.delete(host);
      if (set.size === 0) {
        hostsByKey.delete(key);
        itemsChanged = true;
      }
    }
    downloadAll?.sync(adapter.listSpot?.(document), location.href);
    if (items.length !== lastItems.length) itemsChanged = true;
    lastItems = items;
    // One report 200 ms after the first change: it reads the items as they are then.
    if ((itemsChanged || reportedUrl !== location.href) && reportTimer === undefined) reportTimer = setTimeout(report, 200);
  };

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    // Hidden tabs get no animation frames; a timer keeps background tabs current.
    if (document.hidden) setTimeout(scan, 50);
    else requestAnimationFrame(scan);
  };

  const onMessage = (message: unknown) => {
    const m = readBroadcast(message);
    if (m?.type === 'job.update') apply(m.job);
    else if (m?.type === 'track.match') {
      heardMatches.add(m.trackKey);
      applyMatch(m.trackKey, m.facts);
    }
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);
  // Our own buttons going in or out need no rescan; anything else might be a new item.
  const ours = (n: Node) => n instanceof HTMLElement && (n.dataset.deckhandTrack !== undefined || n.dataset.deckhandAction !== undefined);
  const relevant = (r: MutationRecord) => {
    if (r.type !== 'childList') return true;
    for (const n of r.addedNodes) if (!ours(n)) return true;
    for (const n of r.removedNodes) if (!ours(n)) return true;
    return false;
  };
  const observer = new MutationObserver((records) => {
    if (records.some(relevant)) schedule();
  });
  // Added/removed nodes (SPA navigation, infinite scroll) and links re-pointed in place (a player
  // switching shows) both call for a rescan.
  observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['href'] });
  adapter.start?.(schedule);
  // The key notation the user chose, for the BPM/key chips; the chips are redrawn in place when it
  // changes (the buttons stay: a button taken out and put back would flicker and lose focus).
  const readNotation = (settings: unknown) => {
    const n = (settings as { keyNotation?: KeyNotation } | undefined)?.keyNotation;
    if (n && n !== keyNotation) {
      keyNotation = n;
      for (const [key, set] of hostsByKey) for (const host of set) renderFacts(host, factsFor(key, refOf(host)), keyNotation);
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
      clearTimeout(reportTimer);
      clearTimeout(recheckTimer);
      downloadAll?.remove();
      browser.runtime.onMessage.removeListener(onMessage);
      browser.storage.onChanged.removeListener(onStorage);
    },
  };
}
