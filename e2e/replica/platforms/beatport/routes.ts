/**
 * www.beatport.com page paths <-> Next.js routes (pages router). Pure: the server uses it to answer
 * pages and /_next/data, the browser client to navigate without reloading.
 */

export const LOCALE_LIST = ['en', 'de', 'fr', 'es', 'it', 'ja', 'pt', 'nl'];
export const DEFAULT_LOCALE = 'en';

export type PageKind =
  | 'home' | 'track' | 'release' | 'artist' | 'label' | 'genre' | 'genreTop100' | 'genreHype100'
  | 'top100' | 'hype100' | 'chart' | 'search' | 'searchTracks';

export interface PageRoute {
  kind: PageKind;
  /** The Next.js page, e.g. "/track/[description]/[id]" (`page` in __NEXT_DATA__). */
  page: string;
  /** Route params plus search params (`query` in __NEXT_DATA__). */
  query: Record<string, string>;
  locale: string;
  /** Path without the locale prefix, e.g. "/track/purpose/6389004". */
  path: string;
}

interface Pattern {
  kind: PageKind;
  page: string;
  re: RegExp;
  keys: string[];
}

const PATTERNS: Pattern[] = [
  { kind: 'home', page: '/', re: /^\/$/, keys: [] },
  { kind: 'top100', page: '/top-100', re: /^\/top-100$/, keys: [] },
  { kind: 'hype100', page: '/hype-100', re: /^\/hype-100$/, keys: [] },
  { kind: 'search', page: '/search', re: /^\/search$/, keys: [] },
  { kind: 'searchTracks', page: '/search/tracks', re: /^\/search\/tracks$/, keys: [] },
  { kind: 'track', page: '/track/[description]/[id]', re: /^\/track\/([^/]+)\/(\d+)$/, keys: ['description', 'id'] },
  { kind: 'release', page: '/release/[description]/[id]', re: /^\/release\/([^/]+)\/(\d+)$/, keys: ['description', 'id'] },
  { kind: 'artist', page: '/artist/[description]/[id]', re: /^\/artist\/([^/]+)\/(\d+)$/, keys: ['description', 'id'] },
  { kind: 'label', page: '/label/[description]/[id]', re: /^\/label\/([^/]+)\/(\d+)$/, keys: ['description', 'id'] },
  { kind: 'chart', page: '/chart/[description]/[id]', re: /^\/chart\/([^/]+)\/(\d+)$/, keys: ['description', 'id'] },
  { kind: 'genre', page: '/genre/[description]/[id]', re: /^\/genre\/([^/]+)\/(\d+)$/, keys: ['description', 'id'] },
  { kind: 'genreTop100', page: '/genre/[description]/[id]/top-100', re: /^\/genre\/([^/]+)\/(\d+)\/top-100$/, keys: ['description', 'id'] },
  { kind: 'genreHype100', page: '/genre/[description]/[id]/hype-100', re: /^\/genre\/([^/]+)\/(\d+)\/hype-100$/, keys: ['description', 'id'] },
];

/** Split an optional locale prefix ("/de/track/..." -> ["de", "/track/..."]). */
export function splitLocale(pathname: string): { locale: string; path: string } {
  const m = /^\/([a-z]{2})(\/.*|)$/.exec(pathname);
  if (m && LOCALE_LIST.includes(m[1] ?? '')) return { locale: m[1] ?? DEFAULT_LOCALE, path: m[2] || '/' };
  return { locale: DEFAULT_LOCALE, path: pathname };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function parsePagePath(pathname: string, search: URLSearchParams): PageRoute | undefined {
  const { locale, path } = splitLocale(pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname);
  for (const p of PATTERNS) {
    const m = p.re.exec(path);
    if (!m) continue;
    const query: Record<string, string> = {};
    for (const [k, v] of search) query[k] = v;
    p.keys.forEach((k, i) => (query[k] = safeDecode(m[i + 1] ?? '')));
    return { kind: p.kind, page: p.page, query, locale, path };
  }
  return undefined;
}

/** A link as Next.js renders it: non-default locales keep their prefix. */
export function localeHref(locale: string, path: string): string {
  if (locale === DEFAULT_LOCALE) return path;
  return path === '/' ? `/${locale}` : `/${locale}${path}`;
}

/** The JSON URL Next.js fetches on client navigation: /_next/data/<buildId>/<locale><path>.json */
export function nextDataUrl(buildId: string, route: PageRoute): string {
  const path = route.path === '/' ? '' : route.path;
  const qs = new URLSearchParams(route.query).toString();
  return `/_next/data/${buildId}/${route.locale}${path}.json${qs ? `?${qs}` : ''}`;
}

/** Parse a /_next/data path back into the page it stands for. */
export function parseNextDataPath(pathname: string, search: URLSearchParams): { buildId: string; route?: PageRoute } | undefined {
  const m = /^\/_next\/data\/([^/]+)(\/.*)\.json$/.exec(pathname);
  if (!m) return undefined;
  // "/en.json" is the home page of a locale, "/index.json" the home page without i18n.
  const path = m[2] === '/index' ? '/' : (m[2] ?? '/');
  return { buildId: m[1] ?? '', route: parsePagePath(path, search) };
}
