/**
 * Mixcloud browsing for the popup (background only), on the public API (api.mixcloud.com): search for
 * shows, users and tags; popular / hot / new, globally or by tag; a user's shows, favorites,
 * listens, playlists, followers and following. One page at a time: the cursor handed back is the API's own `paging.next`,
 * which is an offset link on ranked lists and an `until=` link on dated lists (both styles pass
 * through untouched, and only links on the API host are followed).
 */
import type { ChartView, EntityRef, EntityView } from '../../../shared/browse';
import { DeckhandError } from '../../../shared/errors';
import type { TrackRef } from '../../../shared/track';
import type { CacheKind } from '../../core/cache';
import { API_URL, httpTransport, type McTransport } from './api';
import { refFromApi } from './normalise';
import type { McApiCloudcast, McApiNamed, McApiPage, McApiUser } from './types';
import { WWW } from './urls';

export type McSearchType = 'cloudcast' | 'user' | 'tag';
export type McChartList = 'popular' | 'hot' | 'new';
export type McUserList = 'cloudcasts' | 'favorites' | 'listens';

export interface McListPage<T> {
  items: T[];
  /** Show key -> first tag, for cross-platform genre filters. */
  genres?: Map<string, string>;
  /** The API's next-page link (offset or until); absent on the last page. */
  next?: string;
}

const PAGE = 20;

export type McUserTab = 'tracks' | 'favorites' | 'listens' | 'playlists' | 'followers' | 'following';

/** The tabs of a Mixcloud user in the popup ('tracks' = the user's shows). */
export const MC_USER_TABS: { id: McUserTab; name: string }[] = [
  { id: 'tracks', name: 'Shows' },
  { id: 'favorites', name: 'Favorites' },
  { id: 'listens', name: 'Listens' },
  { id: 'playlists', name: 'Playlists' },
  { id: 'followers', name: 'Followers' },
  { id: 'following', name: 'Following' },
];
const PICTURES = ['320wx320h', 'large', 'medium', 'thumbnail'];

const picture = (pictures: Record<string, string> | undefined) =>
  PICTURES.map((size) => pictures?.[size]).find((u): u is string => !!u && u.startsWith('https://'));

export function userEntity(u: McApiUser): EntityRef | undefined {
  if (!u.username) return undefined;
  const imageUrl = picture(u.pictures);
  const subtitle = [u.city, typeof u.cloudcast_count === 'number' ? `${u.cloudcast_count} shows` : ''].filter(Boolean).join(' · ');
  return {
    platform: 'mixcloud',
    kind: 'user',
    id: `/${u.username}/`,
    name: u.name?.trim() || u.username,
    url: `${WWW}/${encodeURIComponent(u.username)}/`,
    ...(imageUrl ? { imageUrl } : {}),
    ...(subtitle ? { subtitle } : {}),
  };
}

/** A playlist is a set; its id is its key (/user/playlists/slug/). */
export function playlistEntity(p: McApiNamed): EntityRef | undefined {
  if (!p.key || !p.name || !/^\/[^/]+\/playlists\/[^/]+\/$/.test(p.key)) return undefined;
  return { platform: 'mixcloud', kind: 'set', id: p.key, name: p.name, url: `${WWW}${p.key}`, ...(p.owner?.name ? { subtitle: p.owner.name } : {}) };
}

const shows = (items: McApiCloudcast[] | undefined) => (items ?? []).map(refFromApi).filter((r): r is TrackRef => !!r);

export class MixcloudBrowse {
  private readonly apiHost: string;

  constructor(
    private readonly transport: McTransport = httpTransport,
    private readonly api = API_URL,
  ) {
    this.apiHost = new URL(api).host;
  }

  /** One page of a list: a path with its query, or a `next` link from an earlier page. */
  async page<T>(pathOrNext: string, cache: CacheKind, limit = PAGE): Promise<{ data: T[]; next?: string; name?: string }> {
    // The cursor comes back from the popup: anything but a link on the API host is refused, with a code.
    const url = this.parse(pathOrNext);
    if (url?.host !== this.apiHost) throw new DeckhandError('input.invalid', `Not a Mixcloud API link: ${pathOrNext.slice(0, 200)}`);
    url.protocol = 'https:';
    if (!url.searchParams.has('limit')) url.searchParams.set('limit', String(limit));
    const answer = await this.transport.getJson<McApiPage<T>>(url.href, cache);
    const next = answer?.data?.length ? this.sameHost(answer.paging?.next) : undefined;
    return { data: answer?.data ?? [], ...(next ? { next } : {}), ...(answer?.name ? { name: answer.name } : {}) };
  }

  private parse(pathOrNext: string): URL | undefined {
    try {
      return new URL(pathOrNext, this.api);
    } catch {
      return undefined;
    }
  }

  private sameHost(link: string | null | undefined): string | undefined {
    if (!link) return undefined;
    try {
      const url = new URL(link);
      if (url.host !== this.apiHost) return undefined;
      url.protocol = 'https:';
      return url.href;
    } catch {
      return undefined;
    }
  }

  async search(q: string, type: McSearchType, offset = 0, limit = PAGE): Promise<McListPage<TrackRef | EntityRef>> {
    const query = new URLSearchParams({ q, type, offset: String(offset), limit: String(limit) });
    const page = await this.page<McApiCloudcast & McApiUser>(`/search/?${query}`, 'search', limit);
    const items: (TrackRef | EntityRef)[] =
      type === 'cloudcast'
        ? shows(page.data)
        : type === 'user'
          ? page.data.map(userEntity).filter((e): e is EntityRef => !!e)
          : [];
    const genres = new Map<string, string>();
    for (const show of page.data) {
      const key = refFromApi(show)?.id;
      const tag = show.tags?.[0]?.name;
      if (type === 'cloudcast' && key && tag) genres.set(key, tag);
    }
    return { items, genres, ...(page.next ? { next: page.next } : {}) };
  }

  /** Tag names for a query (search type=tag), e.g. to offer genres in the Charts tab. */
  async tags(q: string): Promise<{ slug: string; name: string }[]> {
    const page = await this.page<McApiNamed>(`/search/?${new URLSearchParams({ q, type: 'tag' })}`, 'search', 50);
    return page.data.flatMap((t) => {
      const slug = /^\/discover\/([^/]+)\/$/.exec(t.key ?? '')?.[1];
      return slug && t.name ? [{ slug, name: t.name }] : [];
    });
  }

  /** Popular, hot or new, over everything or one tag (the `discover/<tag>/` lists). */
  async chart(list: McChartList, tag?: string, limit = 50): Promise<ChartView> {
    const slug = tag?.trim().toLowerCase().replace(/\s+/g, '-');
    const base = slug ? `/discover/${encodeURIComponent(slug)}/` : '/';
    const path = list === 'new' ? (slug ? `${base}latest/` : '/new/') : `${base}popular/${list === 'hot' ? 'hot/' : ''}`;
    const page = await this.page<McApiCloudcast>(path, 'charts', limit);
    const name = { popular: 'Popular', hot: 'Hot', new: 'New' }[list];
    return { title: `Mixcloud ${name}${tag ? ` — ${tag}` : ''}`, tracks: shows(page.data) };
  }

  /** A user's shows (or favorites / listens), one dated page at a time. */
  async userList(username: string, list: McUserList, next?: string): Promise<McListPage<TrackRef>> {
    const page = await this.page<McApiCloudcast>(next ?? `/${encodeURIComponent(username)}/${list}/`, 'list');
    return { items: shows(page.data), ...(page.next ? { next: page.next } : {}) };
  }

  private async profile(username: string): Promise<EntityRef> {
    const profile = await this.transport.getJson<McApiUser>(new URL(`/${encodeURIComponent(username)}/`, this.api).href, 'metadata');
    return userEntity({ ...profile, username: profile?.username ?? username }) as EntityRef;
  }

  /** A user: profile, first page of shows, and playlists to open, with tabs for the other lists. */
  async user(username: string): Promise<EntityView> {
    const [entity, uploads, playlists] = await Promise.all([
      this.profile(username),
      this.userList(username, 'cloudcasts'),
      this.page<McApiNamed>(`/${encodeURIComponent(username)}/playlists/`, 'list', 50),
    ]);
    const children = playlists.data.map(playlistEntity).filter((e): e is EntityRef => !!e);
    return { entity, tracks: uploads.items, children, lists: MC_USER_TABS, list: 'tracks', ...(uploads.next ? { next: uploads.next } : {}) };
  }

  /** One page of a user's people (followers, following) or playlists, as entities to open. */
  async userEntities(username: string, list: 'followers' | 'following' | 'playlists', next?: string): Promise<McListPage<EntityRef>> {
    const page = await this.page<McApiUser & McApiNamed>(next ?? `/${encodeURIComponent(username)}/${list}/`, 'list');
    const items = page.data.map((x) => (list === 'playlists' ? playlistEntity(x) : userEntity(x))).filter((e): e is EntityRef => !!e);
    return { items, ...(page.next ? { next: page.next } : {}) };
  }

  /** One page of one of a user's lists as a view: shows, favorites and listens as tracks; people and playlists to open. */
  async userListView(username: string, list: McUserTab, next?: string): Promise<EntityView> {
    const people = list === 'followers' || list === 'following' || list === 'playlists';
    const [entity, page] = await Promise.all([
      this.profile(username),
      people ? this.userEntities(username, list, next) : this.userList(username, list === 'tracks' ? 'cloudcasts' : list, next),
    ]);
    return {
      entity,
      tracks: people ? [] : (page.items as TrackRef[]),
      children: people ? (page.items as EntityRef[]) : [],
      lists: MC_USER_TABS,
      list,
      ...(page.next ? { next: page.next } : {}),
    };
  }

  /** A playlist's shows in the playlist's order. */
  async playlist(key: string): Promise<EntityView> {
    const page = await this.page<McApiCloudcast>(`${key}cloudcasts/`, 'list', 100);
    const entity = playlistEntity({ key, name: page.name ?? key }) as EntityRef;
    return { entity, tracks: shows(page.data), children: [], ...(page.next ? { next: page.next } : {}) };
  }
}
