/**
 * What the "Tag files" page looks up for a local file: its own title and artists, or when the file
 * has none, what its name says ("01 - Mira Lenz - Solstice Run (Original Mix).mp3"), and what the
 * Beatport match would change in it (the same merge as downloads: gaps only, unless the user
 * prefers Beatport's facts).
 */
import { fieldsToMerge, type TrackMatch } from '../../shared/match';
import type { TaggerFile } from '../../shared/messages';
import type { TagEdit } from '../../shared/native-protocol';
import type { StoredCandidate } from '../core/db';
import type { MatchSubject } from './enrich';

/** "Artist - Title" from a file name: extension, leading track numbers and underscores dropped. */
export function fromFileName(filePath: string): { title: string; artists: string[] } {
  const name = (filePath.split('/').pop() ?? filePath).replace(/\.[a-z0-9]{2,4}$/i, '').replace(/_/g, ' ');
  const bare = name.replace(/^\s*\d{1,3}\s*(?:[-.)]\s*|\s+)/, '').trim();
  const dash = bare.split(/\s+[-–—]\s+/);
  if (dash.length >= 2) return { artists: [dash[0]!.trim()], title: dash.slice(1).join(' - ').trim() };
  return { title: bare, artists: [] };
}

const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

export function subjectOfFile(file: TaggerFile): MatchSubject {
  const own = file.title?.trim();
  const named = own ? { title: own, artists: file.artists ?? [] } : fromFileName(file.path);
  // The key names the file and what is looked up: fixing a file's tags looks it up afresh.
  return {
    key: `file:${file.path}|${fold(named.artists.join(', '))}|${fold(named.title)}`.slice(0, 400),
    title: named.title,
    artists: named.artists,
    ...(file.durationMs !== undefined ? { durationMs: file.durationMs } : {}),
    ...(file.isrc?.trim() ? { isrc: file.isrc.trim() } : {}),
  };
}

type Proposed = Pick<TagEdit, 'bpm' | 'key' | 'genre' | 'label' | 'isrc' | 'extra'>;

/**
 * The tags the write would set. The file's BPM, key, genre, label and ISRC count as present (and
 * stay) unless `preferBeatport`; only the five reviewed fields and the match ids are proposed.
 */
export function proposedTags(match: TrackMatch<StoredCandidate>, file: TaggerFile, preferBeatport: boolean): Proposed {
  const existing = preferBeatport
    ? {}
    : {
        ...(file.bpm !== undefined && file.bpm > 0 ? { bpm: file.bpm } : {}),
        ...(file.key?.trim() ? { key: file.key } : {}),
        ...(file.genre?.trim() ? { genre: file.genre } : {}),
        ...(file.label?.trim() ? { label: file.label } : {}),
        ...(file.isrc?.trim() ? { isrc: file.isrc } : {}),
      };
  const fields = fieldsToMerge(match, existing);
  const proposed: Proposed = {};
  if (fields.bpm !== undefined) proposed.bpm = fields.bpm;
  for (const name of ['key', 'genre', 'label', 'isrc'] as const) {
    const value = fields[name];
    if (value) proposed[name] = value;
  }
  if (Object.keys(proposed).length > 0 && fields.extra) {
    const { BEATPORT_TRACK_ID, BEATPORT_MATCH_SCORE } = fields.extra;
    proposed.extra = { ...(BEATPORT_TRACK_ID ? { BEATPORT_TRACK_ID } : {}), ...(BEATPORT_MATCH_SCORE ? { BEATPORT_MATCH_SCORE } : {}) };
  }
  return proposed;
}

/** What Beatport says for the five reviewed fields (version-level ones only from the same version). */
export function beatportFacts(match: TrackMatch<StoredCandidate>): { bpm?: number; key?: string; genre?: string; label?: string; isrc?: string } {
  const f = fieldsToMerge(match, {});
  return Object.fromEntries(
    Object.entries({ bpm: f.bpm, key: f.key, genre: f.genre, label: f.label, isrc: f.isrc }).filter(([, value]) => value !== undefined),
  );
}
