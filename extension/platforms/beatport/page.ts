/**
 * Beatport pages, for the content script. Track rows (`div[data-testid="tracks-table-row"]`) are
 * read from the DOM itself — id from the title link, name, mix, artists, and "128 BPM - D Major" —
 * so rows drawn after client-side navigation, when __NEXT_DATA__ is stale, still get a complete
 * button; what the page data knows about the same id (length, cover, key object) is merged in.
 * Track detail pages get one larger button beside the play button. Hashed class names are matched
 * by their stable prefixes only.
 */
import type { TrackRef } from '../../../shared/track';
import type { PageItem } from '../../ui/inpage/runtime';
import type { ListSpot } from '../../ui/inpage/download-all';
import { parseBeatportUrl, trackIdOf, trackPageUrl } from './links';
import { boundedRef, displayTitle, standardKey } from './normalise';

const ROW = 'div[data-testid="tracks-table-row"]';
const ARTIST_LINKS = '[class*="ArtistNames"] a[href*="/artist/"]';
const TITLE_CELL = '[role="cell"][class*="title"], .cell.title';
const BPM_CELL = '[role="cell"][class*="bpm"], .cell.bpm';

export class TrackIndex {
  private byId = new Map<string, TrackRef>();

  add(refs: TrackRef[]): boolean {
    for (const ref of refs) this.byId.set(ref.id, ref);
    return refs.length > 0;
  }

  get(id: string): TrackRef | undefined {
    return this.byId.get(id);
  }
}

const text = (el: Element | null | undefined): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** "128 BPM - D Major" → bpm 128, key "D"; "—" parts are unknown. */
export function parseBpmKey(cell: string): { bpm?: number; key?: string } {
  const out: { bpm?: number; key?: string } = {};
  const bpm = /(\d+(?:\.\d+)?)\s*BPM/i.exec(cell);
  if (bpm) out.bpm = Number(bpm[1]);
  const keyText = cell.split(/\s[-–]\s/)[1];
  const key = standardKey(keyText?.trim());
  if (key) out.key = key;
  return out;
}

/** The title link's name and mix: the mix is the innermost <span> after the name. */
function nameAndMix(link: Element): { name: string; mix: string } {
  const spans = [...link.querySelectorAll('span')].filter((s) => s.children.length === 0);
  const mixEl = spans.length > 0 && text(spans.at(-1)) !== text(link) ? spans.at(-1) : undefined;
  let name = '';
  const walk = (node: Node) => {
    for (const child of node.childNodes) {
      if (child === mixEl) continue;
      if (child.nodeType === 3) name += child.textContent ?? '';
      else walk(child);
    }
  };
  walk(link);
  return { name: name.replace(/\s+/g, ' ').trim(), mix: text(mixEl) };
}

function absolute(src: string | null | undefined, base: string): string | undefined {
  if (!src) return undefined;
  try {
    const url = new URL(src, base);
    return url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A track row as the DOM shows it; undefined when it has no track link. */
export function parseRow(row: Element, base: string): TrackRef | undefined {
  const link = [...row.querySelectorAll('a[href*="/track/"]')].find((a) => trackIdOf(a.getAttribute('href'), base));
  const id = link && trackIdOf(link.getAttribute('href'), base);
  if (!link || !id) return undefined;
  const { name, mix } = nameAndMix(link);
  const title = displayTitle(name, mix);
  const artists = [...row.querySelectorAll(ARTIST_LINKS)].map(text).filter(Boolean);
  const artworkUrl = absolute(row.querySelector('a[href*="/release/"] img, img')?.getAttribute('src'), base);
  const slug = parseBeatportUrl(link.getAttribute('href'), base)?.slug;
  return {
    platform: 'beatport',
    id,
    url: trackPageUrl(id, slug),
    kind: 'preview',
    ...(title ? { title } : {}),
    ...(artists.length ? { artist: artists.join(', ') } : {}),
    ...(artworkUrl ? { artworkUrl } : {}),
    ...parseBpmKey(text(row.querySelector(BPM_CELL))),
  };
}

/** Page data wins where it knows more (length, cover, key object); the DOM fills the rest. */
function merged(fromDom: TrackRef | undefined, fromData: TrackRef | undefined): TrackRef | undefined {
  if (!fromDom) return fromData;
  return boundedRef(fromData ? { ...fromDom, ...fromData } : fromDom);
}

/** The detail card of a track page: its heading and the nearest play button that is not in a row. */
function trackDetail(doc: Document): { heading: Element; card: Element; play: Element | null } | undefined {
  const heading = doc.querySelector('main h1[class*="TrackDetail"], main [class*="TrackDetail"] h1');
  if (!heading) return undefined;
  let card: Element = heading;
  for (let el = heading.parentElement; el && el.tagName !== 'MAIN'; el = el.parentElement) {
    card = el;
    const play = [...el.querySelectorAll('button[data-testid="play-button"]')].find((b) => !b.closest(ROW));
    if (play) return { heading, card, play };
  }
  return { heading, card, play: null };
}

/** The cover beside a heading: the nearest JPEG outside track rows (the waveform beside it is a PNG). */
function coverNear(heading: Element): Element | undefined {
  for (let el = heading.parentElement; el && el.tagName !== 'MAIN'; el = el.parentElement) {
    const img = [...el.querySelectorAll('img')].find((i) => /\.jpe?g(\?|$)/i.test(i.getAttribute('src') ?? '') && !i.closest(ROW));
    if (img) return img;
  }
  return undefined;
}

/** What the detail card itself says (for pages reached by client-side navigation). */
function parseDetail(card: Element, heading: Element, id: string, slug: string | undefined, base: string): TrackRef {
  const mixEl = card.querySelector('[class*="MixName"]');
  const title = displayTitle(text(heading), text(mixEl));
  const artists = [...card.querySelectorAll(ARTIST_LINKS)].map(text).filter(Boolean);
  const facts: Record<string, string> = {};
  for (const li of card.querySelectorAll('li')) {
    const [label, value] = [...li.children].map(text);
    if (label && value) facts[label.toLowerCase()] = value;
  }
  const bpm = Number(facts.bpm);
  const key = standardKey(facts.key);
  const artworkUrl = absolute(coverNear(heading)?.getAttribute('src'), base);
  return {
    platform: 'beatport',
    id,
    url: trackPageUrl(id, slug),
    kind: 'preview',
    ...(title ? { title } : {}),
    ...(artists.length ? { artist: artists.join(', ') } : {}),
    ...(artworkUrl ? { artworkUrl } : {}),
    ...(bpm > 0 ? { bpm } : {}),
    ...(key ? { key } : {}),
  };
}

/** Where a release page gets "Download all": after the card's own play button, else under its facts. */
export function releaseListSpot(doc: Document, base = doc.location?.href ?? 'https://www.beatport.com/'): ListSpot | undefined {
  if (parseBeatportUrl(base)?.kind !== 'release') return undefined;
  const heading = doc.querySelector('main h1[class*="ReleaseDetailCard"], main [class*="ReleaseDetailCard"] h1');
  if (!heading) return undefined;
  const card = heading.closest('[class*="ReleaseDetailCard-style__Wrapper"]') ?? heading.parentElement ?? heading;
  const play = [...card.querySelectorAll('button[data-testid="play-button"]')].find((b) => !b.closest(ROW));
  const anchor = play ?? card.querySelector('[class*="ReleaseDetailCard-style__Meta"]') ?? heading;
  return { anchor, size: 'medium', position: 'after', noun: 'release' };
}

/** Buttons for a page; `base` (the page's address) defaults to the document's own. */
export function scanBeatport(doc: Document, index: TrackIndex, base = doc.location?.href ?? 'https://www.beatport.com/'): PageItem[] {
  const items: PageItem[] = [];
  const page = parseBeatportUrl(base);
  if (page?.kind === 'track' && page.id) {
    const detail = trackDetail(doc);
    if (detail) {
      const ref = merged(parseDetail(detail.card, detail.heading, page.id, page.slug, base), index.get(page.id));
      if (ref) items.push({ anchor: detail.play ?? detail.heading, ref, size: 'medium', position: 'after', copyTags: true });
    }
  }
  for (const row of doc.querySelectorAll(ROW)) {
    const fromDom = parseRow(row, base);
    const ref = merged(fromDom, fromDom && index.get(fromDom.id));
    const anchor = row.querySelector(TITLE_CELL);
    if (ref && anchor) items.push({ anchor, ref, size: 'small', copyTags: true });
  }
  return items;
}
