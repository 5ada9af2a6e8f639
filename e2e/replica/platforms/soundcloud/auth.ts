/**
 * OAuth 2.1 on secure.soundcloud.com: GET /authorize (PKCE S256 + state required; unknown
 * client_id or unregistered redirect_uri never redirect) -> a sign-in/consent page -> POST
 * /authorize -> 302 redirect_uri?code&state. POST /oauth/token exchanges a single-use code (verifier,
 * redirect_uri, client_id and client_secret checked) or a SINGLE-USE refresh token.
 */
import { createHash } from 'node:crypto';
import type { Req, Res } from '../../http';
import { DEFAULT_ME } from './catalogue-data';
import type { ScContext } from './context';
import { esc } from './render';
import type { OAuthApp } from './state';

const HOST = 'secure.soundcloud.com';

interface AuthorizeParams {
  app: OAuthApp;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  scope: string;
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font:14px Arial,sans-serif;background:#f2f2f2;margin:0}.card{max-width:420px;margin:60px auto;background:#fff;padding:30px;border-radius:4px}
h1{font-size:20px}.cta{background:#f50;color:#fff;border:0;border-radius:4px;padding:10px 16px;font-size:15px;cursor:pointer;width:100%}
.secondary{background:none;border:1px solid #ccc;border-radius:4px;padding:8px 16px;margin-top:8px;width:100%;cursor:pointer}
input[type=text]{width:100%;padding:8px;margin:6px 0 14px;border:1px solid #ccc;border-radius:4px}.error{color:#c00}</style></head>
<body><div class="card"><div class="logo" style="color:#f50;font-weight:700">SoundCloud</div>${body}</div></body></html>`;
}

function errorPage(res: Res, error: string, description: string): Promise<void> {
  return res.html(page('Error - SoundCloud', `<h1 class="error" id="error">${esc(error)}</h1><p id="error_description">${esc(description)}</p>`), 400);
}

/** Validates an authorization request; answers 400 with an error page and returns undefined if bad. */
async function authorizeParams(ctx: ScContext, p: URLSearchParams, res: Res): Promise<AuthorizeParams | undefined> {
  const app = ctx.state.apps.get(p.get('client_id') ?? '');
  if (!app) return void (await errorPage(res, 'invalid_client', 'Unknown client_id.'));
  const redirectUri = p.get('redirect_uri') ?? '';
  if (!app.redirectUris.includes(redirectUri)) return void (await errorPage(res, 'invalid_request', 'redirect_uri is not registered for this application.'));
  if (p.get('response_type') !== 'code') return void (await errorPage(res, 'unsupported_response_type', 'response_type must be code.'));
  const codeChallenge = p.get('code_challenge') ?? '';
  if (!/^[A-Za-z0-9_-]{43,128}$/.test(codeChallenge)) return void (await errorPage(res, 'invalid_request', 'code_challenge is required (PKCE).'));
  if (p.get('code_challenge_method') !== 'S256') return void (await errorPage(res, 'invalid_request', 'code_challenge_method must be S256.'));
  const state = p.get('state') ?? '';
  if (!state) return void (await errorPage(res, 'invalid_request', 'state is required.'));
  return { app, redirectUri, state, codeChallenge, scope: p.get('scope') ?? '' };
}

function withQuery(uri: string, params: Record<string, string>): string {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

function tokenError(res: Res, status: number, error: string, description: string): Promise<void> {
  return res.header('cache-control', 'no-store').json({ error, error_description: description }, status);
}

export function registerAuth(ctx: ScContext): void {
  const r = ctx.app.router;

  r.get(HOST, '/authorize', 'auth', async (req, res) => {
    const p = await authorizeParams(ctx, req.query, res);
    if (!p) return;
    const hidden = ['client_id', 'redirect_uri', 'response_type', 'code_challenge', 'code_challenge_method', 'state', 'scope']
      .map((k) => `<input type="hidden" name="${k}" value="${esc(req.query.get(k) ?? '')}">`)
      .join('');
    const body = `<h1>Connect to SoundCloud</h1><p>An application (<code>${esc(p.app.clientId)}</code>) wants to access your SoundCloud account.</p>
<form method="post" action="/authorize" id="authorize_form">${hidden}<label for="username">Signed in as</label>
<input type="text" id="username" name="username" value="${esc(ctx.cat.user(DEFAULT_ME).seed.permalink)}" autocomplete="username">
<button type="submit" class="cta" id="submit_approval" name="approve" value="1">Connect and continue</button>
<button type="submit" class="secondary" id="submit_deny" name="deny" value="1">Cancel</button></form>`;
    return res.html(page('Connect - SoundCloud', body));
  });

  r.post(HOST, '/authorize', 'auth', async (req, res) => {
    const form = await req.form();
    const p = await authorizeParams(ctx, form, res);
    if (!p) return;
    if (form.get('deny')) return res.redirect(withQuery(p.redirectUri, { error: 'access_denied', state: p.state }));
    const user = ctx.cat.userByPermalink(form.get('username') ?? '');
    if (!user) return errorPage(res, 'access_denied', 'Unknown account.');
    const code = ctx.state.newCode({ clientId: p.app.clientId, redirectUri: p.redirectUri, codeChallenge: p.codeChallenge, userId: user.id, scope: p.scope });
    return res.redirect(withQuery(p.redirectUri, { code, state: p.state }));
  });

  r.post(HOST, '/oauth/token', 'auth', (req, res) => token(ctx, req, res));
}

async function token(ctx: ScContext, req: Req, res: Res): Promise<void> {
  if (!(req.header('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) {
    return tokenError(res, 400, 'invalid_request', 'The body must be application/x-www-form-urlencoded.');
  }
  const form = await req.form();
  const basic = /^Basic\s+(.+)$/i.exec(req.header('authorization') ?? '')?.[1];
  const [basicId, basicSecret] = basic ? Buffer.from(basic, 'base64').toString().split(':') : [];
  const clientId = form.get('client_id') ?? basicId ?? '';
  const secret = form.get('client_secret') ?? basicSecret ?? '';
  const app = ctx.state.apps.get(clientId);
  if (!app || !secret || secret !== app.clientSecret) return tokenError(res, 401, 'invalid_client', 'Client authentication failed.');
  const grant = form.get('grant_type');
  if (grant === 'authorization_code') {
    const code = ctx.state.codes.get(form.get('code') ?? '');
    ctx.state.codes.delete(form.get('code') ?? ''); // single use, even when the exchange fails
    if (!code || code.expiresAt < Date.now()) return tokenError(res, 400, 'invalid_grant', 'The authorization code is invalid or expired.');
    if (code.clientId !== clientId) return tokenError(res, 400, 'invalid_grant', 'The code was issued to another client.');
    if (form.get('redirect_uri') !== code.redirectUri) return tokenError(res, 400, 'invalid_grant', 'redirect_uri does not match.');
    const verifier = form.get('code_verifier') ?? '';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || challenge !== code.codeChallenge) {
      return tokenError(res, 400, 'invalid_grant', 'code_verifier does not match the code_challenge.');
    }
    return res.header('cache-control', 'no-store').json(ctx.state.issueTokens(code.userId, clientId, code.scope));
  }
  if (grant === 'refresh_token') {
    const key = form.get('refresh_token') ?? '';
    const refresh = ctx.state.refreshTokens.get(key);
    if (!refresh || refresh.used || refresh.clientId !== clientId) return tokenError(res, 400, 'invalid_grant', 'The refresh token is invalid.');
    refresh.used = true; // single use: the next try with it fails
    return res.header('cache-control', 'no-store').json(ctx.state.issueTokens(refresh.userId, clientId, refresh.scope));
  }
  return tokenError(res, 400, 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token.');
}
