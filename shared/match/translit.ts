/**
 * Romanisation of the non-Latin scripts uploaders most often transliterate: Cyrillic (Russian,
 * Ukrainian, Belarusian, Serbian/Macedonian letters) and Japanese kana. Kanji and other scripts stay
 * as they are, so a name written in the same script on both sides still compares equal.
 *
 * Schemes differ between uploaders ("Лёша" is "Lyosha", "Lesha" or "Ljosha"); `looseKey` in fold.ts
 * absorbs those differences, this table only has to be one reasonable scheme (BGN/PCGN-like).
 */

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts',
  ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  // Ukrainian, Belarusian, Serbian and Macedonian letters.
  і: 'i', ї: 'yi', є: 'ye', ґ: 'g', ў: 'u', ђ: 'dj', ј: 'j', љ: 'lj', њ: 'nj', ћ: 'c', џ: 'dz', ѓ: 'gj', ќ: 'kj', ѕ: 'dz',
};

/** Hiragana syllables (katakana is mapped onto hiragana first). */
const KANA: Record<string, string> = {
  あ: 'a', い: 'i', う: 'u', え: 'e', お: 'o',
  か: 'ka', き: 'ki', く: 'ku', け: 'ke', こ: 'ko', が: 'ga', ぎ: 'gi', ぐ: 'gu', げ: 'ge', ご: 'go',
  さ: 'sa', し: 'shi', す: 'su', せ: 'se', そ: 'so', ざ: 'za', じ: 'ji', ず: 'zu', ぜ: 'ze', ぞ: 'zo',
  た: 'ta', ち: 'chi', つ: 'tsu', て: 'te', と: 'to', だ: 'da', ぢ: 'ji', づ: 'zu', で: 'de', ど: 'do',
  な: 'na', に: 'ni', ぬ: 'nu', ね: 'ne', の: 'no',
  は: 'ha', ひ: 'hi', ふ: 'fu', へ: 'he', ほ: 'ho', ば: 'ba', び: 'bi', ぶ: 'bu', べ: 'be', ぼ: 'bo',
  ぱ: 'pa', ぴ: 'pi', ぷ: 'pu', ぺ: 'pe', ぽ: 'po',
  ま: 'ma', み: 'mi', む: 'mu', め: 'me', も: 'mo', や: 'ya', ゆ: 'yu', よ: 'yo',
  ら: 'ra', り: 'ri', る: 'ru', れ: 're', ろ: 'ro', わ: 'wa', ゐ: 'i', ゑ: 'e', を: 'o', ん: 'n', ゔ: 'vu',
};
/** Small ya/yu/yo merge with the syllable before: き+ゃ = kya, し+ゃ = sha. */
const SMALL_Y: Record<string, string> = { ゃ: 'a', ゅ: 'u', ょ: 'o' };
/** Small vowels replace the vowel before: フ+ァ = fa, テ+ィ = ti. */
const SMALL_VOWEL: Record<string, string> = { ぁ: 'a', ぃ: 'i', ぅ: 'u', ぇ: 'e', ぉ: 'o', ゎ: 'a' };
const SOKUON = 'っ';
const CHOONPU = 'ー';

const KATAKANA_START = 0x30a1;
const KATAKANA_END = 0x30f6;
const KATA_TO_HIRA = 0x60;

function toHiragana(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  return code >= KATAKANA_START && code <= KATAKANA_END ? String.fromCodePoint(code - KATA_TO_HIRA) : ch;
}

function mergeSmallY(out: string, vowel: string): string {
  if (!out.endsWith('i')) return out + 'y' + vowel;
  const stem = out.slice(0, -1);
  // sh/ch/j already carry the glide: しゃ is "sha", not "shya".
  return /(sh|ch|j)$/.test(stem) ? stem + vowel : stem + 'y' + vowel;
}

function romaniseKana(text: string): string {
  let out = '';
  let doubleNext = false;
  for (const raw of text) {
    const ch = toHiragana(raw);
    const syllable = KANA[ch];
    if (syllable !== undefined) {
      out += doubleNext ? (syllable.startsWith('ch') ? 't' : syllable[0]) + syllable : syllable;
      doubleNext = false;
    } else if (ch in SMALL_Y) out = mergeSmallY(out, SMALL_Y[ch] as string);
    else if (ch in SMALL_VOWEL) out = /[aeiou]$/.test(out) ? out.slice(0, -1) + SMALL_VOWEL[ch] : out + SMALL_VOWEL[ch];
    else if (ch === SOKUON) doubleNext = true;
    else if (ch === CHOONPU) out += /[aeiou]$/.test(out) ? out.slice(-1) : '';
    else {
      out += raw;
      doubleNext = false;
    }
  }
  return out;
}

const HAS_KANA = /[\u3041-\u3096\u30a1-\u30fc]/;
const HAS_CYRILLIC = /[\u0400-\u04ff]/;

/** Lowercase text with Cyrillic letters and kana replaced by Latin ones; everything else kept. */
export function romanise(text: string): string {
  let out = text.toLowerCase();
  if (HAS_CYRILLIC.test(out)) out = [...out].map((ch) => CYRILLIC[ch] ?? ch).join('');
  if (HAS_KANA.test(out)) out = romaniseKana(out);
  return out;
}
