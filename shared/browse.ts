/**
 * Browsing across platforms: what the background answers the popup's Search and Charts tabs and its
 * artist / label / user / set views. Platform JSON never gets here: tracks are TrackRefs, people and
 * lists are EntityRefs.
 */
import type { ErrorInfo } from './errors';
import type { PlatformId } from './platform';
import type { TrackRef } from './track';

/** An artist or label (Beatport), a user (SoundCloud, Mixcloud), or a set / release / playlist. */
export type EntityKind = 'artist' | 'label' | 'user' | 'set';

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
}

export type SearchHit = { type: 'track'; track: TrackRef; genre?: string } | { type: 'entity'; entity: EntityRef };

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
  | { platform: 'beatport'; list: 'top100' | 'hype100'; genreId?: number }
  | { platform: 'mixcloud'; list: 'popular' | 'hot' | 'new'; tag?: string };

export interface ChartView {
  title: string;
  tracks: TrackRef[];
  /** How the list was read when it is not the plain API (Beatport Hype 100: from the chart page). */
  note?: string;
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
  /** Cursor for the next page of `tracks` (browse.entity with `next`); absent on the last page. */
  next?: string;
}
