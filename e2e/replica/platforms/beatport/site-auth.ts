/**
 * The site's NextAuth session on www.beatport.com (beatport.md §2 B): the httpOnly cookie
 * `__Secure-next-auth.session-token`, `GET /api/auth/session` minting a fresh ~10-minute API token on
 * every call (`{}` when signed out), sign-out, and a small sign-in page for tests and the demo.
 */
import type { ReplicaApp } from '../../app';
import type { Req, Res } from '../../http';
import { escapeHtml } from './render-html';
import { WWW_HOST } from './reference';
import { authState, userByName } from './tokens';

export const SITE_SESSION_COOKIE = '__Secure-next-auth.session-token';
const SESSION_DAYS = 30;

function setSessionCookie(res: Res, value: string): Res {
  return res.cookie(SITE_SESSION_COOKIE, value, `Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=${SESSION_DAYS * 86400}`);
}

async function session(req: Req, res: Res): Promise<void> {
  res.header('cache-control', 'private, no-cache, no-store');
  const value = req.cookies[SITE_SESSION_COOKIE];
  const user = authState.siteSessionUser(value);
  if (!user || !value) return res.json({});
  const access = authState.mint('session', user);
  setSessionCookie(res, value); // NextAuth rolls the session expiry on every read
  await res.json({
    user: { id: user.id, username: user.username, email: user.email, name: `${user.firstName} ${user.lastName}`, image: null },
    expires: new Date(Date.now() + SESSION_DAYS * 86400_000).toISOString(),
    token: {
      accessToken: access.token,
      expiresIn: Math.round((access.expiresAt - access.issuedAt) / 1000),
      expiresAt: access.expiresAt,
      tokenType: 'Bearer',
      scope: access.scope,
    },
  });
}

function signInPage(res: Res, callbackUrl: string, error?: string): Promise<void> {
  return res.html(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Log In | Beatport</title>
<style>body{background:#141414;color:#fff;font:15px/1.4 Helvetica,Arial,sans-serif;display:flex;justify-content:center;padding-top:80px}
form{background:#262626;padding:32px;border-radius:8px;width:320px;display:flex;flex-direction:column;gap:12px}
input{padding:10px;border-radius:4px;border:1px solid #555;background:#000;color:#fff}button{padding:10px;background:#01ff95;border:0;border-radius:4px;font-weight:700}
.error{color:#ff5a5a}</style></head><body>
<form method="post" action="/account/login" data-testid="login-form"><h1>Log in to Beatport</h1>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<input type="hidden" name="callbackUrl" value="${escapeHtml(callbackUrl)}">
<label>Username or email<input name="username" autocomplete="username"></label>
<label>Password<input name="password" type="password" autocomplete="current-password"></label>
<button type="submit">Log In</button></form></body></html>`, error ? 401 : 200);
}

/** Only same-site paths may be returned to after signing in. */
function safeCallback(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

export function registerSiteAuth(app: ReplicaApp): void {
  const r = app.router;
  r.get(WWW_HOST, '/api/auth/session', 'auth', session);
  r.get(WWW_HOST, '/api/auth/csrf', 'auth', (_req, res) => res.json({ csrfToken: `replica${Date.now().toString(16)}` }));
  r.post(WWW_HOST, '/api/auth/signout', 'auth', (req, res) => {
    authState.endSiteSession(req.cookies[SITE_SESSION_COOKIE]);
    res.cookie(SITE_SESSION_COOKIE, '', 'Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0');
    return res.json({ url: `https://${WWW_HOST}/` });
  });
  r.get(WWW_HOST, '/account/login', 'page', (req, res) => signInPage(res, safeCallback(req.query.get('callbackUrl'))));
  r.post(WWW_HOST, '/account/login', 'auth', async (req, res) => {
    const form = await req.form();
    const callback = safeCallback(form.get('callbackUrl'));
    const user = userByName(form.get('username') ?? '');
    if (!user || user.password !== form.get('password')) return signInPage(res, callback, 'Incorrect username or password.');
    setSessionCookie(res, authState.newSiteSession(user));
    return res.redirect(callback);
  });
}
