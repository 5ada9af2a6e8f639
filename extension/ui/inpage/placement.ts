/** Where an item's button sits relative to its anchor, and whether a host found there is ours. */
import type { PageItem } from './runtime';

/** Our host at this item's place, if the DOM has one there (a button left by an earlier run of the script). */
export function hostInDom(item: PageItem): HTMLElement | null {
  const at =
    item.position === 'before' ? item.anchor.previousElementSibling : item.position === 'after' ? item.anchor.nextElementSibling : item.anchor.querySelector(':scope > [data-deckhand-track]');
  return at instanceof HTMLElement && at.dataset.deckhandTrack !== undefined ? at : null;
}

/** Whether a host we placed for this item is still where the item wants it. */
export function inPlace(host: HTMLElement, item: PageItem): boolean {
  if (item.position === 'before') return item.anchor.previousElementSibling === host;
  if (item.position === 'after') return item.anchor.nextElementSibling === host;
  return host.parentNode === item.anchor;
}
