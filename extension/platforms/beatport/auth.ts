/**
 * Beatport tokens for catalogue reads. The page's anonymous token (props.pageProps.anonSession,
 * 1 hour, scope user:anon) is reported by the content script — it is the page's own public token,
 * not a user credential — and kept here until it expires. Sign-in tokens arrive with the accounts issue.
 */
import { browser } from 'wxt/browser';

const KEY = 'beatport.anonToken';
/** Refresh margin: a token this close to expiry is treated as expired. */
const MARGIN_MS = 60_000;

export interface StoredToken {
  token: string;
  expiresAt: number;
}

export async function rememberAnonToken(token: string, expiresAt: number): Promise<void> {
  const current = await anonToken();
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
