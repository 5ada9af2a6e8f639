/**
 * The official API on api.soundcloud.com (header `Authorization: OAuth <token>`; Bearer is refused
 * with 401): GET /me with plan and upload quota, POST /tracks (multipart upload, stored in memory)
 * and GET /tracks/{urn} for uploads; the user's own lists in api-v1-me.ts. Plus api-auth.soundcloud.com/connect/session (token check).
 */
import type { Req, Res } from '../../http';
import type { ScUser } from './catalogue';
import { API_V1_HOST, allowCors, apiError, type ScContext } from './context';
import { registerMeLists } from './api-v1-me';
import { boundaryOf, parseMultipart } from './multipart';
import type { Upload } from './state';
import { API_V1, WEB_ORIGIN, imageUrl, parseId, urn } from './urls';

/** Free accounts may upload three hours. */
const FREE_UPLOAD_SECONDS = 3 * 3600;
const FIRST_UPLOAD_ID = 2_400_000_001;

async function signedIn(ctx: ScContext, req: Req, res: Res): Promise<ScUser | undefined> {
  const who = ctx.state.userOfAuthorization(req.header('authorization'));
  const user = typeof who === 'number' ? ctx.cat.userById(who) : undefined;
  if (!user) await apiError(res, 401);
  return user;
}

function me(ctx: ScContext, u: ScUser) {
  const s = u.seed;
  const tracks = ctx.cat.tracks.filter((t) => t.userId === u.id);
  const uploads = [...ctx.state.uploads.values()].filter((x) => x.userId === u.id);
  const used = tracks.reduce((sum, t) => sum + t.seed.seconds, 0);
  const unlimited = s.plan !== 'free';
  const left = unlimited ? null : Math.max(0, FREE_UPLOAD_SECONDS - used);
  return {
    avatar_url: imageUrl('avatars', u.avatarKey),
    city: s.city ?? '',
    country: s.country,
    created_at: s.createdAt.replace('T', ' ').replace('Z', ' +0000').replace(/-/g, '/'),
    description: s.description ?? '',
    first_name: s.firstName,
    followers_count: s.followers,
    followings_count: s.followings,
    full_name: [s.firstName, s.lastName].filter(Boolean).join(' '),
    id: u.id,
    kind: 'user',
    last_name: s.lastName,
    likes_count: (ctx.cat.likes.get(u.id) ?? []).length,
    locale: '',
    online: false,
    permalink: s.permalink,
    permalink_url: `${WEB_ORIGIN}/${s.permalink}`,
    plan: unlimited ? 'Pro Unlimited' : 'Free',
    playlist_count: ctx.cat.playlists.filter((p) => p.userId === u.id).length,
    primary_email_confirmed: true,
    private_playlists_count: 0,
    private_tracks_count: tracks.filter((t) => t.secretToken).length + uploads.filter((x) => x.fields.sharing === 'private').length,
    public_favorites_count: 0,
    quota: { unlimited_upload_quota: unlimited, upload_seconds_used: used, upload_seconds_left: left },
    reposts_count: (ctx.cat.reposts.get(u.id) ?? []).length,
    subscriptions: unlimited ? [{ product: { id: 'creator-pro-unlimited', name: 'Pro Unlimited' } }] : [],
    track_count: tracks.length + uploads.length,
    upload_seconds_left: left,
    uri: `${API_V1}/users/${urn('users', u.id)}`,
    urn: urn('users', u.id),
    username: s.username,
    website: null,
    website_title: null,
  };
}

function uploadJson(ctx: ScContext, x: Upload, state: 'processing' | 'finished') {
  const owner = ctx.cat.userById(x.userId);
  const f = x.fields;
  const permalink = f.permalink ?? (f.title ?? 'untitled').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return {
    kind: 'track',
    id: x.id,
    urn: urn('tracks', x.id),
    created_at: x.createdAt,
    duration: 0,
    title: f.title,
    description: f.description ?? '',
    genre: f.genre ?? '',
    tag_list: f.tag_list ?? '',
    label_name: f.label_name ?? null,
    release_date: f.release_date ?? null,
    isrc: f.isrc ?? null,
    license: f.license ?? 'all-rights-reserved',
    sharing: f.sharing === 'private' ? 'private' : 'public',
    downloadable: f.downloadable !== 'false',
    streamable: f.streamable !== 'false',
    permalink,
    permalink_url: `${WEB_ORIGIN}/${owner?.seed.permalink ?? 'user'}/${permalink}`,
    original_content_size: x.fileSize,
    original_format: x.fileName.split('.').pop()?.toLowerCase() ?? 'raw',
    state,
    uri: `${API_V1}/tracks/${urn('tracks', x.id)}`,
    user: owner ? { id: owner.id, urn: urn('users', owner.id), username: owner.seed.username, permalink: owner.seed.permalink } : null,
  };
}

export function registerOfficialApi(ctx: ScContext): void {
  const r = ctx.app.router;
  allowCors(ctx, [API_V1_HOST, 'api-auth.soundcloud.com']);

  r.get(API_V1_HOST, '/me', 'api', async (req, res) => {
    const u = await signedIn(ctx, req, res);
    if (u) await res.json(me(ctx, u));
  });
  // /me/tracks lists the uploads received too (an uploader finds the upload whose answer it lost there).
  const uploadsOf = (u: ScUser) => [...ctx.state.uploads.values()].filter((x) => x.userId === u.id).map((x) => uploadJson(ctx, x, 'finished'));
  registerMeLists(ctx, (req, res) => signedIn(ctx, req, res), uploadsOf);

  r.post(API_V1_HOST, '/tracks', 'api', async (req, res) => {
    const u = await signedIn(ctx, req, res);
    if (!u) return;
    const boundary = boundaryOf(req.header('content-type'));
    if (!boundary) return apiError(res, 400, 'multipart/form-data body expected');
    const parts = parseMultipart(await req.body(), boundary);
    const fields: Record<string, string> = {};
    for (const p of parts) {
      const inner = /^track\[(.+)\]$/.exec(p.name)?.[1];
      if (inner && p.filename === undefined) fields[inner] = p.data.toString('utf8');
    }
    const asset = parts.find((p) => p.name === 'track[asset_data]' && p.filename !== undefined);
    if (!fields.title || !asset || asset.data.length === 0) return apiError(res, 422, 'track[title] and track[asset_data] are required');
    const upload: Upload = {
      id: FIRST_UPLOAD_ID + ctx.state.uploads.size,
      userId: u.id,
      fields,
      fileName: asset.filename ?? 'upload',
      fileSize: asset.data.length,
      contentType: asset.contentType ?? 'application/octet-stream',
      createdAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    };
    ctx.state.uploads.set(upload.id, upload);
    const delay = ctx.app.faults.config.uploadAnswerDelayMs;
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    return res.json(uploadJson(ctx, upload, 'processing'), 201);
  });

  r.get(API_V1_HOST, '/tracks/:id', 'api', async (req, res) => {
    const u = await signedIn(ctx, req, res);
    if (!u) return;
    const id = parseId(req.params.id ?? '', 'tracks');
    const upload = id === undefined ? undefined : ctx.state.uploads.get(id);
    return upload && upload.userId === u.id ? res.json(uploadJson(ctx, upload, 'finished')) : apiError(res, 404);
  });

  r.post('api-auth.soundcloud.com', '/connect/session', 'auth', async (req, res) => {
    let token = '';
    try {
      token = (await req.json<{ session?: { access_token?: string } }>()).session?.access_token ?? '';
    } catch {
      return apiError(res, 400);
    }
    const who = ctx.state.userOfAuthorization(`OAuth ${token}`);
    return typeof who === 'number' ? res.json({ session: { access_token: token } }) : apiError(res, 401);
  });
}
