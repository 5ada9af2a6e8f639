/**
 * www.mixcloud.com URL patterns (yt-dlp's _VALID_URL rules): a show is /<user>/<slug>/ unless the
 * second segment is a profile tab. Shared by the server pages and the page client.
 */

export type ProfileTab = 'uploads' | 'favorites' | 'listens' | 'stream';

export type PageRoute =
  | { kind: 'home' }
  | { kind: 'show'; username: string; slug: string }
  | { kind: 'profile'; username: string; tab: ProfileTab }
  | { kind: 'playlist'; username: string; slug: string }
  | { kind: 'discover'; tag: string }
  | { kind: 'search'; term: string }
  | { kind: 'notFound' };

const PROFILE_TABS: ProfileTab[] = ['uploads', 'favorites', 'listens', 'stream'];
/** First path segments that are site sections, never usernames. */
const RESERVED = new Set(['discover', 'genres', 'search', 'oauth', 'oembed', 'media', 'upload', 'select', 'live', 'graphql', 'developers']);

export function routeOf(pathname: string, search: string): PageRoute {
  const parts = pathname.split('/').filter(Boolean).map((p) => safeDecode(p));
  const [a, b, c, d] = parts;
  if (!a) return { kind: 'home' };
  if (a === 'search' && !b) return { kind: 'search', term: new URLSearchParams(search).get('q') ?? '' };
  if ((a === 'discover' || a === 'genres') && b && !c) return { kind: 'discover', tag: b };
  if (RESERVED.has(a)) return { kind: 'notFound' };
  if (!b) return { kind: 'profile', username: a, tab: 'uploads' };
  if (b === 'playlists' && c && !d) return { kind: 'playlist', username: a, slug: c };
  if (PROFILE_TABS.includes(b as ProfileTab) && !c) return { kind: 'profile', username: a, tab: b as ProfileTab };
  if (b === 'playlists') return { kind: 'notFound' };
  if (!c) return { kind: 'show', username: a, slug: b };
  return { kind: 'notFound' };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export const showPath = (username: string, slug: string) => `/${encodeURIComponent(username)}/${encodeURIComponent(slug)}/`;
export const userPath = (username: string, tab?: ProfileTab) =>
  `/${encodeURIComponent(username)}/${tab && tab !== 'uploads' ? `${tab}/` : ''}`;
export const playlistPath = (username: string, slug: string) => `/${encodeURIComponent(username)}/playlists/${encodeURIComponent(slug)}/`;
export const tagPath = (slug: string) => `/discover/${encodeURIComponent(slug)}/`;
