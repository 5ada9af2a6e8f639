/**
 * JSON for artists, labels, genres, sub-genres and DJ charts (field names from the v4 OpenAPI
 * schemas ArtistDetail/ArtistList, LabelDetail/LabelList, GenreList, SubGenreList, ChartDetail),
 * and the search service's own track/release shape that Beatport's search pages embed.
 */
import { catalogue } from './catalogue';
import { sampleWindow } from './catalogue-builder';
import type { BpArtist, BpChart, BpLabel, BpRelease, BpTrack } from './model';
import { GENRES, genreById, keyById, SUB_GENRES, type GenreRef, type SubGenreRef } from './reference';
import { genreNested, imageJson, imageUri, priceJson, sampleUrl } from './shapes';

type Json = Record<string, unknown>;

export function artistDetail(a: BpArtist): Json {
  return {
    bio: a.bio, dj_association: null, enabled: true, id: a.id, image: imageJson(a.image), name: a.name,
    slug: a.slug, website: null,
  };
}

export function artistListItem(a: BpArtist, base: string): Json {
  return {
    created: '2019-03-11T09:21:44-06:00', id: a.id, image: imageJson(a.image), name: a.name, slug: a.slug,
    updated: '2025-01-02T10:00:00-06:00', website: null, url: `${base}/catalog/artists/${a.id}/`, dj_association: null,
  };
}

function latestPublish(l: BpLabel): string | null {
  const dates = [...catalogue().releases.values()].filter((r) => r.labelId === l.id).map((r) => r.publishDate);
  return dates.length ? (dates.sort().at(-1) ?? null) : null;
}

export function labelDetail(l: BpLabel): Json {
  return {
    bio: null, created: '2014-05-20T12:00:00-06:00', default_pre_order_weeks: 2, enabled: true, has_exclusive_contract: false,
    hype_active: true, hype_eligible: true, hype_trial_end_date: null, hype_trial_start_date: null, id: l.id, image: imageJson(l.image),
    is_available_for_bundle_subscription: true, is_available_for_hype: true, is_available_for_pre_order: true,
    is_available_for_streaming: true, is_included_in_rightsflow: true, latest_active_publish_date: latestPublish(l),
    name: l.name, slug: l.slug, updated: '2025-01-02T10:00:00-06:00',
  };
}

export function labelListItem(l: BpLabel, base: string): Json {
  const d = labelDetail(l);
  delete d.bio;
  delete d.is_available_for_bundle_subscription;
  delete d.is_included_in_rightsflow;
  return { ...d, url: `${base}/catalog/labels/${l.id}/` };
}

export function subGenreJson(s: SubGenreRef, base: string): Json {
  return { id: s.id, name: s.name, slug: s.slug, url: `${base}/catalog/sub-genres/${s.id}/`, enabled: true };
}

export function subGenreDetail(s: SubGenreRef, base: string): Json {
  return { ...subGenreJson(s, base), genre: `${base}/catalog/genres/${s.genreId}/` };
}

export function genreJson(g: GenreRef, base: string): Json {
  return {
    id: g.id, name: g.name, enabled: true, slug: g.slug,
    sub_genres: SUB_GENRES.filter((s) => s.genreId === g.id).map((s) => subGenreJson(s, base)),
    url: `${base}/catalog/genres/${g.id}/`,
  };
}

export function allGenres(): GenreRef[] {
  return [...GENRES].sort((a, b) => a.name.localeCompare(b.name));
}

export function chartJson(c: BpChart, base: string, detail: boolean): Json {
  const dj = catalogue().artists.get(c.artistId);
  const tracks = c.trackIds.flatMap((id) => catalogue().tracks.get(id) ?? []);
  const json: Json = {
    add_date: `${c.publishDate}T10:00:00-06:00`,
    artist: dj ? { id: dj.id, name: dj.name, slug: dj.slug } : null,
    change_date: `${c.publishDate}T10:00:00-06:00`,
    genres: c.genreIds.flatMap((id) => genreNested(id, base) ?? []),
    id: c.id,
    image: imageJson(c.image),
    name: c.name,
    person: dj ? { id: dj.id + 9_000_000, owner_image: imageUri(dj.image), owner_name: dj.name, owner_slug: dj.slug } : null,
    price: priceJson(tracks.reduce((sum, t) => sum + t.priceValue, 0)),
    publish_date: c.publishDate,
    slug: c.slug,
    track_count: c.trackIds.length,
  };
  if (detail) {
    Object.assign(json, { add_by: null, description: c.description, enabled: true, is_approved: true, is_indexed: true, is_published: true });
  } else json.url = `${base}/catalog/charts/${c.id}/`;
  return json;
}

/** A track as the search service returns it (different schema from the catalog: `track_id`, ...). */
export function searchTrack(t: BpTrack, score: number): Json {
  const cat = catalogue();
  const release = cat.releases.get(t.releaseId);
  const label = release ? cat.labels.get(release.labelId) : undefined;
  const key = t.keyId === null ? undefined : keyById(t.keyId);
  const genre = genreById(t.genreId);
  const people = [
    ...t.artistIds.map((id) => ({ id, type: 'Artist' })),
    ...t.remixerIds.map((id) => ({ id, type: 'Remixer' })),
  ];
  const window = sampleWindow(t.lengthMs);
  return {
    score,
    add_date: `${t.publishDate}T00:00:00`,
    artists: people.flatMap(({ id, type }) => {
      const a = cat.artists.get(id);
      return a ? [{ artist_id: a.id, artist_name: a.name, artist_type_name: type }] : [];
    }),
    bpm: t.bpm,
    catalog_number: release?.catalogNumber ?? null,
    genre: genre ? [{ genre_id: genre.id, genre_name: genre.name }] : [],
    is_available_for_streaming: true,
    is_explicit: false,
    isrc: t.isrc,
    key_id: key?.id ?? null,
    key_name: key?.name ?? null,
    label: label ? { label_id: label.id, label_name: label.name } : null,
    length: t.lengthMs,
    mix_name: t.mixName,
    price: priceJson(t.priceValue),
    publish_date: t.publishDate,
    release: release ? { release_id: release.id, release_name: release.name, release_image_uri: imageUri(release.image) } : null,
    release_date: t.newReleaseDate,
    sample_url: sampleUrl(t),
    sample_start_ms: window.start,
    sample_end_ms: window.end,
    track_id: t.id,
    track_image_uri: imageUri(t.waveform),
    track_name: t.name,
    track_number: t.number,
  };
}

export function searchRelease(r: BpRelease, score: number): Json {
  const cat = catalogue();
  const label = cat.labels.get(r.labelId);
  return {
    score,
    artists: r.artistIds.flatMap((id) => {
      const a = cat.artists.get(id);
      return a ? [{ artist_id: a.id, artist_name: a.name, artist_type_name: 'Artist' }] : [];
    }),
    catalog_number: r.catalogNumber,
    label: label ? { label_id: label.id, label_name: label.name } : null,
    release_date: r.newReleaseDate,
    release_id: r.id,
    release_image_uri: imageUri(r.image),
    release_name: r.name,
    track_count: r.trackIds.length,
    upc: r.upc,
  };
}

export function searchArtist(a: BpArtist, score: number): Json {
  return { score, artist_id: a.id, artist_name: a.name, artist_image_uri: imageUri(a.image) };
}

export function searchLabel(l: BpLabel, score: number): Json {
  return { score, label_id: l.id, label_name: l.name, label_image_uri: imageUri(l.image) };
}
