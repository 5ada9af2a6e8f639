/**
 * A track's own view in the popup, one tab at a time: "About" (description, genre; a Mixcloud show's
 * tracklist and access, with the GraphQL fallback of mixcloud/api-show.ts), SoundCloud's related
 * tracks, Mixcloud's comments (dated paging, `next` = the API's own link). Beatport tracks have no
 * such view (their row already says all the API knows).
 */
import type { TrackListId, TrackView } from '../../shared/browse';
import { DeckhandError } from '../../shared/errors';
import type { TrackRef } from '../../shared/track';
import type { MixcloudExtras } from '../platforms/mixcloud/api-extras';
import type { MixcloudShowAbout } from '../platforms/mixcloud/api-show';
import type { SoundCloudBrowse } from '../platforms/soundcloud/browse';

export interface TrackViewClients {
  soundcloud: SoundCloudBrowse;
  mixcloudAbout: MixcloudShowAbout;
  mixcloudExtras: MixcloudExtras;
}

const TABS: Record<'soundcloud' | 'mixcloud', TrackView['lists']> = {
  soundcloud: [
    { id: 'about', name: 'About' },
    { id: 'related', name: 'Related' },
  ],
  mixcloud: [
    { id: 'about', name: 'About' },
    { id: 'comments', name: 'Comments' },
  ],
};

export async function trackView(c: TrackViewClients, track: TrackRef, list: TrackListId = 'about', next?: string): Promise<TrackView> {
  if (track.platform === 'beatport') throw new DeckhandError('input.invalid', 'Beatport tracks have no details view.');
  const lists = TABS[track.platform];
  if (!lists.some((l) => l.id === list)) throw new DeckhandError('input.invalid', `A ${track.platform} track has no “${list}” tab.`);
  const base = { track, lists, list };
  if (list === 'about') {
    const about = track.platform === 'soundcloud' ? await c.soundcloud.about(track) : await c.mixcloudAbout.about(track.id);
    return { ...base, about };
  }
  if (list === 'related') return { ...base, tracks: await c.soundcloud.related(track.id) };
  const page = await c.mixcloudExtras.comments(track.id, next);
  return { ...base, comments: page.items, ...(page.next ? { next: page.next } : {}) };
}
