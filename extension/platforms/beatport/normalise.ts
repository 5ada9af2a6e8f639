/**
 * Beatport objects -> Deckhand's TrackRef / TrackMetadata. Pure and tolerant of missing fields; used
 * by the content script (page data) and the background (API answers) alike.
 *
 * Everything Beatport lets a visitor save is the 120 s preview, so every item is kind 'preview'.
 * The cover is always the RELEASE image: `track.image` is a waveform picture.
 */
import { formatKey, parseKey, type BeatportKeyObject } from '../../../shared/keys';
import type { TrackMetadata, TrackRef, Unavailable } from '../../../shared/track';
import { trackPageUrl } from './links';
import type { BpImage, BpSearchTrack, BpTrack } from './types';

/** Largest useful cover size (release images are 1400² at the source). */
export const COVER_SIZE = 1400;
/** Cover size for buttons and the popup list. */
export const THUMB_SIZE = 250;

const httpsOnly = (url: string | undefined): string | undefined => (url && /^https:\/\//i.test(url) ? url : undefined);

/** An image at a square size: `dynamic_uri` with {w}x{h} filled in, else the fixed `uri` re-sized. */
export function sizedImage(image: BpImage | string | null | undefined, size: number): string | undefined {
  if (!image) return undefined;
  const fixed = typeof image === 'string' ? image : image.uri;
  const dynamic = typeof image === 'string' ? undefined : image.dynamic_uri;
  if (dynamic?.includes('{w}x{h}')) return httpsOnly(dynamic.replace('{w}x{h}', `${size}x${size}`));
  return httpsOnly(fixed?.replace(/\/image_size\/\d+x\d+\//, `/image_size/${size}x${size}/`));
}

/** Cover candidates, largest first: the release image at 1400, then as listed. Never the waveform. */
export function coverCandidates(track: Pick<BpTrack, 'release'>): string[] {
  const image = track.release?.image;
  const urls = [sizedImage(image, COVER_SIZE), httpsOnly(image?.uri)].filter((u): u is string => !!u);
  return [...new Set(urls)];
}

/** Standard short key ("Dbm", "F") from a key object or a name ("D Major"); undefined when unknown. */
export function standardKey(input: BeatportKeyObject | string | null | undefined): string | undefined {
  const key = parseKey(input);
  return key ? formatKey(key, 'standard') : undefined;
}

/** "Name (Mix Name)", as DJ software lists Beatport tracks; the stored name loses its trailing spaces. */
export function displayTitle(name: string | null | undefined, mixName: string | null | undefined): string {
  const title = (name ?? '').trim();
  const mix = (mixName ?? '').trim();
  if (!mix || title.toLowerCase().includes(`(${mix.toLowerCase()})`)) return title;
  return title ? `${title} (${mix})` : mix;
}

// Words that describe a version rather than name a person: "Extended Mix", "Radio Edit", "Club Dub".
const GENERIC_WORDS = new Set(
  'original extended radio club dub instrumental vocal main album single short long clean dirty explicit acoustic live special alternative alternate mixed continuous dj intro outro acapella a cappella reprise vip full length version mix edit remix 12" 7" 12inch 7inch'.split(' '),
);
const VERSION_SUFFIX = /^(.*?)\s+(remix|rework|re-?edit|edit|bootleg|refix|flip|rerub|dub|mix|version)$/i;

/**
 * The remixer named in a mix name ("Juno Brask Remix" → ["Juno Brask"]), for the many tracks whose
 * `remixers` list is empty. Generic versions ("Extended Mix", "Radio Edit", "Club Dub") name nobody.
 * A credit like "A & B Remix" stays one name: "&" also joins duo names ("Vince & Lo").
 */
export function remixersFromMixName(mixName: string | null | undefined): string[] {
  const m = VERSION_SUFFIX.exec((mixName ?? '').trim());
  if (!m?.[1]) return [];
  const words = m[1].trim().split(/\s+/);
  while (words.length && GENERIC_WORDS.has((words.at(-1) as string).toLowerCase())) words.pop();
  if (words.every((w) => GENERIC_WORDS.has(w.toLowerCase()))) return [];
  return [words.join(' ')];
}

const names = (list: { name?: string }[] | null | undefined): string[] =>
  (list ?? []).map((a) => a.name?.trim() ?? '').filter((n) => n !== '');

/** The preview's place in the full track, when the data says. */
export function previewWindow(track: Pick<BpTrack, 'sample_start_ms' | 'sample_end_ms'>): { startMs: number; endMs: number } | undefined {
  const start = track.sample_start_ms;
  const end = track.sample_end_ms;
  if (typeof start !== 'number' || typeof end !== 'number' || !(end > start) || start < 0) return undefined;
  return { startMs: start, endMs: end };
}

/** Longest title or artist a TrackRef carries: refs are for display; full metadata comes by id. */
const MAX_REF_TEXT = 1000;

/** A ref that always passes the message schemas, whatever the page holds (2,000-character titles…). */
export function boundedRef(ref: TrackRef): TrackRef {
  const out = { ...ref };
  if (out.title && out.title.length > MAX_REF_TEXT) out.title = `${out.title.slice(0, MAX_REF_TEXT - 1)}…`;
  if (out.artist && out.artist.length > MAX_REF_TEXT) out.artist = `${out.artist.slice(0, MAX_REF_TEXT - 1)}…`;
  if (out.artworkUrl && out.artworkUrl.length > 2048) delete out.artworkUrl;
  if (out.url.length > 2048) out.url = trackPageUrl(out.id);
  return out;
}

function noPreview(sampleUrl: string | null | undefined, present: boolean): Unavailable | undefined {
  if (!present || httpsOnly(sampleUrl ?? undefined)) return undefined;
  return { code: 'stream.none', reason: 'Beatport offers no preview for this track.' };
}

export function toTrackRef(t: BpTrack): TrackRef | undefined {
  if (typeof t.id !== 'number' && typeof t.id !== 'string') return undefined;
  const title = displayTitle(t.name, t.mix_name);
  const artists = names(t.artists);
  const key = standardKey(t.key);
  const artworkUrl = sizedImage(t.release?.image, THUMB_SIZE);
  const unavailable = noPreview(t.sample_url, 'sample_url' in t);
  return boundedRef({
    platform: 'beatport',
    id: String(t.id),
    url: trackPageUrl(t.id, t.slug),
    kind: 'preview',
    ...(title ? { title } : {}),
    ...(artists.length ? { artist: artists.join(', ') } : {}),
    ...(artworkUrl ? { artworkUrl } : {}),
    ...(typeof t.length_ms === 'number' && t.length_ms > 0 ? { durationMs: t.length_ms } : {}),
    ...(typeof t.bpm === 'number' && t.bpm > 0 ? { bpm: t.bpm } : {}),
    ...(key ? { key } : {}),
    ...(unavailable ? { unavailable } : {}),
  });
}

/** A track in the search service's shape (search pages). */
export function searchTrackToRef(t: BpSearchTrack): TrackRef | undefined {
  if (typeof t.track_id !== 'number') return undefined;
  const artists = (t.artists ?? []).filter((a) => (a.artist_type_name ?? 'Artist') === 'Artist');
  return toTrackRef({
    id: t.track_id,
    name: t.track_name ?? '',
    mix_name: t.mix_name ?? null,
    artists: artists.map((a) => ({ name: a.artist_name ?? '' })),
    bpm: t.bpm ?? null,
    key: t.key_name ? { name: t.key_name } : null,
    length_ms: t.length ?? null,
    release: t.release?.release_image_uri ? { image: { uri: t.release.release_image_uri } } : null,
    ...('sample_url' in t ? { sample_url: t.sample_url ?? null } : {}),
  });
}

/** Full metadata of the TRACK (the preview is labelled by the backend when it prepares the file). */
export function toMetadata(t: BpTrack): TrackMetadata {
  const id = String(t.id ?? '');
  const artists = names(t.artists);
  const listed = names(t.remixers);
  const remixers = listed.length ? listed : remixersFromMixName(t.mix_name);
  const key = standardKey(t.key);
  const mixName = t.mix_name?.trim();
  const date = t.new_release_date || t.publish_date;
  const window = previewWindow(t);
  const extra: Record<string, string> = { BEATPORT_TRACK_ID: id };
  if (typeof t.release?.id === 'number') extra.BEATPORT_RELEASE_ID = String(t.release.id);
  if (window) {
    extra.PREVIEW_START_MS = String(window.startMs);
    extra.PREVIEW_END_MS = String(window.endMs);
  }
  const cover = coverCandidates(t)[0];
  return {
    platform: 'beatport',
    id,
    url: trackPageUrl(id, t.slug),
    title: t.name?.trim() || 'Untitled',
    kind: 'preview',
    ...(artists.length ? { artists } : {}),
    ...(mixName ? { mixName } : {}),
    ...(remixers.length ? { remixers } : {}),
    ...(t.release?.name?.trim() ? { album: t.release.name.trim() } : {}),
    ...(t.release?.label?.name?.trim() ? { label: t.release.label.name.trim() } : {}),
    ...(t.genre?.name ? { genre: t.genre.name } : {}),
    ...(t.sub_genre?.name ? { subGenre: t.sub_genre.name } : {}),
    ...(typeof t.bpm === 'number' && t.bpm > 0 ? { bpm: t.bpm } : {}),
    ...(key ? { key } : {}),
    ...(t.isrc ? { isrc: t.isrc } : {}),
    ...(t.catalog_number ? { catalogNumber: t.catalog_number } : {}),
    ...(date ? { releaseDate: date } : {}),
    ...(typeof t.number === 'number' && t.number > 0 ? { trackNumber: t.number } : {}),
    ...(cover ? { artworkUrl: cover } : {}),
    ...(typeof t.length_ms === 'number' && t.length_ms > 0 ? { durationMs: t.length_ms } : {}),
    extra,
  };
}
