/**
 * Every credential the Beatport replica hands out, kept in memory and forgotten on reset():
 * anonymous page tokens and site-session tokens (JWT-looking, from the identity service), docs-client
 * OAuth tokens (opaque, Django OAuth Toolkit style) with single-use refresh tokens, authorization
 * codes, API `sessionid` cookies and the site's NextAuth session cookies.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { TEST_USERS } from './catalogue';
import type { BpUser } from './model';

export type TokenKind = 'anon' | 'session' | 'docs';

export const SCOPES: Record<TokenKind, string> = {
  anon: 'app:prostore user:anon',
  session: 'user:dj openid app:prostore',
  docs: 'app:docs user:dj',
};

export interface AuthSettings {
  anonLifetimeSec: number;
  sessionLifetimeSec: number;
  docsLifetimeSec: number;
  codeLifetimeSec: number;
  /** Answer scripted (non-browser) page requests with Cloudflare's 403 challenge, as the real site does. */
  cloudflareChallenge: boolean;
}

export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  anonLifetimeSec: 3600,
  sessionLifetimeSec: 599,
  docsLifetimeSec: 36_000,
  codeLifetimeSec: 60,
  cloudflareChallenge: false,
};

export interface IssuedToken {
  token: string;
  kind: TokenKind;
  scope: string;
  user: BpUser | null;
  clientId: string | null;
  issuedAt: number;
  expiresAt: number;
}

interface Grant {
  user: BpUser;
  clientId: string;
  redirectUri: string | null;
  expiresAt: number;
  used: boolean;
}

const JWT_SECRET = 'replica-beatport-identity-service';

function b64url(value: object | Buffer): string {
  const buf = Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value));
  return buf.toString('base64url');
}

function opaque(length: number): string {
  return randomBytes(length).toString('base64url').replace(/[-_]/g, '').slice(0, length).padEnd(length, 'x');
}

export type Verdict = { ok: true; token: IssuedToken } | { ok: false };

export class AuthState {
  settings: AuthSettings = { ...DEFAULT_AUTH_SETTINGS };
  private tokens = new Map<string, IssuedToken>();
  private refreshTokens = new Map<string, { user: BpUser; clientId: string; used: boolean }>();
  private codes = new Map<string, Grant>();
  private apiSessions = new Map<string, BpUser>();
  private siteSessions = new Map<string, BpUser>();

  constructor() {
    this.reset();
  }

  /** A new access token. Anonymous and site tokens are JWTs like the identity service's. */
  mint(kind: TokenKind, user: BpUser | null = null, lifetimeSec?: number, clientId: string | null = null): IssuedToken {
    const now = Date.now();
    const life = lifetimeSec ?? (kind === 'anon' ? this.settings.anonLifetimeSec : kind === 'session' ? this.settings.sessionLifetimeSec : this.settings.docsLifetimeSec);
    const scope = SCOPES[kind];
    let token: string;
    if (kind === 'docs') token = opaque(30);
    else {
      const iat = Math.floor(now / 1000);
      const claims = {
        token_type: 'access', exp: iat + life, iat, jti: randomBytes(16).toString('hex'), aud: 'urn:bp:identity-service',
        iss: 'urn:bp:identity-service', scope, user_id: user?.id ?? null,
        ...(user ? { username: user.username, email: user.email, person_id: user.personId, subscription: user.subscriber ? 'bp_link_pro' : null } : {}),
      };
      const head = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(claims)}`;
      token = `${head}.${b64url(createHmac('sha256', JWT_SECRET).update(head).digest())}`;
    }
    const issued: IssuedToken = { token, kind, scope, user, clientId, issuedAt: now, expiresAt: now + life * 1000 };
    // Every page view mints an anonymous token: drop long-dead ones so a long demo stays small.
    if (this.tokens.size >= 5000) for (const [k, t] of this.tokens) if (t.expiresAt < now - 3600_000) this.tokens.delete(k);
    this.tokens.set(token, issued);
    return issued;
  }

  verify(token: string, now = Date.now()): Verdict {
    const issued = this.tokens.get(token);
    if (!issued || now >= issued.expiresAt) return { ok: false };
    return { ok: true, token: issued };
  }

  revoke(token: string): void {
    this.tokens.delete(token);
    this.refreshTokens.delete(token);
  }

  /** Make every access token issued so far expired (tests of refresh paths). */
  expireAll(): void {
    for (const t of this.tokens.values()) t.expiresAt = 0;
  }

  newRefreshToken(user: BpUser, clientId: string): string {
    const token = opaque(30);
    this.refreshTokens.set(token, { user, clientId, used: false });
    return token;
  }

  /** Refresh tokens are single use (rotated on every refresh). */
  useRefreshToken(token: string, clientId: string): BpUser | undefined {
    const entry = this.refreshTokens.get(token);
    if (!entry || entry.used || entry.clientId !== clientId) return undefined;
    entry.used = true;
    return entry.user;
  }

  newCode(user: BpUser, clientId: string, redirectUri: string | null): string {
    const code = opaque(30);
    this.codes.set(code, { user, clientId, redirectUri, expiresAt: Date.now() + this.settings.codeLifetimeSec * 1000, used: false });
    return code;
  }

  useCode(code: string, clientId: string, redirectUri: string | null): BpUser | undefined {
    const grant = this.codes.get(code);
    if (!grant || grant.used || grant.clientId !== clientId || Date.now() >= grant.expiresAt) return undefined;
    if (grant.redirectUri && redirectUri !== grant.redirectUri) return undefined;
    grant.used = true;
    return grant.user;
  }

  newApiSession(user: BpUser): string {
    const id = opaque(32).toLowerCase();
    this.apiSessions.set(id, user);
    return id;
  }

  apiSessionUser(id: string | undefined): BpUser | undefined {
    return id ? this.apiSessions.get(id) : undefined;
  }

  newSiteSession(user: BpUser): string {
    const value = `${b64url(randomBytes(24))}.${b64url(randomBytes(24))}`;
    this.siteSessions.set(value, user);
    return value;
  }

  siteSessionUser(value: string | undefined): BpUser | undefined {
    return value ? this.siteSessions.get(value) : undefined;
  }

  endSiteSession(value: string | undefined): void {
    if (value) this.siteSessions.delete(value);
  }

  reset(): void {
    this.settings = { ...DEFAULT_AUTH_SETTINGS };
    this.tokens.clear();
    this.refreshTokens.clear();
    this.codes.clear();
    this.apiSessions.clear();
    this.siteSessions.clear();
    // The test users' site cookies are fixed so tests and the demo can set them directly.
    for (const u of TEST_USERS) this.siteSessions.set(u.siteSessionCookie, u);
  }
}

/** The replica's one auth state (the platform module is a singleton too). */
export const authState = new AuthState();

export function userByName(username: string): BpUser | undefined {
  return TEST_USERS.find((u) => u.username.toLowerCase() === username.toLowerCase() || u.email === username);
}
