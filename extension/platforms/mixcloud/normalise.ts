/**
 * Mixcloud objects -> Deckhand's TrackRef / TrackMetadata. Pure and tolerant of missing fields; strings
 * are clipped to what the message and download schemas accept (a hostile 2,000-character title must
 * not make a whole page's report invalid).
 *
 * Decisions: the show's artist is its owner (the uploader who performs the mix). Mixcloud's
 * "featuring" artists are the artists of the tracks played, so they go into chapters, not ARTIST.
 * No album: a show is not part of a release. Genre is the first tag, as the site lists it.
 */
import type { Chapter, TrackMetadata, TrackRef, Unavailable } from '../../../shared/track';
import { showKeyOf, showUrl } from './urls';
import type { McApiCloudcast, McCloudcast, McSection } from './types';

const clip = (s: string | null | undefined, max: number): string | undefined => {
  const t = s?.trim();
  return t ? t.slice(0, max) : undefined;
};

/** Why a show cannot be downloaded, from what the site says about it (GraphQL fields or page badges). */
export function unavailableOf(c: { isExclusive?: boolean | null; restrictedReason?: string | null }): Unavailable | undefined {
  if (c.isExclusive) return { code: 'stream.exclusive', reason: 'Only the creator’s Select subscribers can listen to this show.' };
  const reason = c.restrictedReason?.trim();
  if (!reason) return undefined;
  if (reason === 'tracklist') return { code: 'region.blocked', reason: 'Mixcloud cannot play this show in your country for licensing reasons.' };
  if (reason === 'repeat_play') return { code: 'stream.restricted', reason: 'You have reached Mixcloud’s play limit for this show.' };
  return { code: 'stream.restricted', reason: `Mixcloud restricts this show (${reason.slice(0, 100)}).` };
}

/**
 * "Song / Artist", the way uploaders type tracks into chapter sections. Split only when the text has
 * exactly one spaced slash with words on both sides; anything else stays the chapter's text.
 */
export function parseChapterText(text: string): Pick<Chapter, 'title' | 'artist'> {
  const parts = text.split(/\s+\/\s+/);
  const [song, artist] = parts.map((p) => p.trim());
  if (parts.length === 2 && song && artist) return { title: song, artist };
  return { title: text.trim() };
}

function startMsOf(startSeconds: number | null | undefined): number | undefined {
  return typeof startSeconds === 'number' && Number.isFinite(startSeconds) && startSeconds >= 0 ? startSeconds * 1000 : undefined;
}

/**
 * The tracklist as chapters, in the site's order. A start is given only when Mixcloud gives one
 * (never estimated); untimed entries stay in the list without a start (the cue sheet can say so,
 * file chapters skip them). Track sections read "Artist - Song" once written.
 */
export function chaptersOf(sections: McCloudcast['sections']): Chapter[] {
  const out: Chapter[] = [];
  for (const s of sections ?? []) {
    if (!s) continue;
    const startMs = startMsOf(s.startSeconds);
    const at = startMs === undefined ? {} : { startMs };
    const text = sectionText(s);
    if (text) out.push({ ...at, ...text });
  }
  return out;
}

function sectionText(s: McSection): Pick<Chapter, 'title' | 'artist'> | undefined {
  if (s.__typename === 'TrackSection' && 'songName' in s) {
    const song = clip(s.songName, 1000);
    const artist = clip(s.artistName, 1000);
    if (song) return artist ? { title: song, artist } : { title: song };
    return artist ? { title: artist } : undefined;
  }
  if (s.__typename === 'ChapterSection' && 'chapter' in s) {
    const text = clip(s.chapter, 1000);
    return text ? parseChapterText(text) : undefined;
  }
  return undefined;
}

function httpsUrl(u: string | null | undefined): string | undefined {
  return u && /^https?:\/\//i.test(u) && u.length <= 8192 ? u : undefined;
}

/** Cover candidates, largest first: the show's 1024² picture, else the owner's. */
export function artworkCandidates(c: McCloudcast): string[] {
  return [httpsUrl(c.picture?.url), httpsUrl(c.owner?.picture?.url)].filter((u): u is string => !!u);
}

function ownerName(c: McCloudcast): string | undefined {
  return clip(c.owner?.displayName, 1000) ?? clip(c.owner?.username, 1000);
}

function tagNames(c: McCloudcast): string[] {
  return (c.tags ?? []).flatMap((t) => {
    const name = clip(t?.tag?.name ?? t?.tag?.slug, 200);
    return name ? [name] : [];
  });
}

export function toMetadata(c: McCloudcast, key: string): TrackMetadata {
  const artist = ownerName(c);
  const tags = tagNames(c);
  const artworkUrl = artworkCandidates(c)[0];
  const chapters = chaptersOf(c.sections);
  const description = clip(c.description, 20000);
  const date = clip(c.publishDate, 40);
  return {
    platform: 'mixcloud',
    id: key,
    url: showUrl(key),
    title: clip(c.name, 4000) ?? 'Untitled show',
    kind: 'show',
    ...(artist ? { artists: [artist] } : {}),
    ...(tags[0] ? { genre: tags[0], tags } : {}),
    ...(date ? { releaseDate: date } : {}),
    ...(description ? { description } : {}),
    ...(artworkUrl ? { artworkUrl } : {}),
    ...(c.audioLength && c.audioLength > 0 ? { durationMs: c.audioLength * 1000 } : {}),
    ...(chapters.length ? { chapters } : {}),
  };
}

/** A show as GraphQL describes it, for a button or a "Download linked" list. */
export function refFromCloudcast(c: McCloudcast, key: string): TrackRef {
  const artist = ownerName(c);
  const title = clip(c.name, 4000);
  const artworkUrl = httpsUrl(c.picture?.url);
  const unavailable = unavailableOf(c);
  return { ...showRef(key, title, artist, artworkUrl, c.audioLength), ...(unavailable ? { unavailable } : {}) };
}

/** The TrackRef of a show, whichever API described it. */
function showRef(key: string, title?: string, artist?: string, artworkUrl?: string, lengthSec?: number | null): TrackRef {
  return {
    platform: 'mixcloud',
    id: key,
    url: showUrl(key),
    kind: 'show',
    ...(title ? { title } : {}),
    ...(artist ? { artist } : {}),
    ...(artworkUrl ? { artworkUrl } : {}),
    ...(lengthSec && lengthSec > 0 ? { durationMs: lengthSec * 1000 } : {}),
  };
}

const LIST_PICTURE_SIZES = ['320wx320h', 'large', 'extra_large', 'medium', '640wx640h', 'thumbnail'];

/** A show from a public API list. Lists say nothing about exclusivity: prepare() finds out. */
export function refFromApi(item: McApiCloudcast): TrackRef | undefined {
  const key = showKeyOf(item.url) ?? showKeyOf(item.key);
  if (!key || key.length > 300) return undefined;
  const title = clip(item.name, 4000);
  const artist = clip(item.user?.name, 1000) ?? clip(item.user?.username, 1000);
  const artworkUrl = LIST_PICTURE_SIZES.map((size) => httpsUrl(item.pictures?.[size])).find(Boolean);
  return showRef(key, title, artist, artworkUrl, item.audio_length);
}
