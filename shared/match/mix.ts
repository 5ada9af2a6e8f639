/**
 * Versions ("mixes"): what Beatport's `mix_name` says and what uploaders put in brackets or after a
 * dash. A version is a kind (original, extended, radio, club, dub, instrumental, VIP, a remix by
 * someone, or some other named version) and, for remixes, who made it.
 */
import { foldText, similarity } from './fold';
import { splitArtistText } from './artists';

export type MixKind = 'unspecified' | 'original' | 'extended' | 'radio' | 'club' | 'dub' | 'instrumental' | 'vip' | 'remix' | 'other';

export interface MixInfo {
  kind: MixKind;
  /** Folded remixer names (remixes only). */
  by: string[];
  /** The version text as written ("Juno Brask Remix"), for reasons and search queries. */
  text: string;
}

export const UNSPECIFIED_MIX: MixInfo = { kind: 'unspecified', by: [], text: '' };

/** Folded spellings of each plain version (no remixer). */
const KNOWN: Record<Exclude<MixKind, 'unspecified' | 'remix' | 'other'>, string[]> = {
  original: ['original mix', 'original', 'original version', 'original edit', 'main mix', 'album version', 'album mix'],
  extended: ['extended mix', 'extended', 'extended version', 'extended edit', 'extended original mix'],
  radio: ['radio edit', 'radio mix', 'radio version', 'radio', 'edit', 'short edit', 'single edit', 'short mix', 'single version'],
  club: ['club mix', 'club edit', 'club version', 'extended club mix'],
  dub: ['dub', 'dub mix', 'dub version'],
  instrumental: ['instrumental', 'instrumental mix', 'instrumental version'],
  vip: ['vip', 'vip mix', 'vip edit'],
};
const KNOWN_KIND = new Map<string, MixKind>(Object.entries(KNOWN).flatMap(([kind, forms]) => forms.map((f) => [f, kind as MixKind])));

/** Last words that make "<names> <word>" a remix-like version. */
const VERSION_WORDS = new Set(['remix', 'rmx', 'mix', 'edit', 'dub', 'rework', 'reedit', 'bootleg', 'flip', 'refix', 'version', 'remake', 'vip', 'cut', 'reprise']);
/** Words that make any bracket a version of its own ("Live", "Bootleg", "Sped Up"), never the original. */
const STANDALONE_VERSION_WORDS = new Set(['live', 'acoustic', 'acapella', 'mashup', 'bootleg', 'rework', 'flip', 'refix', 'slowed', 'sped', 'nightcore', 'cover', 'demo', 'unplugged', 'remix', 'rmx', 'dub', 'vip', 'version', 'edit']);
/** Words between the names and the version word that describe the version, not the remixer. */
const MODIFIERS = new Set(['extended', 'club', 'radio', 'original', 'dub', 'vocal', 'instrumental', 'short', 'long', 'deep', 'main', 'clean', 'dirty', 'explicit', 're', 'vip', 'remix', 'mix']);

/** Known spellings long enough that a typo cannot turn one into another ("Oirginal Mix", "Extedned Mix"). */
const TYPO_TOLERANT = [...KNOWN_KIND].filter(([form]) => form.length >= 8);

function knownKind(folded: string): MixKind | undefined {
  const exact = KNOWN_KIND.get(folded);
  if (exact) return exact;
  return TYPO_TOLERANT.find(([form]) => similarity(form, folded) >= 0.85)?.[1];
}

/** A version text in any spelling -> its kind and remixers; unknown text -> 'other'. */
export function parseMix(text: string | null | undefined): MixInfo {
  const shown = (text ?? '').trim();
  const folded = foldText(shown);
  if (!folded) return UNSPECIFIED_MIX;
  const known = knownKind(folded);
  if (known) return { kind: known, by: [], text: shown };
  const words = folded.split(' ');
  if (!VERSION_WORDS.has(words[words.length - 1] ?? '')) return { kind: 'other', by: [], text: shown };
  let end = words.length - 1;
  while (end > 0 && MODIFIERS.has(words[end - 1] ?? '')) end--;
  if (end === 0) return { kind: 'other', by: [], text: shown };
  // Folded "and" still separates names, as "&" does in Beatport's remixer lists.
  return { kind: 'remix', by: splitArtistText(words.slice(0, end).join(' ')), text: shown };
}

/** True when bracketed or dash-separated text names a version (rather than "Free Download" noise). */
export function isVersionText(text: string): boolean {
  const kind = parseMix(text).kind;
  if (kind !== 'other') return kind !== 'unspecified';
  return foldText(text).split(' ').some((word) => STANDALONE_VERSION_WORDS.has(word) || VERSION_WORDS.has(word));
}

/** The edits of one recording: these can stand for each other when the source does not say. */
const SAME_RECORDING: ReadonlySet<MixKind> = new Set(['original', 'extended', 'radio', 'club']);

function sameRemixers(a: string[], b: string[]): boolean {
  return a.some((x) => b.some((y) => similarity(x, y) >= 0.85));
}

/**
 * How well a candidate's version fits the source's, in [0, 1]; 0 is a conflict (another remix, a
 * dub for a club mix, a remix for an original). An unspecified source version prefers the
 * original and tolerates other edits of the same recording; the duration decides among those.
 */
export function mixScore(source: MixInfo, candidate: MixInfo): number {
  const cand = candidate.kind === 'unspecified' ? 'original' : candidate.kind;
  if (source.kind === 'unspecified') return cand === 'original' ? 1 : SAME_RECORDING.has(cand) ? 0.75 : 0;
  if (source.kind === 'remix') return cand === 'remix' && sameRemixers(source.by, candidate.by) ? 1 : 0;
  if (source.kind === 'other') return cand === 'other' && similarity(foldText(source.text), foldText(candidate.text)) >= 0.9 ? 1 : 0;
  if (source.kind === cand) return 1;
  return SAME_RECORDING.has(source.kind) && SAME_RECORDING.has(cand) ? 0.6 : 0;
}
