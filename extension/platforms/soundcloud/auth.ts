/**
 * SoundCloud sign-in for uploads (official API, OAuth 2.1): authorization code with PKCE S256 and
 * `state` through the identity API (background only), exchange and single-use refresh at
 * secure.soundcloud.com with the user's own app credentials, `Authorization: OAuth <token>`.
 */
import { DeckhandError } from '../../../shared/errors';
import type { AccountProfile } from '../../../shared/messages';
import {
  createPkce, deleteToken, forgetAccount, freshToken, getCredentials, loadToken, markReconnect, parseTokenAnswer, randomToken,
  redirectUrl, runWebAuthFlow, saveProfile, saveToken, tokenKey, tokenRecord, type AppCredentials,
} from '../../core/oauth';
import type { TokenRecord } from '../../core/db';
import { timedFetch } from '../../core/timed-fetch';

export const SC_AUTH_ORIGIN = 'https://secure.soundcloud.com';
export const SC_API = 'https://api.soundcloud.com';
const KEY = tokenKey('soundcloud');

async function credentials(): Promise<AppCredentials> {
  const creds = await getCredentials('soundcloud');
  if (!creds) throw new DeckhandError('auth.required', 'Enter your SoundCloud app’s client id and secret in the options first.');
  return creds;
}

/**
 * POST to the token endpoint; a refusal (400/401) is an auth error, anything else a network one.
 * It runs under the token lock (refresh), so it has a deadline: a silent server must not hold it.
 */
async function tokenRequest(form: Record<string, string>): Promise<TokenRecord> {
  const res = await timedFetch(fetch, `${SC_AUTH_ORIGIN}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(form).toString(),
  }, 'secure.soundcloud.com');
  const answer = parseTokenAnswer(res.text);
  if (res.status === 400 || res.status === 401) {
    const code = answer.error === 'invalid_grant' && form.grant_type === 'refresh_token' ? 'auth.expired' : 'auth.rejected';
    throw new DeckhandError(code, answer.error_description ?? answer.error ?? `HTTP ${res.status}`, { status: res.status });
  }
  if (!res.ok) throw new DeckhandError('network.http', `HTTP ${res.status}`, { status: res.status });
  return tokenRecord('soundcloud', KEY, answer);
}

/** Build the authorize URL; exported for tests that feed the redirect in themselves. */
export function authorizeUrl(clientId: string, redirectUri: string, challenge: string, state: string): string {
  const url = new URL(`${SC_AUTH_ORIGIN}/authorize`);
  url.search = new URLSearchParams({
    client_id: clientId, redirect_uri: redirectUri, response_type: 'code', code_challenge: challenge, code_challenge_method: 'S256', state,
  }).toString();
  return url.toString();
}

/** Exchange the redirect's code (checked against our state) for tokens and store them. */
export async function finishConnect(redirected: URLSearchParams, verifier: string, redirectUri: string): Promise<AccountProfile> {
  const creds = await credentials();
  const token = await tokenRequest({
    grant_type: 'authorization_code', client_id: creds.clientId, client_secret: creds.clientSecret,
    code: redirected.get('code') ?? '', code_verifier: verifier, redirect_uri: redirectUri,
  });
  await saveToken(token);
  const profile = await fetchProfile();
  await saveProfile('soundcloud', profile);
  return profile;
}

/** The whole sign-in: consent window, state and PKCE checks, exchange, profile. Background only. */
export async function connect(): Promise<AccountProfile> {
  const creds = await credentials();
  const pkce = await createPkce();
  const state = randomToken(16);
  const redirectUri = redirectUrl('soundcloud');
  const answer = await runWebAuthFlow(authorizeUrl(creds.clientId, redirectUri, pkce.challenge, state), state);
  return finishConnect(answer, pkce.verifier, redirectUri);
}

async function refreshWith(refreshToken: string): Promise<TokenRecord> {
  const creds = await credentials();
  return tokenRequest({ grant_type: 'refresh_token', client_id: creds.clientId, client_secret: creds.clientSecret, refresh_token: refreshToken });
}

/** A usable access token (refreshed when close to expiry, or when `refused` was just refused). */
export async function accessToken(refused?: string): Promise<string> {
  try {
    const record = await freshToken(KEY, refreshWith, refused ? { force: true, refusedToken: refused } : {});
    return record.accessToken;
  } catch (err) {
    const coded = DeckhandError.from(err);
    if (coded.code.startsWith('auth.') && coded.code !== 'auth.required') await markReconnect('soundcloud');
    throw coded;
  }
}

/** GET on the official API with the OAuth header; one refresh-and-retry when the token is refused. */
export async function apiGet<T>(path: string): Promise<T> {
  let token = await accessToken();
  for (let attempt = 0; ; attempt++) {
    // A deadline like the sign-in requests': a silent API would otherwise leave the options page's
    // account line (and "My SoundCloud") waiting for ever.
    const res = await timedFetch(fetch, `${SC_API}${path}`, { headers: { authorization: `OAuth ${token}`, accept: 'application/json' } }, 'api.soundcloud.com');
    if (res.status === 401 && attempt === 0) {
      token = await accessToken(token);
      continue;
    }
    if (res.status === 401) {
      await markReconnect('soundcloud');
      throw new DeckhandError('auth.revoked', undefined, { status: 401 });
    }
    if (!res.ok) throw new DeckhandError(res.status === 404 ? 'not-found' : 'network.http', `HTTP ${res.status}`, { status: res.status });
    try {
      return JSON.parse(res.text) as T;
    } catch {
      throw new DeckhandError('network.http', `api.soundcloud.com${path} did not answer with JSON.`);
    }
  }
}

interface ScMe {
  username?: string;
  full_name?: string;
  permalink?: string;
  permalink_url?: string;
  avatar_url?: string;
  plan?: string;
  quota?: { unlimited_upload_quota?: boolean; upload_seconds_left?: number | null };
}

export function describeQuota(me: ScMe): string {
  const plan = me.plan ?? 'Free';
  if (me.quota?.unlimited_upload_quota) return `${plan} — unlimited uploads`;
  const left = me.quota?.upload_seconds_left;
  if (typeof left !== 'number') return plan;
  const h = Math.floor(left / 3600);
  const m = Math.floor((left % 3600) / 60);
  return `${plan} — ${h ? `${h} h ` : ''}${m} min of uploads left`;
}

export async function fetchProfile(): Promise<AccountProfile> {
  const me = await apiGet<ScMe>('/me');
  const username = me.permalink ?? me.username ?? '';
  return {
    name: me.username || me.full_name || username,
    username,
    ...(me.avatar_url ? { avatarUrl: me.avatar_url } : {}),
    ...(me.permalink_url ? { profileUrl: me.permalink_url } : {}),
    plan: describeQuota(me),
  };
}

/** Forget every token and the cached profile (the app credentials stay: they are the user's app). */
export async function disconnect(): Promise<void> {
  await deleteToken(KEY);
  await forgetAccount('soundcloud');
}

export async function isConnected(): Promise<boolean> {
  return !!(await loadToken(KEY));
}
