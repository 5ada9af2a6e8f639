/**
 * The docs-client sign-in (beatport.md §2 A, as beets-beatport4 and beatportdl do it): find the
 * public docs client id in the Swagger page's scripts, POST the username and password once to
 * /v4/auth/login/ (the browser keeps the `sessionid` cookie), ask /v4/auth/o/authorize/ for a code,
 * exchange it at /v4/auth/o/token/, then log the API session out so only the tokens remain.
 * Refresh tokens are single use; refresh goes through core/oauth's freshToken.
 */
import { DeckhandError } from '../../../shared/errors';
import { jsonOf, timedFetch, type TimedAnswer } from '../../core/timed-fetch';

export const API_ROOT = 'https://api.beatport.com/v4';
export const DOCS_URL = `${API_ROOT}/docs/`;
export const DOCS_REDIRECT_URI = `${API_ROOT}/auth/o/post-message/`;
const CLIENT_ID_IN_SCRIPT = /API_CLIENT_ID\s*:\s*['"]([A-Za-z0-9._-]{10,200})['"]/;

export interface TokenAnswer {
  accessToken: string;
  refreshToken?: string;
  expiresAt?: number;
  scope?: string;
}

/** Every step has a deadline: the refresh runs under the token lock (core/oauth freshToken). */
function call(fetcher: typeof fetch, url: string, init: RequestInit): Promise<TimedAnswer> {
  return timedFetch(fetcher, url, { credentials: 'include', cache: 'no-store', ...init }, 'api.beatport.com');
}

/** The `src` of every script on the docs page that lives on api.beatport.com. */
export function docsScriptUrls(html: string, base = DOCS_URL): string[] {
  const urls: string[] = [];
  for (const m of html.matchAll(/<script[^>]*\ssrc=["']([^"']+\.js[^"']*)["']/gi)) {
    const url = new URL(m[1] ?? '', base);
    if (url.hostname === new URL(base).hostname) urls.push(url.toString());
  }
  return urls;
}

export function clientIdInScript(js: string): string | undefined {
  return CLIENT_ID_IN_SCRIPT.exec(js)?.[1];
}

/** The docs client id: public, read from the docs page's own scripts (nothing is shipped). */
export async function discoverDocsClientId(fetcher: typeof fetch = fetch): Promise<string> {
  const page = await call(fetcher, DOCS_URL, { credentials: 'omit' });
  if (!page.ok) throw new DeckhandError('network.http', `The Beatport API docs page answered HTTP ${page.status}.`, { status: page.status });
  // Scripts are tried last first: the app bundle with the config comes after the Swagger UI bundle.
  for (const url of docsScriptUrls(page.text).reverse()) {
    const script = await call(fetcher, url, { credentials: 'omit' });
    const id = script.ok ? clientIdInScript(script.text) : undefined;
    if (id) return id;
  }
  throw new DeckhandError('auth.rejected', 'The Beatport API docs no longer show their client id: use your beatport.com session or paste a token instead.');
}

/** A token endpoint answer; refusals are auth errors (an unknown refresh token = expired). */
function readTokenAnswer(res: TimedAnswer, grant: string): TokenAnswer {
  const answer = jsonOf(res);
  const json = (answer && typeof answer === 'object' ? answer : {}) as Record<string, unknown>;
  if (res.status === 400 || res.status === 401 || res.status === 403) {
    const code = grant === 'refresh_token' && json.error === 'invalid_grant' ? 'auth.expired' : 'auth.rejected';
    throw new DeckhandError(code, String(json.error_description ?? json.error ?? json.detail ?? `HTTP ${res.status}`), { status: res.status });
  }
  if (!res.ok) throw new DeckhandError('network.http', `Beatport's token endpoint answered HTTP ${res.status}.`, { status: res.status });
  const accessToken = typeof json.access_token === 'string' ? json.access_token : '';
  if (!accessToken) throw new DeckhandError('auth.rejected', 'Beatport answered without an access token.');
  const lifetime = Number(json.expires_in);
  return {
    accessToken,
    ...(typeof json.refresh_token === 'string' ? { refreshToken: json.refresh_token } : {}),
    ...(lifetime > 0 ? { expiresAt: Date.now() + lifetime * 1000 } : {}),
    ...(typeof json.scope === 'string' ? { scope: json.scope } : {}),
  };
}

function tokenRequest(fetcher: typeof fetch, form: Record<string, string>): Promise<TimedAnswer> {
  return call(fetcher, `${API_ROOT}/auth/o/token/`, {
    method: 'POST',
    credentials: 'omit',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(form).toString(),
  });
}

/** The authorization code from where /authorize led (the redirect target's query), or the error page's words. */
function authorizationCode(res: TimedAnswer): string {
  const code = res.url ? new URL(res.url).searchParams.get('code') : null;
  if (code) return code;
  const body = res.text;
  const words = /<p>([^<]{1,300})<\/p>/.exec(body)?.[1] ?? (body.includes('invalid_request') ? 'invalid_request' : `HTTP ${res.status}`);
  throw new DeckhandError('auth.rejected', `Beatport did not authorize the sign-in: ${words}`, { status: res.status });
}

/** Username and password → tokens. The password is sent once, here, and kept nowhere. */
export async function loginWithPassword(username: string, password: string, clientId: string, fetcher: typeof fetch = fetch): Promise<TokenAnswer> {
  const login = await call(fetcher, `${API_ROOT}/auth/login/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (login.status === 401 || login.status === 403 || login.status === 400) {
    const detail = (jsonOf(login) as { detail?: unknown } | null)?.detail;
    throw new DeckhandError('auth.rejected', typeof detail === 'string' ? detail : `Beatport refused the login (HTTP ${login.status}).`, { status: login.status });
  }
  if (!login.ok) throw new DeckhandError('network.http', `Beatport's login answered HTTP ${login.status}.`, { status: login.status });
  try {
    const authorize = await call(fetcher, `${API_ROOT}/auth/o/authorize/?${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: DOCS_REDIRECT_URI })}`, { method: 'GET' });
    const code = authorizationCode(authorize);
    return readTokenAnswer(await tokenRequest(fetcher, { grant_type: 'authorization_code', code, client_id: clientId, redirect_uri: DOCS_REDIRECT_URI }), 'authorization_code');
  } finally {
    // Only the tokens stay: the API session cookie the login set is ended.
    await call(fetcher, `${API_ROOT}/auth/logout/`, { method: 'POST' }).catch(() => undefined);
  }
}

export async function refreshDocsToken(refreshToken: string, clientId: string, fetcher: typeof fetch = fetch): Promise<TokenAnswer> {
  return readTokenAnswer(await tokenRequest(fetcher, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId }), 'refresh_token');
}
