/**
 * api-v2 list endpoints: users and their tracks, likes, sets and reposts, user streams, the feed,
 * search (all, tracks, users, playlists, query suggestions) and charts. All page with
 * limit/offset/next_href (paging.ts) and need client_id.
 */
import { createHash } from 'node:crypto';
import type { Req, Res } from '../../http';
import type { ScUser } from './catalogue';
import { API_V2_HOST, apiError, clientIdOk, type ScContext } from './context';
import type { SearchKind, SetFilter } from './lists';
import { PROFILE_PAGE, SEARCH_PAGE, paginate, type ListSource } from './paging';
import { parseId } from './urls';

export function registerListApi(ctx: ScContext): void {
  const r = ctx.app.router;
  const h = API_V2_HOST;
  const gated = (fn: (req: Req, res: Res) => unknown) => async (req: Req, res: Res) => {
    if (await clientIdOk(ctx, req, res)) await fn(req, res);
  };
  const ofUser = <R, T>(pick: (u: ScUser) => ListSource<R, T>, size = PROFILE_PAGE) =>
    gated((req, res) => {
      const u = findUser(ctx, req);
      return u ? res.json(paginate(pick(u), req.path, req.query, size)) : apiError(res, 404);
    });

  r.get(h, '/users/:id', 'api', gated((req, res) => {
    const u = findUser(ctx, req);
    return u ? res.json(ctx.ser.user(u)) : apiError(res, 404);
  }));
  r.get(h, '/users/:id/tracks', 'api', ofUser((u) => ctx.lists.userTracks(u)));
  r.get(h, '/users/:id/toptracks', 'api', ofUser((u) => ctx.lists.userTopTracks(u)));
  r.get(h, '/users/:id/likes', 'api', ofUser((u) => ctx.lists.userLikes(u)));
  const sets: [string, SetFilter][] = [['playlists', 'all'], ['albums', 'albums'], ['playlists_without_albums', 'playlists']];
  for (const [path, filter] of sets) {
    r.get(h, `/users/:id/${path}`, 'api', ofUser((u) => ctx.lists.userPlaylists(u, filter)));
  }
  r.get(h, '/users/:id/reposts', 'api', ofUser((u) => ctx.lists.userReposts(u)));
  r.get(h, '/stream/users/:id/reposts', 'api', ofUser((u) => ctx.lists.userReposts(u)));
  r.get(h, '/stream/users/:id', 'api', ofUser((u) => ctx.lists.userStream(u)));
  r.get(h, '/stream', 'api', gated((req, res) => res.json(paginate(ctx.lists.feed(), req.path, req.query, PROFILE_PAGE))));

  const searches: [string, SearchKind][] = [['/search', 'all'], ['/search/tracks', 'tracks'], ['/search/users', 'users'], ['/search/playlists', 'playlists']];
  for (const [path, kind] of searches) {
    r.get(h, path, 'api', gated((req, res) => {
      const q = req.query.get('q');
      if (q === null) return apiError(res, 400, 'q is required');
      return res.json(paginate(ctx.lists.search(kind, q), req.path, req.query, SEARCH_PAGE));
    }));
  }
  r.get(h, '/search/queries', 'api', gated((req, res) => {
    const q = (req.query.get('q') ?? '').toLowerCase();
    const titles = ctx.cat.publicTracks().map((t) => t.seed.title.toLowerCase());
    const names = ctx.cat.users.map((u) => u.seed.username.toLowerCase());
    const hits = [...new Set([...names, ...titles])].filter((s) => q && s.includes(q)).slice(0, 10);
    return res.json({ collection: hits.map((s) => ({ output: s, query: s })), next_href: null, query_urn: `soundcloud:search-autocomplete:${createHash('sha1').update(q).digest('hex').slice(0, 32)}` });
  }));

  r.get(h, '/charts', 'api', gated((req, res) => {
    const kind = req.query.get('kind') ?? 'trending';
    if (kind !== 'top' && kind !== 'trending') return apiError(res, 400, 'kind must be top or trending');
    const genre = req.query.get('genre') ?? 'soundcloud:genres:all-music';
    const page = paginate(ctx.lists.charts(kind, genre), req.path, req.query, SEARCH_PAGE);
    return res.json({
      genre,
      kind,
      last_updated: '2026-02-20T06:38:12Z',
      collection: page.collection,
      query_urn: page.query_urn,
      next_href: page.next_href,
    });
  }));
}

function findUser(ctx: ScContext, req: Req): ScUser | undefined {
  const id = parseId(req.params.id ?? '', 'users');
  return id === undefined ? undefined : ctx.cat.userById(id);
}
