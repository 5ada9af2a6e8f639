/**
 * What the popup's "Download all" would actually do with the items it lists: items already saved, queued or running are not queued again (the queue answers those
 * with their existing job), so they are not counted and cannot enable the button. Paused and failed
 * items count: asking again resumes or retries them. Items that cannot be downloaded never count.
 * (The in-page "Download all" on set pages stays enabled: a page may not have drawn every track of
 * its list yet, and the background queues the whole list from the platform's API.)
 */
import type { JobView } from '../../../shared/jobs';
import type { TrackRef } from '../../../shared/track';

export interface DownloadLeft {
  /** The items a click would queue (or resume, or retry), in page order. */
  left: TrackRef[];
  /** Items whose latest job is done. */
  saved: number;
  /** Items waiting in the queue or downloading now. */
  busy: number;
}

export function downloadLeft(items: readonly TrackRef[], jobOf: (key: string) => JobView | undefined): DownloadLeft {
  const seen = new Set<string>();
  const out: DownloadLeft = { left: [], saved: 0, busy: 0 };
  for (const item of items) {
    const key = `${item.platform}:${item.id}`;
    if (seen.has(key) || item.unavailable) continue;
    seen.add(key);
    const state = jobOf(key)?.state;
    if (state === 'done') out.saved++;
    else if (state === 'queued' || state === 'running') out.busy++;
    else out.left.push(item);
  }
  return out;
}

const tracks = (n: number) => `${n} track${n === 1 ? '' : 's'}`;

/** The popup button's words: a count of what would be queued, or why there is nothing to queue. */
export function downloadAllLabel({ left, saved, busy }: DownloadLeft): { text: string; disabled: boolean; title: string } {
  if (left.length) {
    const skipped = [saved ? `${saved} saved` : '', busy ? `${busy} in the queue` : ''].filter(Boolean).join(', ');
    return { text: `Download all (${left.length})`, disabled: false, title: `Queue ${tracks(left.length)}${skipped ? ` (${skipped} already)` : ''}` };
  }
  if (busy) return { text: `All queued`, disabled: true, title: `${tracks(busy)} in the queue${saved ? `, ${saved} saved` : ''}: nothing left to queue` };
  if (saved) return { text: 'All saved', disabled: true, title: `All ${tracks(saved)} are saved already` };
  return { text: 'Nothing to download', disabled: true, title: 'No item on this page can be downloaded' };
}
