/**
 * The user's Beatport sign-in, whichever way it was made (site session, docs-client login, pasted
 * token): one token record in IndexedDB (`beatport:user`), how it was connected in extension
 * storage, and the profile from `/v4/my/account/` for the accounts UI. Tokens stay in the
 * background and extension storage; content scripts never get them.
 */
import { browser } from 'wxt/browser';
import { DeckhandError } from '../../../shared/errors';
import type { AccountProfile, BeatportAccountView, BeatportMethod } from '../../../shared/messages';
import type { TokenRecord } from '../../core/db';
import { deleteToken, forgetAccount, freshToken, loadToken, markReconnect, needsRefresh, saveProfile, saveToken, storedAccount, tokenKey } from '../../core/oauth';
import { API_ROOT, discoverDocsClientId, loginWithPassword, refreshDocsToken, type TokenAnswer } from './auth-login';
import { parsePastedToken } from './auth-paste';
import { fetchSessionToken } from './auth-session';
import { jsonOf, timedFetch } from '../../core/timed-fetch';

export const USER_KEY = tokenKey('beatport');
const CONNECTION_KEY = 'beatport.connection';

interface Connection {
  method: BeatportMethod;
  /** The docs client id the refresh token belongs to (public). */
  clientId?: string;
}

async function connection(): Promise<Connection | undefined> {
  return (await browser.storage.local.get(CONNECTION_KEY))[CONNECTION_KEY] as Connection | undefined;
}

function record(t: TokenAnswer): TokenRecord {
  return {
    key: USER_KEY, platform: 'beatport', accessToken: t.accessToken, storedAt: Date.now(),
    ...(t.refreshToken ? { refreshToken: t.refreshToken } : {}),
    ...(t.expiresAt !== undefined ? { expiresAt: t.expiresAt } : {}),
    ...(t.scope ? { scope: t.scope } : {}),
  };
}

interface BpAccount {
  username?: string;
  name?: string;
  first_name?: string;
  last_name?: string;
  email?: string;
}

/** Who the token belongs to; a refusal means the token is not a user token (or no longer valid). */
export async function fetchBeatportProfile(accessToken: string, fetcher: typeof fetch = fetch): Promise<AccountProfile> {
  // With a deadline: connecting waits on it, and a silent server must end as an error, not a spinner.
  const res = await timedFetch(fetcher, `${API_ROOT}/my/account/`, { credentials: 'omit', headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' } }, 'api.beatport.com');
  if (res.status === 401) throw new DeckhandError('auth.rejected', 'Beatport does not accept this token.', { status: 401 });
  if (res.status === 403) throw new DeckhandError('auth.rejected', 'This token is not signed in to a Beatport account (an anonymous token?).', { status: 403 });
  if (!res.ok) throw new DeckhandError('network.http', `HTTP ${res.status}`, { status: res.status });
  const me = (jsonOf(res, null) ?? {}) as BpAccount;
  const full = [me.first_name, me.last_name].filter(Boolean).join(' ');
  const username = me.username ?? '';
  return { name: me.name || full || username || me.email || 'Beatport account', username, profileUrl: 'https://www.beatport.com/account/profile' };
}

/** Store a new sign-in after checking it names an account. */
async function keep(method: BeatportMethod, token: TokenAnswer, clientId?: string): Promise<BeatportAccountView> {
  const profile = await fetchBeatportProfile(token.accessToken);
  await saveToken(record(token));
  await browser.storage.local.set({ [CONNECTION_KEY]: { method, ...(clientId ? { clientId } : {}) } satisfies Connection });
  await saveProfile('beatport', profile);
  return beatportAccountView();
}

export type ConnectRequest = { method: 'session' } | { method: 'login'; username: string; password: string } | { method: 'paste'; token: string };

export async function connectBeatport(req: ConnectRequest): Promise<BeatportAccountView> {
  if (req.method === 'session') return keep('session', await fetchSessionToken());
  if (req.method === 'login') {
    const clientId = await discoverDocsClientId();
    return keep('login', await loginWithPassword(req.username, req.password, clientId), clientId);
  }
  const pasted = parsePastedToken(req.token);
  // A pasted refresh token can only be used with the docs client (the usual source of such JSON).
  const clientId = pasted.refreshToken ? await discoverDocsClientId().catch(() => undefined) : undefined;
  return keep('paste', pasted, clientId);
}

export async function disconnectBeatport(): Promise<void> {
  await deleteToken(USER_KEY);
  await browser.storage.local.remove(CONNECTION_KEY);
  await forgetAccount('beatport');
}

/** Drop the sign-in and ask the user to connect again (the name stays for the prompt). */
async function lost(): Promise<undefined> {
  await deleteToken(USER_KEY);
  await markReconnect('beatport');
  return undefined;
}

/** A fresh site-session token, under one lock so parallel reads mint one token, not many. */
async function renewFromSession(refused?: string): Promise<TokenRecord | undefined> {
  const renew = async () => {
    const current = await loadToken(USER_KEY);
    if (!current) return undefined;
    if (refused ? current.accessToken !== refused : !needsRefresh(current)) return current;
    const next = record(await fetchSessionToken());
    await saveToken(next);
    return next;
  };
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? locks.request('deckhand-token:beatport:user', renew) : renew();
}

/**
 * The user's access token for catalogue reads, renewed before it expires; undefined when not
 * connected, or when the sign-in is gone (then the account is flagged for reconnecting).
 * `refused` = the token Beatport just answered 401 to: renew it now rather than on expiry.
 */
export async function userAccessToken(refused?: string): Promise<string | undefined> {
  const current = await loadToken(USER_KEY);
  if (!current) return undefined;
  const stale = refused ? current.accessToken === refused : needsRefresh(current);
  if (!stale) return current.accessToken;
  const conn = await connection();
  try {
    if (conn?.method === 'session') return (await renewFromSession(refused))?.accessToken;
    if (!current.refreshToken || !conn?.clientId) return await lost();
    const clientId = conn.clientId;
    const next = await freshToken(USER_KEY, async (refreshToken) => record(await refreshDocsToken(refreshToken, clientId)), refused ? { force: true, refusedToken: refused } : {});
    return next.accessToken;
  } catch (err) {
    const e = DeckhandError.from(err);
    if (e.code.startsWith('auth.')) return lost();
    throw e;
  }
}

export async function isUserToken(token: string): Promise<boolean> {
  return (await loadToken(USER_KEY))?.accessToken === token;
}

export async function beatportAccountView(): Promise<BeatportAccountView> {
  const [token, stored, conn] = await Promise.all([loadToken(USER_KEY), storedAccount('beatport'), connection()]);
  return {
    connected: !!token,
    reconnect: !token && !!stored.reconnect,
    ...(conn ? { method: conn.method } : {}),
    // While asking to reconnect, the name says which account it was.
    ...(stored.profile && (token || stored.reconnect) ? { profile: stored.profile } : {}),
  };
}
