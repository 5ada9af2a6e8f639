/**
 * Beatport tokens for catalogue reads, in this order: the user's sign-in (auth-user.ts: site
 * session, docs-client login or pasted token), else the page's anonymous token
 * (props.pageProps.anonSession, 1 hour, scope user:anon), which the content script reports — it is
 * the page's own public token, not a user credential — and which is kept here until it expires.
 */
import { browser } from 'wxt/browser';
import { isUserToken, userAccessToken } from './auth-user';

const KEY = 'beatport.anonToken';
/** Refresh margin: a token this close to expiry is treated as expired. */
const MARGIN_MS = 60_000;

export interface StoredToken {
  token: string;
  expiresAt: number;
}

/** Anonymous tokens live 1 hour; a content script's claim of more is not believed. */
export const ANON_TOKEN_MAX_MS = 3_600_000;

export async function rememberAnonToken(token: string, claimedExpiresAt: number, now = Date.now()): Promise<void> {
  // Capped, so a wrong or hostile claim cannot pin one token (or shut out fresher ones) for good.
  const expiresAt = Math.min(claimedExpiresAt, now + ANON_TOKEN_MAX_MS);
  const current = await anonToken(now);
  if (current && current.expiresAt >= expiresAt) return;
  await browser.storage.local.set({ [KEY]: { token, expiresAt } satisfies StoredToken });
}

export async function anonToken(now = Date.now()): Promise<StoredToken | undefined> {
  const stored = (await browser.storage.local.get(KEY))[KEY] as StoredToken | undefined;
  if (!stored || typeof stored.token !== 'string' || stored.expiresAt - MARGIN_MS <= now) return undefined;
  return stored;
}

/**
 * Drop a token Beatport refused. With `token`, only when it is still the stored one: a page may have
 * reported a fresh token while the refused request was under way.
 */
export async function forgetAnonToken(token?: string): Promise<void> {
  if (token !== undefined) {
    const stored = (await browser.storage.local.get(KEY))[KEY] as StoredToken | undefined;
    if (stored?.token !== token) return;
  }
  await browser.storage.local.remove(KEY);
}

/** The token a catalogue read uses: the user's when connected (renewed as needed), else the page's. */
export async function catalogueToken(now = Date.now()): Promise<StoredToken | undefined> {
  const user = await userAccessToken().catch(() => undefined);
  if (user) return { token: user, expiresAt: now + MARGIN_MS };
  return anonToken(now);
}

/**
 * Beatport refused `token` (401). The user's token is renewed now (or, when that fails, the
 * account asks to connect again); a refused anonymous token is dropped.
 */
export async function forgetCatalogueToken(token: string): Promise<void> {
  if (await isUserToken(token)) await userAccessToken(token).catch(() => undefined);
  else await forgetAnonToken(token);
}
