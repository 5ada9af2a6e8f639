/**
 * The matcher's inputs and outputs. Candidates are Beatport v4 track objects typed minimally and
 * every field optional, so the extension's own Beatport types (and search results missing fields)
 * can be passed as they are.
 */
import type { BeatportKeyObject } from '../keys';

/** What SoundCloud, Mixcloud or a local file says about a track. */
export interface MatchSource {
  title: string;
  /** Artist credits as given; may be one string with separators ("A & B feat. C"). */
  artists: string[];
  /** The full track's length (not a 30 s preview's). */
  durationMs?: number;
  isrc?: string;
}

export interface BeatportNamed {
  id?: number;
  name?: string;
}

export interface BeatportCandidate {
  id?: number;
  /** May carry trailing spaces, and sometimes "feat. X". */
  name?: string;
  mix_name?: string | null;
  artists?: BeatportNamed[] | null;
  /** Often empty even for "X Remix" mixes: the matcher also reads the remixer from mix_name. */
  remixers?: BeatportNamed[] | null;
  isrc?: string | null;
  length_ms?: number | null;
  /** Integer; sometimes half-time. */
  bpm?: number | null;
  key?: BeatportKeyObject | null;
  genre?: BeatportNamed | null;
  sub_genre?: BeatportNamed | null;
  catalog_number?: string | null;
  new_release_date?: string | null;
  publish_date?: string | null;
  release?: (BeatportNamed & { label?: BeatportNamed | null }) | null;
}

export interface MatchOptions {
  /** Minimum score to accept (default MATCH_THRESHOLD). */
  threshold?: number;
  /** Largest length difference that still counts as the same version (default 5 s). */
  durationToleranceMs?: number;
  /** Candidate ids the user rejected ("not this one"). */
  exclude?: readonly number[];
}

/** The components of a score, each in [0, 1], with short human-readable notes. */
export interface MatchReasons {
  title: number;
  artists: number;
  mix: number;
  /** Absent when either side has no length. */
  duration?: number;
  isrc: 'match' | 'differs' | 'absent';
  notes: string[];
}

export interface TrackMatch<T extends BeatportCandidate = BeatportCandidate> {
  track: T;
  id: number;
  /** In [0, 1]. */
  score: number;
  reasons: MatchReasons;
  /** Length within tolerance; undefined when either length is unknown. */
  durationAgrees?: boolean;
  /**
   * The same version of the recording: lengths agree, or (lengths unknown) the version names agree.
   * BPM, key, length and ISRC are only taken from a match of the same version.
   */
  sameVersion: boolean;
}
