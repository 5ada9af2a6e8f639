/**
 * Mixcloud sign-in for uploads: the plain authorization-code flow through the identity API (no
 * PKCE, no state, no refresh tokens), exchanged with the user's own client secret. The token goes
 * in the `access_token` query parameter; when Mixcloud says it is invalid (revoked by the user),
 * the token is dropped and the UI asks to connect again.
 */
import { DeckhandError } from '../../../shared/errors';
import type { AccountProfile } from '../../../shared/messages';
import {
  deleteToken, forgetAccount, getCredentials, loadToken, markReconnect, parseTokenAnswer, redirectUrl, runWebAuthFlow, saveProfile,
  saveToken, tokenKey, tokenRecord, type AppCredentials,
} from '../../core/oauth';
import { jsonOf, timedFetch } from '../../core/timed-fetch';

export const MC_WWW = 'https://www.mixcloud.com';
export const MC_API = 'https://api.mixcloud.com';
const KEY = tokenKey('mixcloud');

async function credentials(): Promise<AppCredentials> {
  const creds = await getCredentials('mixcloud');
  if (!creds) throw new DeckhandError('auth.required', 'Enter your Mixcloud app’s client id and secret in the options first.');
  return creds;
}

export function authorizeUrl(clientId: string, redirectUri: string): string {
  return `${MC_WWW}/oauth/authorize?${new URLSearchParams({ client_id: clientId, redirect_uri: redirectUri })}`;
}

/** Exchange the code (POST, form body); the answer may be JSON or `access_token=…`. */
export async function exchangeCode(code: string, redirectUri: string): Promise<void> {
  const creds = await credentials();
  // A deadline, so a silent server ends the connect flow with an error instead of a spinner.
  const res = await timedFetch(fetch, `${MC_WWW}/oauth/access_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: creds.clientId, client_secret: creds.clientSecret, redirect_uri: redirectUri, code }).toString(),
  }, 'www.mixcloud.com');
  const answer = parseTokenAnswer(res.text);
  if (!res.ok || !answer.access_token) throw new DeckhandError('auth.rejected', answer.error ?? `HTTP ${res.status}`, { status: res.status });
  await saveToken(tokenRecord('mixcloud', KEY, answer));
}

export async function connect(): Promise<AccountProfile> {
  const creds = await credentials();
  const redirectUri = redirectUrl('mixcloud');
  const answer = await runWebAuthFlow(authorizeUrl(creds.clientId, redirectUri));
  await exchangeCode(answer.get('code') ?? '', redirectUri);
  const profile = await fetchProfile();
  await saveProfile('mixcloud', profile);
  return profile;
}

/** The stored token; Mixcloud tokens have no lifetime and no refresh. */
export async function accessToken(): Promise<string> {
  const record = await loadToken(KEY);
  if (!record) throw new DeckhandError('auth.required');
  return record.accessToken;
}

/** The platform refused `token`: forget it (if still current) and flag the account for reconnecting. */
export async function tokenRefused(token: string): Promise<DeckhandError> {
  const record = await loadToken(KEY);
  if (record?.accessToken === token) await deleteToken(KEY);
  await markReconnect('mixcloud');
  return new DeckhandError('auth.revoked', 'Mixcloud no longer accepts this connection. Connect again.');
}

interface McMe {
  username?: string;
  name?: string;
  url?: string;
  is_pro?: boolean;
  is_premium?: boolean;
  pictures?: Record<string, string>;
}

export async function fetchProfile(): Promise<AccountProfile> {
  const token = await accessToken();
  const res = await timedFetch(fetch, `${MC_API}/me/?${new URLSearchParams({ access_token: token })}`, { headers: { accept: 'application/json' } }, 'api.mixcloud.com');
  if (res.status === 401 || res.status === 403) throw await tokenRefused(token);
  if (!res.ok) throw new DeckhandError('network.http', `HTTP ${res.status}`, { status: res.status });
  const me = (jsonOf(res, null) ?? {}) as McMe;
  const avatarUrl = me.pictures?.medium ?? me.pictures?.thumbnail ?? Object.values(me.pictures ?? {})[0];
  return {
    name: me.name || me.username || '',
    username: me.username ?? '',
    ...(avatarUrl ? { avatarUrl } : {}),
    ...(me.url ? { profileUrl: me.url } : {}),
    plan: me.is_pro ? 'Pro' : 'Standard',
    pro: !!me.is_pro,
  };
}

export async function disconnect(): Promise<void> {
  await deleteToken(KEY);
  await forgetAccount('mixcloud');
}
