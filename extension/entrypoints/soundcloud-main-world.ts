/**
 * Runs in SoundCloud's own page world (injected by the content script at document start): reads
 * window.__sc_hydration (now, or when the page assigns it) and the api-v2 answers the page fetches,
 * and passes the track objects (trimmed) and the web client id to the content script. The content
 * script may ask it to look up track links whose data the page never fetched (server-rendered rows,
 * the "Next up" queue, related tracks): it does so through api-v2 with the page's own client id, as
 * the site does after navigation. It never receives anything else from the extension.
 */
import { collectTracks, LOOKUP_EVENT, MAIN_WORLD_EVENT, readHydration, setStubIds, trackLinkPath, type MainWorldPayload } from '../platforms/soundcloud/page';
import type { ScTrack } from '../platforms/soundcloud/types';

const API_V2 = 'https://api-v2.soundcloud.com';
/** Lookups a page may trigger in total, and at once: a page asking for more is not a page we serve. */
const MAX_LOOKUPS = 400;
const CONCURRENT_LOOKUPS = 3;
/** api-v2 endpoints that only read (lists and track objects): the only ones ever requested again. */
const READ_ENDPOINTS = /^\/(users|stream|search|charts|tracks|playlists|resolve)(\/|$)/;

export default defineUnlistedScript(() => {
  const trim = (t: ScTrack): ScTrack => ({
    id: t.id,
    urn: t.urn,
    kind: t.kind,
    title: t.title,
    permalink_url: t.permalink_url,
    artwork_url: t.artwork_url,
    duration: t.duration,
    full_duration: t.full_duration,
    policy: t.policy,
    secret_token: t.secret_token,
    metadata_artist: t.metadata_artist,
    publisher_metadata: t.publisher_metadata ? { artist: t.publisher_metadata.artist } : null,
    user: t.user ? { username: t.user.username, avatar_url: t.user.avatar_url } : undefined,
    media: { transcodings: (t.media?.transcodings ?? []).map((tr) => ({ preset: tr.preset, snipped: tr.snipped, format: tr.format })) },
  } as ScTrack);

  const post = (payload: MainWorldPayload) => {
    window.dispatchEvent(new CustomEvent(MAIN_WORLD_EVENT, { detail: JSON.stringify({ ...payload, tracks: payload.tracks.map(trim) }) }));
  };

  let clientId: string | undefined;
  const clientIdOf = (url: string): string | undefined => {
    try {
      const u = new URL(url, location.href);
      return u.hostname === 'api-v2.soundcloud.com' ? (u.searchParams.get('client_id') ?? undefined) : undefined;
    } catch {
      return undefined;
    }
  };

  /**
   * Answers are read as the page receives them, before it renders their rows, so a row's data is
   * there when the row appears (no second scan, no lookup). Work that can wait (a copy to parse)
   * waits for idle time.
   */
  const idle = (fn: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(fn, { timeout: 500 }) : setTimeout(fn, 0));
  const consider = (url: string, body: unknown) => {
    const tracks: ScTrack[] = [];
    collectTracks(body, tracks, 0);
    const seen = clientIdOf(url);
    if (seen) clientId = seen;
    if (tracks.length || seen) post({ tracks, ...(seen ? { clientId: seen } : {}) });
    pump();
  };
  /**
   * The page parses its answers itself; parsing them again would double the cost. The response's
   * json() is wrapped to see the page's own result; a body the page reads another way (text, blob)
   * is parsed from a copy, in idle time.
   */
  const watch = (url: string, res: Response) => {
    const copy = res.clone();
    let read = false;
    const ownJson = res.json;
    Object.defineProperty(res, 'json', {
      configurable: true,
      writable: true,
      value: function (this: Response) {
        const parsed = ownJson.call(this) as Promise<unknown>;
        if (!read) {
          read = true;
          // Registered before the page's own continuation: runs first.
          parsed.then((body) => consider(url, body), () => undefined);
        }
        return parsed;
      },
    });
    idle(() => {
      if (read) return;
      read = true;
      copy.json().then((body: unknown) => consider(url, body), () => undefined);
    });
  };

  // The site's own requests to api-v2 (first load, after SPA navigation and while scrolling).
  const origFetch = window.fetch;
  window.fetch = async function (this: unknown, ...args: Parameters<typeof fetch>) {
    const res = await origFetch.apply(this, args);
    try {
      const url = typeof args[0] === 'string' ? args[0] : args[0] instanceof URL ? args[0].href : args[0].url;
      if (url.includes('api-v2.soundcloud.com') && res.ok) watch(url, res);
    } catch {
      /* never break the page */
    }
    return res;
  };
  const origOpen = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
    const href = String(url);
    if (href.includes('api-v2.soundcloud.com')) {
      this.addEventListener('load', () => {
        try {
          // A parsed response is the page's own object; only text has to be parsed again.
          if (this.responseType === 'json') consider(href, this.response);
          else if (this.responseType === '' || this.responseType === 'text') consider(href, JSON.parse(this.responseText));
        } catch {
          /* not JSON */
        }
      });
    }
    return (origOpen as (...a: unknown[]) => void).call(this, method, url, ...rest);
  } as typeof XMLHttpRequest.prototype.open;

  // Lookups, with the page's client id, through the unhooked fetch (answers go to consider() once).
  // Entries are api-v2 paths with their query, without client_id.
  const requested = new Set<string>();
  const pending: string[] = [];
  let active = 0;
  const lookup = (url: string) => {
    active++;
    origFetch(url, { credentials: 'omit' })
      .then((res) => (res.ok ? res.json() : undefined))
      .then((body: unknown) => body && consider(url, body), () => undefined)
      .finally(() => {
        active--;
        pump();
      });
  };
  function pump(): void {
    while (clientId && active < CONCURRENT_LOOKUPS && pending.length) {
      const next = pending.shift() as string;
      lookup(`${API_V2}${next}${next.includes('?') ? '&' : '?'}client_id=${encodeURIComponent(clientId)}`);
    }
  }
  const want = (request: string) => {
    if (requested.has(request) || requested.size >= MAX_LOOKUPS) return;
    requested.add(request);
    pending.push(request);
  };

  /**
   * This reader loads asynchronously and usually starts after the app's first api-v2 requests (the
   * first list page of a profile, feed, search or chart): read those answers again, once, from the
   * same read-only endpoints. Resource timing lists them; one still in flight is reported when it ends.
   */
  const hookedAt = performance.now();
  const replay = (entries: PerformanceEntryList) => {
    for (const e of entries as PerformanceResourceTiming[]) {
      if (e.startTime >= hookedAt || (e.initiatorType !== 'fetch' && e.initiatorType !== 'xmlhttprequest')) continue;
      try {
        const u = new URL(e.name);
        if (u.hostname !== 'api-v2.soundcloud.com' || !READ_ENDPOINTS.test(u.pathname)) continue;
        u.searchParams.delete('client_id');
        want(`${u.pathname}${u.search}`);
      } catch {
        /* not a URL */
      }
    }
    pump();
  };
  try {
    const early = new PerformanceObserver((list) => replay(list.getEntries()));
    early.observe({ type: 'resource', buffered: true });
    setTimeout(() => early.disconnect(), 15_000);
  } catch {
    replay(performance.getEntriesByType('resource'));
  }

  window.addEventListener(LOOKUP_EVENT, (ev: Event) => {
    let paths: unknown;
    try {
      paths = (JSON.parse(String((ev as CustomEvent<unknown>).detail)) as { paths?: unknown }).paths;
    } catch {
      return;
    }
    if (!Array.isArray(paths)) return;
    for (const p of paths.slice(0, 200)) {
      const path = typeof p === 'string' ? trackLinkPath(p) : undefined;
      if (path) want(`/resolve?url=${encodeURIComponent(`https://soundcloud.com${path}`)}`);
    }
    pump();
  });

  const onHydration = (entries: unknown) => {
    const found = readHydration(entries);
    if (found.clientId) clientId = found.clientId;
    post(found);
    // A set page's rows beyond the first few have only ids in hydration: fetch them as the site does.
    const ids = setStubIds(entries, location.pathname);
    for (let i = 0; i < ids.length; i += 50) want(`/tracks?ids=${ids.slice(i, i + 50).join(',')}`);
    pump();
  };
  // Injected at document start, this usually runs before the page's inline script assigns hydration.
  const w = window as unknown as { __sc_hydration?: unknown };
  if (w.__sc_hydration !== undefined) onHydration(w.__sc_hydration);
  else {
    try {
      Object.defineProperty(window, '__sc_hydration', {
        configurable: true,
        enumerable: true,
        get: () => undefined,
        set(value: unknown) {
          Object.defineProperty(window, '__sc_hydration', { value, writable: true, configurable: true, enumerable: true });
          onHydration(value);
        },
      });
    } catch {
      /* the page defined it first in a way we cannot observe */
    }
  }
});
