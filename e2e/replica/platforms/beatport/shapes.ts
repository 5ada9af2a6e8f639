/**
 * Catalogue records -> the v4 API's JSON, field for field as the captures show them (track detail:
 * bp-next-data_track_*; list items: bp-derived-v4shape_*; release detail: the release page capture).
 * `base` is the API base the `url` fields point at: the public host for API callers, Beatport's
 * internal host inside server-rendered page data.
 */
import { CATALOGUE_TODAY, catalogue } from './catalogue';
import { addDays, formatLength, sampleWindow } from './catalogue-builder';
import type { BpArtist, BpImage, BpLabel, BpRelease, BpTrack } from './model';
import { genreById, keyById, MEDIA_HOST, SAMPLES_HOST, subGenreById } from './reference';

type Json = Record<string, unknown>;

export function imageUri(img: BpImage, size?: string): string {
  return `https://${MEDIA_HOST}/image_size/${size ?? `${img.width}x${img.height}`}/${img.uuid}.${img.ext}`;
}

export function imageJson(img: BpImage): Json {
  return { id: img.id, uri: imageUri(img), dynamic_uri: imageUri(img, '{w}x{h}') };
}

export function sampleUrl(t: BpTrack): string {
  return `https://${SAMPLES_HOST}/track/${t.sampleUuid}.LOFI.mp3`;
}

export function priceJson(value: number): Json {
  const v = Math.round(value * 100) / 100;
  return { code: 'USD', symbol: '$', value: v, display: `$${v.toFixed(2)}` };
}

export function artistNested(a: BpArtist, base: string): Json {
  return { id: a.id, image: imageJson(a.image), name: a.name, slug: a.slug, url: `${base}/catalog/artists/${a.id}/` };
}

export function labelNested(l: BpLabel): Json {
  return { id: l.id, name: l.name, image: imageJson(l.image), slug: l.slug };
}

export function genreNested(id: number, base: string): Json | null {
  const g = genreById(id);
  return g ? { id: g.id, name: g.name, slug: g.slug, url: `${base}/catalog/genres/${g.id}/` } : null;
}

export function subGenreNested(id: number | null, base: string): Json | null {
  const s = id === null ? undefined : subGenreById(id);
  return s ? { id: s.id, name: s.name, slug: s.slug, url: `${base}/catalog/sub-genres/${s.id}/`, enabled: true } : null;
}

export function keyJson(id: number | null, base: string): Json | null {
  const k = id === null ? undefined : keyById(id);
  if (!k) return null;
  return {
    camelot_number: k.camelotNumber,
    camelot_letter: k.camelotLetter,
    chord_type: { id: k.minor ? 1 : 2, name: k.minor ? 'Minor' : 'Major', url: `${base}/catalog/chord-types/${k.minor ? 1 : 2}/` },
    id: k.id,
    is_sharp: false,
    is_flat: k.isFlat,
    letter: k.letter,
    name: k.name,
    url: `${base}/catalog/keys/${k.id}/`,
  };
}

function artistsOf(ids: number[], base: string): Json[] {
  const cat = catalogue();
  return ids.flatMap((id) => {
    const a = cat.artists.get(id);
    return a ? [artistNested(a, base)] : [];
  });
}

function releaseNested(r: BpRelease | undefined): Json | null {
  const label = r ? catalogue().labels.get(r.labelId) : undefined;
  if (!r || !label) return null;
  return { id: r.id, name: r.name, image: imageJson(r.image), label: labelNested(label), slug: r.slug };
}

function currentStatus(t: BpTrack, base: string): Json {
  // "New Release" id is invented; "General Content" 10 is in the captures.
  const fresh = t.publishDate >= addDays(CATALOGUE_TODAY, -60);
  const id = fresh ? 1 : 10;
  return { id, name: fresh ? 'New Release' : 'General Content', url: `${base}/auxiliary/current-status/${id}/` };
}

/** Fields shared by list items and detail, in the list item's order. */
function trackCore(t: BpTrack, base: string): Json {
  const window = sampleWindow(t.lengthMs);
  return {
    artists: artistsOf(t.artistIds, base),
    publish_status: 'published',
    available_worldwide: true,
    // Fields of the 2026 top-100 capture (beatport.md §4) that the 2023 captures predate.
    bsrc_remixer: [],
    is_explicit: false,
    is_ugc_remix: false,
    is_dj_edit: false,
    bpm: t.bpm,
    catalog_number: catalogue().releases.get(t.releaseId)?.catalogNumber ?? '',
    current_status: currentStatus(t, base),
    encoded_date: t.encodedDate,
    exclusive: t.exclusive,
    free_downloads: [],
    free_download_start_date: null,
    free_download_end_date: null,
    genre: genreNested(t.genreId, base),
    id: t.id,
    image: imageJson(t.waveform),
    is_available_for_streaming: true,
    isrc: t.isrc,
    key: keyJson(t.keyId, base),
    label_track_identifier: t.labelTrackIdentifier,
    length: formatLength(t.lengthMs),
    length_ms: t.lengthMs,
    mix_name: t.mixName,
    name: t.name,
    new_release_date: t.newReleaseDate,
    pre_order: false,
    pre_order_date: null,
    price: priceJson(t.priceValue),
    publish_date: t.publishDate,
    release: releaseNested(catalogue().releases.get(t.releaseId)),
    remixers: artistsOf(t.remixerIds, base),
    sale_type: { id: 1, name: 'purchase', url: `${base}/auxiliary/sale-types/1/` },
    sample_url: sampleUrl(t),
    sample_start_ms: window.start,
    sample_end_ms: window.end,
    slug: t.slug,
    sub_genre: subGenreNested(t.subGenreId, base),
  };
}

/** A track as list endpoints return it (no `number`, has `url`). */
export function trackListItem(t: BpTrack, base: string): Json {
  return { ...trackCore(t, base), url: `${base}/catalog/tracks/${t.id}/`, is_hype: t.isHype };
}

/** A track as `catalog/tracks/{id}/` and the track page return it (alphabetical, has `number`). */
export function trackDetail(t: BpTrack, base: string): Json {
  const core = trackCore(t, base);
  const detail: Json = {
    ...core,
    audio_format: null,
    desc: '',
    enabled: true,
    encode_status: 'CONVERTED',
    exclusive_period: t.exclusive
      ? { days: 28, description: 'Exclusive for 4 weeks (28 days)', id: 2, url: `${base}/auxiliary/exclusive-period/2/` }
      : { days: 0, description: 'Not exclusive', id: 1, url: `${base}/auxiliary/exclusive-period/1/` },
    hidden: false,
    is_classic: false,
    number: t.number,
    was_ever_exclusive: t.exclusive,
  };
  const sorted: Json = {};
  for (const k of Object.keys(detail).sort()) sorted[k] = detail[k];
  sorted.is_hype = t.isHype;
  return sorted;
}

function bpmRange(r: BpRelease): Json {
  const bpms = r.trackIds.flatMap((id) => {
    const bpm = catalogue().tracks.get(id)?.bpm;
    return bpm === null || bpm === undefined ? [] : [bpm];
  });
  return { min: bpms.length ? Math.min(...bpms) : null, max: bpms.length ? Math.max(...bpms) : null };
}

function releaseCore(r: BpRelease, base: string): Json {
  const label = catalogue().labels.get(r.labelId);
  return {
    artists: artistsOf(r.artistIds, base),
    bpm_range: bpmRange(r),
    catalog_number: r.catalogNumber,
    desc: r.desc,
    enabled: true,
    encoded_date: r.encodedDate,
    exclusive: false,
    id: r.id,
    image: imageJson(r.image),
    label: label ? labelNested(label) : null,
    name: r.name,
    new_release_date: r.newReleaseDate,
    override_price: r.priceValue.toFixed(2),
    pre_order: false,
    pre_order_date: null,
    price: priceJson(r.priceValue),
    price_override_firm: true,
    publish_date: r.publishDate,
    remixers: artistsOf(r.remixerIds, base),
    slug: r.slug,
  };
}

function releaseIsHype(r: BpRelease): boolean {
  return r.trackIds.some((id) => catalogue().tracks.get(id)?.isHype);
}

/** `catalog/releases/{id}/`: track URLs in reverse running order, as Beatport lists them. */
export function releaseDetail(r: BpRelease, base: string): Json {
  return {
    ...releaseCore(r, base),
    grid: null,
    is_available_for_streaming: true,
    tracks: [...r.trackIds].reverse().map((id) => `${base}/catalog/tracks/${id}/`),
    track_count: r.trackIds.length,
    type: { id: r.typeName === 'Release' ? 1 : r.typeName === 'Album' ? 2 : 3, name: r.typeName },
    upc: r.upc,
    updated: `${r.publishDate}T02:29:51-06:00`,
    is_hype: releaseIsHype(r),
  };
}

export function releaseListItem(r: BpRelease, base: string): Json {
  return {
    ...releaseCore(r, base),
    track_count: r.trackIds.length,
    upc: r.upc,
    updated: `${r.publishDate}T02:29:51-06:00`,
    url: `${base}/catalog/releases/${r.id}/`,
    is_hype: releaseIsHype(r),
  };
}
