/**
 * Mixcloud shapes, as far as Deckhand reads them: the GraphQL `cloudcastLookup` answer (app.mixcloud.com)
 * and the public API list items (api.mixcloud.com). Every field optional or nullable: both change often.
 */

/** `{username, slug}`: how GraphQL addresses a show (decoded path segments). */
export interface McLookup {
  username: string;
  slug: string;
}

export interface McPicture {
  url?: string | null;
  urlRoot?: string | null;
}

export interface McOwner {
  username?: string | null;
  displayName?: string | null;
  url?: string | null;
  picture?: McPicture | null;
}

/** Values are base64 of the URL XORed with the public key (see streams.ts), not URLs. */
export interface McStreamInfo {
  hlsUrl?: string | null;
  dashUrl?: string | null;
  url?: string | null;
}

export interface McTrackSection {
  __typename: 'TrackSection';
  artistName?: string | null;
  songName?: string | null;
  startSeconds?: number | null;
}

export interface McChapterSection {
  __typename: 'ChapterSection';
  chapter?: string | null;
  startSeconds?: number | null;
}

export type McSection = McTrackSection | McChapterSection | { __typename?: string; startSeconds?: number | null };

export interface McCloudcast {
  name?: string | null;
  slug?: string | null;
  owner?: McOwner | null;
  picture?: McPicture | null;
  publishDate?: string | null;
  audioLength?: number | null;
  description?: string | null;
  tags?: ({ tag?: { name?: string | null; slug?: string | null } | null } | null)[] | null;
  isExclusive?: boolean | null;
  restrictedReason?: string | null;
  streamInfo?: McStreamInfo | null;
  sections?: (McSection | null)[] | null;
}

export interface McGraphqlAnswer<T> {
  data?: T | null;
  errors?: { message?: string }[];
}

/** A show in a public API list (`/<user>/cloudcasts/`, favorites, playlists, tags, search). */
export interface McApiCloudcast {
  key?: string;
  url?: string;
  name?: string;
  slug?: string;
  audio_length?: number | null;
  created_time?: string;
  pictures?: Record<string, string>;
  user?: { key?: string; name?: string; username?: string; pictures?: Record<string, string> };
  tags?: { key?: string; name?: string }[];
}

export interface McApiList {
  data?: McApiCloudcast[];
  paging?: { next?: string | null; previous?: string | null };
}

/** A user in the public API (`/<user>/`, search type=user, followers); also playlists and tags by key. */
export interface McApiUser {
  key?: string;
  url?: string;
  name?: string;
  username?: string;
  city?: string | null;
  cloudcast_count?: number;
  pictures?: Record<string, string>;
}

/** A playlist (`/<user>/playlists/`) or a tag (search type=tag). */
export interface McApiNamed {
  key?: string;
  url?: string;
  name?: string;
  slug?: string;
  owner?: McApiUser;
}

/** One page of any public API list, whatever its items are. */
export interface McApiPage<T> {
  data?: T[];
  paging?: { next?: string | null; previous?: string | null };
  name?: string;
}
