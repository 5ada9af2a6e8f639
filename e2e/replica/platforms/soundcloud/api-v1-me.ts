/**
 * The official API's lists of the signed-in user (header `Authorization: OAuth <token>`):
 * GET /me/tracks (their uploads, private ones too, newest first) and GET /me/playlists. Tracks in the
 * v1 shape of the captured resolve body (sc-api-v1-public_resolve_track_…json: stream_url,
 * download_url, `secret_uri` for private tracks, no media.transcodings). `linked_partitioning=true`
 * answers {collection, next_href} with an opaque `cursor`; without it, a bare array (legacy).
 */
import type { Req, Res } from '../../http';
import type { ScPlaylist, ScTrack, ScUser } from './catalogue';
import { API_V1_HOST, type ScContext } from './context';
import { API_V1, WEB_ORIGIN, imageUrl, urn } from './urls';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;

/** "2016/01/12 22:46:33 +0000", the v1 date format. */
const v1Date = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' +0000').replace(/-/g, '/');

function miniUser(u: ScUser) {
  return {
    avatar_url: imageUrl('avatars', u.avatarKey),
    id: u.id,
    urn: urn('users', u.id),
    kind: 'user',
    permalink_url: `${WEB_ORIGIN}/${u.seed.permalink}`,
    uri: `${API_V1}/users/${urn('users', u.id)}`,
    username: u.seed.username,
    permalink: u.seed.permalink,
  };
}

function v1Track(ctx: ScContext, t: ScTrack, owner: ScUser) {
  const s = t.seed;
  const api = `${API_V1}/tracks/${urn('tracks', t.id)}`;
  return {
    kind: 'track',
    id: t.id,
    urn: urn('tracks', t.id),
    created_at: v1Date(s.createdAt),
    duration: ctx.cat.durationMs(t),
    sharing: t.secretToken ? 'private' : 'public',
    tag_list: s.tags ?? '',
    streamable: true,
    genre: s.genre ?? null,
    title: s.title,
    description: s.description ?? '',
    label_name: t.label?.labelName ?? null,
    uri: api,
    user: miniUser(owner),
    permalink_url: `${WEB_ORIGIN}/${owner.seed.permalink}/${s.permalink}`,
    artwork_url: t.artworkKey ? imageUrl('artworks', t.artworkKey) : null,
    stream_url: `${api}/stream`,
    download_url: s.downloadable ? `${api}/download` : null,
    secret_uri: t.secretToken ? `${api}?secret_token=${t.secretToken}` : null,
    downloadable: !!s.downloadable,
    access: t.availability === 'snip' ? 'preview' : t.availability === 'blocked' ? 'blocked' : 'playable',
  };
}

function v1Playlist(p: ScPlaylist, owner: ScUser) {
  return {
    kind: 'playlist',
    id: p.id,
    urn: urn('playlists', p.id),
    title: p.seed.title,
    permalink: p.seed.permalink,
    permalink_url: `${WEB_ORIGIN}/${owner.seed.permalink}/sets/${p.seed.permalink}`,
    artwork_url: p.artworkKey ? imageUrl('artworks', p.artworkKey) : null,
    playlist_type: p.seed.setType === 'album' ? 'album' : 'playlist',
    sharing: 'public',
    track_count: p.trackIds.length,
    created_at: v1Date(p.seed.createdAt),
    uri: `${API_V1}/playlists/${urn('playlists', p.id)}`,
    user: miniUser(owner),
  };
}

/** One page: a numeric cursor (the next item's position) keeps paging stable and opaque enough. */
function partition<T>(req: Req, path: string, items: T[]): unknown {
  const q = req.query;
  const limit = Math.min(MAX_LIMIT, Math.max(1, Number.parseInt(q.get('limit') ?? '', 10) || DEFAULT_LIMIT));
  const start = Math.max(0, Number.parseInt(q.get('cursor') ?? q.get('offset') ?? '0', 10) || 0);
  const slice = items.slice(start, start + limit);
  if (q.get('linked_partitioning') !== 'true' && q.get('linked_partitioning') !== '1') return slice;
  const end = start + slice.length;
  const next = end < items.length ? `${API_V1}${path}?${new URLSearchParams({ linked_partitioning: 'true', limit: String(limit), cursor: String(end) })}` : null;
  return { collection: slice, next_href: next };
}

/** `uploadsOf`: the tracks uploaded to the replica by the user, in the POST /tracks answer's shape (ISO created_at). */
export function registerMeLists(
  ctx: ScContext, signedIn: (req: Req, res: Res) => Promise<ScUser | undefined>, uploadsOf: (u: ScUser) => { created_at: string }[] = () => [],
): void {
  const r = ctx.app.router;
  r.get(API_V1_HOST, '/me/tracks', 'api', async (req, res) => {
    const u = await signedIn(req, res);
    if (!u) return;
    const own = ctx.cat.tracks.filter((t) => t.userId === u.id).map((t) => ({ at: t.seed.createdAt, json: v1Track(ctx, t, u) as object }));
    const uploaded = uploadsOf(u).map((x) => ({ at: x.created_at, json: { ...x, created_at: v1Date(x.created_at) } }));
    const newestFirst = [...own, ...uploaded].sort((a, b) => b.at.localeCompare(a.at)).map((x) => x.json);
    return res.json(partition(req, '/me/tracks', newestFirst));
  });
  r.get(API_V1_HOST, '/me/playlists', 'api', async (req, res) => {
    const u = await signedIn(req, res);
    if (!u) return;
    const own = ctx.cat.playlists.filter((p) => p.userId === u.id);
    return res.json(partition(req, '/me/playlists', own.map((p) => v1Playlist(p, u))));
  });
}
