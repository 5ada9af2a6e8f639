/**
 * Where the "Upload with Deckhand" entry point belongs: the SoundCloud and Mixcloud upload pages,
 * and the connected account's own profile (its URL from the platform's /me, compared here).
 */
export type EntryPlatform = 'soundcloud' | 'mixcloud';

/** The platform a page of soundcloud.com or mixcloud.com belongs to. */
export function uploadPlatformOfHost(url: string): EntryPlatform | undefined {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return undefined;
  }
  if (host === 'soundcloud.com' || host === 'www.soundcloud.com') return 'soundcloud';
  if (host === 'www.mixcloud.com' || host === 'mixcloud.com') return 'mixcloud';
  return undefined;
}

/** soundcloud.com/upload and www.mixcloud.com/upload/ (with or without the slash, any query). */
export function isUploadPage(url: string): boolean {
  const platform = uploadPlatformOfHost(url);
  return !!platform && /^\/upload\/?$/.test(new URL(url).pathname);
}

/** The profile's first path segment, lower-cased ("/mira-kovac/tracks" → "mira-kovac"). */
function profileSlug(url: string): string | undefined {
  try {
    return new URL(url).pathname.split('/').filter(Boolean)[0]?.toLowerCase();
  } catch {
    return undefined;
  }
}

/** Whether `url` is the profile page (any tab) of the account whose profile URL is `profileUrl`. */
export function isOwnProfile(url: string, profileUrl: string): boolean {
  const page = profileSlug(url);
  const own = profileSlug(profileUrl);
  // Only the profile itself and its tabs: a track of one's own is two segments deep on SoundCloud too.
  const depth = new URL(url).pathname.split('/').filter(Boolean).length;
  const tabs = /^\/[^/]+\/?(tracks|popular-tracks|albums|sets|reposts|likes|uploads|favorites|listens|playlists|stream)?\/?$/i;
  return !!page && page === own && uploadPlatformOfHost(url) === uploadPlatformOfHost(profileUrl) && depth <= 2 && tabs.test(new URL(url).pathname);
}
