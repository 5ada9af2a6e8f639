/**
 * The last-resort Beatport sign-in: a token the user pastes. Accepted shapes, as other tools keep
 * them: a bare access token (JWT or opaque), a token-endpoint answer (`access_token`, optional
 * `refresh_token`, `expires_in` / `expires_at`, as beets-beatport4 stores it), or the site's
 * `/api/auth/session` answer (`token.accessToken`, `token.expiresIn`). A JWT's `exp` claim gives
 * the expiry when nothing else does.
 */
import { DeckhandError } from '../../../shared/errors';

export interface PastedToken {
  accessToken: string;
  refreshToken?: string;
  /** Epoch ms, when known. */
  expiresAt?: number;
}

const TOKEN_TEXT = /^[A-Za-z0-9._~+/=-]{20,8192}$/;

/** The `exp` claim of a JWT in epoch ms, or undefined for an opaque token. */
export function jwtExpiry(token: string): number | undefined {
  const part = token.split('.')[1];
  if (token.split('.').length !== 3 || !part) return undefined;
  try {
    const claims = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^\d+(\.\d+)?$/.test(v) ? Number(v) : undefined);

/** Seconds or milliseconds since the epoch → ms (beets writes seconds, NextAuth milliseconds). */
function epochMs(v: number): number {
  return v < 1e11 ? v * 1000 : v;
}

function fromObject(json: Record<string, unknown>, now: number): PastedToken | undefined {
  const nested = json.token && typeof json.token === 'object' ? (json.token as Record<string, unknown>) : undefined;
  const source = nested ?? json;
  const accessToken = str(source.access_token) ?? str(source.accessToken);
  if (!accessToken) return undefined;
  const refreshToken = str(source.refresh_token) ?? str(source.refreshToken);
  const lifetime = num(source.expires_in) ?? num(source.expiresIn);
  const at = num(source.expires_at) ?? num(source.expiresAt);
  // An absolute expiry is better than a lifetime counted from now (the paste may be hours old).
  const expiresAt = at !== undefined ? epochMs(at) : jwtExpiry(accessToken) ?? (lifetime !== undefined ? now + lifetime * 1000 : undefined);
  return { accessToken, ...(refreshToken ? { refreshToken } : {}), ...(expiresAt !== undefined ? { expiresAt } : {}) };
}

/** Read what the user pasted; throws `input.invalid` with words when it is none of the shapes. */
export function parsePastedToken(text: string, now = Date.now()): PastedToken {
  const trimmed = text.trim().replace(/^Bearer\s+/i, '');
  let parsed: PastedToken | undefined;
  if (trimmed.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch {
      throw new DeckhandError('input.invalid', 'The pasted text starts like JSON but is not valid JSON.');
    }
    parsed = json && typeof json === 'object' ? fromObject(json as Record<string, unknown>, now) : undefined;
    if (!parsed) throw new DeckhandError('input.invalid', 'The pasted JSON has no access_token (or token.accessToken).');
  } else {
    if (!TOKEN_TEXT.test(trimmed)) throw new DeckhandError('input.invalid', 'Paste an access token, or the JSON that holds it.');
    const expiresAt = jwtExpiry(trimmed);
    parsed = { accessToken: trimmed, ...(expiresAt !== undefined ? { expiresAt } : {}) };
  }
  if (!TOKEN_TEXT.test(parsed.accessToken)) throw new DeckhandError('input.invalid', 'The access token has characters a token cannot have.');
  if (parsed.expiresAt !== undefined && parsed.expiresAt <= now) throw new DeckhandError('auth.expired', 'The pasted token has already expired.');
  return parsed;
}
