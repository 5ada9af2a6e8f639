/**
 * Test controls under https://replica.deckhand.test/__replica/beatport/: token lifetimes and the
 * Cloudflare switch, minting or expiring tokens, opening a site session, and the fixtures as JSON.
 */
import type { ReplicaApp } from '../../app';
import { CONTROL_HOST } from '../../hosts';
import { BEATPORT_FIXTURES, expireBeatportTokens, mintBeatportToken, setBeatportAuthSettings } from './fixtures';
import { SITE_SESSION_COOKIE } from './site-auth';
import { authState, type AuthSettings, type TokenKind, userByName } from './tokens';

const BASE = '/__replica/beatport';

export function registerControlRoutes(app: ReplicaApp): void {
  const r = app.router;
  r.get(CONTROL_HOST, `${BASE}/settings`, 'api', (_req, res) => res.json(authState.settings));
  r.post(CONTROL_HOST, `${BASE}/settings`, 'api', async (req, res) => res.json(setBeatportAuthSettings(await req.json<Partial<AuthSettings>>())));
  r.post(CONTROL_HOST, `${BASE}/token`, 'api', async (req, res) => {
    const body = await req.json<{ kind?: TokenKind; username?: string; lifetimeSec?: number }>();
    const kind = body.kind ?? 'anon';
    if (!['anon', 'session', 'docs'].includes(kind)) return res.json({ error: 'kind must be anon, session or docs' }, 400);
    try {
      const token = mintBeatportToken(kind, { username: body.username, lifetimeSec: body.lifetimeSec });
      const issued = authState.verify(token);
      return res.json({ access_token: token, token_type: 'Bearer', scope: issued.ok ? issued.token.scope : '', expires_in: body.lifetimeSec ?? null });
    } catch (err) {
      return res.json({ error: err instanceof Error ? err.message : String(err) }, 400);
    }
  });
  r.post(CONTROL_HOST, `${BASE}/expire-tokens`, 'api', (_req, res) => {
    expireBeatportTokens();
    return res.json({ ok: true });
  });
  r.post(CONTROL_HOST, `${BASE}/site-session`, 'api', async (req, res) => {
    const user = userByName((await req.json<{ username?: string }>()).username ?? '');
    if (!user) return res.json({ error: 'unknown user' }, 404);
    return res.json({ name: SITE_SESSION_COOKIE, value: authState.newSiteSession(user), domain: 'www.beatport.com' });
  });
  r.get(CONTROL_HOST, `${BASE}/fixtures`, 'api', (_req, res) => res.json(BEATPORT_FIXTURES));
}
