/**
 * Entity views for the popup: an artist, label, user, set or DJ chart, one list at a time. A user has
 * tabs (SoundCloud: tracks, likes, reposts, playlists; Mixcloud: shows, favorites, listens, playlists,
 * followers, following); `next` is the cursor of the list shown (SoundCloud next_href, Mixcloud
 * paging.next in either paging style, Beatport's page number). The id MINE_ID opens the signed-in
 * user's own view: SoundCloud's official API (their tracks, private ones too, and playlists) or the
 * Mixcloud feed.
 */
import { MINE_ID, type EntityKind, type EntityListId, type EntityView } from '../../shared/browse';
import { DeckhandError } from '../../shared/errors';
import type { PlatformId } from '../../shared/platform';
import type { BeatportBrowse } from '../platforms/beatport/browse';
import { MC_USER_TABS, type MixcloudBrowse, type McUserTab } from '../platforms/mixcloud/browse';
import { SC_USER_TABS, type ScUserList, type SoundCloudBrowse } from '../platforms/soundcloud/browse';
import { MC_MINE_TABS, type MixcloudMine } from '../platforms/mixcloud/api-mine';
import { SC_MINE_TABS, type ScMineList, type SoundCloudOfficial } from '../platforms/soundcloud/api-official';

export interface EntityClients {
  soundcloud: SoundCloudBrowse;
  mixcloud: MixcloudBrowse;
  beatport: BeatportBrowse;
  /** The signed-in user's own views (id MINE_ID): SoundCloud's official API, Mixcloud's feed. */
  soundcloudMine: SoundCloudOfficial;
  mixcloudMine: MixcloudMine;
}

function tabOf<T extends string>(tabs: { id: T }[], list: EntityListId | undefined, platform: string): T | undefined {
  if (!list) return undefined;
  const found = tabs.find((t) => t.id === list);
  if (!found) throw new DeckhandError('input.invalid', `A ${platform} user has no “${list}” list.`);
  return found.id;
}

export async function entityView(
  c: EntityClients,
  platform: PlatformId,
  kind: EntityKind,
  id: string,
  next?: string,
  list?: EntityListId,
): Promise<EntityView> {
  if (platform === 'soundcloud') {
    if (id === MINE_ID) return c.soundcloudMine.view(tabOf<ScMineList>(SC_MINE_TABS, list, 'SoundCloud') ?? 'tracks', next);
    if (kind === 'set') return c.soundcloud.set(id);
    const tab = tabOf<ScUserList>(SC_USER_TABS, list, 'SoundCloud');
    // The first page of the default tab also lists the user's sets; later pages only the tab's items.
    if (!next && (!tab || tab === 'tracks')) return c.soundcloud.user(id);
    return c.soundcloud.userListView(id, tab ?? 'tracks', next);
  }
  if (platform === 'mixcloud') {
    if (id === MINE_ID) {
      tabOf(MC_MINE_TABS, list, 'Mixcloud'); // refuses any tab but the feed
      return c.mixcloudMine.view(next);
    }
    if (kind === 'set') return c.mixcloud.playlist(id);
    const username = id.replace(/^\/|\/$/g, '');
    const tab = tabOf<McUserTab>(MC_USER_TABS, list, 'Mixcloud');
    if (!next && (!tab || tab === 'tracks')) return c.mixcloud.user(username);
    return c.mixcloud.userListView(username, tab ?? 'tracks', next);
  }
  const num = Number(id);
  if (!Number.isInteger(num) || num <= 0) throw new DeckhandError('input.invalid', `Not a Beatport id: ${id}`);
  const page = next ? Math.max(1, Number(next) || 1) : 1;
  if (kind === 'artist') return c.beatport.artist(num, page);
  if (kind === 'label') return c.beatport.label(num, page);
  if (kind === 'chart') return c.beatport.djChart(num, page);
  return c.beatport.release(num);
}
