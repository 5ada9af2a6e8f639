/**
 * Mutable state of the SoundCloud replica, forgotten by reset(): the current web client_id (which
 * tests rotate), registered OAuth apps, authorization codes, access and single-use refresh tokens,
 * and the signing of `track_authorization` JWTs.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { Rng } from '../../rng';

export interface OAuthApp {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface AuthCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  userId: number;
  scope: string;
  expiresAt: number;
}

export interface AccessToken {
  userId: number;
  clientId: string;
  scope: string;
  expiresAt: number;
}

export interface RefreshToken {
  userId: number;
  clientId: string;
  scope: string;
  used: boolean;
}

/** A track received by the official API's POST /tracks. */
export interface Upload {
  id: number;
  userId: number;
  /** `track[...]` text fields by inner name ("title", "genre", ...). */
  fields: Record<string, string>;
  fileName: string;
  fileSize: number;
  contentType: string;
  createdAt: string;
}

/** The app registered at start so a test can sign in without registering its own. */
export const DEFAULT_APP: OAuthApp = {
  clientId: 'deckhandReplicaTestApp0000000001',
  clientSecret: 'replica-test-secret-not-a-real-credential',
  redirectUris: ['https://deckhand.test/oauth/soundcloud'],
};

const CODE_LIFETIME_MS = 10 * 60_000;

export class ScState {
  clientId = '';
  accessTokenLifetimeSec = 3600;
  readonly apps = new Map<string, OAuthApp>();
  readonly codes = new Map<string, AuthCode>();
  readonly accessTokens = new Map<string, AccessToken>();
  readonly refreshTokens = new Map<string, RefreshToken>();
  readonly uploads = new Map<number, Upload>();
  private idRng = new Rng('soundcloud-web-client-id');
  private readonly jwtSecret = 'replica-track-authorization';

  constructor() {
    this.reset();
  }

  reset(): void {
    this.idRng = new Rng('soundcloud-web-client-id');
    this.clientId = this.idRng.alnum(32);
    this.accessTokenLifetimeSec = 3600;
    this.apps.clear();
    this.apps.set(DEFAULT_APP.clientId, { ...DEFAULT_APP, redirectUris: [...DEFAULT_APP.redirectUris] });
    this.codes.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.uploads.clear();
  }

  /** A new web client_id; the old one answers 401 from now on (as a banned/expired id does). */
  rotateClientId(): { clientId: string; previous: string } {
    const previous = this.clientId;
    this.clientId = this.idRng.alnum(32);
    return { clientId: this.clientId, previous };
  }

  newCode(data: Omit<AuthCode, 'expiresAt'>): string {
    const code = randomBytes(16).toString('hex');
    this.codes.set(code, { ...data, expiresAt: Date.now() + CODE_LIFETIME_MS });
    return code;
  }

  /** An access token plus a refresh token that works exactly once. */
  issueTokens(userId: number, clientId: string, scope: string) {
    const access = `2-${userId % 1_000_000}-${randomBytes(12).toString('base64url')}`;
    const refresh = randomBytes(24).toString('base64url');
    this.accessTokens.set(access, { userId, clientId, scope, expiresAt: Date.now() + this.accessTokenLifetimeSec * 1000 });
    this.refreshTokens.set(refresh, { userId, clientId, scope, used: false });
    return { access_token: access, token_type: 'bearer', expires_in: this.accessTokenLifetimeSec, refresh_token: refresh, scope };
  }

  /**
   * The signed-in user behind an Authorization header: only the `OAuth <token>` scheme counts.
   * 'bearer' says the token was sent with the wrong scheme; undefined = missing, unknown or expired.
   */
  userOfAuthorization(header: string | undefined): number | 'bearer' | undefined {
    const m = /^(OAuth|Bearer)\s+(\S+)$/i.exec(header ?? '');
    if (!m) return undefined;
    const token = this.accessTokens.get(m[2] ?? '');
    if (!token || token.expiresAt <= Date.now()) return undefined;
    return m[1]?.toLowerCase() === 'oauth' ? token.userId : 'bearer';
  }

  revokeUser(userId: number): number {
    let n = 0;
    for (const [k, v] of this.accessTokens) if (v.userId === userId) (this.accessTokens.delete(k), n++);
    for (const [k, v] of this.refreshTokens) if (v.userId === userId) (this.refreshTokens.delete(k), n++);
    return n;
  }

  /** The per-response JWT api-v2 puts in `track_authorization` (claims geo, sub, rid, iat). */
  trackAuthorization(geo: string, sub: number | undefined): string {
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const head = enc({ typ: 'JWT', alg: 'HS256' });
    const body = enc({ geo, sub: sub ? String(sub) : '', rid: randomUUID(), iat: Math.floor(Date.now() / 1000) });
    return `${head}.${body}.${this.jwtSign(`${head}.${body}`)}`;
  }

  /** Loose check, as the replica cannot know which response a token came from: shape and signature. */
  trackAuthorizationValid(token: string): boolean {
    const parts = token.split('.');
    return parts.length === 3 && this.jwtSign(`${parts[0]}.${parts[1]}`) === parts[2];
  }

  private jwtSign(data: string): string {
    return createHmac('sha256', this.jwtSecret).update(data).digest('base64url');
  }
}
