/**
 * The Mixcloud replica's own data model: what the catalogue holds, independent of how the public API
 * (snake_case JSON) or GraphQL (camelCase, Relay ids) present it.
 */

export interface McUser {
  /** Database id; the Relay id is base64("User:<id>"). */
  id: number;
  /** URL name: 30 characters or fewer, letters, numbers and "-". */
  username: string;
  displayName: string;
  city: string | null;
  country: string | null;
  biog: string | null;
  /** Thumbnailer path such as "profile/3/f/1/c/9a2e-....jpg"; null = no picture. */
  picturePath: string | null;
  dateJoined: string;
  isPro: boolean;
  isPremium: boolean;
  /** A Select creator (has subscriber-only shows). */
  isSelect: boolean;
}

export type McSection =
  | { kind: 'track'; artist: string; song: string; startSeconds: number | null }
  | { kind: 'chapter'; chapter: string; startSeconds: number | null };

/** A show ("cloudcast"). */
export interface McShow {
  id: number;
  /** Owner's username. */
  owner: string;
  slug: string;
  name: string;
  description: string | null;
  /** Tag slugs, in order. */
  tags: string[];
  /** Publish time, ISO-8601 with Z and whole seconds (the API's `created_time`). */
  createdTime: string;
  /** Upload time; on the real API it is usually a little before `created_time`. */
  updatedTime: string;
  audioLength: number;
  plays: number;
  favoriteCount: number;
  repostCount: number;
  listenerCount: number;
  /** Stats hidden by the uploader: the API then reports 0 plays/listeners and `hidden_stats: true`. */
  hiddenStats: boolean;
  sections: McSection[];
  canShowTracklist: boolean;
  isExclusive: boolean;
  /** 'repeat_play' | 'tracklist' | ... ; the site gives no stream then. */
  restrictedReason: string | null;
  /** Thumbnailer path such as "extaudio/b/c/8/8/433c-..."; null = no picture. */
  picturePath: string | null;
  /** Name of the audio asset in MIXCLOUD_AUDIO; null = no stream (exclusive, restricted). */
  audio: string | null;
  /** Audio file uuid: the CDN path is <u0>/<u1>/<u2>/<u3>/<rest of uuid>. */
  uuid: string;
  /** N of audioN.mixcloud.com (HLS/DASH) and streamN.mixcloud.com (progressive). */
  audioHost: number;
  streamHost: number;
}

export interface McTag {
  slug: string;
  name: string;
  /** Shown in /categories/ and viewer.categories. */
  category?: 'music' | 'talk';
}

export interface McPlaylist {
  id: number;
  owner: string;
  slug: string;
  name: string;
  description: string | null;
  /** Show keys ("/user/slug/") in playlist order. */
  items: string[];
}

export interface McComment {
  id: number;
  /** Show key. */
  show: string;
  username: string;
  comment: string;
  created: string;
}

/** One row of a dated relation (a favourite, a listen, a follow). */
export interface Dated<T> {
  at: string;
  ref: T;
}

export function showKey(show: Pick<McShow, 'owner' | 'slug'>): string {
  return `/${show.owner}/${show.slug}/`;
}

export function userKey(username: string): string {
  return `/${username}/`;
}
