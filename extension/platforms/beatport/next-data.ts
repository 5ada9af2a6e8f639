/**
 * The page's own data, for the content script: script#__NEXT_DATA__ (Next.js pages router) holds the
 * first page's tracks in React-Query's dehydrated cache and the anonymous API session. It is NOT
 * updated on client-side navigation: rows drawn later are read from the DOM (page.ts).
 */
import type { TrackRef } from '../../../shared/track';
import { stripLocale } from './links';
import { searchTrackToRef, toTrackRef } from './normalise';
import type { BpAnonSession, BpNextData, BpPageProps, BpSearchTrack, BpTrack } from './types';

export function readNextData(doc: Document): BpNextData | undefined {
  const text = doc.querySelector('script#__NEXT_DATA__')?.textContent;
  if (!text) return undefined;
  try {
    const data = JSON.parse(text) as unknown;
    return data && typeof data === 'object' ? (data as BpNextData) : undefined;
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
/** Catalog tracks carry a mix name; releases, artists and labels in the same cache do not. */
const looksLikeTrack = (v: unknown): v is BpTrack => isObject(v) && (typeof v.id === 'number' || typeof v.id === 'string') && 'mix_name' in v;
const looksLikeSearchTrack = (v: unknown): v is BpSearchTrack => isObject(v) && typeof v.track_id === 'number';

function refsIn(value: unknown, into: TrackRef[]): void {
  if (!isObject(value)) return;
  const data: Record<string, unknown> = value;
  if (looksLikeTrack(value)) {
    const ref = toTrackRef(value);
    if (ref) into.push(ref);
    return;
  }
  // Catalog lists (`results`), the search page (`tracks.data`) and the search-tracks page (`data`).
  const lists = [data.results, isObject(data.tracks) ? data.tracks.data : undefined, data.data];
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const ref = looksLikeTrack(item) ? toTrackRef(item) : looksLikeSearchTrack(item) ? searchTrackToRef(item) : undefined;
      if (ref) into.push(ref);
    }
  }
}

/** Every track the page props describe: the page's track, then each cached query's tracks. */
export function tracksOfPageProps(props: BpPageProps | undefined): TrackRef[] {
  const refs: TrackRef[] = [];
  if (!props) return refs;
  refsIn(props.track, refs);
  for (const query of props.dehydratedState?.queries ?? []) refsIn(query?.state?.data, refs);
  return refs;
}

export interface PageToken {
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

function epochMs(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value < 1e12 ? value * 1000 : value;
  if (typeof value === 'string' && value) {
    const parsed = Date.parse(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** The anonymous session's token and when it expires (expirationTime, else created + lifetime). */
export function anonSessionOf(props: BpPageProps | undefined, now = Date.now()): PageToken | undefined {
  const s: BpAnonSession | undefined = props?.anonSession;
  const token = s?.access_token;
  if (typeof token !== 'string' || token.length < 20 || token.length > 8192) return undefined;
  const lifetimeMs = (typeof s?.expires_in === 'number' && s.expires_in > 0 ? s.expires_in : 3600) * 1000;
  const expiresAt = epochMs(s?.expirationTime) ?? (epochMs(s?.create_date) ?? now) + lifetimeMs;
  return { token, expiresAt: Math.round(expiresAt) };
}

/**
 * The /_next/data URL Next.js fetches for a page (`/_next/data/<buildId>/<locale><path>.json`): it
 * carries fresh pageProps, including a new anonymous session, for the page the tab shows now.
 */
export function nextDataUrl(data: BpNextData | undefined, location: { origin: string; pathname: string; search: string }): string | undefined {
  if (!data?.buildId || !/^[\w-]+$/.test(data.buildId)) return undefined;
  const path = stripLocale(location.pathname).replace(/\/+$/, '');
  const locale = data.locale && /^[a-z]{2}$/.test(data.locale) ? `/${data.locale}` : '';
  const file = path === '' ? (locale ? '' : '/index') : path;
  return `${location.origin}/_next/data/${data.buildId}${locale}${file}.json${location.search}`;
}
