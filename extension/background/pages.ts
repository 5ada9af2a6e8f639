/**
 * What each tab's page shows (reported by content scripts), and live job updates fanned out to them.
 *
 * The registry is kept in `storage.session` as well as in memory: Chromium stops an idle service
 * worker after ~30 s, and a content script only reports again when its page changes. Without the
 * copy, a worker restarted between a page's report and a job's progress forgot which tab shows the
 * job, and the in-page button stayed "Queued" although the file was saved. Session storage is only
 * readable from extension pages (Chromium's default access level), never from content scripts.
 */
import { browser, type Browser } from 'wxt/browser';
import type { JobView } from '../../shared/jobs';
import type { Broadcast } from '../../shared/messages';
import type { TrackRef } from '../../shared/track';

export interface PageState {
  pageUrl: string;
  tracks: TrackRef[];
}

interface SessionArea {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string): Promise<void>;
}

const PREFIX = 'page:';
/** How long the first read of storage.session may take before the registry goes on from memory. */
const SESSION_READ_MS = 2_000;
const pages = new Map<number, PageState>();
const uiPorts = new Set<Browser.runtime.Port>();
let loaded: Promise<void> | undefined;

function sessionArea(): SessionArea | undefined {
  return (browser.storage as unknown as { session?: SessionArea }).session;
}

/** Read the registry a previous life of this worker left behind (once). */
function ready(): Promise<void> {
  loaded ??= (async () => {
    const area = sessionArea();
    if (!area) return;
    // Bounded: if the area never answers (seen as a stuck "Queued" in Firefox runs), the registry works
    // from memory rather than holding every job update to the tabs behind this read.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stored = await Promise.race([
      area.get(null).catch(() => ({}) as Record<string, unknown>),
      new Promise<Record<string, unknown>>((resolve) => (timer = setTimeout(() => resolve({}), SESSION_READ_MS))),
    ]);
    clearTimeout(timer);
    for (const [key, value] of Object.entries(stored)) {
      const tabId = Number(key.slice(PREFIX.length));
      const state = value as Partial<PageState> | undefined;
      if (!key.startsWith(PREFIX) || !Number.isInteger(tabId) || pages.has(tabId)) continue;
      if (typeof state?.pageUrl === 'string' && Array.isArray(state.tracks)) pages.set(tabId, { pageUrl: state.pageUrl, tracks: state.tracks });
    }
  })();
  return loaded;
}

export async function setPage(tabId: number, pageUrl: string, tracks: TrackRef[]): Promise<void> {
  await ready();
  const state = { pageUrl, tracks };
  pages.set(tabId, state);
  // A popup open on this tab follows the page (items found after it opened, SPA navigation):
  // content scripts report only when their items change, so this is no chatter.
  toUiPorts({ type: 'page.tracks', tabId, pageUrl, tracks });
  await sessionArea()?.set({ [`${PREFIX}${tabId}`]: state }).catch(() => undefined);
}

export async function pageOf(tabId: number): Promise<PageState | undefined> {
  await ready();
  return pages.get(tabId);
}

export async function forgetTab(tabId: number): Promise<void> {
  await ready();
  pages.delete(tabId);
  await sessionArea()?.remove(`${PREFIX}${tabId}`).catch(() => undefined);
}

function toUiPorts(message: Broadcast): void {
  for (const port of uiPorts) {
    try {
      port.postMessage(message);
    } catch {
      uiPorts.delete(port);
    }
  }
}

/**
 * The popup and options pages keep a port open for live updates. Content scripts can open ports
 * too, and these updates list every job and what every tab shows: extension pages only.
 */
export function acceptUiPort(port: Browser.runtime.Port): void {
  if (port.name !== 'deckhand-ui') return;
  if (!port.sender?.url?.startsWith(browser.runtime.getURL('/'))) return;
  uiPorts.add(port);
  port.onDisconnect.addListener(() => uiPorts.delete(port));
}

/**
 * What a content script gets of a job: enough to draw its button (state, progress, error, the file's
 * name), never the absolute path (it names the user's folders), an upload's details or anything later
 * added to jobs. Tabs run beside the web page, so what they hold is as good as told to the site.
 */
export function tabJobView(job: JobView): JobView {
  const fileName = job.path?.split(/[\\/]/).pop();
  return {
    id: job.id,
    ...(job.kind ? { kind: job.kind } : {}),
    trackKey: job.trackKey,
    ref: job.ref,
    state: job.state,
    ...(job.progress ? { progress: job.progress } : {}),
    ...(job.error ? { error: job.error } : {}),
    ...(fileName ? { fileName } : {}),
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    attempts: job.attempts,
  };
}

export function publish(job: JobView): void {
  const message: Broadcast = { type: 'job.update', job };
  const toTabs: Broadcast = { type: 'job.update', job: tabJobView(job) };
  for (const port of uiPorts) {
    try {
      port.postMessage(message);
    } catch {
      uiPorts.delete(port);
    }
  }
  // Updates keep their order: every publish waits on the same one-time load.
  void ready().then(() => {
    for (const [tabId, page] of pages) {
      if (!page.tracks.some((t) => `${t.platform}:${t.id}` === job.trackKey)) continue;
      browser.tabs.sendMessage(tabId, toTabs).catch(() => undefined);
    }
  });
}

/** Any other broadcast about one item (e.g. a Beatport match): to the UI ports and the tabs showing it. */
export function broadcastForTrack(message: Broadcast, trackKey: string): void {
  for (const port of uiPorts) {
    try {
      port.postMessage(message);
    } catch {
      uiPorts.delete(port);
    }
  }
  void ready().then(() => {
    for (const [tabId, page] of pages) {
      if (!page.tracks.some((t) => `${t.platform}:${t.id}` === trackKey)) continue;
      browser.tabs.sendMessage(tabId, message).catch(() => undefined);
    }
  });
}
