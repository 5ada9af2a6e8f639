/**
 * Popup state for browsing: the last search (kept in the popup's localStorage so reopening the popup
 * shows it again, answered from the background's response cache without a request), the chart on
 * show, and the stack of opened views (artist / label / user / set, the user's own, a track's).
 */
import { signal } from '@preact/signals';
import { MINE_ID, type ChartId, type ChartView, type EntityListId, type EntityRef, type EntityView, type SearchFilters, type SearchPage, type TrackListId, type TrackView } from '../../../shared/browse';
import { DeckhandError, type ErrorInfo } from '../../../shared/errors';
import type { TrackRef } from '../../../shared/track';
import { ArtworkCache } from '../../core/artwork';
import { send } from '../../core/messaging';

export interface SearchForm {
  query: string;
  filters: SearchFilters;
  page: number;
}

type Loadable<T> = { state: 'idle' } | { state: 'loading' } | { state: 'done'; value: T } | { state: 'failed'; error: ErrorInfo };

const LAST_SEARCH = 'deckhand.popup.lastSearch';

export const searchResult = signal<Loadable<SearchPage>>({ state: 'idle' });
export const lastSearch = signal<SearchForm | undefined>(readLastSearch());
export const chartResult = signal<Loadable<ChartView>>({ state: 'idle' });
/** An opened view: an artist / label / user / set, or one track's or show's own view. */
export type OpenView = { entity: EntityRef; view: Loadable<EntityView> } | { track: TrackRef; view: Loadable<TrackView> };

/** Opened views, newest last; the popup shows the last one over the current tab. */
export const views = signal<OpenView[]>([]);

function readLastSearch(): SearchForm | undefined {
  try {
    const raw = localStorage.getItem(LAST_SEARCH);
    return raw ? (JSON.parse(raw) as SearchForm) : undefined;
  } catch {
    return undefined;
  }
}

const failed = (err: unknown) => ({ state: 'failed' as const, error: DeckhandError.from(err).toJSON() });

export async function runSearch(form: SearchForm): Promise<void> {
  lastSearch.value = form;
  localStorage.setItem(LAST_SEARCH, JSON.stringify(form));
  searchResult.value = { state: 'loading' };
  try {
    searchResult.value = { state: 'done', value: await send('browse.search', form) };
  } catch (err) {
    searchResult.value = failed(err);
  }
}

export async function loadChart(id: ChartId): Promise<void> {
  chartResult.value = { state: 'loading' };
  try {
    chartResult.value = { state: 'done', value: await send('browse.chart', id) };
  } catch (err) {
    chartResult.value = failed(err);
  }
}

function replaceTop(top: OpenView): void {
  views.value = [...views.value.slice(0, -1), top];
}

/** Open an entity (a new view on the stack), or with `next` / `list` show another page or tab of the one on top. */
export async function openEntity(entity: EntityRef, next?: string, list?: EntityListId): Promise<void> {
  if (!next && !list) views.value = [...views.value, { entity, view: { state: 'loading' } }];
  else if (list && !next) replaceTop({ entity, view: { state: 'loading' } });
  try {
    const view = await send('browse.entity', { platform: entity.platform, kind: entity.kind, id: entity.id, ...(next ? { next } : {}), ...(list ? { list } : {}) });
    replaceTop({ entity, view: { state: 'done', value: view } });
  } catch (err) {
    replaceTop({ entity, view: failed(err) });
  }
}

/** Open a track's or show's own view (a new view on the stack), or with `list` / `next` another tab or page of it. */
export async function openTrack(track: TrackRef, list?: TrackListId, next?: string): Promise<void> {
  if (!next && !list) views.value = [...views.value, { track, view: { state: 'loading' } }];
  else if (list && !next) replaceTop({ track, view: { state: 'loading' } });
  try {
    const view = await send('browse.track', { ref: track, ...(list ? { list } : {}), ...(next ? { next } : {}) });
    replaceTop({ track, view: { state: 'done', value: view } });
  } catch (err) {
    replaceTop({ track, view: failed(err) });
  }
}

/** The signed-in user's own view ("My SoundCloud", the Mixcloud feed). */
export function openMine(platform: 'soundcloud' | 'mixcloud', name: string): Promise<void> {
  const url = platform === 'soundcloud' ? 'https://soundcloud.com/you' : 'https://www.mixcloud.com/';
  return openEntity({ platform, kind: 'user', id: MINE_ID, name, url });
}

export function closeEntity(): void {
  views.value = views.value.slice(0, -1);
}

const artwork = new ArtworkCache();
/** Bumped when a picture becomes available locally: rows that read `localArt` render again. */
const artworkReady = signal(0);

/**
 * The local (blob:) URL of a row's picture, or undefined while it loads from IndexedDB or, the first
 * time only, from its CDN. Rows never point <img> at the network, so reopening costs no request.
 */
export function localArt(url: string | undefined): string | undefined {
  if (!url) return undefined;
  void artworkReady.value;
  const local = artwork.peek(url);
  if (local) return local;
  void artwork.load(url).then((found) => {
    if (found) artworkReady.value++;
  });
  return undefined;
}

/** A row's track as shown: the same track with its picture served locally. Downloads take the original. */
export function shownTrack(t: TrackRef): TrackRef {
  const { artworkUrl, ...rest } = t;
  const local = localArt(artworkUrl);
  return local ? { ...rest, artworkUrl: local } : rest;
}
