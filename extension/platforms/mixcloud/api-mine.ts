/**
 * "My Mixcloud": the signed-in user's feed (shows of the people they follow) as an entity view. The
 * token goes in the query string (api-extras.ts) and never into a cursor; Mixcloud tokens have no
 * refresh, so a refused one is forgotten and the account flagged for reconnecting.
 */
import { MINE_ID, type EntityRef, type EntityView } from '../../../shared/browse';
import { DeckhandError } from '../../../shared/errors';
import { storedAccount } from '../../core/oauth';
import { MixcloudExtras } from './api-extras';
import { accessToken, tokenRefused } from './auth';
import { WWW } from './urls';

export const MC_MINE_TABS: { id: 'feed'; name: string }[] = [{ id: 'feed', name: 'My feed' }];

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
  ) {}

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
