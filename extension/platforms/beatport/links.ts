/**
 * www.beatport.com URLs: which page a link is (track, release, chart, top 100 ...) and its id, with
 * the optional locale prefix the site puts on links (/de/track/…). Used by the content script (row
 * links) and the background (refsFromUrl), so it stays free of both sides' imports.
 */

export type BeatportPageKind =
  | 'track'
  | 'release'
  | 'chart'
  | 'artist'
  | 'label'
  | 'genre'
  | 'genreTop100'
  | 'genreHype100'
  | 'top100'
  | 'hype100'
  | 'search';

export interface BeatportLink {
  kind: BeatportPageKind;
  /** Numeric id as a string, for entity pages. */
  id?: string;
  slug?: string;
}

export const WWW = 'https://www.beatport.com';

const LOCALE = /^\/[a-z]{2}(?=\/|$)/;
const ENTITY = /^\/(track|release|chart|artist|label|genre)\/([^/]+)\/(\d+)(\/top-100|\/hype-100)?\/?$/;

/** The path without its locale prefix ("/de/track/x/1" → "/track/x/1"); "/de" alone is the home page. */
export function stripLocale(pathname: string): string {
  const rest = pathname.replace(LOCALE, '');
  return rest === '' ? '/' : rest;
}

/** What a beatport.com link points at; undefined for other sites and pages Deckhand has no use for. */
export function parseBeatportUrl(href: string | null | undefined, base = `${WWW}/`): BeatportLink | undefined {
  if (!href) return undefined;
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (!/(^|\.)beatport\.com$/i.test(url.hostname)) return undefined;
  const path = stripLocale(url.pathname);
  const m = ENTITY.exec(path);
  if (m) {
    const [, type, slug, id, suffix] = m;
    if (type === 'genre' && suffix) return { kind: suffix === '/top-100' ? 'genreTop100' : 'genreHype100', id: id as string, slug: slug as string };
    if (suffix) return undefined;
    return { kind: type as BeatportPageKind, id: id as string, slug: slug as string };
  }
  const plain = path.replace(/\/+$/, '');
  if (plain === '/top-100') return { kind: 'top100' };
  if (plain === '/hype-100') return { kind: 'hype100' };
  if (plain === '/search' || plain === '/search/tracks') return { kind: 'search' };
  return undefined;
}

/** Track id of a link to a track page, locale prefix or not. */
export function trackIdOf(href: string | null | undefined, base?: string): string | undefined {
  const link = parseBeatportUrl(href, base);
  return link?.kind === 'track' ? link.id : undefined;
}

/** The canonical (locale-free) page URL of a track. The slug is cosmetic: "-" works when unknown. */
export function trackPageUrl(id: number | string, slug?: string | null): string {
  return `${WWW}/track/${encodeURIComponent(slug || '-')}/${id}`;
}
