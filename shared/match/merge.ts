/**
 * Which Beatport facts a download gains from a match. Release-level facts (genre, label, catalogue
 * number, release date, album) hold for any version of the song. Version-level facts (BPM, key,
 * length, ISRC, mix name, remixers) only come from the same version: Beatport often sells the
 * extended mix, whose length and ISRC differ. Nothing the source already says is overwritten.
 */
import { convertKey } from '../keys';
import type { TrackMetadata } from '../track';
import type { BeatportCandidate, TrackMatch } from './types';

export interface MergeOptions {
  /**
   * Take BPM and key from another version too ("any version" enrichment: extended and original
   * mixes usually share them). Length and ISRC still need the same version.
   */
  anyVersion?: boolean;
}

/** The fields the merge may fill in. */
type Filled = Pick<TrackMetadata, 'genre' | 'subGenre' | 'label' | 'catalogNumber' | 'releaseDate' | 'album' | 'bpm' | 'key' | 'durationMs' | 'isrc' | 'mixName' | 'remixers' | 'extra'>;

function present(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

const text = (value: string | null | undefined): string | undefined => (value && value.trim() ? value.trim() : undefined);

/**
 * The fields to add to `existing` (the source's metadata). `extra` comes back whole (the existing
 * pairs plus BEATPORT_TRACK_ID and BEATPORT_MATCH_SCORE), so `{...existing, ...fieldsToMerge(...)}`
 * is the merged metadata.
 */
export function fieldsToMerge(match: TrackMatch<BeatportCandidate>, existing: Partial<TrackMetadata>, opts: MergeOptions = {}): Partial<Filled> {
  const t = match.track;
  const found: Partial<Filled> = {
    genre: text(t.genre?.name),
    subGenre: text(t.sub_genre?.name),
    label: text(t.release?.label?.name),
    catalogNumber: text(t.catalog_number),
    releaseDate: text(t.new_release_date ?? t.publish_date)?.slice(0, 10),
    album: text(t.release?.name),
  };
  if (match.sameVersion || opts.anyVersion) {
    if (typeof t.bpm === 'number' && t.bpm > 0) found.bpm = Math.round(t.bpm);
    found.key = convertKey(t.key, 'standard');
  }
  if (match.sameVersion) {
    if (typeof t.length_ms === 'number' && t.length_ms > 0) found.durationMs = t.length_ms;
    found.isrc = text(t.isrc);
    found.mixName = text(t.mix_name);
    const remixers = (t.remixers ?? []).flatMap((r) => text(r.name) ?? []);
    if (remixers.length) found.remixers = remixers;
  }
  const out: Partial<Filled> = {};
  for (const [field, value] of Object.entries(found) as [keyof Filled, Filled[keyof Filled]][]) {
    if (present(value) && !present(existing[field])) Object.assign(out, { [field]: value });
  }
  const extra = { ...existing.extra };
  extra.BEATPORT_TRACK_ID ??= String(match.id);
  extra.BEATPORT_MATCH_SCORE ??= match.score.toFixed(2);
  out.extra = extra;
  return out;
}
