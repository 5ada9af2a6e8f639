/**
 * Test controls on https://replica.deckhand.test/__replica/soundcloud/...:
 * - GET  client-id                      -> {clientId}
 * - POST rotate-client-id               -> {clientId, previous}; the previous id answers 401 from now on
 * - POST apps {client_id, client_secret, redirect_uris[]}   register (or replace) an OAuth app
 * - POST session {user?, client_id?}    tokens for a user without the browser flow (default: the "me" artist)
 * - POST revoke {user}                  drop every access and refresh token of a user
 * - POST token-lifetime {seconds}       lifetime of access tokens issued from now on
 * - GET  uploads                        what POST /tracks received
 * `user` is a permalink, a numeric id or a URN.
 */
import { CONTROL_HOST } from '../../hosts';
import type { Req } from '../../http';
import type { ScUser } from './catalogue';
import { DEFAULT_ME } from './catalogue-data';
import type { ScContext } from './context';
import { DEFAULT_APP } from './state';
import { parseId } from './urls';

const BASE = '/__replica/soundcloud';

async function body(req: Req): Promise<Record<string, unknown>> {
  const text = await req.text();
  if (!text) return {};
  const parsed: unknown = JSON.parse(text);
  return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
}

function userOf(ctx: ScContext, ref: unknown): ScUser | undefined {
  if (ref === undefined || ref === null) return ctx.cat.user(DEFAULT_ME);
  const id = parseId(String(ref), 'users');
  return id !== undefined ? ctx.cat.userById(id) : ctx.cat.userByPermalink(String(ref));
}

export function registerControl(ctx: ScContext): void {
  const r = ctx.app.router;
  r.get(CONTROL_HOST, `${BASE}/client-id`, 'api', (_req, res) => res.json({ clientId: ctx.state.clientId }));
  r.post(CONTROL_HOST, `${BASE}/rotate-client-id`, 'api', (_req, res) => res.json(ctx.state.rotateClientId()));

  r.post(CONTROL_HOST, `${BASE}/apps`, 'api', async (req, res) => {
    const b = await body(req);
    const uris = Array.isArray(b.redirect_uris) ? b.redirect_uris.map(String) : [];
    if (typeof b.client_id !== 'string' || typeof b.client_secret !== 'string' || !uris.length) {
      return res.json({ error: 'client_id, client_secret and redirect_uris[] are required' }, 400);
    }
    ctx.state.apps.set(b.client_id, { clientId: b.client_id, clientSecret: b.client_secret, redirectUris: uris });
    return res.json({ client_id: b.client_id, redirect_uris: uris });
  });

  r.post(CONTROL_HOST, `${BASE}/session`, 'api', async (req, res) => {
    const b = await body(req);
    const user = userOf(ctx, b.user);
    if (!user) return res.json({ error: 'unknown user' }, 404);
    const clientId = typeof b.client_id === 'string' ? b.client_id : DEFAULT_APP.clientId;
    return res.json({ user_id: user.id, permalink: user.seed.permalink, ...ctx.state.issueTokens(user.id, clientId, '') });
  });

  r.post(CONTROL_HOST, `${BASE}/revoke`, 'api', async (req, res) => {
    const user = userOf(ctx, (await body(req)).user);
    if (!user) return res.json({ error: 'unknown user' }, 404);
    return res.json({ revoked: ctx.state.revokeUser(user.id) });
  });

  r.post(CONTROL_HOST, `${BASE}/token-lifetime`, 'api', async (req, res) => {
    const seconds = Number((await body(req)).seconds);
    if (!Number.isFinite(seconds) || seconds <= 0) return res.json({ error: 'seconds must be a positive number' }, 400);
    ctx.state.accessTokenLifetimeSec = seconds;
    return res.json({ seconds });
  });

  r.get(CONTROL_HOST, `${BASE}/uploads`, 'api', (_req, res) => res.json([...ctx.state.uploads.values()]));
}
