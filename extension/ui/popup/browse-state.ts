/**
 * Popup state for browsing: the last search (kept in the popup's localStorage so reopening the popup
 * shows it again, answered from the background's response cache without a request), the chart on
 * show, and the stack of opened artist / label / user / set views.
 */
import { signal } from '@preact/signals';
import type { ChartId, ChartView, EntityRef, EntityView, SearchFilters, SearchPage } from '../../../shared/browse';
import { DeckhandError, type ErrorInfo } from '../../../shared/errors';
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

export async function openEntity(entity: EntityRef, next?: string): Promise<void> {
  if (!next) views.value = [...views.value, { entity, view: { state: 'loading' } }];
  try {
    const view = await send('browse.entity', { platform: entity.platform, kind: entity.kind, id: entity.id, ...(next ? { next } : {}) });
    replaceTop(entity, { state: 'done', value: view });
  } catch (err) {
    replaceTop(entity, failed(err));
  }
}

export function closeEntity(): void {
  views.value = views.value.slice(0, -1);
}
