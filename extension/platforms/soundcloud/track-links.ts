/**
 * SoundCloud links: which soundcloud.com paths are tracks (not site sections or profile tabs), and
 * the index that finds a track's data from a link on the page, private links included.
 */
import type { TrackRef } from '../../../shared/track';
import { toTrackRef } from './normalise';
import type { ScTrack } from './types';

/** First path segments that are site sections, and second segments that are profile tabs, not tracks. */
export const SECTIONS = new Set([
  'you', 'discover', 'search', 'stream', 'feed', 'charts', 'tags', 'popular', 'pages', 'settings', 'upload', 'signin', 'signup',
  'messages', 'notifications', 'people', 'mobile', 'jobs', 'imprint', 'terms-of-use',
]);
const PROFILE_TABS = new Set(['sets', 'tracks', 'popular-tracks', 'likes', 'reposts', 'albums', 'followers', 'following', 'comments', 'spotlight', 'stations']);

export function pathParts(href: string, base: string): string[] | undefined {
  try {
    const u = new URL(href, base);
    if (!/(^|\.)soundcloud\.com$/.test(u.hostname)) return undefined;
    return u.pathname.split('/').filter(Boolean);
  } catch {
    return undefined;
  }
}

/**
 * Site path of a track link, original case (`/user/track`, or `/user/track/s-TOKEN` for a private
 * link), or undefined for anything that is not a track on soundcloud.com.
 */
export function trackLinkPath(href: string | null | undefined, base = 'https://soundcloud.com/'): string | undefined {
  if (!href) return undefined;
  const parts = pathParts(href, base);
  if (!parts || parts.length < 2 || SECTIONS.has((parts[0] ?? '').toLowerCase()) || PROFILE_TABS.has((parts[1] ?? '').toLowerCase())) return undefined;
  return `/${parts.slice(0, /^s-[A-Za-z0-9]+$/.test(parts[2] ?? '') ? 3 : 2).join('/')}`;
}

/** Path of a soundcloud.com track link, normalised (lower case), for matching DOM links to track data. */
export function trackPath(href: string | null | undefined, base = 'https://soundcloud.com/'): string | undefined {
  return trackLinkPath(href, base)?.toLowerCase();
}

export class TrackIndex {
  private byPath = new Map<string, TrackRef>();

  add(tracks: ScTrack[]): boolean {
    let changed = false;
    for (const t of tracks) {
      const ref = toTrackRef(t);
      const link = trackLinkPath(t.permalink_url);
      if (!ref || !link) continue;
      // A private track is addressed with its secret token (some answers already carry it in the permalink).
      const token = t.secret_token || undefined;
      const publicPath = token && link.endsWith(`/${token}`) ? link.slice(0, -token.length - 1) : link;
      if (token) ref.url = `https://soundcloud.com${publicPath}/${token}`;
      const key = publicPath.toLowerCase();
      const known = this.byPath.get(key);
      if (!known || known.id !== ref.id || known.unavailable?.code !== ref.unavailable?.code) changed = true;
      this.byPath.set(key, ref);
      if (token) this.byPath.set(`${key}/${token.toLowerCase()}`, ref);
    }
    return changed;
  }

  get(path: string | undefined): TrackRef | undefined {
    return path ? this.byPath.get(path.toLowerCase()) : undefined;
  }
}
