/**
 * "My SoundCloud": the official API (api.soundcloud.com) with the signed-in user's token, for what
 * api-v2 with the web client id cannot show: the user's own tracks including private ones, and their
 * playlists. Header `Authorization: OAuth <token>` (Bearer is refused). A refused token is refreshed
 * (auth.ts, single-use refresh tokens under one lock) and the call repeated once; refused again, the
 * account is flagged for reconnecting. Never cached: the answers are the user's own, private items too.
 */
import type { EntityListId, EntityRef, EntityView } from '../../../shared/browse';
import { MINE_ID } from '../../../shared/browse';
import { DeckhandError } from '../../../shared/errors';
import type { TrackRef } from '../../../shared/track';
import { getJson } from '../../core/http';
import { markReconnect } from '../../core/oauth';
import { accessToken, SC_API } from './auth';
import { playlistEntity, userEntity } from './browse';
import { toTrackRef } from './normalise';
import type { ScPlaylist, ScTrack, ScUser } from './types';

export type ScMineList = 'tracks' | 'playlists';

/** The tabs of "My SoundCloud". */
export const SC_MINE_TABS: { id: ScMineList & EntityListId; name: string }[] = [
  { id: 'tracks', name: 'My tracks' },
  { id: 'playlists', name: 'My playlists' },
];

const PAGE = 50;

interface ScPartitioned<T> {
  collection?: T[];
  next_href?: string | null;
}

/** An official-API track: permalink_url never carries a private track's secret; secret_uri does. */
type ScOfficialTrack = ScTrack & { secret_uri?: string | null };

/** A private track's ref points at its secret link (/user/track/s-XXXX), which downloads read. */
export function officialTrackRef(t: ScOfficialTrack): TrackRef | undefined {
  const ref = toTrackRef(t);
  if (!ref) return undefined;
  let secret = t.secret_token ?? undefined;
  try {
    secret ??= (t.secret_uri && new URL(t.secret_uri).searchParams.get('secret_token')) || undefined;
  } catch {
    secret = undefined;
  }
  if (!secret || !/^s-[A-Za-z0-9]+$/.test(secret)) return ref;
  const url = new URL(ref.url);
  const path = url.pathname.replace(/\/$/, '');
  if (!path.endsWith(`/${secret}`)) url.pathname = `${path}/${secret}`;
  url.search = '';
  return { ...ref, url: url.href };
}

/** One of the user's own tracks as the upload-twice check compares it (upload-lost-answer.ts). */
export interface ScOwnUpload {
  url: string;
  title: string;
  /** Epoch ms. */
  createdAt: number;
  /** original_content_size, where the API says. */
  bytes?: number;
}

/** The official API's dates: "2016/01/12 22:46:33 +0000" (v1) or ISO-8601. Epoch ms, or undefined. */
export function parseScDate(text: string | null | undefined): number | undefined {
  const m = /^(\d{4})[/-](\d{2})[/-](\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(text?.trim() ?? '');
  if (!m) return undefined;
  const zone = !m[7] || m[7] === 'Z' ? 'Z' : `${m[7].slice(0, 3)}:${m[7].slice(-2)}`;
  const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`);
  return Number.isNaN(ms) ? undefined : ms;
}

type ScOwnTrack = ScOfficialTrack & { original_content_size?: number | null };

export class SoundCloudOfficial {
  constructor(
    /** A usable token; `refused` = the one the API just refused (refresh it). */
    private readonly token: (refused?: string) => Promise<string> = accessToken,
    private readonly api = SC_API,
    private readonly pageSize = PAGE,
  ) {}

  /** GET with the user's token; one refresh-and-retry when the token is refused. */
  private async get<T>(pathOrNext: string, query: Record<string, string | number> = {}): Promise<T> {
    const url = new URL(pathOrNext, this.api);
    if (url.origin !== new URL(this.api).origin) throw new DeckhandError('input.invalid', 'Not a SoundCloud API link.');
    let token = await this.token();
    for (let attempt = 0; ; attempt++) {
      try {
        return await getJson<T>(url.href, { platform: 'soundcloud', headers: { authorization: `OAuth ${token}`, accept: 'application/json' }, query });
      } catch (err) {
        const e = DeckhandError.from(err);
        if (e.status !== 401) throw e;
        if (attempt === 0) {
          token = await this.token(token);
          continue;
        }
        await markReconnect('soundcloud');
        throw new DeckhandError('auth.revoked', 'SoundCloud no longer accepts this connection. Connect again.', { status: 401 });
      }
    }
  }

  /** One page of a list, in linked partitioning (next_href carries the cursor; the token never does). */
  private page<T>(path: string, next: string | undefined): Promise<ScPartitioned<T>> {
    return next ? this.get<ScPartitioned<T>>(next) : this.get<ScPartitioned<T>>(path, { linked_partitioning: 'true', limit: this.pageSize });
  }

  async me(): Promise<EntityRef> {
    const me = await this.get<ScUser & { track_count?: number; city?: string | null }>('/me');
    const entity = userEntity(me);
    if (!entity) throw new DeckhandError('not-found', 'SoundCloud did not say who is signed in.');
    return { ...entity, id: MINE_ID };
  }

  /** One page of the user's own tracks (private ones too) or playlists. */
  async list(list: ScMineList, next?: string): Promise<{ tracks: TrackRef[]; children: EntityRef[]; next?: string }> {
    if (list === 'playlists') {
      const page = await this.page<ScPlaylist>('/me/playlists', next);
      const children = (page.collection ?? []).map((p) => playlistEntity(p)).filter((e): e is EntityRef => !!e);
      return { tracks: [], children, ...(page.next_href ? { next: page.next_href } : {}) };
    }
    const page = await this.page<ScOfficialTrack>('/me/tracks', next);
    const tracks = (page.collection ?? []).map(officialTrackRef).filter((r): r is TrackRef => !!r);
    return { tracks, children: [], ...(page.next_href ? { next: page.next_href } : {}) };
  }

  /**
   * The user's own tracks created at or after `sinceMs`, newest first as /me/tracks lists them; reads
   * at most `maxPages` pages (an upload being looked for is among the newest).
   */
  async uploadsSince(sinceMs: number, maxPages = 4): Promise<ScOwnUpload[]> {
    const found: ScOwnUpload[] = [];
    let next: string | undefined;
    for (let read = 0; read < maxPages; read++) {
      const page = await this.page<ScOwnTrack>('/me/tracks', next);
      let reachedOlder = false;
      for (const t of page.collection ?? []) {
        const createdAt = parseScDate(t.created_at);
        if (createdAt === undefined) continue;
        if (createdAt < sinceMs) {
          reachedOlder = true;
          continue;
        }
        if (!t.title || !t.permalink_url?.startsWith('https://')) continue;
        const bytes = t.original_content_size;
        found.push({ url: t.permalink_url, title: t.title, createdAt, ...(typeof bytes === 'number' && bytes > 0 ? { bytes } : {}) });
      }
      if (reachedOlder || !page.next_href) break;
      next = page.next_href;
    }
    return found;
  }

  /** "My SoundCloud" as an entity view with its two tabs. */
  async view(list: ScMineList = 'tracks', next?: string): Promise<EntityView> {
    const [entity, page] = await Promise.all([this.me(), this.list(list, next)]);
    return { entity, ...page, lists: SC_MINE_TABS, list };
  }
}
