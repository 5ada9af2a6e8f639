/**
 * Text folding and similarity for matching. Everything is compared in a folded form: lowercase,
 * romanised (translit.ts), without diacritics or punctuation. `looseKey` goes one step further for
 * transliterated names, and `similarity` takes the better of the two.
 */
import { romanise } from './translit';

/** Latin letters that Unicode decomposition leaves alone. */
const SPECIAL_LETTERS: Record<string, string> = {
  ø: 'o', đ: 'd', ð: 'd', ł: 'l', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th', ı: 'i', ħ: 'h', ŀ: 'l',
};
const COMBINING_MARKS = /[\u0300-\u036f]/g;
/** Apostrophes vanish ("Don't" = "dont"); every other non-letter, non-digit becomes a space. */
const APOSTROPHES = /['’‘`´]/g;
const NON_WORD = /[^\p{L}\p{N}]+/gu;

/**
 * "Zoë Ångström" -> "zoe angstrom", "Лёша Дым" -> "lyosha dym", "Rhythm & Blues" -> "rhythm and blues".
 * Whitespace-separated words, no leading or trailing space.
 */
export function foldText(text: string): string {
  const romanised = romanise(text.normalize('NFKC'));
  const stripped = romanised.normalize('NFKD').replace(COMBINING_MARKS, '').normalize('NFC');
  const latin = [...stripped].map((ch) => SPECIAL_LETTERS[ch] ?? ch).join('');
  return latin.replace(/&/g, ' and ').replace(APOSTROPHES, '').replace(NON_WORD, ' ').trim();
}

/** Drops a leading "the" ("The Prodigy" = "Prodigy"), unless it is the whole text. */
export function dropThe(folded: string): string {
  return folded.startsWith('the ') ? folded.slice(4) : folded;
}

/**
 * A spelling-insensitive key for transliterated names: collapses the usual scheme differences
 * (yo/jo/e, ya/ja/a, y/j/i, kh/h, ts/c, shch/sh) and doubled letters, without spaces. Applied to both
 * sides, so "Teplyy" and "Tyoplyy" (from "Тёплый") and "Lyosha" and "Lesha" meet.
 */
export function looseKey(folded: string): string {
  return folded
    .replace(/\s+/g, '')
    .replace(/[yj]o/g, 'e')
    .replace(/[yj]u/g, 'u')
    .replace(/[yj]a/g, 'a')
    .replace(/[yj]e/g, 'e')
    .replace(/shch/g, 'sh')
    .replace(/kh/g, 'h')
    .replace(/ts/g, 'c')
    .replace(/[yj]/g, 'i')
    .replace(/(.)\1+/g, '$1');
}

/**
 * Edit distance over code points, counting a swap of two neighbouring letters as one edit (optimal
 * string alignment): "Lantren" is one typo away from "Lantern", not two.
 */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let before: number[] = [];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let best = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) best = Math.min(best, (before[j - 2] ?? 0) + 1);
      row.push(best);
    }
    before = prev;
    prev = row;
  }
  return prev[y.length] ?? 0;
}

/** Below this, the length difference alone rules a pair out, and the distance is not computed. */
const LENGTH_CUTOFF = 0.5;

function ratio(a: string, b: string): number {
  if (a === b) return 1;
  const lengths = [[...a].length, [...b].length];
  const longest = Math.max(...lengths);
  if (longest === 0) return 1;
  // An upper bound, returned as is when it is already far below every cut-off the matcher uses
  // (2,000-character junk titles would otherwise cost a full distance table per candidate).
  const bound = 1 - Math.abs((lengths[0] ?? 0) - (lengths[1] ?? 0)) / longest;
  return bound < LENGTH_CUTOFF ? bound : 1 - editDistance(a, b) / longest;
}

/**
 * Similarity in [0, 1] of two folded strings, ignoring spaces ("Night-Drive" = "Nightdrive"):
 * the better of the plain edit ratio and the ratio of their loose keys. Two empty strings are not
 * evidence of anything, so they score 0.
 */
export function similarity(a: string, b: string): number {
  const plainA = a.replace(/\s+/g, '');
  const plainB = b.replace(/\s+/g, '');
  if (!plainA || !plainB) return 0;
  return Math.max(ratio(plainA, plainB), ratio(looseKey(a), looseKey(b)));
}
