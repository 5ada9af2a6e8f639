/**
 * Popup state for browsing: the last search (kept in the popup's localStorage so reopening the popup
 * shows it again, answered from the background's response cache without a request), the chart on
 * show, and the stack of opened artist / label / user / set views.
 */
import { signal } from '@preact/signals';
import type { ChartId, ChartView, EntityListId, EntityRef, EntityView, SearchFilters, SearchPage } from '../../../shared/browse';
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
/** Opened views, newest last; the popup shows the last one over the current tab. */
export const views = signal<{ entity: EntityRef; view: Loadable<EntityView> }[]>([]);

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

function replaceTop(entity: EntityRef, view: Loadable<EntityView>): void {
  views.value = [...views.value.slice(0, -1), { entity, view }];
}

/** Open an entity (a new view on the stack), or with `next` / `list` show another page or tab of the one on top. */
export async function openEntity(entity: EntityRef, next?: string, list?: EntityListId): Promise<void> {
  if (!next && !list) views.value = [...views.value, { entity, view: { state: 'loading' } }];
  else if (list && !next) replaceTop(entity, { state: 'loading' });
  try {
    const view = await send('browse.entity', { platform: entity.platform, kind: entity.kind, id: entity.id, ...(next ? { next } : {}), ...(list ? { list } : {}) });
    replaceTop(entity, { state: 'done', value: view });
  } catch (err) {
    replaceTop(entity, failed(err));
  }
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
