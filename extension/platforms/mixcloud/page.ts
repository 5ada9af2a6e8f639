/**
 * Mixcloud pages, for the content script: everything is read from the DOM through `data-testid` hooks
 * (the styled-components class names change with every deploy). Three places hold shows: the show
 * page's hero, cards in lists (user uploads/favorites/listens, playlists, discover, search, home) and
 * the persistent bottom player. One button per place; a show seen in several places gets one shared
 * ref with everything any of them said (the player does not show exclusivity, its card does).
 */
import type { TrackRef } from '../../../shared/track';
import type { ListSpot } from '../../ui/inpage/download-all';
import type { PageItem } from '../../ui/inpage/runtime';
import { unavailableOf } from './normalise';
import { showKeyOf, showUrl, targetOf } from './urls';

const q = (testid: string) => `[data-testid="${testid}"]`;
const HOST = '[data-deckhand-track]';

type Facts = Omit<TrackRef, 'platform' | 'id' | 'url' | 'kind'>;

interface Found {
  key: string;
  facts: Facts;
  anchor: Element;
  size: PageItem['size'];
  position: NonNullable<PageItem['position']>;
}

const text = (el: Element | null | undefined, max = 4000) => el?.textContent?.trim().slice(0, max) || undefined;

/** "8:00" / "2:00:00" -> ms. */
export function clockMs(value: string | undefined): number | undefined {
  const m = /^(?:(\d+):)?(\d{1,2}):(\d{2})$/.exec(value?.trim() ?? '');
  if (!m) return undefined;
  return ((Number(m[1] ?? 0) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000;
}

function artwork(img: Element | null, base: string): string | undefined {
  const src = img?.getAttribute('src');
  if (!src) return undefined;
  try {
    const url = new URL(src, base);
    return /^https?:$/.test(url.protocol) && url.href.length <= 8192 ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Badges the site puts on exclusive (Select) and restricted shows, in a card or the hero. */
function availability(root: Element): Pick<Facts, 'unavailable'> {
  const restricted = root.querySelector('[data-testid$="-restricted-badge"]');
  const unavailable = unavailableOf({
    isExclusive: !!root.querySelector('[data-testid$="-exclusive-badge"]'),
    restrictedReason: restricted ? restricted.getAttribute('data-restricted-reason') || 'restricted' : null,
  });
  return unavailable ? { unavailable } : {};
}

function facts(parts: { title?: string; artist?: string; artworkUrl?: string; durationMs?: number }, root: Element): Facts {
  const out: Facts = {};
  for (const [k, v] of Object.entries(parts)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return { ...out, ...availability(root) };
}

/** Our button at an anchor, wherever the runtime put it. */
function ourButton(anchor: Element, position: Found['position']): Element | null {
  if (position === 'after') return anchor.nextElementSibling?.matches(HOST) ? anchor.nextElementSibling : null;
  return anchor.querySelector(`:scope > ${HOST}`);
}

/** A re-used element that no longer holds a show keeps no button from its past. */
function clearStale(anchor: Element | null | undefined, position: Found['position']): void {
  if (anchor) ourButton(anchor, position)?.remove();
}

function hero(doc: Document, pageUrl: string): Found[] {
  const root = doc.querySelector(q('cloudcast-hero'));
  const key = showKeyOf(pageUrl);
  const play = root?.querySelector(q('cloudcast-play-button')) ?? root?.querySelector(q('cloudcast-title'));
  if (!root || !play) return [];
  if (!key) {
    clearStale(play, 'after');
    return [];
  }
  const info = {
    title: text(root.querySelector(q('cloudcast-title'))),
    artist: text(root.querySelector(q('cloudcast-owner-link')), 1000),
    artworkUrl: artwork(root.querySelector(q('cloudcast-image')), pageUrl),
    durationMs: clockMs(text(root.querySelector(q('cloudcast-duration')))),
  };
  return [{ key, facts: facts(info, root), anchor: play, size: 'medium', position: 'after' }];
}

function cards(doc: Document, pageUrl: string): Found[] {
  const out: Found[] = [];
  for (const card of doc.querySelectorAll(q('cloudcast-card'))) {
    const link = card.querySelector(q('cloudcast-card-title'));
    const key = showKeyOf(link?.getAttribute('href'), pageUrl);
    if (!key) {
      clearStale(card, 'append');
      continue;
    }
    const info = {
      title: text(link) ?? link?.getAttribute('title')?.slice(0, 4000),
      artist: text(card.querySelector(q('cloudcast-card-owner')), 1000),
      artworkUrl: artwork(card.querySelector(q('cloudcast-card-image')), pageUrl),
      durationMs: clockMs(text(card.querySelector(q('cloudcast-card-duration')))),
    };
    out.push({ key, facts: facts(info, card), anchor: card, size: 'small', position: 'append' });
  }
  return out;
}

/** The bottom player: the button goes right after the title block (title + owner). */
function player(doc: Document, pageUrl: string): Found[] {
  const title = doc.querySelector(q('player-show-title'));
  const block = title?.parentElement;
  if (!title || !block) return [];
  const anchor = block.matches(q('player')) || block === doc.body ? title : block;
  const key = showKeyOf(title.getAttribute('href'), pageUrl);
  if (!key) {
    clearStale(anchor, 'after');
    return [];
  }
  const root = title.closest(q('player')) ?? block;
  const info = {
    title: text(title),
    artist: text(root.querySelector(q('player-owner')), 1000),
    artworkUrl: artwork(root.querySelector(q('player-image')), pageUrl),
  };
  return [{ key, facts: facts(info, root), anchor, size: 'small', position: 'after' }];
}

/** Every show on the page, one item per place it appears, all places of a show sharing one ref. */
export function scanMixcloud(doc: Document, pageUrl: string): PageItem[] {
  const found = [...hero(doc, pageUrl), ...cards(doc, pageUrl), ...player(doc, pageUrl)].filter((f) => f.key.length <= 300);
  const refs = new Map<string, TrackRef>();
  for (const f of found) {
    // Earlier places (hero, cards) win; later ones (the player) only fill gaps.
    refs.set(f.key, { ...f.facts, ...(refs.get(f.key) ?? { platform: 'mixcloud', id: f.key, url: showUrl(f.key), kind: 'show' }) });
  }
  return found.map((f) => ({ anchor: f.anchor, ref: refs.get(f.key) as TrackRef, size: f.size, position: f.position }));
}

/**
 * Where a playlist page gets "Download all": right after the owner link under the playlist's title
 * (after the title when there is none). Only on a playlist's own address, not on a user's list of
 * playlists.
 */
export function playlistListSpot(doc: Document, pageUrl: string): ListSpot | undefined {
  if (targetOf(pageUrl)?.kind !== 'playlist') return undefined;
  const anchor = doc.querySelector(q('playlist-owner-link')) ?? doc.querySelector(q('playlist-title'));
  return anchor ? { anchor, size: 'small', position: 'after', noun: 'playlist' } : undefined;
}

/**
 * Spacing only the placement knows: beside the show page's round 52 px play button the button needs
 * a gap and vertical centring (the host is an inline box, top-aligned by default), and so does the
 * playlist's "Download all" beside its owner link. Cards and the player are flex rows whose own gap
 * does this.
 */
export const PLACEMENT_CSS = `[data-testid="cloudcast-play-button"] + ${HOST} { vertical-align: middle !important; margin-left: 12px; }
[data-testid="playlist-owner-link"] + [data-deckhand-action] { vertical-align: middle !important; margin-left: 12px; }`;

/**
 * The runtime re-scans on added and removed nodes; a re-used link whose href changes in place (the
 * player switching shows) must trigger a scan too.
 */
export function watchLinkChanges(doc: Document, rescan: () => void): () => void {
  const observer = new MutationObserver(rescan);
  observer.observe(doc.documentElement, { subtree: true, attributes: true, attributeFilter: ['href'] });
  return () => observer.disconnect();
}
