/**
 * Artists as sets: split every credit on the separators uploaders and stores use (",", "&", "feat.",
 * "ft.", "featuring", "x", "and", "vs", "with"...), fold each name, and compare sets, so order and
 * separator style never matter. Both sides are split the same way, so an act whose name contains "&"
 * ("Vince & Lo") meets "Vince and Lo" as the same two words.
 */
import { dropThe, foldText, similarity } from './fold';

/** Separators that are punctuation (checked before folding removes them). */
const PUNCTUATION_SEPARATORS = /\s*[,&+/;×|]\s*/;
/** Separators that are words, in folded text. */
const WORD_SEPARATORS = /\s(?:feat|ft|featuring|x|and|vs|versus|with|meets|b2b)\s/;
/** Two names are the same artist from this similarity on (a typo, a transliteration variant). */
export const NAME_MATCH = 0.85;

/** "Nadia Ferro, Tomás Reyel & The Kid feat. Lua" -> ["nadia ferro", "tomas reyel", "kid", "lua"]. */
export function splitArtistText(text: string): string[] {
  const names: string[] = [];
  for (const piece of text.split(PUNCTUATION_SEPARATORS)) {
    // Pad so separators at either end are found too ("feat. Lua" after a split).
    for (const name of ` ${foldText(piece)} `.split(WORD_SEPARATORS)) {
      const cleaned = dropThe(name.trim());
      if (cleaned && !['feat', 'ft', 'featuring'].includes(cleaned) && !names.includes(cleaned)) names.push(cleaned);
    }
  }
  return names;
}

/** Every credit of a list, split and folded, without repeats. */
export function splitArtists(credits: readonly string[]): string[] {
  const names: string[] = [];
  for (const credit of credits) for (const name of splitArtistText(credit)) if (!names.includes(name)) names.push(name);
  return names;
}

function isIn(name: string, pool: readonly string[]): boolean {
  return pool.some((other) => similarity(name, other) >= NAME_MATCH);
}

export interface ArtistComparison {
  /** In [0, 1]; 0 when the source names none of the candidate's main artists (nor only its remixers). */
  score: number;
  /** Candidate's credited artists found among the source's names. */
  mainMatched: number;
  mainTotal: number;
  /** Source names found among the candidate's artists, featured artists or remixers. */
  sourceMatched: number;
  sourceTotal: number;
}

/**
 * Half the score is how many of the candidate's artists the source names (an uploader often lists
 * only the first), half how many of the source's names the candidate accounts for (a remixer or a
 * featured artist counts, an unrelated name does not). A remixer uploading their remix often
 * credits only themselves: when none of the main artists is named but every source name is one of
 * the candidate's remixers, the first half is 0 rather than the whole score.
 */
export function compareArtists(
  sourceNames: readonly string[],
  candidate: { main: readonly string[]; featured: readonly string[]; remixers: readonly string[] },
): ArtistComparison {
  const everyone = [...candidate.main, ...candidate.featured, ...candidate.remixers];
  const mainMatched = candidate.main.filter((name) => isIn(name, sourceNames)).length;
  const sourceMatched = sourceNames.filter((name) => isIn(name, everyone)).length;
  const mainTotal = candidate.main.length;
  const sourceTotal = sourceNames.length;
  const remixerOnly = mainMatched === 0 && sourceTotal > 0 && sourceNames.every((name) => isIn(name, candidate.remixers));
  const score = sourceTotal === 0 || (mainMatched === 0 && !remixerOnly) ? 0 : 0.5 * (mainMatched / mainTotal) + 0.5 * (sourceMatched / sourceTotal);
  return { score, mainMatched, mainTotal, sourceMatched, sourceTotal };
}
