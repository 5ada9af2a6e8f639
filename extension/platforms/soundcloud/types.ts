/** api-v2 shapes, as far as Deckhand reads them. Every field optional: the platform changes often. */
export interface ScUser {
  id?: number;
  urn?: string;
  kind?: string;
  username?: string;
  full_name?: string;
  permalink?: string;
  permalink_url?: string;
  avatar_url?: string | null;
}

export interface ScTranscoding {
  url?: string;
  preset?: string;
  duration?: number;
  snipped?: boolean;
  quality?: string;
  format?: { protocol?: string; mime_type?: string };
}

export interface ScPublisherMetadata {
  artist?: string;
  album_title?: string;
  release_title?: string;
  isrc?: string;
  publisher?: string;
  upc_or_ean?: string;
  p_line?: string;
  c_line?: string;
  writer_composer?: string;
  explicit?: boolean;
}

export interface ScTrack {
  id?: number;
  urn?: string;
  kind?: string;
  title?: string;
  permalink?: string;
  permalink_url?: string;
  artwork_url?: string | null;
  user?: ScUser;
  duration?: number;
  full_duration?: number;
  genre?: string | null;
  tag_list?: string | null;
  label_name?: string | null;
  release_date?: string | null;
  display_date?: string | null;
  created_at?: string | null;
  description?: string | null;
  publisher_metadata?: ScPublisherMetadata | null;
  metadata_artist?: string | null;
  media?: { transcodings?: ScTranscoding[] };
  track_authorization?: string;
  policy?: string;
  monetization_model?: string;
  downloadable?: boolean;
  has_downloads_left?: boolean;
  streamable?: boolean;
  secret_token?: string | null;
  sharing?: string;
  state?: string;
}

/** tracks/{id}/download: where the original file is, signed and short-lived. */
export interface ScDownloadAnswer {
  redirectUri?: string;
}

export interface ScPlaylist {
  id?: number;
  urn?: string;
  kind?: string;
  title?: string;
  permalink_url?: string;
  artwork_url?: string | null;
  user?: ScUser;
  set_type?: string | null;
  is_album?: boolean;
  release_date?: string | null;
  published_at?: string | null;
  track_count?: number;
  tracks?: ScTrack[];
  secret_token?: string | null;
}

export interface ScHydrationEntry {
  hydratable?: string;
  data?: unknown;
}
