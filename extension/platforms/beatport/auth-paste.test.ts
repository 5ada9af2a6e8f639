import { describe, expect, it } from 'vitest';
import { jwtExpiry, parsePastedToken } from './auth-paste';
import { clientIdInScript, docsScriptUrls } from './auth-login';
import { readSessionAnswer } from './auth-session';

const NOW = 1_700_000_000_000;
const jwt = (claims: object) => `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2lnbmF0dXJlLXBhcnQ`;

describe('parsePastedToken', () => {
  it('reads a bare opaque token, with or without "Bearer"', () => {
    expect(parsePastedToken('Bearer abcdefghijklmnopqrstuvwxyz0123', NOW)).toEqual({ accessToken: 'abcdefghijklmnopqrstuvwxyz0123' });
  });

  it('takes a bare JWT’s expiry from its exp claim and refuses one already expired', () => {
    const token = jwt({ exp: NOW / 1000 + 600 });
    expect(jwtExpiry(token)).toBe(NOW + 600_000);
    expect(parsePastedToken(token, NOW)).toEqual({ accessToken: token, expiresAt: NOW + 600_000 });
    expect(() => parsePastedToken(jwt({ exp: NOW / 1000 - 1 }), NOW)).toThrow(expect.objectContaining({ code: 'auth.expired' }));
  });

  it('reads a token answer (beets keeps expires_at in seconds) and the site session answer', () => {
    expect(parsePastedToken('{"access_token":"opaqueAccessToken0123456789","refresh_token":"r1","expires_in":36000,"expires_at":1700003600}', NOW))
      .toEqual({ accessToken: 'opaqueAccessToken0123456789', refreshToken: 'r1', expiresAt: 1_700_003_600_000 });
    expect(parsePastedToken('{"access_token":"opaqueAccessToken0123456789","expires_in":"60"}', NOW).expiresAt).toBe(NOW + 60_000);
    expect(parsePastedToken('{"user":{},"token":{"accessToken":"opaqueAccessToken0123456789","expiresIn":599}}', NOW))
      .toEqual({ accessToken: 'opaqueAccessToken0123456789', expiresAt: NOW + 599_000 });
  });

  it('refuses text that is no token, broken JSON, and JSON without a token, with words', () => {
    expect(() => parsePastedToken('hello there, this is not a token', NOW)).toThrow(expect.objectContaining({ code: 'input.invalid' }));
    expect(() => parsePastedToken('{"access_token": ', NOW)).toThrow(/not valid JSON/);
    expect(() => parsePastedToken('{"token_type":"Bearer"}', NOW)).toThrow(/no access_token/);
    expect(() => parsePastedToken('{"access_token":"has spaces in it which tokens never do"}', NOW)).toThrow(/characters/);
  });
});

describe('site session and docs page readers', () => {
  it('reads the session token and its lifetime; {} means signed out', () => {
    expect(readSessionAnswer({}, NOW)).toBeUndefined();
    expect(readSessionAnswer({ user: {}, token: { accessToken: 'x'.repeat(40), expiresIn: 599, scope: 'user:dj' } }, NOW)).toEqual({ accessToken: 'x'.repeat(40), expiresAt: NOW + 599_000, scope: 'user:dj' });
  });

  it('finds same-host scripts on the docs page and the client id in a script', () => {
    const html = '<script src="/v4/docs/static/js/a.js"></script><script src="https://cdn.example/x.js"></script><script defer src="static/js/main.1.js?v=2"></script>';
    expect(docsScriptUrls(html)).toEqual(['https://api.beatport.com/v4/docs/static/js/a.js', 'https://api.beatport.com/v4/docs/static/js/main.1.js?v=2']);
    expect(clientIdInScript("window.X = { API_CLIENT_ID: 'AbC123def456GhI', other: 1 }")).toBe('AbC123def456GhI');
    expect(clientIdInScript('nothing here')).toBeUndefined();
  });
});
