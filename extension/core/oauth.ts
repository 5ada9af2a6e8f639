/**
 * OAuth plumbing shared by the platforms: the user's own app credentials, PKCE S256 and `state`,
 * the identity API's web-auth window (background only), and the token store (IndexedDB `tokens`).
 *
 * Refresh tokens may be single-use (SoundCloud). Every refresh runs under one Web Lock per token
 * key, shared by the service worker and extension pages, and the refresh token is removed from the
 * store BEFORE it is sent: if the worker dies mid-request, the next attempt asks the user to
 * connect again instead of replaying a token the platform already burnt.
 */
import { browser } from 'wxt/browser';
import { DeckhandError } from '../../shared/errors';
import type { PlatformId } from '../../shared/platform';
import type { AccountProfile, AccountView } from '../../shared/messages';
import { db, type TokenRecord } from './db';

/** A token this close to expiry is refreshed before use. */
export const REFRESH_MARGIN_MS = 60_000;

export interface AppCredentials {
  clientId: string;
  clientSecret: string;
}

const credentialsKey = (platform: PlatformId) => `credentials.${platform}`;

export async function getCredentials(platform: PlatformId): Promise<AppCredentials | undefined> {
  const stored = (await browser.storage.local.get(credentialsKey(platform)))[credentialsKey(platform)] as Partial<AppCredentials> | undefined;
  if (!stored?.clientId || !stored.clientSecret) return undefined;
  return { clientId: stored.clientId, clientSecret: stored.clientSecret };
}

export async function setCredentials(platform: PlatformId, creds: AppCredentials | undefined): Promise<void> {
  if (!creds || !creds.clientId.trim()) return browser.storage.local.remove(credentialsKey(platform));
  await browser.storage.local.set({ [credentialsKey(platform)]: { clientId: creds.clientId.trim(), clientSecret: creds.clientSecret.trim() } });
}

/** The URL to register with the platform for this browser (Chromium: chromiumapp.org; Firefox: allizom.org). */
export function redirectUrl(platform: PlatformId): string {
  return browser.identity.getRedirectURL(platform);
}

function base64url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function randomToken(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export interface Pkce {
  verifier: string;
  challenge: string;
}

/** RFC 7636 S256: a 43-char verifier of unreserved characters and its SHA-256, base64url. */
export async function createPkce(): Promise<Pkce> {
  const verifier = randomToken(32);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return { verifier, challenge: base64url(new Uint8Array(digest)) };
}

/**
 * Open the platform's consent page in the identity API's window and return the redirect's query.
 * `expectedState` (when the platform supports it) must come back unchanged.
 */
export async function runWebAuthFlow(authorizeUrl: string, expectedState?: string): Promise<URLSearchParams> {
  let redirected: string | undefined;
  try {
    redirected = await browser.identity.launchWebAuthFlow({ url: authorizeUrl, interactive: true });
  } catch (err) {
    // Chromium fails at once when the consent page answers with an error (unknown client id,
    // unregistered redirect URI); it reports a closed window as "did not approve".
    const message = String(err instanceof Error ? err.message : err);
    if (/could not be loaded/i.test(message)) throw new DeckhandError('auth.rejected', 'The platform refused the sign-in request: check the client id and the registered redirect URL.');
    throw new DeckhandError('auth.cancelled', message);
  }
  if (!redirected) throw new DeckhandError('auth.cancelled');
  return authResponse(redirected, expectedState);
}

/** Check the redirect the platform sent back: an error, a missing code or a foreign `state` stop here. */
export function authResponse(redirected: string, expectedState?: string): URLSearchParams {
  const url = new URL(redirected);
  const params = new URLSearchParams(url.search);
  // Some servers answer in the fragment; read both.
  for (const [k, v] of new URLSearchParams(url.hash.replace(/^#/, ''))) if (!params.has(k)) params.set(k, v);
  if (expectedState !== undefined && params.get('state') !== expectedState) {
    throw new DeckhandError('auth.state-mismatch', 'The state in the answer is not the one Deckhand sent.');
  }
  const error = params.get('error');
  if (error === 'access_denied') throw new DeckhandError('auth.cancelled', params.get('error_description') ?? error);
  if (error) throw new DeckhandError('auth.rejected', params.get('error_description') ?? error);
  if (!params.get('code')) throw new DeckhandError('auth.rejected', 'The answer carries no authorization code.');
  return params;
}

/** A token endpoint's answer, JSON or form-encoded (Mixcloud sends either). */
export function parseTokenAnswer(body: string): Record<string, string> {
  const text = body.trim();
  const out: Record<string, string> = {};
  if (text.startsWith('{')) {
    const json = JSON.parse(text) as Record<string, unknown>;
    for (const [k, v] of Object.entries(json)) if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
    const err = json.error;
    if (err && typeof err === 'object') out.error = String((err as { message?: unknown }).message ?? 'error');
    return out;
  }
  for (const [k, v] of new URLSearchParams(text)) out[k] = v;
  return out;
}

export function tokenKey(platform: PlatformId, flavour = 'user'): string {
  return `${platform}:${flavour}`;
}

export async function loadToken(key: string): Promise<TokenRecord | undefined> {
  return (await db()).get('tokens', key);
}

export async function saveToken(record: TokenRecord): Promise<void> {
  await (await db()).put('tokens', record);
}

export async function deleteToken(key: string): Promise<void> {
  await (await db()).delete('tokens', key);
}

/** Token fields from a token endpoint answer. */
export function tokenRecord(platform: PlatformId, key: string, answer: Record<string, string>, now = Date.now()): TokenRecord {
  const accessToken = answer.access_token;
  if (!accessToken) throw new DeckhandError('auth.rejected', answer.error_description ?? answer.error ?? 'No access token in the answer.');
  const lifetime = Number(answer.expires_in);
  return {
    key,
    platform,
    accessToken,
    ...(answer.refresh_token ? { refreshToken: answer.refresh_token } : {}),
    ...(Number.isFinite(lifetime) && lifetime > 0 ? { expiresAt: now + lifetime * 1000 } : {}),
    ...(answer.scope ? { scope: answer.scope } : {}),
    storedAt: now,
  };
}

export function needsRefresh(record: TokenRecord, now = Date.now()): boolean {
  return record.expiresAt !== undefined && record.expiresAt - REFRESH_MARGIN_MS <= now;
}

/** Per-key chains for contexts without Web Locks (one context only; browsers have Web Locks). */
const localChains = new Map<string, Promise<unknown>>();

/** Run `fn` holding the token's lock: across the worker and extension pages with Web Locks. */
async function withTokenLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) return locks.request(`deckhand-token:${key}`, fn);
  const run = (localChains.get(key) ?? Promise.resolve()).then(fn, fn);
  localChains.set(key, run.catch(() => undefined));
  return run;
}

/**
 * A usable access token for `key`: the stored one, or a refreshed one when it is about to expire
 * (or `force`, after the platform refused it). `refresh(refreshToken)` returns the new token record;
 * it throws a coded auth error when the platform refuses, and the token is then forgotten.
 */
export async function freshToken(
  key: string,
  refresh: (refreshToken: string) => Promise<TokenRecord>,
  opts: { force?: boolean; refusedToken?: string } = {},
): Promise<TokenRecord> {
  return withTokenLock(key, async () => {
    const current = await loadToken(key);
    if (!current) throw new DeckhandError('auth.required');
    // Another context may have refreshed while we waited for the lock: the refused token is gone.
    const stale = opts.force ? current.accessToken === (opts.refusedToken ?? current.accessToken) : needsRefresh(current);
    if (!stale) return current;
    if (!current.refreshToken) {
      if (opts.force) await deleteToken(key);
      throw new DeckhandError(opts.force ? 'auth.revoked' : 'auth.expired');
    }
    const { refreshToken, ...withoutRefresh } = current;
    await saveToken(withoutRefresh); // single use: never replay it, even if this worker dies mid-request
    try {
      const next = await refresh(refreshToken);
      await saveToken(next);
      return next;
    } catch (err) {
      // Whether a lost answer spent the token is unknowable: it is never sent twice. A refusal ends
      // the connection; after network trouble the access token stays until it expires.
      const coded = DeckhandError.from(err);
      if (coded.code.startsWith('auth.')) await deleteToken(key);
      throw coded;
    }
  });
}

/*
 * What the accounts UI shows of a connection: a profile cached at connect time (name, picture,
 * plan) and a flag set when the platform refused the token, so the UI can ask to connect again.
 * Tokens never appear here.
 */
interface StoredAccount {
  profile?: AccountProfile;
  /** Set when the platform refused the token; cleared by the next successful connect. */
  reconnect?: boolean;
}

const accountKey = (platform: PlatformId) => `account.${platform}`;

export async function storedAccount(platform: PlatformId): Promise<StoredAccount> {
  return ((await browser.storage.local.get(accountKey(platform)))[accountKey(platform)] as StoredAccount | undefined) ?? {};
}

export async function saveProfile(platform: PlatformId, profile: AccountProfile): Promise<void> {
  await browser.storage.local.set({ [accountKey(platform)]: { profile } satisfies StoredAccount });
}

/** The platform refused the token: keep the name for the prompt, drop nothing else here. */
export async function markReconnect(platform: PlatformId): Promise<void> {
  const current = await storedAccount(platform);
  await browser.storage.local.set({ [accountKey(platform)]: { ...current, reconnect: true } });
}

export async function forgetAccount(platform: PlatformId): Promise<void> {
  await browser.storage.local.remove(accountKey(platform));
}

/** The UI's view of one OAuth connection (never the token itself). */
export async function accountView(platform: 'soundcloud' | 'mixcloud'): Promise<AccountView> {
  const [token, stored, creds] = await Promise.all([loadToken(tokenKey(platform)), storedAccount(platform), getCredentials(platform)]);
  return {
    platform,
    connected: !!token,
    reconnect: !token && !!stored.reconnect,
    hasCredentials: !!creds,
    redirectUrl: redirectUrl(platform),
    ...(token && stored.profile ? { profile: stored.profile } : {}),
  };
}
