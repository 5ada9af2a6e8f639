/**
 * Mixcloud OAuth: plain authorization code with client_secret in the exchange. No PKCE, no state,
 * no scopes, no refresh tokens; redirect URIs are not pre-registered but must match between
 * authorize and exchange. The token endpoint answers GET or POST, as JSON {"access_token"} or as
 * form-encoded `access_token=` (switchable: sources disagree). The consent page acts for the
 * replica's signed-in user (MIXCLOUD_FIXTURES.users.viewer).
 */
import { randomBytes } from 'node:crypto';
import type { ReplicaApp } from '../../app';
import { CONTROL_HOST } from '../../hosts';
import type { Req, Res } from '../../http';
import type { Catalogue } from './catalogue';
import type { McUser } from './model';
import { esc } from './render';
import { CSS, sc } from './styles';

export type TokenReplyFormat = 'json' | 'form';

/** A test app registered at every reset, so demos and tests work without set-up. */
export const DEFAULT_OAUTH_APP = { clientId: 'deckhand-replica-app', clientSecret: 'replica-secret-not-a-real-credential', name: 'Deckhand (replica)' };
export const SIGNED_IN_USER = 'deckhandtester';
const CODE_LIFETIME_MS = 10 * 60_000;
const PAGE_HOSTS = ['www.mixcloud.com', 'm.mixcloud.com', 'beta.mixcloud.com'];

export function oauthError(message: string) {
  return { error: { type: 'OAuthException', message } };
}

export class MixcloudAuth {
  private apps = new Map<string, { secret: string; name: string }>();
  private codes = new Map<string, { clientId: string; redirectUri: string; username: string; expiresAt: number }>();
  private tokens = new Map<string, { username: string; clientId: string }>();
  replyFormat: TokenReplyFormat = 'json';

  constructor(private readonly cat: Catalogue) {
    this.reset();
  }

  reset(): void {
    this.apps.clear();
    this.codes.clear();
    this.tokens.clear();
    this.replyFormat = 'json';
    this.registerApp(DEFAULT_OAUTH_APP.clientId, DEFAULT_OAUTH_APP.clientSecret, DEFAULT_OAUTH_APP.name);
  }

  registerApp(clientId: string, secret: string, name = clientId): void {
    this.apps.set(clientId, { secret, name });
  }

  issueToken(username: string, clientId: string): string {
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, { username, clientId });
    return token;
  }

  revoke(token: string): boolean {
    return this.tokens.delete(token);
  }

  userFor(token: string): McUser | undefined {
    const entry = this.tokens.get(token);
    return entry ? this.cat.user(entry.username) : undefined;
  }

  register(app: ReplicaApp): void {
    const r = app.router;
    r.get(PAGE_HOSTS, '/oauth/authorize', 'auth', (req, res) => this.consent(req, res));
    r.post(PAGE_HOSTS, '/oauth/authorize', 'auth', (req, res) => this.decide(req, res));
    r.get(PAGE_HOSTS, '/oauth/access_token', 'auth', (req, res) => this.exchange(req, res, req.query));
    r.post(PAGE_HOSTS, '/oauth/access_token', 'auth', async (req, res) => {
      const params = new URLSearchParams(req.query);
      for (const [k, v] of await req.form()) params.set(k, v);
      return this.exchange(req, res, params);
    });
    const control = '/__replica/mixcloud';
    r.post(CONTROL_HOST, `${control}/apps`, 'api', async (req, res) => {
      const body = await req.json<{ client_id?: string; client_secret?: string; name?: string }>();
      if (!body.client_id || !body.client_secret) return res.json({ error: 'client_id and client_secret are required' }, 400);
      this.registerApp(body.client_id, body.client_secret, body.name);
      return res.json({ ok: true });
    });
    r.post(CONTROL_HOST, `${control}/token-format`, 'api', async (req, res) => {
      const { format } = await req.json<{ format?: string }>();
      if (format !== 'json' && format !== 'form') return res.json({ error: 'format must be "json" or "form"' }, 400);
      this.replyFormat = format;
      return res.json({ ok: true, format });
    });
    r.post(CONTROL_HOST, `${control}/revoke`, 'api', async (req, res) => {
      const { access_token } = await req.json<{ access_token?: string }>();
      return res.json({ revoked: !!access_token && this.revoke(access_token) });
    });
    r.post(CONTROL_HOST, `${control}/tokens`, 'api', async (req, res) => {
      const { username = SIGNED_IN_USER, client_id = DEFAULT_OAUTH_APP.clientId } = await req.json<{ username?: string; client_id?: string }>();
      const user = this.cat.user(username);
      if (!user) return res.json({ error: `unknown user ${username}` }, 404);
      return res.json({ access_token: this.issueToken(user.username, client_id), username: user.username });
    });
  }

  /** Checks shared by the consent page and its form: a known client and an absolute redirect URI. */
  private validAuthorize(params: URLSearchParams): { clientId: string; redirectUri: string; name: string } | string {
    const clientId = params.get('client_id') ?? '';
    const redirectUri = params.get('redirect_uri') ?? '';
    const app = this.apps.get(clientId);
    if (!app) return 'Invalid client_id.';
    try {
      const u = new URL(redirectUri);
      if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'Invalid redirect_uri.';
    } catch {
      return 'Missing or invalid redirect_uri.';
    }
    return { clientId, redirectUri, name: app.name };
  }

  private consent(req: Req, res: Res): Promise<void> {
    const check = this.validAuthorize(req.query);
    if (typeof check === 'string') return res.html(page('Authorization error', `<p data-testid="oauth-error">${esc(check)}</p>`), 400);
    const user = this.cat.user(SIGNED_IN_USER);
    return res.html(page('Connect your Mixcloud account', `
<p>Signed in as <b data-testid="oauth-user">${esc(user?.displayName)}</b></p>
<p><b data-testid="oauth-app-name">${esc(check.name)}</b> would like to connect to your Mixcloud account.</p>
<form method="post" action="/oauth/authorize" data-testid="oauth-form">
<input type="hidden" name="client_id" value="${esc(check.clientId)}"><input type="hidden" name="redirect_uri" value="${esc(check.redirectUri)}">
<button class="${sc('SecondaryButton')}" type="submit" name="decision" value="deny" data-testid="oauth-deny-button">Cancel</button>
<button class="${sc('PrimaryButton')}" type="submit" name="decision" value="allow" data-testid="oauth-allow-button">Allow</button>
</form>`));
  }

  private async decide(req: Req, res: Res): Promise<void> {
    const form = await req.form();
    const check = this.validAuthorize(form);
    if (typeof check === 'string') return res.html(page('Authorization error', `<p data-testid="oauth-error">${esc(check)}</p>`), 400);
    const target = new URL(check.redirectUri);
    if (form.get('decision') !== 'allow') {
      target.searchParams.set('error', 'access_denied');
      return res.redirect(target.toString());
    }
    const code = randomBytes(16).toString('hex');
    this.codes.set(code, { clientId: check.clientId, redirectUri: check.redirectUri, username: SIGNED_IN_USER, expiresAt: Date.now() + CODE_LIFETIME_MS });
    target.searchParams.set('code', code);
    return res.redirect(target.toString());
  }

  private exchange(_req: Req, res: Res, params: URLSearchParams): Promise<void> {
    const clientId = params.get('client_id') ?? '';
    const app = this.apps.get(clientId);
    if (!app) return res.json(oauthError('Invalid client_id.'), 400);
    if (params.get('client_secret') !== app.secret) return res.json(oauthError('Invalid client_secret.'), 400);
    const code = params.get('code') ?? '';
    const grant = this.codes.get(code);
    if (!grant || grant.clientId !== clientId || grant.expiresAt < Date.now()) return res.json(oauthError('Invalid or expired code.'), 400);
    if (params.get('redirect_uri') !== grant.redirectUri) return res.json(oauthError('redirect_uri does not match the one used to authorize.'), 400);
    this.codes.delete(code);
    const token = this.issueToken(grant.username, clientId);
    if (this.replyFormat === 'form') return res.html(`access_token=${encodeURIComponent(token)}`);
    return res.json({ access_token: token });
  }
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)} | Mixcloud</title><link rel="icon" href="data:,"><style>${CSS}</style></head>
<body><div class="${sc('ConsentBox')}" data-testid="oauth-consent"><h1 class="${sc('PageTitle')}">${esc(title)}</h1>${body}</div></body></html>`;
}
