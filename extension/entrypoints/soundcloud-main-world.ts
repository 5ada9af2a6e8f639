/**
 * Runs in SoundCloud's own page world (injected by the content script): reads window.__sc_hydration
 * and the api-v2 answers the page fetches, and passes the track objects (trimmed) and the web client
 * id to the content script. It never receives anything from the extension.
 */
import { collectTracks, MAIN_WORLD_EVENT, readHydration, type MainWorldPayload } from '../platforms/soundcloud/page';
import type { ScTrack } from '../platforms/soundcloud/types';

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
    media: { transcodings: (t.media?.transcodings ?? []).map((tr) => ({ snipped: tr.snipped, format: tr.format })) },
  } as ScTrack);

  const post = (payload: MainWorldPayload) => {
    window.dispatchEvent(new CustomEvent(MAIN_WORLD_EVENT, { detail: JSON.stringify({ ...payload, tracks: payload.tracks.map(trim) }) }));
  };

  const w = window as unknown as { __sc_hydration?: unknown };
  post(readHydration(w.__sc_hydration));

  const clientIdOf = (url: string): string | undefined => {
    try {
      const u = new URL(url, location.href);
      return u.hostname === 'api-v2.soundcloud.com' ? (u.searchParams.get('client_id') ?? undefined) : undefined;
    } catch {
      return undefined;
    }
  };
  const consider = (url: string, body: unknown) => {
    const tracks: ScTrack[] = [];
    collectTracks(body, tracks, 0);
    const clientId = clientIdOf(url);
    if (tracks.length || clientId) post({ tracks, ...(clientId ? { clientId } : {}) });
  };

  // The site's own requests to api-v2 (after SPA navigation and while scrolling).
  const origFetch = window.fetch;
  window.fetch = async function (this: unknown, ...args: Parameters<typeof fetch>) {
    const res = await origFetch.apply(this, args);
    try {
      const url = typeof args[0] === 'string' ? args[0] : args[0] instanceof URL ? args[0].href : args[0].url;
      if (clientIdOf(url) !== undefined || url.includes('api-v2.soundcloud.com')) {
        res.clone().json().then((body: unknown) => consider(url, body), () => undefined);
      }
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
          if (this.responseType === '' || this.responseType === 'text') consider(href, JSON.parse(this.responseText));
          else if (this.responseType === 'json') consider(href, this.response);
        } catch {
          /* not JSON */
        }
      });
    }
    return (origOpen as (...a: unknown[]) => void).call(this, method, url, ...rest);
  } as typeof XMLHttpRequest.prototype.open;
});
