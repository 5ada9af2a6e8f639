/**
 * api-v2 list paging: `limit` (max 200) and `offset`, which is either a number or, on user lists,
 * an opaque cursor such as "2024-11-01T04:00:00.000Z,tracks,00000000002160462036" (as the real
 * next_href carries). `next_href` is absolute, without client_id, and null on the last page.
 */
import { API_V2 } from './urls';

export const MAX_LIMIT = 200;
/** Default page sizes of the web app: 20 on profiles, feeds and charts pages, 10 in search. */
export const PROFILE_PAGE = 20;
export const SEARCH_PAGE = 10;

export interface ListSource<R, T> {
  records: R[];
  toJson: (record: R) => T;
  /** Cursor naming a record; lists without one page by numeric offset. */
  cursor?: (record: R) => string;
  /** Parameters every next_href repeats (q, kind, genre...). */
  carry?: Record<string, string>;
  queryUrn?: string | null;
  total?: boolean;
}

export interface Page<T> {
  collection: T[];
  next_href: string | null;
  query_urn: string | null;
  total_results?: number;
}

export function limitOf(query: URLSearchParams, fallback: number): number {
  const n = Number.parseInt(query.get('limit') ?? '', 10);
  if (!Number.isFinite(n) || n <= 0) return fallback;
  return Math.min(n, MAX_LIMIT);
}

/** Where a page starts: a numeric offset, or just after the record the cursor names. */
export function startOf<R>(offset: string | null, src: ListSource<R, unknown>): number {
  if (!offset) return 0;
  if (/^\d+$/.test(offset)) return Number(offset);
  const cursor = src.cursor;
  if (!cursor) return src.records.length;
  const i = src.records.findIndex((r) => cursor(r) === offset);
  return i < 0 ? src.records.length : i + 1;
}

export function paginate<R, T>(src: ListSource<R, T>, path: string, query: URLSearchParams, fallbackLimit: number): Page<T> {
  const limit = limitOf(query, fallbackLimit);
  const start = startOf(query.get('offset'), src);
  const slice = src.records.slice(start, start + limit);
  const end = start + slice.length;
  let next: string | null = null;
  const last = slice[slice.length - 1];
  if (end < src.records.length && last !== undefined) {
    const params = new URLSearchParams();
    if (src.queryUrn) params.set('query_urn', src.queryUrn);
    params.set('offset', src.cursor ? src.cursor(last) : String(end));
    params.set('limit', String(limit));
    for (const [k, v] of Object.entries(src.carry ?? {})) params.set(k, v);
    next = `${API_V2}${path}?${params.toString().replace(/\+/g, '%20')}`;
  }
  return {
    collection: slice.map(src.toJson),
    ...(src.total ? { total_results: src.records.length } : {}),
    next_href: next,
    query_urn: src.queryUrn ?? null,
  };
}
