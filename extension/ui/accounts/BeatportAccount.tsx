/**
 * The Beatport row of the accounts section: the account name and how it is connected (the user's
 * beatport.com session, the docs-client login, or a pasted token), disconnect, and the three ways
 * to connect in the order Deckhand prefers them. Passwords and pasted tokens go straight to the
 * background and are cleared from the form; this page never reads a stored token.
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { DeckhandError, describeError } from '../../../shared/errors';
import type { BeatportAccountView, BeatportMethod } from '../../../shared/messages';
import { send } from '../../core/messaging';
import { SITE_LOGIN_URL } from '../../platforms/beatport/auth-session';

export const METHOD_WORDS: Record<BeatportMethod, string> = {
  session: 'your beatport.com session',
  login: 'username and password (API docs client)',
  paste: 'a pasted token',
};

export function BeatportCard() {
  const view = useSignal<BeatportAccountView | undefined>(undefined);
  const busy = useSignal(false);
  const error = useSignal('');
  const username = useSignal('');
  const password = useSignal('');
  const pasted = useSignal('');
  const load = () => void send('beatport.account', {}).then((v) => (view.value = v), () => (view.value = { connected: false, reconnect: false }));
  useEffect(load, []);
  const act = async (fn: () => Promise<unknown>) => {
    busy.value = true;
    error.value = '';
    try {
      await fn();
      password.value = '';
      pasted.value = '';
    } catch (err) {
      const e = DeckhandError.from(err);
      error.value = `${describeError(e.code).title}: ${e.message}`;
    } finally {
      busy.value = false;
      load();
    }
  };
  const v = view.value;
  const p = v?.profile;
  return (
    <article class="account" data-testid="account-beatport" data-connected={String(!!v?.connected)}>
      <header>
        <div class="avatar placeholder" aria-hidden="true" />
        <div>
          <h3>Beatport</h3>
          {!v ? <p class="muted">Loading…</p> : v.connected && p ? (
            <p class="who" data-testid="beatport-account-name">
              {p.name}{p.username && p.username !== p.name ? <span class="muted"> ({p.username})</span> : null}
              {v.method ? <span class="muted" data-testid="beatport-method"> · via {METHOD_WORDS[v.method]}</span> : null}
            </p>
          ) : v.reconnect ? (
            <p class="warn" data-testid="beatport-reconnect">Beatport no longer accepts this sign-in{p ? ` (${p.name})` : ''}. Connect again.</p>
          ) : (
            <p class="muted">Not connected. Catalogue reads use the anonymous access a beatport.com page carries; connect to use your own account’s.</p>
          )}
        </div>
        {v?.connected ? (
          <button type="button" class="secondary" disabled={busy.value} data-testid="beatport-disconnect" onClick={() => void act(() => send('beatport.disconnect', {}))}>Disconnect</button>
        ) : null}
      </header>
      {error.value ? <p class="warn" role="alert" data-testid="beatport-error">{error.value}</p> : null}
      {v && !v.connected ? (
        <div class="ways">
          <p>
            <button type="button" disabled={busy.value} data-testid="beatport-connect-session" onClick={() => void act(() => send('beatport.connect', { method: 'session' }))}>
              Use my beatport.com session
            </button>{' '}
            <span class="hint">Sign in on <a href={SITE_LOGIN_URL} target="_blank" rel="noreferrer">beatport.com</a> in this browser first. Deckhand asks the site for a short-lived token when it needs one.</span>
          </p>
          <details class="creds">
            <summary>Sign in with username and password</summary>
            <p class="hint">Sent once to Beatport’s API (its documentation client); only the tokens are kept, never the password. Beatport refuses this for some accounts: prefer the session.</p>
            <form onSubmit={(e) => (e.preventDefault(), void act(() => send('beatport.connect', { method: 'login', username: username.value, password: password.value })))}>
              <label for="beatport-username">Username or email</label>
              <input id="beatport-username" type="text" autocomplete="username" value={username.value} onInput={(e) => (username.value = e.currentTarget.value)} />
              <label for="beatport-password">Password</label>
              <input id="beatport-password" type="password" autocomplete="current-password" value={password.value} onInput={(e) => (password.value = e.currentTarget.value)} />
              <div class="actions"><button type="submit" disabled={busy.value || !username.value || !password.value} data-testid="beatport-login">Sign in</button></div>
            </form>
          </details>
          <details class="creds">
            <summary>Paste a token</summary>
            <p class="hint">A bearer token, or JSON holding <code>access_token</code> (and <code>refresh_token</code>) or <code>token.accessToken</code>.</p>
            <label for="beatport-token">Token</label>
            <textarea id="beatport-token" rows={3} autocomplete="off" spellcheck={false} value={pasted.value} onInput={(e) => (pasted.value = e.currentTarget.value)} />
            <div class="actions">
              <button type="button" disabled={busy.value || pasted.value.trim().length < 20} data-testid="beatport-paste" onClick={() => void act(() => send('beatport.connect', { method: 'paste', token: pasted.value }))}>Use this token</button>
            </div>
          </details>
        </div>
      ) : null}
    </article>
  );
}
