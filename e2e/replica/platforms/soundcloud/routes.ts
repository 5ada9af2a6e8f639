/**
 * What a soundcloud.com path shows. Pure: the server pages, `resolve?url=` and the browser client's
 * SPA navigation all read paths through this one function.
 */
export type UserTab = 'all' | 'tracks' | 'popular-tracks' | 'likes' | 'reposts' | 'albums' | 'sets';
export type SearchTab = 'all' | 'sounds' | 'people' | 'sets';

export type PageRoute =
  | { kind: 'home' }
  | { kind: 'discover' }
  | { kind: 'charts'; chart: 'top' | 'trending' }
  | { kind: 'feed' }
  | { kind: 'search'; tab: SearchTab }
  | { kind: 'user'; user: string; tab: UserTab }
  | { kind: 'set'; user: string; set: string; token?: string }
  | { kind: 'track'; user: string; track: string; token?: string }
  | { kind: 'notFound' };

/** First path segments that are site sections, never user permalinks. */
const RESERVED = new Set([
  'discover', 'charts', 'feed', 'search', 'stream', 'you', 'upload', 'signin', 'signup', 'pages', 'settings',
  'messages', 'notifications', 'popular', 'tags', 'mobile', 'jobs', 'imprint', 'people', 'terms-of-use', 'webmanifest.json',
]);
const USER_TABS: UserTab[] = ['tracks', 'popular-tracks', 'likes', 'reposts', 'albums', 'sets'];
const SEARCH_TABS: Record<string, SearchTab> = { '': 'all', sounds: 'sounds', people: 'people', sets: 'sets' };
/** A track's sub-pages (who liked/reposted it, sets it is in) show the track itself here. */
const TRACK_TABS = new Set(['likes', 'reposts', 'sets', 'recommended']);
const PERMALINK = /^[a-z0-9_-]{1,255}$/i;
const SECRET = /^s-[A-Za-z0-9]{5,}$/;

export function parsePagePath(path: string): PageRoute {
  const parts = path.split('/').filter(Boolean).map(decodePart);
  const [first, second, third, fourth] = parts;
  if (!first) return { kind: 'home' };
  if (first === 'discover' && parts.length === 1) return { kind: 'discover' };
  if (first === 'charts' && parts.length <= 2) {
    if (!second || second === 'top') return { kind: 'charts', chart: 'top' };
    if (second === 'new' || second === 'trending') return { kind: 'charts', chart: 'trending' };
    return { kind: 'notFound' };
  }
  if (first === 'feed' && parts.length === 1) return { kind: 'feed' };
  if (first === 'search' && parts.length <= 2) {
    const tab = SEARCH_TABS[second ?? ''];
    return tab ? { kind: 'search', tab } : { kind: 'notFound' };
  }
  if (RESERVED.has(first) || !PERMALINK.test(first)) return { kind: 'notFound' };
  if (!second) return { kind: 'user', user: first, tab: 'all' };
  if (second === 'sets' && third) {
    if (!PERMALINK.test(third) || parts.length > 4 || (fourth && !SECRET.test(fourth))) return { kind: 'notFound' };
    return fourth ? { kind: 'set', user: first, set: third, token: fourth } : { kind: 'set', user: first, set: third };
  }
  if (parts.length === 2 && (USER_TABS as string[]).includes(second)) return { kind: 'user', user: first, tab: second as UserTab };
  if (third && TRACK_TABS.has(third) && parts.length === 3) return { kind: 'track', user: first, track: second };
  if (!PERMALINK.test(second) || parts.length > 3 || (third && !SECRET.test(third))) return { kind: 'notFound' };
  return third ? { kind: 'track', user: first, track: second, token: third } : { kind: 'track', user: first, track: second };
}

function decodePart(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The soundcloud.com hosts whose URLs `resolve` accepts. */
export function isSiteHost(host: string): boolean {
  return ['soundcloud.com', 'www.soundcloud.com', 'm.soundcloud.com'].includes(host.toLowerCase());
}
