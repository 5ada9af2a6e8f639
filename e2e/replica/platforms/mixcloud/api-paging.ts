/**
 * api.mixcloud.com paging. Lists answer {data, paging:{previous, next}}. Date-ordered lists page by
 * date unless `offset` is given: `next` carries `until=<last item's time>` (strictly older) and
 * `previous` carries `since=<first item's time>` (strictly newer), both as "YYYY-MM-DD HH:MM:SS" UTC,
 * exactly as in the captured thelotradio page. Ranked lists page by `offset`. The last page has no
 * `next` key. `access_token` is not copied into the links.
 */
import { API } from './api-shapes';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
const PAGING_PARAMS = ['limit', 'offset', 'since', 'until', 'access_token', 'callback'];

export interface DatedItem<T> {
  /** ISO time that orders the list (publish, favourite, listen or follow time). */
  at: string;
  value: T;
}

export interface ListPage<T> {
  data: T[];
  paging: { previous?: string; next?: string };
}

/** "2021-06-09 16:35:32": the API's date form in paging links. */
export function apiDate(iso: string): string {
  return iso.replace('T', ' ').replace(/(\.\d+)?Z$/, '');
}

/** Unix seconds, "YYYY-MM-DD HH:MM:SS" (UTC) or ISO; undefined when unreadable. */
export function parseApiDate(value: string): number | undefined {
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value.replace(' ', 'T') : `${value.replace(' ', 'T')}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

function limitOf(query: URLSearchParams): number {
  const n = Number.parseInt(query.get('limit') ?? '', 10);
  return Number.isFinite(n) && n > 0 ? Math.min(n, MAX_LIMIT) : DEFAULT_LIMIT;
}

function link(path: string, query: URLSearchParams, extra: Record<string, string>): string {
  const params = new URLSearchParams();
  for (const [k, v] of query) if (!PAGING_PARAMS.includes(k)) params.append(k, v);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return `${API}${path}?${params.toString()}`;
}

/** One page of a list that is newest first. */
export function datePage<T>(path: string, query: URLSearchParams, items: DatedItem<T>[]): ListPage<T> {
  if (query.has('offset')) return offsetPage(path, query, items.map((i) => i.value));
  const limit = limitOf(query);
  const since = parseApiDate(query.get('since') ?? '');
  const until = parseApiDate(query.get('until') ?? '');
  let window = items;
  if (until !== undefined) window = window.filter((i) => Date.parse(i.at) < until);
  let chosen: DatedItem<T>[];
  if (since !== undefined) {
    const newer = window.filter((i) => Date.parse(i.at) > since);
    chosen = newer.slice(Math.max(0, newer.length - limit));
  } else {
    chosen = window.slice(0, limit);
  }
  const first = chosen[0];
  const last = chosen[chosen.length - 1];
  const paging: ListPage<T>['paging'] = {};
  if (last && items.some((i) => Date.parse(i.at) < Date.parse(last.at))) {
    paging.next = link(path, query, { limit: String(limit), until: apiDate(last.at) });
  }
  if (first) paging.previous = link(path, query, { limit: String(limit), since: apiDate(first.at) });
  return { data: chosen.map((i) => i.value), paging };
}

/** One page of a ranked list (popular, search, playlists). */
export function offsetPage<T>(path: string, query: URLSearchParams, items: T[]): ListPage<T> {
  const limit = limitOf(query);
  const offset = Math.max(0, Number.parseInt(query.get('offset') ?? '0', 10) || 0);
  const paging: ListPage<T>['paging'] = {};
  if (offset + limit < items.length) paging.next = link(path, query, { limit: String(limit), offset: String(offset + limit) });
  if (offset > 0) paging.previous = link(path, query, { limit: String(limit), offset: String(Math.max(0, offset - limit)) });
  return { data: items.slice(offset, offset + limit), paging };
}
