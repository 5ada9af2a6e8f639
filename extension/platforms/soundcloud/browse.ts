/**
 * SoundCloud browsing for the popup (background only), on api-v2 with the web client id (refreshed
 * and retried once on 401/403 by SoundCloudApi.get): search for tracks, users and sets; a user with
 * their tracks, likes, reposts and sets; a set's tracks in set order; a track's description; related
 * tracks; tracks by id.
 * Ids stay URN strings ("soundcloud:users:123") from the API to the popup and back.
 */
import type { EntityRef, EntityView, TrackAbout } from '../../../shared/browse';
import type { TrackRef } from '../../../shared/track';
import type { SoundCloudApi } from './api';
import { secretTokenOf, setTracks, soundcloudApi } from './index';
import { artworkAt, toTrackRef } from './normalise';
import type { ScPlaylist, ScTrack, ScUser } from './types';

export type ScSearchType = 'tracks' | 'users' | 'playlists';
export type ScUserList = 'tracks' | 'likes' | 'reposts' | 'playlists';

interface ScCollection<T> {
  collection?: T[];
  next_href?: string | null;
  total_results?: number;
}

/** Likes and reposts wrap their items: {track} or {playlist}. */
type Wrapped = ScTrack & ScPlaylist & { track?: ScTrack; playlist?: ScPlaylist };

export interface ScListPage<T> {
  items: T[];
  /** api-v2's next_href (without client_id); absent on the last page. */
  next?: string;
  /** Track URN -> genre, for cross-platform filters. */
  genres: Map<string, string>;
}

const PAGE = 20;
const BATCH = 50;

/** The tabs of a SoundCloud user in the popup. */
export const SC_USER_TABS: { id: ScUserList; name: string }[] = [
  { id: 'tracks', name: 'Tracks' },
  { id: 'likes', name: 'Likes' },
  { id: 'reposts', name: 'Reposts' },
  { id: 'playlists', name: 'Playlists' },
];

export function userUrn(u: Pick<ScUser, 'urn' | 'id'>): string | undefined {
  return u.urn ?? (typeof u.id === 'number' ? `soundcloud:users:${u.id}` : undefined);
}

export function playlistUrn(p: Pick<ScPlaylist, 'urn' | 'id'>): string | undefined {
  return p.urn ?? (typeof p.id === 'number' ? `soundcloud:playlists:${p.id}` : undefined);
}

export function userEntity(u: ScUser & { track_count?: number; city?: string | null }): EntityRef | undefined {
  const id = userUrn(u);
  if (!id || !u.permalink_url) return undefined;
  const imageUrl = artworkAt(u.avatar_url, 't300x300');
  const subtitle = [u.city, typeof u.track_count === 'number' ? `${u.track_count} tracks` : ''].filter(Boolean).join(' · ');
  return {
    platform: 'soundcloud',
    kind: 'user',
    id,
    name: u.username?.trim() || u.permalink || id,
    url: u.permalink_url,
    ...(imageUrl ? { imageUrl } : {}),
    ...(subtitle ? { subtitle } : {}),
  };
}

export function playlistEntity(p: ScPlaylist): EntityRef | undefined {
  const id = playlistUrn(p);
  if (!id || !p.permalink_url) return undefined;
  const imageUrl = artworkAt(p.artwork_url || p.user?.avatar_url, 't300x300');
  const what = p.is_album || (p.set_type && p.set_type !== 'playlist') ? 'Album' : 'Playlist';
  return {
    platform: 'soundcloud',
    kind: 'set',
    id,
    name: p.title?.trim() || 'Untitled set',
    url: p.permalink_url,
    ...(imageUrl ? { imageUrl } : {}),
    subtitle: [what, p.user?.username, typeof p.track_count === 'number' ? `${p.track_count} tracks` : ''].filter(Boolean).join(' · '),
  };
}

function trackRefs(items: ScTrack[], genres: Map<string, string>): TrackRef[] {
  const out: TrackRef[] = [];
  for (const t of items) {
    const ref = toTrackRef(t);
    if (!ref) continue;
    if (t.genre) genres.set(ref.id, t.genre);
    out.push(ref);
  }
  return out;
}

export class SoundCloudBrowse {
  constructor(private readonly api: SoundCloudApi = soundcloudApi) {}

  private async list<T>(pathOrNext: string, query: Record<string, string | number | undefined>, kind: 'search' | 'list'): Promise<ScCollection<T>> {
    // next_href already carries offset, limit and the query: only client_id is added.
    return this.api.get<ScCollection<T>>(pathOrNext, pathOrNext.startsWith('http') ? {} : query, kind);
  }

  async search(q: string, type: ScSearchType, offset = 0, limit = PAGE): Promise<ScListPage<TrackRef | EntityRef>> {
    const answer = await this.list<ScTrack & ScUser & ScPlaylist>(`/search/${type}`, { q, offset, limit }, 'search');
    const genres = new Map<string, string>();
    const raw = answer.collection ?? [];
    const items: (TrackRef | EntityRef)[] =
      type === 'tracks'
        ? trackRefs(raw, genres)
        : raw.map((x) => (type === 'users' ? userEntity(x) : playlistEntity(x))).filter((e): e is EntityRef => !!e);
    return { items, genres, ...(answer.next_href ? { next: answer.next_href } : {}) };
  }

  /** One page of a user's tracks, likes, reposts (tracks only) or sets. */
  async userList(urn: string, list: ScUserList, next?: string): Promise<ScListPage<TrackRef | EntityRef>> {
    // Reposts live under the user's stream (platform notes §3), the other lists under the user.
    const path = list === 'reposts' ? `/stream/users/${encodeURIComponent(urn)}/reposts` : `/users/${encodeURIComponent(urn)}/${list}`;
    const answer = await this.list<Wrapped>(next ?? path, { limit: PAGE }, 'list');
    const genres = new Map<string, string>();
    const raw = answer.collection ?? [];
    const items: (TrackRef | EntityRef)[] =
      list === 'playlists'
        ? raw.map((p) => playlistEntity(p)).filter((e): e is EntityRef => !!e)
        : trackRefs(raw.map((x) => x.track ?? (x.playlist ? {} : x)), genres);
    return { items, genres, ...(answer.next_href ? { next: answer.next_href } : {}) };
  }

  /** A user's profile entity (cached for a day). */
  async userEntity(urn: string): Promise<EntityRef> {
    const user = await this.api.get<ScUser>(`/users/${encodeURIComponent(urn)}`, {}, 'metadata');
    return userEntity(user) ?? { platform: 'soundcloud', kind: 'user', id: urn, name: urn, url: 'https://soundcloud.com/' };
  }

  /** A user: first page of their uploads and their sets to open, with tabs for likes, reposts and playlists. */
  async user(urn: string): Promise<EntityView> {
    const [entity, tracks, sets] = await Promise.all([this.userEntity(urn), this.userList(urn, 'tracks'), this.userList(urn, 'playlists')]);
    return { entity, tracks: tracks.items as TrackRef[], children: sets.items as EntityRef[], lists: SC_USER_TABS, list: 'tracks', ...(tracks.next ? { next: tracks.next } : {}) };
  }

  /** One page of one of a user's lists as a view (tracks, likes, reposts: tracks; playlists: sets to open). */
  async userListView(urn: string, list: ScUserList, next?: string): Promise<EntityView> {
    const [entity, page] = await Promise.all([this.userEntity(urn), this.userList(urn, list, next)]);
    const sets = list === 'playlists';
    return {
      entity,
      tracks: sets ? [] : (page.items as TrackRef[]),
      children: sets ? (page.items as EntityRef[]) : [],
      lists: SC_USER_TABS,
      list,
      ...(page.next ? { next: page.next } : {}),
    };
  }

  /** A set (playlist or album) with its tracks in the set's own order. */
  async set(urn: string): Promise<EntityView> {
    const set = await this.api.get<ScPlaylist>(`/playlists/${encodeURIComponent(urn)}`, {}, 'metadata');
    const entity = playlistEntity(set) ?? { platform: 'soundcloud', kind: 'set', id: urn, name: set.title ?? urn, url: 'https://soundcloud.com/' };
    return { entity, tracks: await setTracks(set), children: [] };
  }

  /** What a track is beyond its row: description and genre (a private track needs its secret). */
  async about(ref: TrackRef): Promise<TrackAbout> {
    const t = await this.api.get<ScTrack>(`/tracks/${encodeURIComponent(ref.id)}`, { secret_token: secretTokenOf(ref.url) }, 'metadata');
    const description = t.description?.trim();
    return { ...(description ? { description } : {}), ...(t.genre ? { genre: t.genre } : {}) };
  }

  async related(urn: string, limit = PAGE): Promise<TrackRef[]> {
    const answer = await this.list<ScTrack>(`/tracks/${encodeURIComponent(urn)}/related`, { limit }, 'list');
    return trackRefs(answer.collection ?? [], new Map());
  }

  /** Tracks by URN, in the order asked (the API answers in its own order, 50 at most per call). */
  async tracksByIds(urns: string[]): Promise<TrackRef[]> {
    const byId = new Map<string, TrackRef>();
    for (let i = 0; i < urns.length; i += BATCH) {
      const ids = urns.slice(i, i + BATCH).map((u) => u.split(':').pop()).join(',');
      const batch = await this.api.get<ScTrack[]>('/tracks', { ids }, 'metadata');
      for (const t of batch ?? []) {
        const ref = toTrackRef(t);
        if (ref) byId.set(ref.id, ref);
      }
    }
    return urns.map((u) => byId.get(u)).filter((r): r is TrackRef => !!r);
  }
}
