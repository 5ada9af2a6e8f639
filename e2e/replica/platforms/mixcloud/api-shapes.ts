/**
 * api.mixcloud.com JSON shapes, key order and quirks copied from the captured list bodies (2018-2022):
 * no `type` in list items, `hidden_stats` only when true (counts then read 0), ten picture sizes on
 * shows but eight on users. `description` and `sections` (old public shape) only on single objects.
 */
import type { Catalogue } from './catalogue';
import { PUBLIC_API_WITHOUT_SECTIONS } from './catalogue-data';
import { showKey, userKey, type McComment, type McPlaylist, type McSection, type McShow, type McTag, type McUser } from './model';

export const WWW = 'https://www.mixcloud.com';
export const API = 'https://api.mixcloud.com';
const THUMBNAILER = 'https://thumbnailer.mixcloud.com/unsafe';

const SHOW_PICTURE_SIZES: [string, number][] = [
  ['small', 25], ['thumbnail', 50], ['medium_mobile', 80], ['medium', 100], ['large', 300],
  ['320wx320h', 320], ['extra_large', 600], ['640wx640h', 640], ['768wx768h', 768], ['1024wx1024h', 1024],
];
const USER_PICTURE_SIZES = SHOW_PICTURE_SIZES.slice(0, 8);

type Json = Record<string, unknown>;

function pictures(path: string, sizes: [string, number][]): Record<string, string> {
  return Object.fromEntries(sizes.map(([key, px]) => [key, `${THUMBNAILER}/${px}x${px}/${path}`]));
}

export function slugify(s: string): string {
  return s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** The user object nested in shows, comments and user lists. */
export function compactUser(u: McUser): Json {
  return {
    key: userKey(u.username),
    url: `${WWW}/${u.username}/`,
    name: u.displayName,
    username: u.username,
    ...(u.picturePath ? { pictures: pictures(u.picturePath, USER_PICTURE_SIZES) } : {}),
  };
}

export function fullUser(cat: Catalogue, u: McUser): Json {
  const uploads = cat.uploads(u.username);
  return {
    ...compactUser(u),
    city: u.city ?? '',
    country: u.country ?? '',
    biog: u.biog ?? '',
    created_time: u.dateJoined,
    updated_time: uploads[0]?.updatedTime ?? u.dateJoined,
    follower_count: cat.followers(u.username).length,
    following_count: cat.following(u.username).length,
    cloudcast_count: uploads.length,
    favorite_count: cat.favorites.get(u.username.toLowerCase())?.length ?? 0,
    listen_count: cat.listens.get(u.username.toLowerCase())?.length ?? 0,
    playlist_count: cat.playlists.filter((p) => p.owner === u.username).length,
    is_pro: u.isPro,
    is_premium: u.isPremium,
    is_select: u.isSelect,
    type: 'user',
  };
}

export function tagJson(t: McTag): Json {
  return { key: `/discover/${t.slug}/`, url: `${WWW}/discover/${t.slug}/`, name: t.name };
}

/** A show as list items carry it. */
export function listShow(cat: Catalogue, s: McShow): Json {
  const owner = cat.user(s.owner);
  const hidden = s.hiddenStats;
  return {
    key: showKey(s),
    url: `${WWW}${showKey(s)}`,
    name: s.name,
    tags: s.tags.map((slug) => tagJson(cat.tags.get(slug) ?? { slug, name: slug })),
    created_time: s.createdTime,
    updated_time: s.updatedTime,
    play_count: hidden ? 0 : s.plays,
    favorite_count: hidden ? 0 : s.favoriteCount,
    comment_count: cat.comments.get(showKey(s))?.length ?? 0,
    listener_count: hidden ? 0 : s.listenerCount,
    repost_count: hidden ? 0 : s.repostCount,
    ...(s.picturePath ? { pictures: pictures(s.picturePath, SHOW_PICTURE_SIZES) } : {}),
    slug: s.slug,
    user: owner ? compactUser(owner) : { key: userKey(s.owner), username: s.owner },
    ...(hidden ? { hidden_stats: true } : {}),
    audio_length: s.audioLength,
  };
}

/** GET /<user>/<slug>/: the list shape plus description, sections and type. */
export function fullShow(cat: Catalogue, s: McShow): Json {
  return {
    ...listShow(cat, s),
    description: s.description ?? '',
    sections: PUBLIC_API_WITHOUT_SECTIONS.has(showKey(s)) ? [] : s.sections.map((sec, i) => oldSection(sec, i)),
    type: 'cloudcast',
  };
}

/** The public API's old tracklist shape: {start_time, track:{name, artist:{name, slug}}, section_type}. */
function oldSection(s: McSection, position: number): Json {
  if (s.kind === 'chapter') return { start_time: s.startSeconds, section_type: 'chapter', position, chapter: s.chapter };
  const artistSlug = slugify(s.artist);
  const trackSlug = slugify(s.song);
  return {
    start_time: s.startSeconds,
    section_type: 'track',
    position,
    track: {
      key: `/track/${artistSlug}/${trackSlug}/`,
      url: `${WWW}/track/${artistSlug}/${trackSlug}/`,
      name: s.song,
      slug: trackSlug,
      artist: { key: `/artist/${artistSlug}/`, url: `${WWW}/artist/${artistSlug}/`, name: s.artist, slug: artistSlug },
    },
  };
}

export function playlistJson(cat: Catalogue, p: McPlaylist): Json {
  const owner = cat.user(p.owner);
  const key = `/${p.owner}/playlists/${p.slug}/`;
  return { key, url: `${WWW}${key}`, name: p.name, slug: p.slug, owner: owner ? compactUser(owner) : null, type: 'playlist' };
}

export function commentJson(cat: Catalogue, c: McComment): Json {
  const u = cat.user(c.username);
  return { comment: c.comment, created_time: c.created, user: u ? compactUser(u) : null, type: 'comment', key: `/comments/cloudcast/${c.id}/` };
}

/** `metadata=1`: where the object's connections live. */
export function metadata(path: string, names: string[], type: string): Json {
  return { connections: Object.fromEntries(names.map((n) => [n, `${API}${path}${n}/`])), type };
}

export const USER_CONNECTIONS = ['followers', 'favorites', 'following', 'cloudcasts', 'listens', 'playlists', 'feed'];
export const SHOW_CONNECTIONS = ['comments', 'favorites', 'listeners'];
export const TAG_CONNECTIONS = ['popular', 'latest'];
