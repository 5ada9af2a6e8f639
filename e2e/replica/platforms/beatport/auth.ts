/**
 * The docs-client OAuth flow on api.beatport.com (beatport.md §2 A, as beets-beatport4 and
 * beatportdl drive it): POST /v4/auth/login/ -> `sessionid` cookie; GET /v4/auth/o/authorize/ ->
 * 302 with `?code=` (or an HTML page naming `invalid_request`); POST /v4/auth/o/token/ (form or
 * query) for authorization_code and single-use refresh_token grants; introspect and revoke; and the
 * Swagger docs page whose script carries `API_CLIENT_ID: '<id>'`.
 */
import type { ReplicaApp } from '../../app';
import type { Req, Res } from '../../http';
import { authenticate } from './api-common';
import { API_BASE, API_HOST } from './reference';
import { authState, userByName } from './tokens';
import type { BpUser } from './model';

/** The replica's public docs client id (a made-up value; the real one is not reproduced). */
export const DOCS_CLIENT_ID = 'RePLiCaDoCsCLiEnT0fDeCkHaNdT3sTs0nLy0001';
export const DOCS_REDIRECT_URI = `${API_BASE}/auth/o/post-message/`;
const DOCS_SCRIPT = '/v4/docs/static/js/main.5e1a9c03.js';

function oauthError(res: Res, status: number, error: string, description?: string): Promise<void> {
  return res.header('cache-control', 'no-store').json({ error, ...(description ? { error_description: description } : {}) }, status);
}

/** Django OAuth Toolkit's error page: the message sits in the first <p>. */
function authorizeErrorPage(res: Res, error: string, message: string): Promise<void> {
  return res.html(`<!DOCTYPE html><html><head><title>Beatport API</title></head><body><div class="block-center"><h2>Error: ${error}</h2>\n<p>${message}</p></div></body></html>`, 400);
}

/** Parameters from a form body, a JSON body or the query string (clients use all three); undefined for broken JSON. */
async function requestParams(req: Req): Promise<URLSearchParams | undefined> {
  const params = new URLSearchParams(req.query);
  const text = await req.text();
  if ((req.header('content-type') ?? '').includes('application/json') && text) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return undefined;
    }
    for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) params.set(k, String(v));
  } else for (const [k, v] of new URLSearchParams(text)) params.set(k, v);
  return params;
}

const parseError = (res: Res) => res.json({ detail: 'JSON parse error.' }, 400);

function issueDocsTokens(res: Res, user: BpUser): Promise<void> {
  const access = authState.mint('docs', user, undefined, DOCS_CLIENT_ID);
  return res.header('cache-control', 'no-store').json({
    access_token: access.token,
    expires_in: Math.round((access.expiresAt - access.issuedAt) / 1000),
    token_type: 'Bearer',
    scope: access.scope,
    refresh_token: authState.newRefreshToken(user, DOCS_CLIENT_ID),
  });
}

async function login(req: Req, res: Res): Promise<void> {
  const p = await requestParams(req);
  if (!p) return parseError(res);
  const user = userByName(p.get('username') ?? '');
  if (!user || user.password !== p.get('password')) return res.json({ detail: 'Incorrect username or password.' }, 401);
  res.cookie('sessionid', authState.newApiSession(user), 'Path=/; Secure; HttpOnly; SameSite=Lax');
  res.cookie('csrftoken', `csrf${Date.now().toString(36)}`, 'Path=/; Secure; SameSite=Lax');
  await res.json({ username: user.username, email: user.email });
}

async function authorize(req: Req, res: Res): Promise<void> {
  const user = authState.apiSessionUser(req.cookies.sessionid);
  if (!user) return res.redirect(`/v4/auth/login/?next=${encodeURIComponent(req.url.pathname + req.url.search)}`);
  if (req.query.get('client_id') !== DOCS_CLIENT_ID) return authorizeErrorPage(res, 'invalid_request', 'Invalid client_id parameter value.');
  if (req.query.get('response_type') !== 'code') return authorizeErrorPage(res, 'unsupported_response_type', 'Unsupported response type.');
  const redirectUri = req.query.get('redirect_uri');
  if (redirectUri !== null && redirectUri !== DOCS_REDIRECT_URI) return authorizeErrorPage(res, 'invalid_request', 'Mismatching redirect URI.');
  const code = authState.newCode(user, DOCS_CLIENT_ID, redirectUri);
  const state = req.query.get('state');
  return res.redirect(`${DOCS_REDIRECT_URI}?code=${code}${state ? `&state=${encodeURIComponent(state)}` : ''}`);
}

async function token(req: Req, res: Res): Promise<void> {
  const p = await requestParams(req);
  if (!p) return parseError(res);
  if (p.get('client_id') !== DOCS_CLIENT_ID) return oauthError(res, 401, 'invalid_client');
  const grant = p.get('grant_type');
  if (grant === 'authorization_code') {
    const user = authState.useCode(p.get('code') ?? '', DOCS_CLIENT_ID, p.get('redirect_uri'));
    return user ? issueDocsTokens(res, user) : oauthError(res, 400, 'invalid_grant');
  }
  if (grant === 'refresh_token') {
    const user = authState.useRefreshToken(p.get('refresh_token') ?? '', DOCS_CLIENT_ID);
    return user ? issueDocsTokens(res, user) : oauthError(res, 400, 'invalid_grant');
  }
  // The password and client_credentials grants need a client secret the docs client does not have.
  if (grant === 'password' || grant === 'client_credentials') return oauthError(res, 401, 'invalid_client');
  return oauthError(res, 400, 'unsupported_grant_type');
}

function docsPage(res: Res): Promise<void> {
  return res.html([
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8"><title>Beatport API</title>',
    '<link rel="stylesheet" href="/v4/docs/static/css/swagger-ui.css"></head><body><div id="swagger-ui"></div>',
    '<script src="/v4/docs/static/js/swagger-ui-bundle.js"></script>',
    `<script src="${DOCS_SCRIPT}"></script>`,
    '</body></html>',
  ].join('\n'));
}

function docsScript(): string {
  return [
    '(function(){',
    '  window.BP_DOCS_CONFIG = {',
    `  API_CLIENT_ID: '${DOCS_CLIENT_ID}',`,
    `  API_REDIRECT_URI: '${DOCS_REDIRECT_URI}',`,
    "  API_SCHEMA_URL: '/v4/docs/schema/'",
    '  };',
    '})();',
  ].join('\n');
}

export function registerApiAuth(app: ReplicaApp): void {
  const r = app.router;
  r.post(API_HOST, '/v4/auth/login', 'auth', login);
  r.post(API_HOST, '/v4/auth/logout', 'auth', (_req, res) => res.cookie('sessionid', '', 'Path=/; Max-Age=0').json({}));
  r.get(API_HOST, '/v4/auth/o/authorize', 'auth', authorize);
  r.post(API_HOST, '/v4/auth/o/token', 'auth', token);
  r.get(API_HOST, '/v4/auth/o/introspect', 'auth', async (req, res) => {
    const caller = await authenticate(req, res);
    if (!caller) return;
    const bearer = (req.header('authorization') ?? '').replace(/^Bearer\s+/i, '');
    const verdict = authState.verify(bearer);
    await res.json({
      active: true, scope: caller.scope, client_id: verdict.ok ? verdict.token.clientId : null,
      exp: verdict.ok ? Math.floor(verdict.token.expiresAt / 1000) : null,
      username: caller.user?.username ?? null, user_id: caller.user?.id ?? null,
    });
  });
  r.post(API_HOST, '/v4/auth/o/revoke', 'auth', async (req, res) => {
    const p = await requestParams(req);
    if (!p) return parseError(res);
    if (p.get('client_id') !== DOCS_CLIENT_ID) return oauthError(res, 401, 'invalid_client');
    authState.revoke(p.get('token') ?? '');
    return res.send(Buffer.alloc(0));
  });
  r.get(API_HOST, '/v4/auth/o/post-message', 'auth', (req, res) =>
    res.html(`<!DOCTYPE html><html><body><script>window.opener && window.opener.postMessage(${JSON.stringify(JSON.stringify(Object.fromEntries(req.query))).replace(/</g, '\\u003c')}, '*');</script></body></html>`));
  r.get(API_HOST, '/v4/docs', 'page', (_req, res) => docsPage(res));
  r.get(API_HOST, DOCS_SCRIPT, 'asset', (_req, res) => res.text(docsScript(), 200, 'application/javascript; charset=utf-8'));
  r.get(API_HOST, '/v4/docs/static/js/swagger-ui-bundle.js', 'asset', (_req, res) =>
    res.text('/* swagger-ui bundle (replica stand-in) */\nwindow.SwaggerUIBundle = function () { return {}; };\n', 200, 'application/javascript; charset=utf-8'));
}
