import type { PlatformId } from './platform';
import type { ErrorCode } from './errors';

/** What a thing on a page is. A preview is a short excerpt (Beatport, SoundCloud Go+ snippets). */
export type TrackKind = 'track' | 'show' | 'preview' | 'set';

/**
 * Why an item cannot be downloaded, known before anyone clicks. The button explains it
 * instead of failing later.
 */
export interface Unavailable {
  code: ErrorCode;
  reason?: string;
}

/** A track as a page shows it: enough to draw a button and a popup row. */
export interface TrackRef {
  platform: PlatformId;
  /** Platform id as a string (SoundCloud URN, Mixcloud key, Beatport numeric id). */
  id: string;
  url: string;
  kind: TrackKind;
  title?: string;
  artist?: string;
  artworkUrl?: string;
  durationMs?: number;
  bpm?: number;
  /** Standard notation, e.g. "Am", "F#". */
  key?: string;
  unavailable?: Unavailable;
  /** Set when the item was queued as part of a set, album, playlist or a user's uploads. */
  inSet?: SetPosition;
}

/** Where an item sits in the list it was downloaded from: becomes album / track number tags. */
export interface SetPosition {
  title: string;
  /** 1-based, in the list's own order (never id order). */
  index: number;
  total: number;
  artist?: string;
  /** An album or EP (its title is the album); a playlist keeps each track's own album. */
  isAlbum?: boolean;
}

export interface Chapter {
  /** Start in milliseconds; undefined when the source does not say (never invented). */
  startMs?: number;
  title: string;
  artist?: string;
  /** From a Beatport match of this section (enrichment); integer. */
  bpm?: number;
  /** Standard notation, from a Beatport match of this section. */
  key?: string;
}

/**
 * The one written contract for metadata (like yt-dlp's info dict): platform, id, url and title are
 * mandatory, everything else optional. Platform JSON never travels past the platform client.
 */
export interface TrackMetadata {
  platform: PlatformId;
  id: string;
  url: string;
  title: string;
  kind?: TrackKind;
  artists?: string[];
  albumArtist?: string;
  album?: string;
  genre?: string;
  subGenre?: string;
  bpm?: number;
  /** Standard notation ("Am", "F#"); converted to the user's notation when written. */
  key?: string;
  label?: string;
  isrc?: string;
  catalogNumber?: string;
  /** ISO date (YYYY-MM-DD) or date-time. */
  releaseDate?: string;
  trackNumber?: number;
  trackTotal?: number;
  discNumber?: number;
  mixName?: string;
  remixers?: string[];
  description?: string;
  comment?: string;
  tags?: string[];
  artworkUrl?: string;
  durationMs?: number;
  chapters?: Chapter[];
  /** Free-form tag pairs written as TXXX / ---- atoms, e.g. BEATPORT_TRACK_ID. */
  extra?: Record<string, string>;
}

export function primaryArtist(meta: Pick<TrackMetadata, 'artists'>): string | undefined {
  return meta.artists?.[0];
}
