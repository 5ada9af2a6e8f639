/**
 * Beatport catalogue browsing for the popup (background only): catalog search by type, the filtered
 * track list, Top 100 (global and per genre), Hype 100, DJ charts, genres and sub-genres, and artist /
 * label / release / DJ chart views.
 * Everything leaves here as TrackRef / EntityRef.
 *
 * Hype 100 has no API path (platform notes: "read it from page data"): it is read from the chart
 * page's __NEXT_DATA__ (`/hype-100`, `/genre/<slug>/<id>/hype-100`), the same JSON the site renders.
 */
import type { ChartView, EntityRef, EntityView, GenreOption, TrackFacts } from '../../../shared/browse';
import { DeckhandError } from '../../../shared/errors';
import type { TrackRef } from '../../../shared/track';
import { request } from '../../core/http';
import type { BeatportApi } from './api';
import { djChart, djCharts } from './api-charts';
import { WWW } from './links';
import { tracksOfPageProps } from './next-data';
import { sizedImage, THUMB_SIZE, toTrackRef } from './normalise';
import type { BpNamed, BpNextData, BpPage, BpRelease, BpTrack } from './types';

export type BpSearchType = 'tracks' | 'releases' | 'artists' | 'labels';

/** Filters of `catalog/tracks/` (django-filter: `a:b` slices for BPM and dates). */
export interface BpTrackFilters {
  name?: string;
  genreId?: number;
  subGenreId?: number;
  labelId?: number;
  artistId?: number;
  bpmMin?: number;
  bpmMax?: number;
  /** Beatport's key name, e.g. "A Minor" (see beatportKeyName). */
  keyName?: string;
  /** ISO dates (YYYY-MM-DD), inclusive. */
  releasedFrom?: string;
  releasedTo?: string;
  orderBy?: string;
  page?: number;
  perPage?: number;
}

export interface BpListPage<T> {
  items: T[];
  hasMore: boolean;
  count?: number;
}

const PER_PAGE = 25;
const MAX_PER_PAGE = 100;

/** `a:b`, `a:`, `:b` or nothing. */
function slice(lo: string | number | undefined, hi: string | number | undefined): string | undefined {
  if (lo === undefined && hi === undefined) return undefined;
  return `${lo ?? ''}:${hi ?? ''}`;
}

export function trackFilterQuery(f: BpTrackFilters): Record<string, string | number | undefined> {
  return {
    name: f.name?.trim() || undefined,
    genre_id: f.genreId,
    sub_genre_id: f.subGenreId,
    label_id: f.labelId,
    artist_id: f.artistId,
    bpm: slice(f.bpmMin, f.bpmMax),
    key_name: f.keyName,
    new_release_date: slice(f.releasedFrom, f.releasedTo),
    order_by: f.orderBy,
    page: f.page ?? 1,
    per_page: Math.min(f.perPage ?? PER_PAGE, MAX_PER_PAGE),
  };
}

/** A Beatport list item as an entity of the given kind. */
export function entityOf(kind: 'artist' | 'label' | 'set', item: BpNamed & { label?: BpNamed | null }): EntityRef | undefined {
  if (typeof item.id !== 'number' || !item.name) return undefined;
  const path = kind === 'set' ? 'release' : kind;
  const imageUrl = sizedImage(item.image, THUMB_SIZE);
  return {
    platform: 'beatport',
    kind,
    id: String(item.id),
    name: item.name.trim(),
    url: `${WWW}/${path}/${item.slug || '-'}/${item.id}`,
    ...(imageUrl ? { imageUrl } : {}),
    ...(kind === 'set' && item.label?.name ? { subtitle: item.label.name } : {}),
  };
}

/** Genre, sub-genre, label and release date of each track, by id (for the Search tab's Beatport-only filters). */
export function factsOf(tracks: BpTrack[] | undefined): Map<string, TrackFacts> {
  const facts = new Map<string, TrackFacts>();
  for (const t of tracks ?? []) {
    if (t.id === undefined) continue;
    const released = t.new_release_date ?? t.publish_date ?? undefined;
    facts.set(String(t.id), {
      ...(typeof t.sub_genre?.id === 'number' ? { subGenreId: t.sub_genre.id } : {}),
      ...(t.release?.label?.name ? { label: t.release.label.name } : {}),
      ...(typeof t.release?.label?.id === 'number' ? { labelId: t.release.label.id } : {}),
      ...(typeof t.genre?.id === 'number' ? { genreId: t.genre.id } : {}),
      ...(released ? { released: released.slice(0, 10) } : {}),
    });
  }
  return facts;
}

const refs = (tracks: BpTrack[] | undefined) => (tracks ?? []).map(toTrackRef).filter((r): r is TrackRef => !!r);
const hasMore = (page: BpPage<unknown> | { next?: string | null }) => !!page.next;

export class BeatportBrowse {
  constructor(private readonly api: BeatportApi) {}

  /** catalog/search by one type; tracks come back with their genre (for cross-platform filters). */
  async search(
    q: string,
    type: BpSearchType,
    page = 1,
    perPage = PER_PAGE,
  ): Promise<BpListPage<TrackRef | EntityRef> & { genres: Map<string, string>; facts: Map<string, TrackFacts> }> {
    const answer = await this.api.get<Record<string, unknown> & { next?: string | null; count?: number }>(
      'catalog/search/',
      { q, type, page, per_page: Math.min(perPage, MAX_PER_PAGE) },
      'search',
    );
    const raw = (answer[type] as (BpTrack & BpRelease)[] | undefined) ?? [];
    const genres = new Map<string, string>();
    let items: (TrackRef | EntityRef)[];
    const facts = type === 'tracks' ? factsOf(raw) : new Map<string, TrackFacts>();
    if (type === 'tracks') {
      for (const t of raw) if (t.genre?.name && t.id !== undefined) genres.set(String(t.id), t.genre.name);
      items = refs(raw);
    } else {
      const kind = type === 'artists' ? 'artist' : type === 'labels' ? 'label' : 'set';
      items = raw.map((r) => entityOf(kind, r)).filter((e): e is EntityRef => !!e);
    }
    return { items, hasMore: hasMore(answer), genres, facts, ...(typeof answer.count === 'number' ? { count: answer.count } : {}) };
  }

  /** The filtered track list (genre, sub-genre, label, artist, BPM range, key, release date, paging). */
  async tracks(filters: BpTrackFilters): Promise<BpListPage<TrackRef> & { genres: Map<string, string>; facts: Map<string, TrackFacts> }> {
    const answer = await this.api.get<BpPage<BpTrack>>('catalog/tracks/', trackFilterQuery(filters), 'list');
    const genres = new Map<string, string>();
    for (const t of answer.results ?? []) if (t.genre?.name && t.id !== undefined) genres.set(String(t.id), t.genre.name);
    return {
      items: refs(answer.results),
      hasMore: hasMore(answer),
      genres,
      facts: factsOf(answer.results),
      ...(typeof answer.count === 'number' ? { count: answer.count } : {}),
    };
  }

  /** DJ charts, newest first, overall or of one genre. */
  async djCharts(genreId?: number): Promise<ChartView> {
    const genre = genreId === undefined ? undefined : await this.api.get<BpNamed>(`catalog/genres/${genreId}/`, {}, 'reference');
    return djCharts(this.api, genreId, genre?.name);
  }

  /** One DJ chart's tracks in the chart's order, a page at a time. */
  djChart(id: number, page = 1): Promise<EntityView> {
    return djChart(this.api, id, page);
  }

  async genres(): Promise<GenreOption[]> {
    const all = await this.api.all<BpNamed>('catalog/genres/', { max: 500, cache: 'reference' });
    return all.flatMap((g) => (typeof g.id === 'number' && g.name ? [{ platform: 'beatport' as const, id: String(g.id), name: g.name }] : []));
  }

  async subGenres(genreId: number): Promise<GenreOption[]> {
    const all = await this.api.all<BpNamed>(`catalog/genres/${genreId}/sub-genres/`, { max: 500, cache: 'reference' });
    return all.flatMap((g) => (typeof g.id === 'number' && g.name ? [{ platform: 'beatport' as const, id: String(g.id), name: g.name }] : []));
  }

  async top100(genreId?: number): Promise<ChartView> {
    const genre = genreId === undefined ? undefined : await this.api.get<BpNamed>(`catalog/genres/${genreId}/`, {}, 'reference');
    const path = genreId === undefined ? 'catalog/tracks/top/100/' : `catalog/genres/${genreId}/top/100/`;
    const tracks = await this.api.all(path, { max: 100, cache: 'charts' });
    return { title: `Beatport ${genre?.name ? `${genre.name} ` : ''}Top 100`, tracks: refs(tracks) };
  }

  /** Hype 100 from the chart page's own data (no API path exists). */
  async hype100(genreId?: number): Promise<ChartView> {
    const genre = genreId === undefined ? undefined : await this.api.get<BpNamed>(`catalog/genres/${genreId}/`, {}, 'reference');
    const path = genre ? `/genre/${genre.slug || '-'}/${genreId}/hype-100` : '/hype-100';
    const page = await request<string>(`${WWW}${path}`, { platform: 'beatport', headers: { accept: 'text/html' }, cache: 'charts' });
    const data = nextDataOfHtml(String(page.data));
    if (!data) throw new DeckhandError('network.http', 'The Beatport Hype 100 page carried no chart data.');
    return {
      title: `Beatport ${genre?.name ? `${genre.name} ` : ''}Hype 100`,
      tracks: tracksOfPageProps(data.props?.pageProps).slice(0, 100),
      note: 'Read from the Hype 100 page: Beatport has no API for it.',
    };
  }

  async artist(id: number, page = 1): Promise<EntityView> {
    const [artist, tracks] = await Promise.all([
      this.api.get<BpNamed>(`catalog/artists/${id}/`, {}, 'metadata'),
      this.api.get<BpPage<BpTrack>>(`catalog/artists/${id}/tracks/`, { page, per_page: PER_PAGE }, 'list'),
    ]);
    return { entity: required(entityOf('artist', artist), 'artist', id), tracks: refs(tracks.results), children: [], ...nextPage(tracks, page) };
  }

  /** A label: its newest tracks, and its releases to open. */
  async label(id: number, page = 1): Promise<EntityView> {
    const [label, releases, tracks] = await Promise.all([
      this.api.get<BpNamed>(`catalog/labels/${id}/`, {}, 'metadata'),
      this.api.get<BpPage<BpRelease>>(`catalog/labels/${id}/releases/`, { page: 1, per_page: PER_PAGE }, 'list'),
      this.tracks({ labelId: id, orderBy: '-publish_date', page }),
    ]);
    const children = (releases.results ?? []).map((r) => entityOf('set', r)).filter((e): e is EntityRef => !!e);
    return { entity: required(entityOf('label', label), 'label', id), tracks: tracks.items, children, ...(tracks.hasMore ? { next: String(page + 1) } : {}) };
  }

  async release(id: number): Promise<EntityView> {
    const [release, tracks] = await Promise.all([
      this.api.get<BpRelease>(`catalog/releases/${id}/`, {}, 'metadata'),
      this.api.all(`catalog/releases/${id}/tracks/`, { max: 200, cache: 'metadata' }),
    ]);
    return { entity: required(entityOf('set', release), 'release', id), tracks: refs(tracks), children: [] };
  }
}

/** Beatport pages by number: the cursor is the next page's number. */
const nextPage = (answer: { next?: string | null }, page: number) => (answer.next ? { next: String(page + 1) } : {});

function required(entity: EntityRef | undefined, what: string, id: number): EntityRef {
  if (!entity) throw new DeckhandError('not-found', `Beatport has no ${what} ${id}.`);
  return entity;
}

/** script#__NEXT_DATA__ out of page HTML (no DOM in the service worker). */
export function nextDataOfHtml(html: string): BpNextData | undefined {
  const m = /<script[^>]*id="__NEXT_DATA__"[^>]*>([\s\S]*?)<\/script>/.exec(html);
  if (!m?.[1]) return undefined;
  try {
    return JSON.parse(m[1]) as BpNextData;
  } catch {
    return undefined;
  }
}
