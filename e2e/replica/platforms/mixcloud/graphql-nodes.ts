/**
 * GraphQL object types backed by the catalogue. graphql-js calls a method of the source object for
 * each field (with args, context), so each class is both the data and its resolvers.
 */
import { createHash } from 'node:crypto';
import type { Catalogue } from './catalogue';
import { connection, relayId, type PageArgs } from './graphql-connection';
import { showKey, type Dated, type McComment, type McPlaylist, type McSection, type McShow, type McTag, type McUser } from './model';
import { encodeStreamUrl } from './stream-codec';
import { audioPath } from './streams';

export const THUMBNAILER = 'https://thumbnailer.mixcloud.com/unsafe/';

export interface GqlContext {
  cat: Catalogue;
  /** The signed-in user of the request, if any. */
  viewer: McUser | null;
  /** Plain stream URLs of a playable show (the progressive one freshly signed). */
  streamUrls(show: McShow): { hlsUrl: string; dashUrl: string; url: string };
}

type SizeArgs = { width?: number | null; height?: number | null };

export function picture(path: string | null, args: SizeArgs) {
  if (!path) return null;
  const w = args.width ?? args.height ?? 0;
  const h = args.height ?? args.width ?? 0;
  const color = createHash('md5').update(path).digest('hex').slice(0, 6);
  return { urlRoot: path, url: `${THUMBNAILER}${w}x${h}/${path}`, width: w, height: h, primaryColor: color, isLight: false };
}

function cloudcastEdges(name: string, shows: McShow[], args: PageArgs, ctx: GqlContext) {
  return connection(name, shows, args, (s, cursor) => ({ cursor, node: new CloudcastNode(s, ctx) }));
}

function userEdges(name: string, names: string[], args: PageArgs, ctx: GqlContext) {
  const users = names.map((n) => ctx.cat.user(n)).filter((u): u is McUser => !!u);
  return connection(name, users, args, (u, cursor) => ({ cursor, node: new UserNode(u, ctx) }));
}

function resolveShows(ctx: GqlContext, keys: Dated<string>[] | string[]): McShow[] {
  return keys.map((k) => ctx.cat.showByKey(typeof k === 'string' ? k : k.ref)).filter((s): s is McShow => !!s);
}

function totalAudioLength(shows: McShow[]): number {
  return shows.reduce((a, s) => a + s.audioLength, 0);
}

export class CloudcastNode {
  readonly __typename = 'Cloudcast';
  constructor(readonly show: McShow, private readonly ctx: GqlContext) {}
  id = () => relayId('Cloudcast', this.show.id);
  dbId = () => String(this.show.id);
  name = () => this.show.name;
  slug = () => this.show.slug;
  description = () => this.show.description;
  audioLength = () => this.show.audioLength;
  publishDate = () => this.show.createdTime;
  hiddenStats = () => this.show.hiddenStats;
  owner = () => new UserNode(this.ctx.cat.user(this.show.owner) as McUser, this.ctx);
  picture = (args: SizeArgs) => picture(this.show.picturePath, args);
  isPlayable = () => this.playable();
  seekRestriction = () => null;
  restrictedReason = () => this.show.restrictedReason;
  isUnlisted = () => false;
  isDraft = () => false;
  isPublic = () => true;
  isExclusive = () => this.show.isExclusive;
  isExclusivePreviewOnly = () => false;
  plays = () => this.show.plays;
  canShowTracklist = () => this.show.canShowTracklist;
  url = () => `https://www.mixcloud.com${showKey(this.show)}`;
  key = () => showKey(this.show);

  /** Encoded like the real site; none for exclusive or restricted shows. */
  streamInfo = () => {
    if (!this.playable()) return null;
    const urls = this.ctx.streamUrls(this.show);
    return {
      hlsUrl: encodeStreamUrl(urls.hlsUrl),
      dashUrl: encodeStreamUrl(urls.dashUrl),
      url: encodeStreamUrl(urls.url),
      uuid: this.show.uuid,
      hash: createHash('md5').update(audioPath(this.show)).digest('hex'),
    };
  };

  comments = (args: PageArgs) => ({
    ...connection('comments', this.ctx.cat.comments.get(showKey(this.show)) ?? [], args, (c, cursor) => ({
      cursor,
      node: new CommentNode(c, this.ctx),
    })),
    commentsDisabled: false,
  });

  tags = () => this.show.tags.map((slug, i) => ({ tag: new TagNode(this.ctx.cat.tags.get(slug) ?? { slug, name: slug }), position: i }));

  favorites = (args: PageArgs) => ({
    ...userEdges('favorites', this.ctx.cat.favoritedBy(showKey(this.show)).map((d) => d.ref), args, this.ctx),
    totalCount: this.show.favoriteCount,
  });

  reposts = (args: PageArgs) => ({ ...userEdges('reposts', [], args, this.ctx), totalCount: this.show.repostCount });

  featuringArtistList = () => [...new Set(this.show.sections.flatMap((s) => (s.kind === 'track' && s.artist ? [s.artist] : [])))];
  moreFeaturingArtists = () => false;

  sections = () => this.show.sections.map((s, i) => sectionNode(s, this.show.id * 100 + i));

  private playable(): boolean {
    return !!this.show.audio && !this.show.isExclusive && !this.show.restrictedReason;
  }
}

function sectionNode(s: McSection, id: number) {
  return s.kind === 'track'
    ? { __typename: 'TrackSection', id: relayId('TrackSection', id), startSeconds: s.startSeconds, artistName: s.artist, songName: s.song }
    : { __typename: 'ChapterSection', id: relayId('ChapterSection', id), startSeconds: s.startSeconds, chapter: s.chapter };
}

export class TagNode {
  readonly __typename = 'Tag';
  constructor(readonly tag: McTag) {}
  id = () => relayId('Tag', this.tag.slug);
  slug = () => this.tag.slug;
  name = () => this.tag.name;
  isCategory = () => !!this.tag.category;
}

export class CommentNode {
  readonly __typename = 'Comment';
  constructor(private readonly c: McComment, private readonly ctx: GqlContext) {}
  id = () => relayId('Comment', this.c.id);
  comment = () => this.c.comment;
  user = () => {
    const u = this.ctx.cat.user(this.c.username);
    return u ? new UserNode(u, this.ctx) : null;
  };
  created = () => this.c.created;
  isDeleted = () => false;
}

export class UserNode {
  readonly __typename = 'User';
  constructor(readonly user: McUser, private readonly ctx: GqlContext) {}
  id = () => relayId('User', this.user.id);
  dbId = () => String(this.user.id);
  username = () => this.user.username;
  displayName = () => this.user.displayName;
  dateJoined = () => this.user.dateJoined;
  picture = (args: SizeArgs) => picture(this.user.picturePath, args);
  hasPicture = () => !!this.user.picturePath;
  city = () => this.user.city;
  country = () => this.user.country;
  biog = () => this.user.biog;
  isUploader = () => this.ctx.cat.uploads(this.user.username).length > 0;
  isViewer = () => this.ctx.viewer?.id === this.user.id;
  hasPremiumFeatures = () => this.user.isPremium;
  hasProFeatures = () => this.user.isPro;
  isSelect = () => this.user.isSelect;
  url = () => `https://www.mixcloud.com/${this.user.username}/`;
  key = () => `/${this.user.username}/`;

  uploads = (args: PageArgs & { orderBy?: string | null }) => {
    const shows = orderShows(this.ctx.cat.uploads(this.user.username), args.orderBy ?? 'LATEST');
    return { ...cloudcastEdges('uploads', shows, args, this.ctx), totalAudioLength: totalAudioLength(shows) };
  };

  favorites = (args: PageArgs) => {
    const shows = resolveShows(this.ctx, this.ctx.cat.favorites.get(this.user.username.toLowerCase()) ?? []);
    return { ...cloudcastEdges('favorites', shows, args, this.ctx), totalAudioLength: totalAudioLength(shows), isHidden: false };
  };

  listens = (args: PageArgs) => {
    const shows = resolveShows(this.ctx, this.ctx.cat.listens.get(this.user.username.toLowerCase()) ?? []);
    return { ...cloudcastEdges('listens', shows, args, this.ctx), totalAudioLength: totalAudioLength(shows) };
  };

  listeningHistory = (args: PageArgs) => {
    const rows = this.ctx.cat.listens.get(this.user.username.toLowerCase()) ?? [];
    const shows = resolveShows(this.ctx, rows);
    return {
      ...connection('listeningHistory', shows, args, (s, cursor, i) => ({
        cursor,
        node: { __typename: 'Listen', id: relayId('Listen', `${this.user.id}-${i}`), cloudcast: new CloudcastNode(s, this.ctx) },
      })),
      isHidden: false,
    };
  };

  /** Uploads of the people this user follows, newest first. */
  stream = (args: PageArgs) => {
    const followed = new Set(this.ctx.cat.following(this.user.username).map((d) => d.ref.toLowerCase()));
    const shows = this.ctx.cat.shows.filter((s) => followed.has(s.owner.toLowerCase()));
    return connection('stream', shows, args, (s, cursor) => ({ cursor, node: new CloudcastNode(s, this.ctx), repostedBy: null }));
  };

  playlists = (args: PageArgs) => {
    const lists = this.ctx.cat.playlists.filter((p) => p.owner.toLowerCase() === this.user.username.toLowerCase());
    return connection('playlists', lists, args, (p, cursor) => ({ cursor, node: new PlaylistNode(p, this.ctx) }));
  };

  followers = (args: PageArgs) => userEdges('followers', this.ctx.cat.followers(this.user.username).map((d) => d.ref), args, this.ctx);
  followings = (args: PageArgs) => userEdges('followings', this.ctx.cat.following(this.user.username).map((d) => d.ref), args, this.ctx);
}

export class PlaylistNode {
  readonly __typename = 'Playlist';
  constructor(readonly playlist: McPlaylist, private readonly ctx: GqlContext) {}
  id = () => relayId('Playlist', this.playlist.id);
  dbId = () => String(this.playlist.id);
  name = () => this.playlist.name;
  slug = () => this.playlist.slug;
  description = () => this.playlist.description;
  owner = () => new UserNode(this.ctx.cat.user(this.playlist.owner) as McUser, this.ctx);
  picture = (args: SizeArgs) => picture(resolveShows(this.ctx, this.playlist.items)[0]?.picturePath ?? null, args);
  items = (args: PageArgs) => {
    const shows = resolveShows(this.ctx, this.playlist.items);
    return {
      ...connection('items', shows, args, (s, cursor) => ({
        cursor,
        node: { __typename: 'PlaylistItem', id: relayId('PlaylistItem', `${this.playlist.id}-${s.id}`), cloudcast: new CloudcastNode(s, this.ctx) },
      })),
      totalAudioLength: totalAudioLength(shows),
    };
  };
}

/** LATEST / OLDEST by publish date, POPULAR by plays, HOT by favourites (a stand-in for trending). */
export function orderShows(shows: McShow[], orderBy: string): McShow[] {
  const list = [...shows];
  if (orderBy === 'OLDEST') return list.sort((a, b) => a.createdTime.localeCompare(b.createdTime));
  if (orderBy === 'POPULAR') return list.sort((a, b) => b.plays - a.plays);
  if (orderBy === 'HOT') return list.sort((a, b) => b.favoriteCount - a.favoriteCount);
  return list.sort((a, b) => b.createdTime.localeCompare(a.createdTime));
}
