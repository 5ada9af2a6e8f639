/**
 * The v4 list filters (django-filter semantics from the OpenAPI descriptions): comma-separated OR
 * lists, case-insensitive containment for names, `a:b` / `:b` / `a:` slices for dates and BPM, and
 * `order_by` with `-` for descending. Malformed numbers give DRF's 400 body `{field: [message]}`.
 */
import { catalogue } from './catalogue';
import type { BpRelease, BpTrack } from './model';
import { genreById, keyByName } from './reference';

export type FilterResult<T> = { ok: true; items: T[] } | { ok: false; errors: Record<string, string[]> };

function list(params: URLSearchParams, name: string): string[] | undefined {
  const raw = params.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  return raw.split(',').map((s) => s.trim()).filter(Boolean);
}

/** Slice syntax: "a", "a:b", ":b", "a:". Works for ISO dates and numbers alike. */
function inSlice<T extends string | number>(value: T | null, raw: string, parse: (s: string) => T): boolean {
  if (value === null) return false;
  if (!raw.includes(':')) return value === parse(raw);
  const [lo, hi] = raw.split(':');
  if (lo && value < parse(lo)) return false;
  if (hi && value > parse(hi)) return false;
  return true;
}

const contains = (hay: string, needles: string[]) => needles.some((n) => hay.toLowerCase().includes(n.toLowerCase()));

class Checker {
  errors: Record<string, string[]> = {};
  constructor(private readonly params: URLSearchParams) {}

  ids(name: string): number[] | undefined {
    const values = list(this.params, name);
    if (!values) return undefined;
    if (values.some((v) => !/^\d+(\.0+)?$/.test(v))) {
      this.errors[name] = ['Enter a number.'];
      return undefined;
    }
    return values.map(Number);
  }

  slice(name: string, kind: 'date' | 'number'): string | undefined {
    const raw = this.params.get(name);
    if (raw === null || raw === '') return undefined;
    const ok = kind === 'date' ? /^(\d{4}-\d{2}-\d{2})?(:(\d{4}-\d{2}-\d{2})?)?$/.test(raw) : /^(\d+)?(:(\d+)?)?$/.test(raw);
    if (!ok) {
      this.errors[name] = [kind === 'date' ? 'Enter a valid date.' : 'Enter a number.'];
      return undefined;
    }
    return raw;
  }
}

function labelOf(t: BpTrack) {
  const release = catalogue().releases.get(t.releaseId);
  return release ? catalogue().labels.get(release.labelId) : undefined;
}

function artistNames(ids: number[]): string {
  return ids.map((id) => catalogue().artists.get(id)?.name ?? '').join(' ');
}

export function filterTracks(tracks: BpTrack[], params: URLSearchParams): FilterResult<BpTrack> {
  const c = new Checker(params);
  const artistIds = c.ids('artist_id');
  const labelIds = c.ids('label_id');
  const genreIds = c.ids('genre_id');
  const subGenreIds = c.ids('sub_genre_id');
  const releaseIds = c.ids('release_id');
  const keyIds = c.ids('key_id');
  const ids = c.ids('id');
  const bpm = c.slice('bpm', 'number');
  const publish = c.slice('publish_date', 'date');
  const released = c.slice('new_release_date', 'date');
  if (Object.keys(c.errors).length) return { ok: false, errors: c.errors };
  const isrcs = list(params, 'isrc')?.map((s) => s.toUpperCase());
  const keyNames = list(params, 'key_name');
  const keyIdsByName = keyNames?.map((n) => keyByName(n)?.id ?? -1);
  const mixNames = list(params, 'mix_name');
  const names = list(params, 'name');
  const artistNameQ = list(params, 'artist_name');
  const labelNameQ = list(params, 'label_name');
  const catalogNumbers = list(params, 'catalog_number')?.map((s) => s.toLowerCase());
  const hype = params.get('is_hype');
  const items = tracks.filter((t) => {
    const people = [...t.artistIds, ...t.remixerIds];
    if (artistIds && !artistIds.some((id) => people.includes(id))) return false;
    if (labelIds && !labelIds.includes(labelOf(t)?.id ?? -1)) return false;
    if (genreIds && !genreIds.includes(t.genreId)) return false;
    if (subGenreIds && !subGenreIds.includes(t.subGenreId ?? -1)) return false;
    if (releaseIds && !releaseIds.includes(t.releaseId)) return false;
    if (keyIds && !keyIds.includes(t.keyId ?? -1)) return false;
    if (ids && !ids.includes(t.id)) return false;
    if (keyIdsByName && !keyIdsByName.includes(t.keyId ?? -2)) return false;
    if (isrcs && !isrcs.includes(t.isrc ?? '')) return false;
    if (mixNames && !contains(t.mixName, mixNames)) return false;
    if (names && !contains(t.name, names)) return false;
    if (artistNameQ && !contains(artistNames(people), artistNameQ)) return false;
    if (labelNameQ && !contains(labelOf(t)?.name ?? '', labelNameQ)) return false;
    if (catalogNumbers && !catalogNumbers.includes((catalogue().releases.get(t.releaseId)?.catalogNumber ?? '').toLowerCase())) return false;
    if (hype === 'true' && !t.isHype) return false;
    if (hype === 'false' && t.isHype) return false;
    if (bpm && !inSlice(t.bpm, bpm, Number)) return false;
    if (publish && !inSlice(t.publishDate, publish, String)) return false;
    if (released && !inSlice(t.newReleaseDate, released, String)) return false;
    return true;
  });
  return { ok: true, items: orderTracks(items, params.get('order_by')) };
}

type Key<T> = (item: T) => string | number;

function sortBy<T>(items: T[], orderBy: string | null, keys: Record<string, Key<T>>, fallback: string[]): T[] {
  const fields = (orderBy ? orderBy.split(',') : fallback).map((f) => f.trim()).filter((f) => keys[f.replace(/^-/, '')]);
  const order = fields.length ? fields : fallback;
  return [...items].sort((a, b) => {
    for (const f of order) {
      const key = keys[f.replace(/^-/, '')];
      if (!key) continue;
      const x = key(a);
      const y = key(b);
      if (x === y) continue;
      const cmp = x < y ? -1 : 1;
      return f.startsWith('-') ? -cmp : cmp;
    }
    return 0;
  });
}

/** Default: newest first, then by id descending (as the captured release-track list is ordered). */
export function orderTracks(items: BpTrack[], orderBy: string | null): BpTrack[] {
  return sortBy(items, orderBy, {
    publish_date: (t) => t.publishDate,
    release_date: (t) => t.newReleaseDate,
    genre: (t) => genreById(t.genreId)?.name ?? '',
    label: (t) => labelOf(t)?.name ?? '',
    name: (t) => t.name.toLowerCase(),
    release_id: (t) => t.releaseId,
    id: (t) => t.id,
  }, ['-publish_date', '-id']);
}

export function filterReleases(releases: BpRelease[], params: URLSearchParams): FilterResult<BpRelease> {
  const c = new Checker(params);
  const artistIds = c.ids('artist_id');
  const labelIds = c.ids('label_id');
  const genreIds = c.ids('genre_id');
  const trackIds = c.ids('track_id');
  const publish = c.slice('publish_date', 'date');
  if (Object.keys(c.errors).length) return { ok: false, errors: c.errors };
  const names = list(params, 'name');
  const catalogNumbers = list(params, 'catalog_number')?.map((s) => s.toLowerCase());
  const upcs = list(params, 'upc');
  const tracksOf = (r: BpRelease) => r.trackIds.flatMap((id) => catalogue().tracks.get(id) ?? []);
  const items = releases.filter((r) => {
    if (artistIds && !artistIds.some((id) => r.artistIds.includes(id) || r.remixerIds.includes(id))) return false;
    if (labelIds && !labelIds.includes(r.labelId)) return false;
    if (genreIds && !tracksOf(r).some((t) => genreIds.includes(t.genreId))) return false;
    if (trackIds && !trackIds.some((id) => r.trackIds.includes(id))) return false;
    if (names && !contains(r.name, names)) return false;
    if (catalogNumbers && !catalogNumbers.includes(r.catalogNumber.toLowerCase())) return false;
    if (upcs && !upcs.includes(r.upc ?? '')) return false;
    if (publish && !inSlice(r.publishDate, publish, String)) return false;
    return true;
  });
  return {
    ok: true,
    items: sortBy(items, params.get('order_by'), {
      publish_date: (r) => r.publishDate,
      release_date: (r) => r.newReleaseDate,
      name: (r) => r.name.toLowerCase(),
      label: (r) => catalogue().labels.get(r.labelId)?.name ?? '',
      id: (r) => r.id,
    }, ['-publish_date', '-id']),
  };
}
