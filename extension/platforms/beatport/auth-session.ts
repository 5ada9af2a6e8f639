/**
 * Beatport sign-in through the user's own beatport.com session (beatport.md §2 B): the background
 * calls `GET https://www.beatport.com/api/auth/session` with the browser's cookies (the httpOnly
 * NextAuth cookie lasts about a month) and gets a fresh ~10-minute API token on every call; `{}`
 * means signed out. The cookie never leaves the browser's jar; only the minted token is kept.
 */
import { DeckhandError } from '../../../shared/errors';

export const SITE_SESSION_URL = 'https://www.beatport.com/api/auth/session';
export const SITE_LOGIN_URL = 'https://www.beatport.com/account/login';

export interface SessionToken {
  accessToken: string;
  expiresAt: number;
  scope?: string;
}

export const SIGNED_OUT = 'You are not signed in on beatport.com in this browser. Sign in there, then connect again.';

/** Read the session answer; undefined when signed out (`{}` or no token). */
export function readSessionAnswer(json: unknown, now = Date.now()): SessionToken | undefined {
  if (!json || typeof json !== 'object') return undefined;
  const token = (json as { token?: unknown }).token;
  if (!token || typeof token !== 'object') return undefined;
  const t = token as { accessToken?: unknown; expiresIn?: unknown; expiresAt?: unknown; scope?: unknown };
  if (typeof t.accessToken !== 'string' || t.accessToken.length < 20) return undefined;
  // expiresIn (seconds) is what the site sends; expiresAt is trusted only when it is in ms and ahead.
  const fromLifetime = typeof t.expiresIn === 'number' && t.expiresIn > 0 ? now + t.expiresIn * 1000 : undefined;
  const fromAt = typeof t.expiresAt === 'number' && t.expiresAt > now ? t.expiresAt : undefined;
  return { accessToken: t.accessToken, expiresAt: fromLifetime ?? fromAt ?? now + 300_000, ...(typeof t.scope === 'string' ? { scope: t.scope } : {}) };
}

/**
 * The session answer comes in well under a second. A request left hanging would hold the renewal
 * lock (auth-user.ts), and with it every catalogue read and every download's enrichment, forever.
 */
export const SESSION_TIMEOUT_MS = 20_000;

/** A new token from the site session; `auth.required` when signed out. Background only. */
export async function fetchSessionToken(fetcher: typeof fetch = fetch, timeoutMs = SESSION_TIMEOUT_MS): Promise<SessionToken> {
  let res: Response;
  // One deadline for the headers and the body (res.json() below).
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    res = await fetcher(SITE_SESSION_URL, { credentials: 'include', cache: 'no-store', headers: { accept: 'application/json' }, signal });
  } catch (err) {
    if (signal.aborted) throw new DeckhandError('network.timeout', `beatport.com did not answer the session request in ${Math.round(timeoutMs / 1000)} s.`);
    throw new DeckhandError('network.offline', `beatport.com did not answer: ${String(err)}`);
  }
  if (res.status === 403) throw new DeckhandError('network.http', 'beatport.com refused the session request (a Cloudflare check?). Open beatport.com in a tab, then try again.', { status: 403 });
  if (!res.ok) throw new DeckhandError('network.http', `beatport.com answered HTTP ${res.status}.`, { status: res.status });
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    if (signal.aborted) throw new DeckhandError('network.timeout', `beatport.com did not finish its session answer in ${Math.round(timeoutMs / 1000)} s.`);
    throw new DeckhandError('network.http', 'beatport.com answered the session request with something other than JSON.');
  }
  const token = readSessionAnswer(json);
  if (!token) throw new DeckhandError('auth.required', SIGNED_OUT);
  return token;
}
