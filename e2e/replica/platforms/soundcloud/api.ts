/**
 * api-v2 (https://api-v2.soundcloud.com): resolve, tracks (single, batch, download, related) and
 * playlists. Users, streams, search and charts are in api-lists.ts. Every call needs client_id.
 */
import type { Req, Res } from '../../http';
import type { ScPlaylist, ScTrack, ScUser } from './catalogue';
import { API_V2_HOST, apiError, allowCors, clientIdOk, type ScContext } from './context';
import { paginate } from './paging';
import { parsePagePath, isSiteHost, type PageRoute } from './routes';
import type { Representation } from './serialize';
import { signedOriginalUrl } from './streams';
import { parseId } from './urls';

export type Resolved = { kind: 'user'; user: ScUser } | { kind: 'track'; track: ScTrack } | { kind: 'playlist'; playlist: ScPlaylist };

/** Batch lookups answer at most this many ids. */
export const MAX_BATCH_IDS = 50;

/** A private track is visible only with its secret token. */
export function trackVisible(t: ScTrack, token: string | null | undefined): boolean {
  return !t.secretToken || t.secretToken === token;
}

/** The object a soundcloud.com page route shows, if it exists and may be seen. */
export function lookupRoute(ctx: ScContext, route: PageRoute): Resolved | undefined {
  if (route.kind !== 'user' && route.kind !== 'track' && route.kind !== 'set') return undefined;
  const user = ctx.cat.userByPermalink(route.user);
  if (!user) return undefined;
  if (route.kind === 'user') return { kind: 'user', user };
  if (route.kind === 'set') {
    const playlist = ctx.cat.playlistByPermalink(user, route.set);
    return playlist && !route.token ? { kind: 'playlist', playlist } : undefined;
  }
  const track = ctx.cat.trackByPermalink(user, route.track);
  return track && trackVisible(track, route.token ?? null) && (!route.token || track.secretToken) ? { kind: 'track', track } : undefined;
}

export function representationOf(req: Req): Representation {
  const r = req.query.get('representation');
  return r === 'full' || r === 'id' ? r : 'compact';
}

export function registerApi(ctx: ScContext): void {
  const r = ctx.app.router;
  const h = API_V2_HOST;
  const gated = (fn: (req: Req, res: Res) => unknown) => async (req: Req, res: Res) => {
    if (await clientIdOk(ctx, req, res)) await fn(req, res);
  };
  allowCors(ctx, [h]);

  r.get(h, '/resolve', 'api', gated((req, res) => resolve(ctx, req, res)));

  r.get(h, '/tracks', 'api', gated((req, res) => {
    const ids = (req.query.get('ids') ?? '').split(',').map((s) => parseId(s.trim(), 'tracks'));
    const tracks = ids
      .slice(0, MAX_BATCH_IDS)
      .map((id) => (id === undefined ? undefined : ctx.cat.trackById(id)))
      .filter((t): t is ScTrack => Boolean(t) && trackVisible(t as ScTrack, req.query.get('playlistSecretToken')));
    return res.json(tracks.map((t) => ctx.ser.track(t)));
  }));

  r.get(h, '/tracks/:id', 'api', gated((req, res) => {
    const t = findTrack(ctx, req);
    return t ? res.json(ctx.ser.track(t)) : apiError(res, 404);
  }));

  r.get(h, '/tracks/:id/related', 'api', gated((req, res) => {
    const t = findTrack(ctx, req);
    if (!t) return apiError(res, 404);
    return res.json({ ...paginate(ctx.lists.related(t), req.path, req.query, 10), variant: 'sim_sounds_v3' });
  }));

  r.get(h, '/tracks/:id/download', 'api', gated((req, res) => {
    const t = findTrack(ctx, req);
    if (!t) return apiError(res, 404);
    const who = ctx.state.userOfAuthorization(req.header('authorization'));
    if (typeof who !== 'number') return apiError(res, 401, 'a signed-in user is required');
    if (!t.seed.downloadable) return apiError(res, 404, 'this track is not downloadable');
    if (t.seed.noDownloadsLeft) return apiError(res, 403, 'downloads of this track are not available');
    return res.json({ redirectUri: signedOriginalUrl(ctx, t) });
  }));

  r.get(h, '/playlists/:id', 'api', gated((req, res) => {
    const id = parseId(req.params.id ?? '', 'playlists');
    const p = id === undefined ? undefined : ctx.cat.playlistById(id);
    return p ? res.json(ctx.ser.playlist(p, representationOf(req))) : apiError(res, 404);
  }));
}

function findTrack(ctx: ScContext, req: Req): ScTrack | undefined {
  const id = parseId(req.params.id ?? '', 'tracks');
  const t = id === undefined ? undefined : ctx.cat.trackById(id);
  return t && trackVisible(t, req.query.get('secret_token')) ? t : undefined;
}

async function resolve(ctx: ScContext, req: Req, res: Res): Promise<void> {
  let url: URL;
  try {
    url = new URL(req.query.get('url') ?? '');
  } catch {
    return apiError(res, 400, 'url is required');
  }
  if (!isSiteHost(url.hostname)) return apiError(res, 404);
  const route = parsePagePath(url.pathname);
  const found = route.kind === 'user' && route.tab !== 'all' ? undefined : lookupRoute(ctx, route);
  if (!found) return apiError(res, 404);
  switch (found.kind) {
    case 'user':
      return res.json(ctx.ser.user(found.user));
    case 'track':
      return res.json(ctx.ser.track(found.track));
    case 'playlist':
      return res.json(ctx.ser.playlist(found.playlist, representationOf(req)));
  }
}
