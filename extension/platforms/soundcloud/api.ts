/**
 * api-v2 client. Every call carries the web app's own client_id, taken from the page (hydration) or
 * scraped from the last JS bundles; never shipped. On 401/403 the id is fetched again and the call
 * repeated once.
 */
import { browser } from 'wxt/browser';
import { DeckhandError } from '../../../shared/errors';
import type { CacheKind } from '../../core/cache';
import { getJson, request } from '../../core/http';
import type { ScDownloadAnswer, ScPlaylist, ScTrack } from './types';

export const API_V2 = 'https://api-v2.soundcloud.com';
const CLIENT_ID_KEY = 'soundcloud.clientId';
const CLIENT_ID_RE = /client_id\s*[:=]\s*["']?([A-Za-z0-9]{32})\b/;

export async function storedClientId(): Promise<string | undefined> {
  const v = (await browser.storage.local.get(CLIENT_ID_KEY))[CLIENT_ID_KEY];
  return typeof v === 'string' ? v : undefined;
}

export async function rememberClientId(id: string): Promise<void> {
  if ((await storedClientId()) !== id) await browser.storage.local.set({ [CLIENT_ID_KEY]: id });
}

/** Find the client id in soundcloud.com's app bundles, last bundle first (where it lives). */
export async function scrapeClientId(): Promise<string> {
  const home = await request<string>('https://soundcloud.com/', { platform: 'soundcloud', headers: { accept: 'text/html' } });
  const html = String(home.data);
  const inline = /"hydratable":"apiClient","data":\{"id":"([A-Za-z0-9]{32})"/.exec(html);
  if (inline?.[1]) return inline[1];
  const srcs = [...html.matchAll(/<script[^>]+src="(https:\/\/a-v2\.sndcdn\.com\/assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
  for (const src of srcs.reverse()) {
    const js = await request<string>(src, { platform: 'soundcloud', retries: 1 }).catch(() => undefined);
    const m = js && CLIENT_ID_RE.exec(String(js.data));
    if (m?.[1]) return m[1];
  }
  throw new DeckhandError('auth.required', 'Could not find SoundCloud’s web client id. Open soundcloud.com once and try again.');
}

export class SoundCloudApi {
  private clientId: string | undefined;

  private async currentClientId(): Promise<string> {
    this.clientId ??= (await storedClientId()) ?? (await this.refreshClientId());
    return this.clientId;
  }

  async refreshClientId(): Promise<string> {
    const id = await scrapeClientId();
    this.clientId = id;
    await rememberClientId(id);
    return id;
  }

  /** GET an api-v2 path or absolute URL (next_href, transcoding url) with the client id; `cache` keeps the answer. */
  async get<T>(pathOrUrl: string, query: Record<string, string | number | undefined> = {}, cache?: CacheKind): Promise<T> {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${API_V2}${pathOrUrl}`;
    for (let attempt = 0; ; attempt++) {
      const clientId = await this.currentClientId();
      try {
        return await getJson<T>(url, { platform: 'soundcloud', query: { ...query, client_id: clientId }, ...(cache ? { cache } : {}) });
      } catch (err) {
        const e = DeckhandError.from(err);
        if (attempt === 0 && (e.status === 401 || e.status === 403) && e.code !== 'rate.limited') {
          // The id rotated or was never valid: scrape again, once.
          this.clientId = undefined;
          await browser.storage.local.remove(CLIENT_ID_KEY);
          await this.refreshClientId();
          continue;
        }
        throw e;
      }
    }
  }

  /**
   * tracks/{id}/download: the signed URL of the artist's original file. Needs the user's OAuth
   * token; its 401/403 are about the user and the track (not the client id: no re-scrape here).
   */
  async originalDownload(trackId: number, token: string, secretToken?: string): Promise<ScDownloadAnswer> {
    return getJson<ScDownloadAnswer>(`${API_V2}/tracks/${trackId}/download`, {
      platform: 'soundcloud',
      query: { client_id: await this.currentClientId(), secret_token: secretToken },
      headers: { authorization: `OAuth ${token}`, accept: 'application/json' },
      retries: 1,
    });
  }

  track(urn: string, secretToken?: string): Promise<ScTrack> {
    return this.get<ScTrack>(`/tracks/${encodeURIComponent(urn)}`, { secret_token: secretToken });
  }

  resolve<T = ScTrack | ScPlaylist>(pageUrl: string): Promise<T> {
    return this.get<T>('/resolve', { url: pageUrl });
  }
}
