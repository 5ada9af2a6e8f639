/** What each tab's page shows (reported by content scripts), and live job updates fanned out to them. */
import { browser, type Browser } from 'wxt/browser';
import type { JobView } from '../../shared/jobs';
import type { Broadcast } from '../../shared/messages';
import type { TrackRef } from '../../shared/track';

interface PageState {
  pageUrl: string;
  tracks: TrackRef[];
}

const pages = new Map<number, PageState>();
const uiPorts = new Set<Browser.runtime.Port>();

export function setPage(tabId: number, pageUrl: string, tracks: TrackRef[]): void {
  pages.set(tabId, { pageUrl, tracks });
}

export function pageOf(tabId: number): PageState | undefined {
  return pages.get(tabId);
}

export function forgetTab(tabId: number): void {
  pages.delete(tabId);
}

/** The popup and options pages keep a port open for live updates. */
export function acceptUiPort(port: Browser.runtime.Port): void {
  if (port.name !== 'deckhand-ui') return;
  uiPorts.add(port);
  port.onDisconnect.addListener(() => uiPorts.delete(port));
}

export function publish(job: JobView): void {
  const message: Broadcast = { type: 'job.update', job };
  for (const port of uiPorts) {
    try {
      port.postMessage(message);
    } catch {
      uiPorts.delete(port);
    }
  }
  for (const [tabId, page] of pages) {
    if (!page.tracks.some((t) => `${t.platform}:${t.id}` === job.trackKey)) continue;
    browser.tabs.sendMessage(tabId, message).catch(() => undefined);
  }
}
