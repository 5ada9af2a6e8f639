/**
 * Entity views for the popup: an artist, label, user, set or DJ chart, one list at a time. A user has
 * tabs (SoundCloud: tracks, likes, reposts, playlists; Mixcloud: shows, favorites, listens, playlists,
 * followers, following); `next` is the cursor of the list shown (SoundCloud next_href, Mixcloud
 * paging.next in either paging style, Beatport's page number).
 */
import type { EntityKind, EntityListId, EntityView } from '../../shared/browse';
import { DeckhandError } from '../../shared/errors';
import type { PlatformId } from '../../shared/platform';
import type { BeatportBrowse } from '../platforms/beatport/browse';
import { MC_USER_TABS, type MixcloudBrowse, type McUserTab } from '../platforms/mixcloud/browse';
import { SC_USER_TABS, type ScUserList, type SoundCloudBrowse } from '../platforms/soundcloud/browse';

export interface EntityClients {
  soundcloud: SoundCloudBrowse;
  mixcloud: MixcloudBrowse;
  beatport: BeatportBrowse;
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
    if (kind === 'set') return c.soundcloud.set(id);
    const tab = tabOf<ScUserList>(SC_USER_TABS, list, 'SoundCloud');
    // The first page of the default tab also lists the user's sets; later pages only the tab's items.
    if (!next && (!tab || tab === 'tracks')) return c.soundcloud.user(id);
    return c.soundcloud.userListView(id, tab ?? 'tracks', next);
  }
  if (platform === 'mixcloud') {
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
