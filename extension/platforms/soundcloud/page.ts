/**
 * SoundCloud pages, for the content script: track data comes from the page itself (hydration and the
 * api-v2 answers the page receives, read by a main-world script and passed over as JSON: page-data.ts),
 * buttons go into SoundCloud's own button groups (page-spots.ts), one per track item found here.
 * Exports only what the content script and the main-world script need.
 */
import type { PageItem } from '../../ui/inpage/runtime';
import { ANY_ITEM, CONTEXTS, type Context } from './page-spots';
import { trackLinkPath, type TrackIndex } from './track-links';

export { collectTracks, LOOKUP_EVENT, MAIN_WORLD_EVENT, readHydration, setStubIds, type MainWorldPayload } from './page-data';
export { ItemTracker } from './item-tracker';
export { ANY_ITEM, setListSpot } from './page-spots';
export { TrackIndex, trackLinkPath, trackPath } from './track-links';

/** What an item's markup says, found once: a scan on a 500-item feed repeats for every mutation batch. */
interface ItemParts {
  ctx: Context;
  group: Element | null;
  link: Element | null;
  href: string | null;
  path: string | undefined;
  /** A set seen from outside (in a list): its buttons belong to the set, not a track. */
  set: boolean;
  size: PageItem['size'];
}
const partsOf = new WeakMap<Element, ItemParts>();

function itemParts(item: Element): ItemParts | undefined {
  const known = partsOf.get(item);
  // Still valid while the site has not re-rendered the item's insides (re-rendered parts leave the
  // document) nor pointed its link elsewhere. isConnected is a flag; contains() would walk up the tree.
  if (known?.group?.isConnected && (!known.ctx.link || (known.link?.isConnected && known.link.getAttribute('href') === known.href))) return known;
  const ctx = CONTEXTS.find((c) => item.classList.contains(c.item));
  if (!ctx) return undefined;
  const link = ctx.link ? item.querySelector(ctx.link) : null;
  const href = link?.getAttribute('href') ?? null;
  const group = item.querySelector(ctx.group);
  const parts: ItemParts = {
    ctx,
    group,
    link,
    href,
    path: href ? trackLinkPath(href) : undefined,
    set: item.classList.contains('playlist') || item.querySelector('.sound__trackList, .compactTrackList') !== null,
    size: ctx.size === 'compact' ? 'compact' : group?.classList.contains('sc-button-group-medium') ? 'medium' : group?.classList.contains('sc-button-group-small') ? 'small' : ctx.size,
  };
  if (parts.group) partsOf.set(item, parts);
  return parts;
}

/** The "Next up" panel while it is closed: its rows are not on the page the user sees. */
function inClosedQueue(item: Element): boolean {
  const queue = item.closest('.queue');
  return !!queue && !queue.classList.contains('m-visible') && queue.getAttribute('aria-hidden') === 'true';
}

/**
 * One item per SoundCloud button group that belongs to a known track, in document order. Links whose
 * track data has not arrived (yet) get no button; their paths go into `missing` so the caller can
 * have them looked up. `candidates`: the page's item elements (ItemTracker keeps them without walking).
 */
export function scanSoundcloud(doc: Document, index: TrackIndex, missing?: Set<string>, candidates: Iterable<Element> = doc.querySelectorAll(ANY_ITEM)): PageItem[] {
  const items: PageItem[] = [];
  const used = new Set<Element>();
  const href = doc.location?.href;
  const pagePath = href ? trackLinkPath(href) : undefined;
  for (const item of candidates) {
    const parts = itemParts(item);
    if (!parts?.group || parts.set || used.has(parts.group) || (parts.ctx.item === 'queueItemView' && inClosedQueue(item))) continue;
    const path = parts.ctx.link ? parts.path : pagePath;
    if (!path) continue;
    const ref = index.get(path);
    if (!ref) {
      missing?.add(path);
      continue;
    }
    used.add(parts.group);
    items.push({ anchor: parts.group, ref, size: parts.size });
  }
  return items;
}
