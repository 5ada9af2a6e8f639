/**
 * The Beatport search text for a source: first artist + cleaned title, as OneTagger searches, plus
 * the version in one "()" pair when it is not the original (it ranks the right mix first). Never
 * more than one pair: Beatport's site search answers 403 to several.
 */
import { parseTitle, splitUploadTitle } from './title';
import type { MatchSource } from './types';

const CREDIT_SEPARATORS = /\s*[,&+/;×|]\s*|\s+(?:feat\.?|ft\.?|featuring|x|and|vs\.?|versus|with)\s+/i;
const BRACKET_CHARS = /[()[\]{}]/g;

/** The first name of the first non-empty credit, as written. */
export function firstCredit(credits: readonly string[]): string | undefined {
  for (const credit of credits) {
    const first = credit.split(CREDIT_SEPARATORS)[0]?.replace(BRACKET_CHARS, ' ').trim();
    if (first) return first;
  }
  return undefined;
}

export function searchQuery(source: MatchSource): string {
  const split = splitUploadTitle(source.title);
  const title = parseTitle(split?.title ?? source.title);
  const artist = firstCredit(split ? [split.artist] : source.artists) ?? '';
  const mix = title.mix.kind === 'unspecified' || title.mix.kind === 'original' ? '' : ` (${title.mix.text.replace(BRACKET_CHARS, ' ').trim()})`;
  return `${artist} ${title.display.replace(BRACKET_CHARS, ' ')}`.replace(/\s+/g, ' ').trim() + mix;
}
