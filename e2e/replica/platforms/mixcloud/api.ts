/**
 * https://api.mixcloud.com/: every object at its page path, connections as sub-paths, global lists,
 * tags under /discover/ and /genres/, search, /me/ (token), oEmbed on app. and www. An
 * `access_token` counts only in the query string; an unknown or revoked one is refused on any path.
 */
import type { ReplicaApp } from '../../app';
import type { Req, Res } from '../../http';
import {
  commentJson, compactUser, fullShow, fullUser, listShow, metadata, playlistJson, SHOW_CONNECTIONS, TAG_CONNECTIONS, tagJson,
  USER_CONNECTIONS, WWW,
} from './api-shapes';
import { datePage, offsetPage, type DatedItem } from './api-paging';
import type { Catalogue } from './catalogue';
import { showKey, type McShow, type McUser } from './model';
import { oauthError, type MixcloudAuth } from './oauth';
import { registerOembed } from './oembed';
import type { UploadHandler } from './upload';

type Json = Record<string, unknown>;

export class ApiError extends Error {
  constructor(readonly status: number, readonly type: string, message: string) {
    super(message);
  }
}

const newestFirst = <T>(items: DatedItem<T>[]) => [...items].sort((x, y) => Date.parse(y.at) - Date.parse(x.at));

const notFound = (what: string) => new ApiError(404, 'NotFoundException', `No ${what} found.`);

export function registerApi(app: ReplicaApp, cat: Catalogue, auth: MixcloudAuth, upload: UploadHandler): void {
  const api = new PublicApi(cat, auth, upload);
  app.router.post('api.mixcloud.com', '/upload', 'api', (req, res) => upload.handle(req, res, app.faults.config.uploadAnswerDelayMs));
  app.router.add('api.mixcloud.com', '*', /^\/.*$/, 'api', (req, res) => api.handle(req, res));
  registerOembed(app, cat);
}

class PublicApi {
  constructor(private readonly cat: Catalogue, private readonly auth: MixcloudAuth, private readonly upload: UploadHandler) {}

  async handle(req: Req, res: Res): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return this.send(req, res, { error: { type: 'RequestException', message: 'Method not allowed.' } }, 405);
    if (!req.path.endsWith('/')) return res.redirect(`https://api.mixcloud.com${req.path}/${req.url.search}`, 301);
    try {
      const token = req.query.get('access_token');
      const viewer = token ? this.auth.userFor(token) : undefined;
      if (token && !viewer) throw new ApiError(401, 'OAuthException', 'An invalid access token was provided.');
      const parts = req.path.split('/').filter(Boolean).map((p) => decodeURIComponent(p));
      return await this.send(req, res, this.route(parts, req, viewer));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const body = err.type === 'OAuthException' ? oauthError(err.message) : { error: { type: err.type, message: err.message } };
      return this.send(req, res, body, err.status);
    }
  }

  /** JSON, or JSONP when `callback=` is given. */
  private send(req: Req, res: Res, body: unknown, status = 200): Promise<void> {
    const callback = req.query.get('callback');
    if (callback && /^[\w$.]+$/.test(callback)) return res.text(`${callback}(${JSON.stringify(body)});`, status, 'text/javascript; charset=utf-8');
    return res.json(body, status);
  }

  private route(parts: string[], req: Req, viewer: McUser | undefined): Json {
    const [a, b, c, d] = parts;
    const q = req.query;
    const path = `/${parts.join('/')}/`;
    if (!a) throw notFound('object');
    if (a === 'me') {
      if (!viewer) throw new ApiError(401, 'OAuthException', 'An active access token must be used to query information about the current user.');
      return this.route([viewer.username, ...parts.slice(1)], req, viewer);
    }
    if (a === 'popular' && (!b || (b === 'hot' && !c))) {
      const ranked = [...this.cat.shows].sort(b ? (x, y) => y.favoriteCount - x.favoriteCount : (x, y) => y.plays - x.plays);
      return { ...offsetPage(path, q, ranked.map((s) => listShow(this.cat, s))) };
    }
    if (a === 'new' && !b) return { ...datePage(path, q, this.dated(this.cat.shows)) };
    if ((a === 'discover' || a === 'genres') && b) return this.tag(a, b, c, d, path, q);
    if (a === 'categories' && !b) {
      const cats = [...this.cat.tags.values()].filter((t) => t.category);
      return { ...offsetPage(path, q, cats.map((t) => ({ key: `/categories/${t.slug}/`, url: `${WWW}/categories/${t.slug}/`, name: t.name, slug: t.slug, format: t.category }))) };
    }
    if (a === 'search' && !b) return this.search(path, q);
    const user = this.cat.user(a);
    if (!user) throw notFound('user');
    return this.userPath(user, parts.slice(1), path, q, viewer);
  }

  private userPath(user: McUser, rest: string[], path: string, q: URLSearchParams, viewer?: McUser): Json {
    const [b, c, d] = rest;
    const named = (name: string, page: object) => ({ ...page, name: `${user.displayName}'s ${name}` });
    if (!b) return { ...fullUser(this.cat, user), ...(q.get('metadata') === '1' ? { metadata: metadata(path, USER_CONNECTIONS, 'user') } : {}) };
    if (!c) {
      switch (b) {
        case 'cloudcasts':
          // Shows uploaded to the replica join the catalogue's (unlisted ones for their owner only).
          return named('Cloudcasts', datePage(path, q, newestFirst([...this.dated(this.cat.uploads(user.username)), ...this.upload.listed(user.username, viewer?.username)])));
        case 'favorites':
        case 'listens': {
          const rows = (b === 'favorites' ? this.cat.favorites : this.cat.listens).get(user.username.toLowerCase()) ?? [];
          const items = rows.flatMap((r) => {
            const s = this.cat.showByKey(r.ref);
            return s ? [{ at: r.at, value: listShow(this.cat, s) }] : [];
          });
          return named(b === 'favorites' ? 'Favorites' : 'Listens', datePage(path, q, items));
        }
        case 'followers':
        case 'following': {
          const rows = b === 'followers' ? this.cat.followers(user.username) : this.cat.following(user.username);
          const items = rows.flatMap((r) => {
            const u = this.cat.user(r.ref);
            return u ? [{ at: r.at, value: compactUser(u) }] : [];
          });
          return named(b === 'followers' ? 'Followers' : 'Following', datePage(path, q, items));
        }
        case 'playlists':
          return named('Playlists', offsetPage(path, q, this.cat.playlists.filter((p) => p.owner === user.username).map((p) => playlistJson(this.cat, p))));
        case 'feed':
          return { ...datePage(path, q, this.feed(user)) };
      }
    }
    if (b === 'playlists' && c) {
      const playlist = this.cat.playlist(user.username, c);
      if (!playlist) throw notFound('playlist');
      if (!d) return { ...playlistJson(this.cat, playlist), ...(q.get('metadata') === '1' ? { metadata: metadata(path, ['cloudcasts'], 'playlist') } : {}) };
      if (d === 'cloudcasts' && rest.length === 3) {
        const shows = playlist.items.flatMap((k) => (this.cat.showByKey(k) ? [listShow(this.cat, this.cat.showByKey(k)!)] : []));
        return { ...offsetPage(path, q, shows), name: playlist.name };
      }
      throw notFound('object');
    }
    const show = b ? this.cat.show(user.username, b) : undefined;
    if (!show || rest.length > 2) throw notFound('cloudcast');
    if (!c) return { ...fullShow(this.cat, show), ...(q.get('metadata') === '1' ? { metadata: metadata(path, SHOW_CONNECTIONS, 'cloudcast') } : {}) };
    if (c === 'comments') {
      const items = (this.cat.comments.get(showKey(show)) ?? []).map((cm) => ({ at: cm.created, value: commentJson(this.cat, cm) }));
      return { ...datePage(path, q, items), name: `Comments on ${show.name}` };
    }
    if (c === 'favorites' || c === 'listeners') {
      const rows = c === 'favorites' ? this.cat.favoritedBy(showKey(show)) : this.cat.listenedBy(showKey(show));
      return { ...datePage(path, q, rows.flatMap((r) => (this.cat.user(r.ref) ? [{ at: r.at, value: compactUser(this.cat.user(r.ref)!) }] : []))) };
    }
    throw notFound('object');
  }

  /** /discover/<tag>[+<tag>|+city:<city>]/[popular/[hot/]|latest/] */
  private tag(prefix: string, spec: string, c: string | undefined, d: string | undefined, path: string, q: URLSearchParams): Json {
    const terms = spec.split('+');
    const tags = terms.filter((t) => !t.startsWith('city:')).map((t) => this.cat.tags.get(t));
    const cities = terms.filter((t) => t.startsWith('city:')).map((t) => t.slice(5).toLowerCase());
    if (tags.some((t) => !t) || (!tags.length && !cities.length)) throw notFound('tag');
    const shows = this.cat.shows.filter(
      (s) => tags.every((t) => s.tags.includes(t!.slug)) && cities.every((city) => this.cat.user(s.owner)?.city?.toLowerCase() === city),
    );
    if (!c) {
      const base = tags[0] ? tagJson(tags[0]) : { key: `/${prefix}/${spec}/`, url: `${WWW}/${prefix}/${spec}/`, name: cities.join(', ') };
      return { ...base, key: `/${prefix}/${spec}/`, type: 'tag', ...(q.get('metadata') === '1' ? { metadata: metadata(path, TAG_CONNECTIONS, 'tag') } : {}) };
    }
    if (c === 'latest' && !d) return { ...datePage(path, q, this.dated(shows)) };
    if (c === 'popular' && (!d || d === 'hot')) {
      const ranked = [...shows].sort(d ? (x, y) => y.favoriteCount - x.favoriteCount : (x, y) => y.plays - x.plays);
      return { ...offsetPage(path, q, ranked.map((s) => listShow(this.cat, s))) };
    }
    throw notFound('object');
  }

  private search(path: string, q: URLSearchParams): Json {
    const term = (q.get('q') ?? '').trim().toLowerCase();
    const type = q.get('type') ?? 'cloudcast';
    if (!term) throw new ApiError(400, 'RequestException', 'Missing or empty "q" parameter.');
    const hit = (...fields: (string | null | undefined)[]) => fields.some((f) => f?.toLowerCase().includes(term));
    if (type === 'cloudcast') {
      const shows = this.cat.shows.filter((s) => hit(s.name, s.owner, ...s.tags.map((t) => this.cat.tags.get(t)?.name)));
      return { ...offsetPage(path, q, shows.map((s) => listShow(this.cat, s))) };
    }
    if (type === 'user') {
      const users = [...this.cat.users.values()].filter((u) => hit(u.username, u.displayName));
      return { ...offsetPage(path, q, users.map((u) => ({ ...compactUser(u), type: 'user' }))) };
    }
    if (type === 'tag') {
      const tags = [...this.cat.tags.values()].filter((t) => hit(t.name, t.slug));
      return { ...offsetPage(path, q, tags.map((t) => ({ ...tagJson(t), type: 'tag' }))) };
    }
    throw new ApiError(400, 'RequestException', `Unknown search type "${type}".`);
  }

  private dated(shows: McShow[]): DatedItem<Json>[] {
    return shows.map((s) => ({ at: s.createdTime, value: listShow(this.cat, s) }));
  }

  /** Uploads of the people the user follows, as the 2016 docs' feed items. */
  private feed(user: McUser): DatedItem<Json>[] {
    const followed = new Set(this.cat.following(user.username).map((f) => f.ref.toLowerCase()));
    return this.cat.shows
      .filter((s) => followed.has(s.owner.toLowerCase()))
      .map((s) => {
        const owner = this.cat.user(s.owner)!;
        return {
          at: s.createdTime,
          value: { type: 'upload', title: `${owner.displayName} uploaded a new show`, created_time: s.createdTime, from: compactUser(owner), cloudcasts: [listShow(this.cat, s)] },
        };
      });
  }
}
