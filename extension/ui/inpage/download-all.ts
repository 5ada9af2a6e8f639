/**
 * "Download all" on a set, album or release page: one button beside the page's own actions that
 * queues the whole list in its own order (the background's downloadAll, as the context menu does);
 * the tracks' own buttons then show each one's progress.
 */
import { describeError, DeckhandError } from '../../../shared/errors';
import type { ResponseTypes } from '../../../shared/messages';
import type { PlatformId } from '../../../shared/platform';
import { createActionButton, renderAction, type ButtonSize } from './button';

/** Where a page's list button goes, and what the list is called ("set", "album", "release"). */
export interface ListSpot {
  anchor: Element;
  size: ButtonSize;
  position?: 'append' | 'after';
  noun: string;
}

type Request = (pageUrl: string) => Promise<ResponseTypes['page.downloadAll']>;

const plural = (n: number) => `${n} track${n === 1 ? '' : 's'}`;

export class DownloadAllButton {
  private host: HTMLElement | undefined;
  private anchor: Element | undefined;
  private pageUrl = '';

  constructor(
    private readonly platform: PlatformId,
    private readonly request: Request,
  ) {}

  /** On every scan: keeps, places or removes the button for the page as it is now. */
  sync(spot: ListSpot | undefined, pageUrl: string): void {
    if (spot && this.host?.isConnected && spot.anchor === this.anchor && pageUrl === this.pageUrl) return;
    this.host?.remove();
    this.host = undefined;
    this.anchor = spot?.anchor;
    this.pageUrl = pageUrl;
    if (!spot) return;
    const host = createActionButton(this.platform, spot.size, 'download-all', (h) => this.run(h, pageUrl, spot.noun));
    this.idle(host, spot.noun);
    // One left by an earlier run of the content script (an extension update) gives way.
    const old = spot.position === 'after' ? spot.anchor.nextElementSibling : spot.anchor.querySelector(':scope > [data-deckhand-action]');
    if (old instanceof HTMLElement && old.dataset.deckhandAction === 'download-all') old.remove();
    if (spot.position === 'after') spot.anchor.after(host);
    else spot.anchor.append(host);
    this.host = host;
  }

  remove(): void {
    this.sync(undefined, '');
  }

  private idle(host: HTMLElement, noun: string): void {
    renderAction(host, 'idle', 'Download all', 'download', `Download every track of this ${noun} with Deckhand, in order`);
  }

  private run(host: HTMLElement, pageUrl: string, noun: string): void {
    renderAction(host, 'running', 'Queuing…', 'spinner', `Adding the ${noun}’s tracks to the Deckhand queue`, true);
    this.request(pageUrl).then(
      ({ queued, saved }) => {
        if (queued + saved === 0) renderAction(host, 'failed', 'Nothing to download', 'alert', `No track of this ${noun} can be downloaded — click to try again`);
        else if (queued === 0) renderAction(host, 'done', 'All saved', 'check', `All ${plural(saved)} of this ${noun} are saved already`);
        else renderAction(host, 'queued', `Queued ${queued}`, 'clock', `${plural(queued)} queued in Deckhand${saved ? `, ${saved} saved already` : ''}`);
      },
      (err: unknown) => {
        const e = DeckhandError.from(err);
        renderAction(host, 'failed', 'Retry', 'alert', `${describeError(e.code).title}: ${e.message} — click to retry`);
      },
    );
  }
}
