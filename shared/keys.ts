/**
 * Musical key notation: parse what platforms and users write ("A Minor", "Am", "F# Major", "Ebm",
 * Camelot "8A", Open Key "1m", Beatport key objects) and format it as standard short names, Camelot
 * or Open Key. Standard names use flats, as Beatport does ("Dbm", "Gb"), and never exceed three
 * characters, so they fit ID3 TKEY.
 *
 * Camelot numbers walk the circle of fifths: one step up a fifth (+7 semitones) is +1, with Am = 8A
 * and C = 8B. Open Key = ((Camelot − 8) mod 12) + 1, "m" for minor and "d" for major (beatport.md §9).
 */

export type KeyNotation = 'standard' | 'camelot' | 'openkey';

export interface MusicalKey {
  /** Pitch class of the tonic: 0 = C, 1 = Db, ... 11 = B. */
  pitchClass: number;
  minor: boolean;
}

/** Beatport's key object (`track.key`): the Camelot fields are authoritative when present. */
export interface BeatportKeyObject {
  camelot_number?: number | null;
  camelot_letter?: string | null;
  name?: string | null;
}

const PITCH_NAMES = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'Gb', 'G', 'Ab', 'A', 'Bb', 'B'] as const;
const NATURAL_PITCH: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };
/** Tonic of Camelot 8: A minor (8A) and C major (8B). */
const CAMELOT_8_TONIC = { minor: 9, major: 0 };

const mod12 = (n: number): number => ((n % 12) + 12) % 12;

/** Steps around the circle of fifths from Camelot 8 (0..11); 7 is its own inverse mod 12. */
function fifthsFromEight(key: MusicalKey): number {
  const tonic = key.minor ? CAMELOT_8_TONIC.minor : CAMELOT_8_TONIC.major;
  return mod12((key.pitchClass - tonic) * 7);
}

function fromFifths(steps: number, minor: boolean): MusicalKey {
  const tonic = minor ? CAMELOT_8_TONIC.minor : CAMELOT_8_TONIC.major;
  return { pitchClass: mod12(tonic + 7 * steps), minor };
}

export function camelotNumber(key: MusicalKey): number {
  return mod12(fifthsFromEight(key) + 7) + 1;
}

export function formatKey(key: MusicalKey, notation: KeyNotation): string {
  switch (notation) {
    case 'standard':
      return `${PITCH_NAMES[mod12(key.pitchClass)] ?? 'C'}${key.minor ? 'm' : ''}`;
    case 'camelot':
      return `${camelotNumber(key)}${key.minor ? 'A' : 'B'}`;
    case 'openkey':
      return `${fifthsFromEight(key) + 1}${key.minor ? 'm' : 'd'}`;
  }
}

const WHEEL = /^0?(1[0-2]|[1-9])\s*([ABabMmDd])$/;
// Root, optional accidental, optional mode word (interpreted in modeIsMinor).
const STANDARD = /^([A-Ga-g])(#|b|[\s-]*sharp|[\s-]*flat)?\s*([A-Za-z]*)\.?$/i;
const MINOR_WORDS = new Set(['min', 'minor', 'moll', 'mi']);
const MAJOR_WORDS = new Set(['', 'maj', 'major', 'dur', 'ma']);

/** A lone lowercase "m" means minor ("Am"), a lone uppercase "M" major ("AM"); words in any case. */
function modeIsMinor(mode: string): boolean | undefined {
  if (mode === 'm') return true;
  if (mode === 'M') return false;
  const word = mode.toLowerCase();
  if (MINOR_WORDS.has(word)) return true;
  if (MAJOR_WORDS.has(word)) return false;
  return undefined;
}

function parseWheel(text: string): MusicalKey | undefined {
  const m = WHEEL.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  const letter = (m[2] ?? '').toLowerCase();
  if (letter === 'a' || letter === 'b') return fromFifths(mod12(n - 8), letter === 'a');
  // Open Key: n = steps + 1.
  return fromFifths(n - 1, letter === 'm');
}

function parseStandard(text: string): MusicalKey | undefined {
  const m = STANDARD.exec(text);
  if (!m) return undefined;
  const root = NATURAL_PITCH[(m[1] ?? '').toUpperCase()];
  if (root === undefined) return undefined;
  const accidental = (m[2] ?? '').toLowerCase().replace(/[\s-]/g, '');
  const shift = accidental === '#' || accidental === 'sharp' ? 1 : accidental === 'b' || accidental === 'flat' ? -1 : 0;
  const minor = modeIsMinor(m[3] ?? '');
  if (minor === undefined) return undefined;
  return { pitchClass: mod12(root + shift), minor };
}

/** Key from a name, a Camelot/Open Key code or a Beatport key object; undefined when unknown ("o", "", junk). */
export function parseKey(input: string | BeatportKeyObject | null | undefined): MusicalKey | undefined {
  if (input === null || input === undefined) return undefined;
  if (typeof input === 'object') {
    const n = input.camelot_number;
    const letter = input.camelot_letter?.trim().toUpperCase();
    if (typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 12 && (letter === 'A' || letter === 'B')) {
      return fromFifths(mod12(n - 8), letter === 'A');
    }
    return typeof input.name === 'string' ? parseKey(input.name) : undefined;
  }
  const text = input.normalize('NFKC').replace(/♯/g, '#').replace(/♭/g, 'b').trim();
  if (text === '') return undefined;
  return parseWheel(text) ?? parseStandard(text);
}

/** Parse and re-format in one step; undefined when the input is not a key. */
export function convertKey(input: string | BeatportKeyObject | null | undefined, notation: KeyNotation): string | undefined {
  const key = parseKey(input);
  return key ? formatKey(key, notation) : undefined;
}
