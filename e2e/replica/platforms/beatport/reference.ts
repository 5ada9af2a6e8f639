/**
 * Fixed Beatport facts the catalogue is built from: host names, genres with their real ids, the 24
 * musical keys as the v4 API names them, and a few real constants seen in captures.
 * Sources: /work/shared/platforms/beatport.md (§3, §4, §6, §9) and the captures in
 * /work/shared/captures/beatport (key ids 4, 7, 8, 10, 19 and their camelot values).
 */

export const WWW_HOST = 'www.beatport.com';
export const API_HOST = 'api.beatport.com';
export const SAMPLES_HOST = 'geo-samples.beatport.com';
export const MEDIA_HOST = 'geo-media.beatport.com';
export const NEEDLEDROP_HOST = 'needledrop.beatport.com';

/** Public API base; responses to API callers carry URLs on it. */
export const API_BASE = `https://${API_HOST}/v4`;
/** Server-side rendered data points at Beatport's internal API host (real quirk: never follow `url`). */
export const INTERNAL_API_BASE = 'https://api-internal.beatportprod.com/v4';

/** The image UUID OneTagger treats as "invalid art": Beatport's shared placeholder. */
export const PLACEHOLDER_IMAGE_UUID = 'ab2d1d04-233d-4b08-8234-9782b34dcab8';

export interface GenreRef {
  id: number;
  name: string;
  slug: string;
  /** Typical BPM range of the genre (what the catalogue draws from). */
  bpm: [number, number];
}

/** Real Beatport genre ids and names (beatport.md §6; Drum & Bass and Deep House from the captures). */
export const GENRES: GenreRef[] = [
  { id: 5, name: 'House', slug: 'house', bpm: [120, 126] },
  { id: 11, name: 'Tech House', slug: 'tech-house', bpm: [124, 128] },
  { id: 6, name: 'Techno (Peak Time / Driving)', slug: 'techno-peak-time-driving', bpm: [128, 140] },
  { id: 92, name: 'Techno (Raw / Deep / Hypnotic)', slug: 'techno-raw-deep-hypnotic', bpm: [125, 138] },
  { id: 90, name: 'Melodic House & Techno', slug: 'melodic-house-techno', bpm: [118, 126] },
  { id: 89, name: 'Afro House', slug: 'afro-house', bpm: [118, 124] },
  { id: 7, name: 'Trance (Main Floor)', slug: 'trance-main-floor', bpm: [136, 140] },
  { id: 37, name: 'Indie Dance', slug: 'indie-dance', bpm: [110, 124] },
  { id: 14, name: 'Minimal / Deep Tech', slug: 'minimal-deep-tech', bpm: [124, 130] },
  { id: 86, name: 'UK Garage / Bassline', slug: 'uk-garage-bassline', bpm: [128, 136] },
  { id: 91, name: 'Bass House', slug: 'bass-house', bpm: [124, 128] },
  { id: 39, name: 'Dance / Pop', slug: 'dance-pop', bpm: [100, 128] },
  { id: 16, name: 'DJ Tools', slug: 'dj-tools', bpm: [95, 130] },
  { id: 1, name: 'Drum & Bass', slug: 'drum-bass', bpm: [172, 175] },
  { id: 12, name: 'Deep House', slug: 'deep-house', bpm: [118, 124] },
];

export interface SubGenreRef {
  id: number;
  name: string;
  slug: string;
  genreId: number;
}

/** Sub-genre names follow Beatport's; their ids are invented (no capture lists them). */
export const SUB_GENRES: SubGenreRef[] = [
  { id: 41, name: 'Latin Tech', slug: 'latin-tech', genreId: 11 },
  { id: 42, name: 'Deep Tech', slug: 'deep-tech', genreId: 11 },
  { id: 43, name: 'Jackin House', slug: 'jackin-house', genreId: 5 },
  { id: 44, name: 'Acid', slug: 'acid', genreId: 5 },
  { id: 45, name: 'Peak Time', slug: 'peak-time', genreId: 6 },
  { id: 46, name: 'Driving', slug: 'driving', genreId: 6 },
  { id: 47, name: 'Raw', slug: 'raw', genreId: 92 },
  { id: 48, name: 'Deep / Hypnotic', slug: 'deep-hypnotic', genreId: 92 },
  { id: 49, name: 'Melodic House', slug: 'melodic-house', genreId: 90 },
  { id: 50, name: 'Melodic Techno', slug: 'melodic-techno', genreId: 90 },
  { id: 51, name: 'Afro / Latin', slug: 'afro-latin', genreId: 89 },
  { id: 52, name: 'UK Garage', slug: 'uk-garage', genreId: 86 },
  { id: 53, name: 'Bassline', slug: 'bassline', genreId: 86 },
  { id: 54, name: 'Loops', slug: 'loops', genreId: 16 },
  { id: 55, name: 'Acapellas', slug: 'acapellas', genreId: 16 },
];

export interface KeyRef {
  id: number;
  name: string;
  letter: string;
  isFlat: boolean;
  minor: boolean;
  camelotNumber: number;
  camelotLetter: 'A' | 'B';
}

/** Camelot number -> [minor root, major root], black keys spelled with flats as Beatport does. */
const CAMELOT_ROOTS: [string, string][] = [
  ['Ab', 'B'], ['Eb', 'Gb'], ['Bb', 'Db'], ['F', 'Ab'], ['C', 'Eb'], ['G', 'Bb'],
  ['D', 'F'], ['A', 'C'], ['E', 'G'], ['B', 'D'], ['Gb', 'A'], ['Db', 'E'],
];

/**
 * The 24 keys. Ids follow the pattern the captures show (F Minor 4 = 4A, D Minor 7 = 7A, A Minor 8,
 * B Minor 10, F Major 19 = 7B): minor id = camelot number, major id = 12 + camelot number.
 */
export const KEYS: KeyRef[] = CAMELOT_ROOTS.flatMap(([minorRoot, majorRoot], i) => {
  const n = i + 1;
  const make = (root: string, minor: boolean): KeyRef => ({
    id: minor ? n : 12 + n,
    name: `${root} ${minor ? 'Minor' : 'Major'}`,
    letter: root.slice(0, 1),
    isFlat: root.length > 1,
    minor,
    camelotNumber: n,
    camelotLetter: minor ? 'A' : 'B',
  });
  return [make(minorRoot, true), make(majorRoot, false)];
}).sort((a, b) => a.id - b.id);

const SHARP_TO_FLAT: Record<string, string> = { 'C#': 'Db', 'D#': 'Eb', 'F#': 'Gb', 'G#': 'Ab', 'A#': 'Bb' };

/** Find a key by a filter value such as "A Minor", "F# Major" or "eb minor" (sharps map to flats). */
export function keyByName(value: string): KeyRef | undefined {
  const m = /^\s*([A-Ga-g])\s*([#b♯♭]?)\s+(major|minor)\s*$/i.exec(value);
  if (!m) return undefined;
  const accidental = m[2] === '♯' ? '#' : m[2] === '♭' ? 'b' : (m[2] ?? '');
  let root = (m[1] ?? '').toUpperCase() + accidental;
  root = SHARP_TO_FLAT[root] ?? root;
  const minor = (m[3] ?? '').toLowerCase() === 'minor';
  return KEYS.find((k) => k.minor === minor && k.name.split(' ')[0] === root);
}

export function keyById(id: number): KeyRef | undefined {
  return KEYS.find((k) => k.id === id);
}

export function genreById(id: number): GenreRef | undefined {
  return GENRES.find((g) => g.id === id);
}

export function subGenreById(id: number): SubGenreRef | undefined {
  return SUB_GENRES.find((s) => s.id === id);
}
