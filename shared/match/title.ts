/**
 * Titles as uploaders and Beatport write them, taken apart into the song's core title, its version
 * and its featured artists: "Higher Ground (feat. Lua Mar) [Extended Mix] [FREE DOWNLOAD]",
 * "Lantern Code - Juno Brask Remix", "Paper Moons Original Mix". Brackets that name neither a
 * version nor a featured artist ("Free Download", "Premiere", "Clean") are noise and dropped, and so
 * is a channel's " | Label" tail.
 */
import { dropThe, foldText } from './fold';
import { isVersionText, parseMix, UNSPECIFIED_MIX, type MixInfo } from './mix';

export interface ParsedTitle {
  /** Folded core title, "the" dropped: what two titles are compared on. */
  core: string;
  /** The core title as written (brackets, version and feat. removed), for search queries. */
  display: string;
  mix: MixInfo;
  /** Featured-artist credits as written ("Lua Mar"). */
  featured: string[];
}

const BRACKETS = /[([{]([^)\]}]*)[)\]}]/g;
const FEAT_PREFIX = /^(?:feat\.?|ft\.?|featuring|with)\s+/i;
const FEAT_INLINE = /\s(?:feat\.?|ft\.?|featuring)\s+(.+)$/i;
/** Channel furniture before the title: "Premiere: ", "PREMIERE | ", "Free DL - ". */
const NOISE_PREFIX = /^\s*(?:premiere|exclusive|free\s*(?:download|dl)|out\s*now)\s*[:|\-–—]\s*/i;
/** Channel furniture after the title: "Title | Kasbah Sound Vault", "Title // OUT NOW". */
const NOISE_SUFFIX = /\s+(?:\||\/\/)\s+.*$/;
/** Versions written without brackets or dash at the very end ("Paper Moons Original Mix"). */
const TRAILING_VERSIONS = ['original mix', 'extended mix', 'radio edit', 'club mix', 'dub mix', 'instrumental mix'];
/** " - ", " – ", " — " between parts. */
const DASH = /\s+[-–—]\s+/;

/** Text after the last dash, when it names a version ("Title - Extended Mix"). */
function dashVersion(text: string): { rest: string; version?: string } {
  const parts = text.split(DASH);
  const last = parts[parts.length - 1];
  if (parts.length < 2 || last === undefined || !isVersionText(last)) return { rest: text };
  return { rest: parts.slice(0, -1).join(' - '), version: last };
}

export function parseTitle(raw: string): ParsedTitle {
  let text = raw.normalize('NFKC').replace(NOISE_PREFIX, '').replace(NOISE_SUFFIX, '').trim();
  const featured: string[] = [];
  let version: string | undefined;
  text = text.replace(BRACKETS, (_whole, inner: string) => {
    const body = inner.trim();
    if (FEAT_PREFIX.test(body)) featured.push(body.replace(FEAT_PREFIX, ''));
    else if (version === undefined && isVersionText(body)) version = body;
    return ' ';
  });
  // Stray brackets left by unbalanced input are punctuation, not structure.
  text = text.replace(/[()[\]{}]/g, ' ').replace(/\s+/g, ' ').trim();
  const dashed = dashVersion(text);
  text = dashed.rest;
  version ??= dashed.version;
  const inlineFeat = FEAT_INLINE.exec(text);
  if (inlineFeat) {
    featured.push(inlineFeat[1] ?? '');
    text = text.slice(0, inlineFeat.index).trim();
  }
  let core = dropThe(foldText(text));
  if (version === undefined) {
    const trailing = TRAILING_VERSIONS.find((v) => core.endsWith(` ${v}`));
    if (trailing) {
      version = trailing;
      core = core.slice(0, -trailing.length - 1);
      text = text.slice(0, text.length - trailing.length).trim();
    }
  }
  return { core, display: text, mix: version === undefined ? UNSPECIFIED_MIX : parseMix(version), featured };
}

/**
 * Splits an upload title "Artist - Title" when its left part is the artist credit: SoundCloud and
 * Mixcloud uploaders (and labels' channels) put the artists there. "Title - Extended Mix" is not
 * split. Returns undefined when there is no such left part.
 */
export function splitUploadTitle(raw: string): { artist: string; title: string } | undefined {
  const text = raw.normalize('NFKC').replace(NOISE_PREFIX, '').trim();
  const match = DASH.exec(text);
  if (!match) return undefined;
  const artist = text.slice(0, match.index).trim();
  const title = text.slice(match.index + match[0].length).trim();
  // "Title - Extended Mix": the right part starts with a version, so the left part is the title.
  const rightHead = title.split(DASH)[0] ?? '';
  if (!artist || !title || isVersionText(rightHead.replace(BRACKETS, ' '))) return undefined;
  return { artist, title };
}
