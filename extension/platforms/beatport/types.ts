/**
 * Beatport shapes as far as Deckhand reads them: v4 catalog objects (the API and the page's
 * __NEXT_DATA__ share them), the search service's flatter track shape, and the page's anonymous
 * session. Every field optional: the site has changed under every tool that read it.
 */
import type { BeatportKeyObject } from '../../../shared/keys';

export interface BpImage {
  id?: number;
  /** Fixed-size URL, e.g. …/image_size/1400x1400/<uuid>.jpg (a release cover) or 1500x250 PNG (a waveform). */
  uri?: string;
  /** The same image with `{w}x{h}` in place of the size. */
  dynamic_uri?: string;
}

export interface BpNamed {
  id?: number;
  name?: string;
  slug?: string;
  image?: BpImage | null;
}

export interface BpReleaseRef extends BpNamed {
  label?: BpNamed | null;
}

export interface BpTrack {
  id?: number;
  /** May carry trailing spaces. */
  name?: string;
  mix_name?: string | null;
  slug?: string;
  artists?: BpNamed[];
  /** Often empty even for "X Remix" mixes. */
  remixers?: BpNamed[];
  /** Integer; sometimes half-time. */
  bpm?: number | null;
  key?: (BeatportKeyObject & { id?: number }) | null;
  genre?: BpNamed | null;
  sub_genre?: BpNamed | null;
  length?: string | null;
  length_ms?: number | null;
  isrc?: string | null;
  catalog_number?: string | null;
  publish_date?: string | null;
  new_release_date?: string | null;
  /** Position on the release: only in track detail, not in list items. */
  number?: number | null;
  release?: BpReleaseRef | null;
  /** A WAVEFORM picture, never the cover. */
  image?: BpImage | null;
  sample_url?: string | null;
  sample_start_ms?: number | null;
  sample_end_ms?: number | null;
  is_hype?: boolean;
}

/** The search service's track (search pages and catalog/search): other names for the same facts. */
export interface BpSearchTrack {
  track_id?: number;
  track_name?: string;
  mix_name?: string | null;
  artists?: { artist_id?: number; artist_name?: string; artist_type_name?: string }[];
  bpm?: number | null;
  key_name?: string | null;
  /** Milliseconds. */
  length?: number | null;
  isrc?: string | null;
  release?: { release_id?: number; release_name?: string; release_image_uri?: string } | null;
  sample_url?: string | null;
}

/** `catalog/releases/{id}/` as far as a release's track list needs it. */
export interface BpRelease extends BpReleaseRef {
  artists?: BpNamed[];
  track_count?: number;
}

/** `catalog/charts/{id}/`: a DJ chart. */
export interface BpChart extends BpNamed {
  person?: { owner_name?: string | null; owner_slug?: string | null } | null;
  artist?: BpNamed | null;
  track_count?: number;
  publish_date?: string | null;
}

/** v4 list envelope; `page` is a string like "1/7" (sometimes a number). */
export interface BpPage<T> {
  count?: number;
  next?: string | null;
  previous?: string | null;
  page?: string | number;
  per_page?: number;
  results?: T[];
}

/** props.pageProps.anonSession: the page's anonymous API token (scope user:anon, one hour). */
export interface BpAnonSession {
  access_token?: string;
  expires_in?: number;
  token_type?: string;
  scope?: string;
  create_date?: string;
  /** Epoch milliseconds. */
  expirationTime?: number;
}

export interface BpDehydratedQuery {
  queryKey?: unknown[];
  state?: { data?: unknown };
}

export interface BpPageProps {
  dehydratedState?: { queries?: BpDehydratedQuery[] };
  track?: BpTrack;
  release?: unknown;
  anonSession?: BpAnonSession;
}

/** script#__NEXT_DATA__ of a server-rendered page. */
export interface BpNextData {
  page?: string;
  buildId?: string;
  locale?: string;
  props?: { pageProps?: BpPageProps };
}

