/** Popup state: the tab's items, the queue, the host status; kept live through a port to the background. */
import { signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { supersedes, type JobView } from '../../../shared/jobs';
import type { Broadcast, HostStatus } from '../../../shared/messages';
import type { TrackRef } from '../../../shared/track';
import { send } from '../../core/messaging';

export const pageItems = signal<TrackRef[]>([]);
export const pageUrl = signal<string | undefined>(undefined);
export const jobs = signal<Map<string, JobView>>(new Map());
export const hostStatus = signal<HostStatus | undefined>(undefined);
export const loading = signal(true);

/** Keep the newer of two views of one job: answers and broadcasts do not keep order between them. */
function upsert(job: JobView): void {
  const current = jobs.value.get(job.id);
  if (current && !supersedes(job, current)) return;
  const next = new Map(jobs.value);
  next.set(job.id, job);
  jobs.value = next;
}

/** Latest job per track key, for item rows. */
export function jobForTrack(key: string): JobView | undefined {
  let best: JobView | undefined;
  for (const j of jobs.value.values()) if (j.trackKey === key && (!best || best.createdAt < j.createdAt)) best = j;
  return best;
}

/** The tab the popup describes: ?tabId= (tests, pinned windows) or the active tab. */
async function targetTabId(): Promise<number | undefined> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tabId'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

import { refreshMatch, requestPageMatches } from './match-state';

function showPage(tracks: TrackRef[], url: string | undefined): void {
  pageItems.value = tracks;
  pageUrl.value = url;
  requestPageMatches(tracks);
}

export async function loadPopup(): Promise<void> {
  let tabId: number | undefined;
  // The page keeps reporting while the popup is open (items found late, SPA navigation): follow it.
  // A report that arrives before the first answer is newer than that answer.
  let followed = false;
  const port = browser.runtime.connect({ name: 'deckhand-ui' });
  port.onMessage.addListener((m: unknown) => {
    const msg = m as Broadcast;
    if (msg?.type === 'job.update') upsert(msg.job);
    else if (msg?.type === 'track.match') refreshMatch(msg.trackKey);
    else if (msg?.type === 'page.tracks' && tabId !== undefined && msg.tabId === tabId) {
      followed = true;
      showPage(msg.tracks, msg.pageUrl);
    }
  });
  tabId = await targetTabId();
  const [page, list] = await Promise.all([
    tabId !== undefined ? send('tab.tracks', { tabId }) : Promise.resolve({ tracks: [] as TrackRef[] }),
    send('jobs.list', {}),
  ]);
  if (!followed) showPage(page.tracks, (page as { pageUrl?: string }).pageUrl);
  // Broadcasts heard while the list was on its way may be newer than its rows, or name jobs it lacks.
  const merged = new Map(jobs.value);
  for (const j of list.jobs) if (supersedes(j, merged.get(j.id))) merged.set(j.id, j);
  jobs.value = merged;
  loading.value = false;
  hostStatus.value = await send('host.status', {}).catch(() => ({ connected: false }));
}

export async function download(ref: TrackRef): Promise<void> {
  const { job } = await send('download.request', { ref });
  upsert(job);
}
