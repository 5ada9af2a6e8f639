/**
 * api-v2 JSON shapes as the replica emits them (copied from the captures in
 * /work/shared/captures/soundcloud). Pure types: the page renderers and the browser client use them.
 */
export interface ApiBadges {
  pro: boolean;
  creator_mid_tier: boolean;
  pro_unlimited: boolean;
  verified: boolean;
}

/** The user object embedded in tracks and playlists. */
export interface ApiMiniUser {
  avatar_url: string;
  first_name: string;
  followers_count: number;
  full_name: string;
  id: number;
  kind: 'user';
  last_modified: string;
  last_name: string;
  permalink: string;
  permalink_url: string;
  uri: string;
  urn: string;
  username: string;
  verified: boolean;
  city: string | null;
  country_code: string | null;
  badges: ApiBadges;
  station_urn: string;
  station_permalink: string;
}

/** users/{id}, search/users, hydration `user`. */
export interface ApiUser extends ApiMiniUser {
  comments_count: number;
  created_at: string;
  creator_subscriptions: { product: { id: string } }[];
  creator_subscription: { product: { id: string } };
  description: string | null;
  followings_count: number;
  groups_count: number;
  likes_count: number;
  playlist_likes_count: number;
  playlist_count: number;
  reposts_count: number | null;
  track_count: number;
  visuals: null | { urn: string; enabled: boolean; visuals: unknown[]; tracking: null };
  date_of_birth: null;
}

export interface ApiTranscoding {
  url: string;
  preset: string;
  duration: number;
  snipped: boolean;
  format: { protocol: string; mime_type: string };
  quality: 'sq' | 'hq';
  is_legacy_transcoding: boolean;
}

export interface ApiPublisherMetadata {
  id: number;
  urn: string;
  artist?: string;
  album_title?: string;
  contains_music?: boolean;
  upc_or_ean?: string;
  isrc?: string;
  explicit?: boolean;
  p_line?: string;
  p_line_for_display?: string;
  c_line?: string;
  c_line_for_display?: string;
  writer_composer?: string;
  release_title?: string;
  publisher?: string;
}

export interface ApiTrack {
  artwork_url: string | null;
  caption: string | null;
  commentable: boolean;
  comment_count: number | null;
  created_at: string;
  description: string | null;
  downloadable: boolean;
  download_count: number | null;
  duration: number;
  full_duration: number;
  embeddable_by: string;
  genre: string | null;
  has_downloads_left: boolean;
  id: number;
  kind: 'track';
  label_name: string | null;
  last_modified: string;
  license: string;
  likes_count: number | null;
  metadata_artist: string | null;
  permalink: string;
  permalink_url: string;
  playback_count: number | null;
  public: boolean;
  publisher_metadata: ApiPublisherMetadata | null;
  purchase_title: string | null;
  purchase_url: string | null;
  release_date: string | null;
  reposts_count: number | null;
  secret_token: string | null;
  sharing: 'public' | 'private';
  state: 'finished' | 'processing' | 'failed';
  streamable: boolean;
  tag_list: string;
  title: string;
  uri: string;
  urn: string;
  user_id: number;
  visuals: null;
  waveform_url: string;
  display_date: string;
  media: { transcodings: ApiTranscoding[] };
  station_urn: string;
  station_permalink: string;
  track_authorization: string;
  monetization_model: string;
  policy: string;
  user: ApiMiniUser;
}

/** What compact playlists put in place of tracks after the first five. */
export interface ApiTrackStub {
  id: number;
  kind: 'track';
  monetization_model: string;
  policy: string;
}

export interface ApiPlaylist {
  artwork_url: string | null;
  created_at: string;
  description: string | null;
  duration: number;
  embeddable_by: string;
  genre: string | null;
  id: number;
  kind: 'playlist';
  label_name: string | null;
  last_modified: string;
  license: string;
  likes_count: number;
  managed_by_feeds: boolean;
  permalink: string;
  permalink_url: string;
  public: boolean;
  purchase_title: string | null;
  purchase_url: string | null;
  release_date: string | null;
  reposts_count: number;
  secret_token: string | null;
  sharing: 'public' | 'private';
  tag_list: string;
  title: string;
  uri: string;
  urn: string;
  user_id: number;
  set_type: string;
  is_album: boolean;
  published_at: string | null;
  display_date: string;
  user: ApiMiniUser;
  tracks: (ApiTrack | ApiTrackStub)[];
  track_count: number;
}

export function isFullTrack(t: ApiTrack | ApiTrackStub): t is ApiTrack {
  return 'title' in t;
}

/** Items of likes and user streams: a wrapper around a track or a playlist. */
export interface ApiWrappedItem {
  created_at: string;
  kind?: 'like';
  type?: 'track' | 'track-repost' | 'playlist' | 'playlist-repost';
  user?: ApiMiniUser;
  uuid?: string;
  caption?: string | null;
  track?: ApiTrack;
  playlist?: ApiPlaylist;
}

export interface ApiCollection<T> {
  collection: T[];
  next_href: string | null;
  query_urn: string | null;
  total_results?: number;
  [extra: string]: unknown;
}

export type ApiSearchItem = ApiTrack | ApiUser | ApiPlaylist;
