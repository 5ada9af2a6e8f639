/** Matching SoundCloud/Mixcloud uploads and local files to Beatport tracks (issue 7). Pure: no browser or Node APIs. */
export { matchTrack, rankCandidates, MATCH_THRESHOLD, DURATION_TOLERANCE_MS } from './matcher';
export { fieldsToMerge, type MergeOptions } from './merge';
export { searchQuery } from './query';
export { normaliseIsrc } from './score';
export type { BeatportCandidate, BeatportNamed, MatchOptions, MatchReasons, MatchSource, TrackMatch } from './types';
