import { ANY_ITEM } from './page-spots';

/**
 * The page's item elements, kept up to date from mutation records: walking a long page on every scan
 * would cost more than the scan. Deckhand's own buttons are not changes. Items come in document order.
 * Elements are followed as they are added and removed (a class given to an existing element later is not).
 */
export class ItemTracker {
  private items: Element[] | undefined;
  private added: Element[] = [];
  private removed = false;
  private readonly observer = new MutationObserver((records) => this.note(records));

  constructor(private readonly doc: Document) {
    this.observer.observe(doc.documentElement, { childList: true, subtree: true });
  }

  private note(records: MutationRecord[]): void {
    for (const r of records) {
      for (const n of r.addedNodes) if (n.nodeType === 1 && !(n as Element).hasAttribute('data-deckhand-track')) this.added.push(n as Element);
      if (r.removedNodes.length) this.removed = true;
    }
  }

  current(): Element[] {
    this.note(this.observer.takeRecords());
    if (!this.items) this.items = [...this.doc.querySelectorAll(ANY_ITEM)];
    else if (this.removed || this.added.length) {
      if (this.removed) this.items = this.items.filter((el) => el.isConnected);
      const known = new Set(this.items);
      for (const n of this.added) {
        if (!n.isConnected) continue;
        for (const el of n.matches(ANY_ITEM) ? [n, ...n.querySelectorAll(ANY_ITEM)] : n.querySelectorAll(ANY_ITEM)) {
          if (!known.has(el)) this.insert(el);
          known.add(el);
        }
      }
    }
    this.added = [];
    this.removed = false;
    return this.items;
  }

  /** Into document order: usually at the end of a list, which still lies before the "Next up" panel. */
  private insert(el: Element): void {
    const items = this.items as Element[];
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((items[mid] as Element).compareDocumentPosition(el) & 4 /* FOLLOWING */) lo = mid + 1;
      else hi = mid;
    }
    items.splice(lo, 0, el);
  }

  disconnect(): void {
    this.observer.disconnect();
  }
}
