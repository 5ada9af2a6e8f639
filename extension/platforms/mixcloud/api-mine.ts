/**
 * "My Mixcloud": the signed-in user's feed (shows of the people they follow) as an entity view. The
 * token goes in the query string (api-extras.ts) and never into a cursor; Mixcloud tokens have no
 * refresh, so a refused one is forgotten and the account flagged for reconnecting.
 */
import { MINE_ID, type EntityRef, type EntityView } from '../../../shared/browse';
import { DeckhandError } from '../../../shared/errors';
import { storedAccount } from '../../core/oauth';
import { API_URL, httpTransport, type McTransport } from './api';
import { MixcloudExtras } from './api-extras';
import { accessToken, tokenRefused } from './auth';
import type { McApiList } from './types';
import { WWW } from './urls';

export const MC_MINE_TABS: { id: 'feed'; name: string }[] = [{ id: 'feed', name: 'My feed' }];

/** One of the user's own shows as the upload-twice check compares it (upload-lost-answer.ts). */
export interface McOwnUpload {
  url: string;
  title: string;
  /** Epoch ms. */
  createdAt: number;
}

export interface McMineAuth {
  token: () => Promise<string>;
  /** The platform refused `token`: the error to show (and the account flagged). */
  refused: (token: string) => Promise<DeckhandError>;
  /** Name and picture kept at connect time (no request). */
  profile: () => Promise<{ name: string; username: string; avatarUrl?: string } | undefined>;
}

const defaultAuth: McMineAuth = {
  token: accessToken,
  refused: tokenRefused,
  profile: async () => (await storedAccount('mixcloud')).profile,
};

export class MixcloudMine {
  constructor(
    private readonly extras = new MixcloudExtras(),
    private readonly auth: McMineAuth = defaultAuth,
    private readonly transport: McTransport = httpTransport,
    private readonly api = API_URL,
  ) {}

  /**
   * The user's own shows created at or after `sinceMs` (GET /me/cloudcasts/, newest first, token in
   * the query string, never cached); reads at most `maxPages` pages.
   */
  async uploadsSince(sinceMs: number, maxPages = 4): Promise<McOwnUpload[]> {
    const token = await this.auth.token();
    const found: McOwnUpload[] = [];
    let url: URL | undefined = new URL('/me/cloudcasts/', this.api);
    url.searchParams.set('limit', '20');
    for (let read = 0; url && read < maxPages; read++) {
      url.searchParams.set('access_token', token);
      const page: McApiList = await this.transport.getJson<McApiList>(url.href).catch(async (err: unknown) => {
        const e = DeckhandError.from(err);
        throw e.status === 401 ? await this.auth.refused(token) : e;
      });
      let reachedOlder = false;
      for (const show of page?.data ?? []) {
        const createdAt = show.created_time ? Date.parse(show.created_time) : Number.NaN;
        if (Number.isNaN(createdAt)) continue;
        if (createdAt < sinceMs) {
          reachedOlder = true;
          continue;
        }
        const link = show.url ?? (show.key ? `${WWW}${show.key}` : undefined);
        if (show.name && link?.startsWith('https://')) found.push({ url: link, title: show.name, createdAt });
      }
      const next: URL | undefined = page?.data?.length && page.paging?.next ? new URL(page.paging.next) : undefined;
      url = !reachedOlder && next?.host === new URL(this.api).host ? next : undefined;
    }
    return found;
  }

  async view(next?: string): Promise<EntityView> {
    const token = await this.auth.token();
    const [profile, page] = await Promise.all([
      this.auth.profile(),
      this.extras.feed(token, next).catch(async (err: unknown) => {
        const e = DeckhandError.from(err);
        throw e.code === 'auth.revoked' ? await this.auth.refused(token) : e;
      }),
    ]);
    const entity: EntityRef = {
      platform: 'mixcloud',
      kind: 'user',
      id: MINE_ID,
      name: profile?.name || profile?.username || 'My Mixcloud',
      url: profile?.username ? `${WWW}/${encodeURIComponent(profile.username)}/` : `${WWW}/`,
      ...(profile?.avatarUrl?.startsWith('https://') ? { imageUrl: profile.avatarUrl } : {}),
    };
    return { entity, tracks: page.items, children: [], lists: MC_MINE_TABS, list: 'feed', ...(page.next ? { next: page.next } : {}) };
  }
}
