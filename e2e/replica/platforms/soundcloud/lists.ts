/**
 * Every list the site shows, as a paging source over the catalogue: a user's uploads, popular
 * tracks, likes, reposts, sets and stream, the feed, related tracks, search and charts. The API
 * routes page through them; the server-rendered pages show their first page.
 */
import { createHash } from 'node:crypto';
import type { Activity, Catalogue, ScPlaylist, ScTrack, ScUser } from './catalogue';
import type { ListSource } from './paging';
import type { Serializer } from './serialize';
import type { ApiPlaylist, ApiSearchItem, ApiTrack, ApiWrappedItem } from './types';

export type SetFilter = 'all' | 'albums' | 'playlists';
export type SearchKind = 'all' | 'tracks' | 'users' | 'playlists';

/** An upload or a repost in a stream. */
interface StreamEntry {
  createdAt: string;
  type: NonNullable<ApiWrappedItem['type']>;
  userId: number;
  trackId?: number;
  playlistId?: number;
}

const pad20 = (n: number) => String(n).padStart(20, '0');
/** Cursor timestamps are written with milliseconds, as in the captured next_href values. */
const millis = (iso: string) => iso.replace(/Z$/, '.000Z');

/** SoundCloud chart genre slugs for the catalogue's genres. */
const GENRE_SLUGS: Record<string, string> = {
  'deep house': 'deephouse',
  house: 'house',
  techno: 'techno',
  'melodic techno': 'techno',
  ambient: 'ambient',
  electronic: 'electronic',
  downtempo: 'electronic',
  experimental: 'electronic',
};
export function genreSlug(genre: string | null): string {
  return GENRE_SLUGS[(genre ?? '').toLowerCase()] ?? 'all-music';
}

function hashUrn(kind: string, ...parts: string[]): string {
  return `soundcloud:${kind}:${createHash('sha1').update(parts.join('|')).digest('hex').slice(0, 32)}`;
}

export class Lists {
  constructor(private readonly cat: Catalogue, private readonly ser: Serializer) {}

  private trackJson = (t: ScTrack): ApiTrack => this.ser.track(t);
  private playlistJson = (p: ScPlaylist): ApiPlaylist => this.ser.playlist(p, 'compact');

  userTracks(u: ScUser): ListSource<ScTrack, ApiTrack> {
    return {
      records: this.cat.publicTracksOf(u.id),
      toJson: this.trackJson,
      cursor: (t) => `${millis(t.seed.createdAt)},tracks,${pad20(t.id)}`,
    };
  }

  userTopTracks(u: ScUser): ListSource<ScTrack, ApiTrack> {
    const records = this.cat.publicTracksOf(u.id).sort((a, b) => b.counts.plays - a.counts.plays);
    return { records, toJson: this.trackJson };
  }

  userLikes(u: ScUser): ListSource<Activity, ApiWrappedItem> {
    return {
      records: this.activities(this.cat.likes.get(u.id)),
      toJson: (a) => ({ created_at: a.createdAt, kind: 'like', ...this.wrapped(a) }),
      cursor: (a) =>
        a.trackId
          ? `${millis(a.createdAt)},user-track-likes,000-${pad20(u.id)}-${pad20(a.trackId)}`
          : `${millis(a.createdAt)},user-playlist-likes,000-${pad20(u.id)}-${pad20(a.playlistId ?? 0)}`,
    };
  }

  userReposts(u: ScUser): ListSource<StreamEntry, ApiWrappedItem> {
    return this.stream(this.repostEntries(u));
  }

  /** The profile's "All" tab: uploads and reposts, newest first. */
  userStream(u: ScUser): ListSource<StreamEntry, ApiWrappedItem> {
    return this.stream([...this.uploadEntries(u), ...this.repostEntries(u)]);
  }

  /** The listener's feed: everyone's uploads and reposts. */
  feed(): ListSource<StreamEntry, ApiWrappedItem> {
    return this.stream(this.cat.users.flatMap((u) => [...this.uploadEntries(u), ...this.repostEntries(u)]));
  }

  userPlaylists(u: ScUser, filter: SetFilter): ListSource<ScPlaylist, ApiPlaylist> {
    const records = this.cat.playlists
      .filter((p) => p.userId === u.id)
      .filter((p) => filter === 'all' || (filter === 'albums') === (p.seed.setType === 'album'))
      .sort((a, b) => b.seed.createdAt.localeCompare(a.seed.createdAt));
    return { records, toJson: this.playlistJson };
  }

  related(t: ScTrack): ListSource<ScTrack, ApiTrack> {
    const others = this.cat.publicTracks().filter((o) => o.id !== t.id && !o.seed.bare);
    const sameGenre = others.filter((o) => genreSlug(o.seed.genre ?? null) === genreSlug(t.seed.genre ?? null));
    const rest = others.filter((o) => !sameGenre.includes(o));
    return { records: [...sameGenre, ...rest], toJson: this.trackJson, queryUrn: hashUrn('similarsounds', String(t.id)) };
  }

  search(kind: SearchKind, q: string): ListSource<ScTrack | ScUser | ScPlaylist, ApiSearchItem> {
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    const hit = (text: string) => words.every((w) => text.toLowerCase().includes(w));
    const users = kind === 'all' || kind === 'users' ? this.cat.users.filter((u) => hit(`${u.seed.username} ${u.seed.permalink}`)) : [];
    const playlists =
      kind === 'all' || kind === 'playlists'
        ? this.cat.playlists.filter((p) => hit(`${p.seed.title} ${this.cat.userById(p.userId)?.seed.username ?? ''} ${p.seed.tags}`))
        : [];
    const tracks =
      kind === 'all' || kind === 'tracks'
        ? this.cat.publicTracks().filter((t) => hit(`${t.seed.title} ${this.cat.userById(t.userId)?.seed.username ?? ''} ${t.seed.tags ?? ''} ${t.seed.genre ?? ''}`))
        : [];
    const records: (ScTrack | ScUser | ScPlaylist)[] = [...users, ...playlists, ...tracks];
    return {
      records,
      toJson: (r) => ('trackIds' in r ? this.playlistJson(r) : 'stem' in r ? this.trackJson(r) : this.ser.user(r)),
      carry: { q },
      queryUrn: hashUrn('search', kind, q),
      total: true,
    };
  }

  charts(kind: 'top' | 'trending', genre: string): ListSource<ScTrack, { track: ApiTrack; score: number }> {
    const slug = genre.replace(/^soundcloud:genres:/, '');
    const eligible = this.cat
      .publicTracks()
      .filter((t) => !t.seed.bare && t.userId !== this.cat.user('tapes').id)
      .filter((t) => slug === 'all-music' || genreSlug(t.seed.genre ?? null) === slug);
    const score = (t: ScTrack) => (kind === 'top' ? t.counts.plays : t.counts.likes / (t.counts.plays + 1));
    const max = Math.max(1, ...eligible.map(score));
    const records = eligible.sort((a, b) => score(b) - score(a));
    return {
      records,
      toJson: (t) => ({ track: this.trackJson(t), score: Number((score(t) / max).toFixed(6)) }),
      carry: { genre: `soundcloud:genres:${slug}`, kind },
      queryUrn: hashUrn('charts', kind, slug),
    };
  }

  private activities(list: Activity[] | undefined): Activity[] {
    return [...(list ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  private wrapped(a: { trackId?: number; playlistId?: number }): Pick<ApiWrappedItem, 'track' | 'playlist'> {
    const t = a.trackId ? this.cat.trackById(a.trackId) : undefined;
    if (t) return { track: this.trackJson(t) };
    const p = a.playlistId ? this.cat.playlistById(a.playlistId) : undefined;
    return p ? { playlist: this.playlistJson(p) } : {};
  }

  private uploadEntries(u: ScUser): StreamEntry[] {
    const tracks = this.cat.publicTracksOf(u.id).map((t): StreamEntry => ({ createdAt: t.seed.createdAt, type: 'track', userId: u.id, trackId: t.id }));
    const sets = this.cat.playlists
      .filter((p) => p.userId === u.id)
      .map((p): StreamEntry => ({ createdAt: p.seed.createdAt, type: 'playlist', userId: u.id, playlistId: p.id }));
    return [...tracks, ...sets];
  }

  private repostEntries(u: ScUser): StreamEntry[] {
    return (this.cat.reposts.get(u.id) ?? []).map((a): StreamEntry => ({
      createdAt: a.createdAt,
      type: a.trackId ? 'track-repost' : 'playlist-repost',
      userId: u.id,
      ...(a.trackId ? { trackId: a.trackId } : { playlistId: a.playlistId ?? 0 }),
    }));
  }

  private stream(entries: StreamEntry[]): ListSource<StreamEntry, ApiWrappedItem> {
    const records = entries.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || (b.trackId ?? 0) - (a.trackId ?? 0));
    return {
      records,
      toJson: (e) => {
        const who = this.cat.userById(e.userId);
        return {
          created_at: e.createdAt,
          type: e.type,
          ...(who ? { user: this.ser.miniUser(who) } : {}),
          uuid: createHash('md5').update(`${e.type}:${e.userId}:${e.trackId ?? e.playlistId}`).digest('hex'),
          caption: null,
          ...this.wrapped(e),
        };
      },
      cursor: (e) => `${millis(e.createdAt)},${e.type},${pad20(e.trackId ?? e.playlistId ?? 0)}`,
    };
  }
}
