/**
 * Browsing across platforms: what the background answers the popup's Search and Charts tabs and its
 * artist / label / user / set views. Platform JSON never gets here: tracks are TrackRefs, people and
 * lists are EntityRefs.
 */
import type { ErrorInfo } from './errors';
import type { PlatformId } from './platform';
import type { TrackRef } from './track';

/** An artist or label (Beatport), a user (SoundCloud, Mixcloud), a set / release / playlist, or a Beatport DJ chart. */
export type EntityKind = 'artist' | 'label' | 'user' | 'set' | 'chart';

/**
 * The lists an entity view can show (one at a time, as tabs): a user's uploads, likes, reposts,
 * favorites, listens, playlists, followers, following. People and sets arrive in `children`.
 */
export type EntityListId = 'tracks' | 'likes' | 'reposts' | 'favorites' | 'listens' | 'playlists' | 'followers' | 'following' | 'feed';

export const ENTITY_LIST_IDS: readonly EntityListId[] = ['tracks', 'likes', 'reposts', 'favorites', 'listens', 'playlists', 'followers', 'following', 'feed'];

/**
 * The id of the signed-in user's own view ("My SoundCloud": their tracks, private ones too, and
 * playlists from the official API; "My Mixcloud": their feed). Never a platform id: SoundCloud ids
 * are URNs and Mixcloud keys are /username/.
 */
export const MINE_ID = 'me';

export interface EntityRef {
  platform: PlatformId;
  kind: EntityKind;
  /** The platform's id: SoundCloud URN, Mixcloud key (/user/ or /user/playlists/slug/), Beatport number. */
  id: string;
  name: string;
  url: string;
  imageUrl?: string;
  /** A second line: "42 tracks", a user's city, a release's label. */
  subtitle?: string;
}

export type SearchType = 'tracks' | 'people' | 'sets';

export interface SearchFilters {
  platforms?: PlatformId[];
  type?: SearchType;
  /** Matched case-insensitively against the genre (Beatport) or tags (SoundCloud, Mixcloud) a result carries. */
  genre?: string;
  bpmMin?: number;
  bpmMax?: number;
  /** Standard notation ("Am", "F#"). */
  key?: string;
  durationMinMs?: number;
  durationMaxMs?: number;
  /** Beatport only (results of the other platforms do not state them, so they are left out): */
  subGenreId?: number;
  /** Matched case-insensitively against the label a Beatport track carries. */
  label?: string;
  /** ISO dates (YYYY-MM-DD), inclusive: a Beatport track's release date. */
  releasedFrom?: string;
  releasedTo?: string;
  /** A Beatport label chosen from the labels list: sent to Beatport as `label_id`. */
  labelId?: number;
  /** A Beatport genre chosen from the genre list: sent to Beatport as `genre_id`. */
  genreId?: number;
}

export type SearchHit =
  | { type: 'track'; track: TrackRef; genre?: string; facts?: TrackFacts }
  | { type: 'entity'; entity: EntityRef };

/** What a Beatport track states beyond TrackRef, for the Beatport-only filters. */
export interface TrackFacts {
  subGenreId?: number;
  label?: string;
  /** YYYY-MM-DD */
  released?: string;
  labelId?: number;
  genreId?: number;
}

export interface PlatformFailure {
  platform: PlatformId;
  error: ErrorInfo;
}

export interface SearchPage {
  query: string;
  /** 1-based. */
  page: number;
  hits: SearchHit[];
  hasMore: boolean;
  /** Platforms that could not answer (the others' hits are still shown). */
  failures: PlatformFailure[];
}

export type ChartId =
  | { platform: 'beatport'; list: 'top100' | 'hype100' | 'djcharts'; genreId?: number }
  | { platform: 'mixcloud'; list: 'popular' | 'hot' | 'new'; tag?: string };

export interface ChartView {
  title: string;
  tracks: TrackRef[];
  /** How the list was read when it is not the plain API (Beatport Hype 100: from the chart page). */
  note?: string;
  /** Lists to open instead of tracks (Beatport DJ charts, newest first). */
  entities?: EntityRef[];
}

export interface GenreOption {
  platform: PlatformId;
  id: string;
  name: string;
}

/** An entity's page in the popup: its tracks (or shows), and its sets / releases to open next. */
export interface EntityView {
  entity: EntityRef;
  tracks: TrackRef[];
  children: EntityRef[];
  /** Cursor for the next page of the list shown (browse.entity with `next`); absent on the last page. */
  next?: string;
  /** The lists this entity offers (tabs), and the one shown; absent when it has just one. */
  lists?: { id: EntityListId; name: string }[];
  list?: EntityListId;
}

/** The tabs of a track's own view: what it is (description, tracklist), related tracks, comments. */
export type TrackListId = 'about' | 'related' | 'comments';

export const TRACK_LIST_IDS: readonly TrackListId[] = ['about', 'related', 'comments'];

/** One line of a show's tracklist; `startMs` absent when the uploader gave no time. */
export interface TracklistEntry {
  title: string;
  artist?: string;
  startMs?: number;
}

/** What a track or show is, beyond its row: description, tracklist, and why it may not play. */
export interface TrackAbout {
  description?: string;
  genre?: string;
  tracklist?: TracklistEntry[];
  /** Mixcloud: the uploader's tracklist exists but Mixcloud does not let it be shown. */
  tracklistHidden?: boolean;
  /** Mixcloud Select: subscribers only. */
  exclusive?: boolean;
  /** Mixcloud's restrictedReason ("repeat_play", "tracklist", …). */
  restricted?: string;
  /** Where the parts came from: Mixcloud's public API first, its GraphQL where the API has no answer. */
  sources?: Partial<Record<'description' | 'tracklist' | 'access', 'api' | 'graphql'>>;
}

export interface TrackComment {
  text: string;
  /** ISO time. */
  at?: string;
  author?: EntityRef;
}

/** A track's view in the popup: one tab at a time (about, related tracks, comments). */
export interface TrackView {
  track: TrackRef;
  lists: { id: TrackListId; name: string }[];
  list: TrackListId;
  about?: TrackAbout;
  /** Related tracks (list 'related'). */
  tracks?: TrackRef[];
  comments?: TrackComment[];
  /** Cursor of the list shown; absent on its last page. */
  next?: string;
}
