/**
 * www.mixcloud.com addresses. A show is `/<user>/<slug>/` unless the second segment is a profile tab
 * (yt-dlp's rule); its id in Deckhand is that path as the public API spells its `key` (segments
 * percent-encoded, e.g. `/AkumaDJ/bon-dimanche-%C3%A0-tous/`). Pure: used by the content script too.
 */
import type { McLookup } from './types';

const PAGE_HOST = /^(?:(?:www|m|beta)\.)?mixcloud\.com$/i;
const PROFILE_TABS = new Set(['uploads', 'favorites', 'listens', 'stream', 'playlists', 'followers', 'following', 'reposts', 'shows']);
/** First segments that are site sections, never usernames. */
const RESERVED = new Set([
  'discover', 'genres', 'categories', 'search', 'upload', 'select', 'live', 'settings', 'dashboard', 'notifications',
  'messages', 'about', 'developers', 'pro', 'oauth', 'oembed', 'media', 'graphql', 'player', 'widget', 'tag', 'feed',
]);

export const WWW = 'https://www.mixcloud.com';

/** What a mixcloud.com page address points at (discover, genre and search pages: nothing of their own). */
export type McTarget =
  | { kind: 'show'; lookup: McLookup; key: string }
  | { kind: 'user'; username: string; list: 'cloudcasts' | 'favorites' | 'listens' | 'stream' }
  | { kind: 'playlist'; username: string; slug: string };

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function showKey(lookup: McLookup): string {
  return `/${encodeURIComponent(lookup.username)}/${encodeURIComponent(lookup.slug)}/`;
}

export function showUrl(key: string): string {
  return `${WWW}${key}`;
}

/** Where a link on (or to) mixcloud.com goes; undefined for other sites and unknown pages. */
export function targetOf(href: string | null | undefined, base: string = `${WWW}/`): McTarget | undefined {
  if (!href) return undefined;
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return undefined;
  }
  if (!/^https?:$/.test(url.protocol) || !PAGE_HOST.test(url.hostname)) return undefined;
  const parts = url.pathname.split('/').filter(Boolean).map(decode);
  const [a, b, c, d] = parts;
  if (!a) return undefined;
  if (RESERVED.has(a.toLowerCase())) return undefined;
  if (!b) return { kind: 'user', username: a, list: 'cloudcasts' };
  if (b === 'playlists') return c && !d ? { kind: 'playlist', username: a, slug: c } : undefined;
  if (PROFILE_TABS.has(b)) {
    if (c) return undefined;
    if (b === 'uploads') return { kind: 'user', username: a, list: 'cloudcasts' };
    if (b === 'favorites' || b === 'listens' || b === 'stream') return { kind: 'user', username: a, list: b };
    return undefined;
  }
  if (c) return undefined;
  const lookup = { username: a, slug: b };
  return { kind: 'show', lookup, key: showKey(lookup) };
}

/** The show key of a link, or undefined when it is not a show. */
export function showKeyOf(href: string | null | undefined, base?: string): string | undefined {
  const target = targetOf(href, base);
  return target?.kind === 'show' ? target.key : undefined;
}

/** `{username, slug}` of a show key (or URL), for GraphQL. */
export function lookupOf(keyOrUrl: string): McLookup | undefined {
  const target = targetOf(keyOrUrl);
  return target?.kind === 'show' ? target.lookup : undefined;
}
