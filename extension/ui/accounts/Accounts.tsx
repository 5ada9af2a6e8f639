/**
 * Connected accounts: the options page's "Accounts" section (app credentials, the redirect URL to
 * register, connect/disconnect, what a connection enables) and the popup's one-line summary.
 * Sign-in itself runs in the background (the identity API window); tokens never reach this page.
 */
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { DeckhandError, describeError } from '../../../shared/errors';
import type { AccountView } from '../../../shared/messages';
import { PLATFORM_NAMES } from '../../../shared/platform';
import { send } from '../../core/messaging';
import { getCredentials, setCredentials } from '../../core/oauth';
import { followAccounts, lineAccounts, lineBeatport } from './accounts-line-state';
import { BeatportCard, METHOD_WORDS } from './BeatportAccount';

const ENABLES: Record<'soundcloud' | 'mixcloud', string> = {
  soundcloud: 'Upload tracks with title, artwork, genre, tags, license and more; see your upload quota.',
  mixcloud: 'Upload shows with tracklist, tags and picture (and scheduling when you are Pro).',
};
const APP_PAGES: Record<'soundcloud' | 'mixcloud', string> = {
  soundcloud: 'https://soundcloud.com/you/apps',
  mixcloud: 'https://www.mixcloud.com/developers/create/',
};

function Credentials({ platform, onSaved }: { platform: 'soundcloud' | 'mixcloud'; onSaved: () => void }) {
  const id = useSignal('');
  const secret = useSignal('');
  const saved = useSignal('');
  // Open until credentials exist; decided once on load, so typing does not fold it away.
  const open = useSignal(false);
  // What was typed before the stored credentials arrived wins over them (a fast typist, or a test).
  const edited = useRef({ id: false, secret: false });
  useEffect(() => {
    void getCredentials(platform).then((c) => {
      if (!edited.current.id) id.value = c?.clientId ?? '';
      if (!edited.current.secret) secret.value = c?.clientSecret ?? '';
      open.value = !c;
    });
  }, [platform]);
  const save = async () => {
    await setCredentials(platform, { clientId: id.value, clientSecret: secret.value });
    saved.value = 'Saved.';
    onSaved();
  };
  return (
    <details class="creds" open={open.value} onToggle={(e) => (open.value = e.currentTarget.open)}>
      <summary>Your {PLATFORM_NAMES[platform]} app</summary>
      <p class="hint">Deckhand ships no app keys: register your own app at <code>{APP_PAGES[platform]}</code>.</p>
      <label for={`${platform}-client-id`}>Client id</label>
      <input id={`${platform}-client-id`} type="text" autocomplete="off" value={id.value} onInput={(e) => ((edited.current.id = true), (id.value = e.currentTarget.value))} />
      <label for={`${platform}-client-secret`}>Client secret</label>
      <input id={`${platform}-client-secret`} type="password" autocomplete="off" value={secret.value} onInput={(e) => ((edited.current.secret = true), (secret.value = e.currentTarget.value))} />
      <div class="actions">
        <button type="button" data-testid={`${platform}-save-credentials`} onClick={() => void save()}>Save app</button>
        <span role="status">{saved.value}</span>
      </div>
    </details>
  );
}

function AccountCard({ account, onChange }: { account: AccountView; onChange: () => void }) {
  const busy = useSignal(false);
  const error = useSignal('');
  const platform = account.platform;
  const act = async (fn: () => Promise<unknown>) => {
    busy.value = true;
    error.value = '';
    try {
      await fn();
    } catch (err) {
      const e = DeckhandError.from(err);
      error.value = `${describeError(e.code).title}: ${e.message}`;
    } finally {
      busy.value = false;
      onChange();
    }
  };
  const p = account.profile;
  return (
    <article class="account" data-testid={`account-${platform}`} data-connected={String(account.connected)}>
      <header>
        {p?.avatarUrl ? <img class="avatar" src={p.avatarUrl} alt="" /> : <div class="avatar placeholder" aria-hidden="true" />}
        <div>
          <h3>{PLATFORM_NAMES[platform]}</h3>
          {account.connected && p ? (
            <p class="who" data-testid={`${platform}-account-name`}>
              {p.profileUrl ? <a href={p.profileUrl} target="_blank" rel="noreferrer">{p.name}</a> : p.name}
              {p.plan ? <span class="muted"> · {p.plan}</span> : null}
            </p>
          ) : account.reconnect ? (
            <p class="warn" data-testid={`${platform}-reconnect`}>{PLATFORM_NAMES[platform]} no longer accepts this connection. Connect again.</p>
          ) : (
            <p class="muted">Not connected. {ENABLES[platform]}</p>
          )}
        </div>
        {account.connected ? (
          <button type="button" class="secondary" disabled={busy.value} data-testid={`${platform}-disconnect`} onClick={() => void act(() => send('account.disconnect', { platform }))}>Disconnect</button>
        ) : (
          <button type="button" disabled={busy.value || !account.hasCredentials} data-testid={`${platform}-connect`} onClick={() => void act(() => send('account.connect', { platform }))}>
            {account.reconnect ? 'Reconnect' : 'Connect'}
          </button>
        )}
      </header>
      {error.value ? <p class="warn" role="alert" data-testid={`${platform}-error`}>{error.value}</p> : null}
      <p class="hint">Redirect URL to register for this browser: <code data-testid={`${platform}-redirect`}>{account.redirectUrl}</code></p>
      <Credentials platform={platform} onSaved={onChange} />
    </article>
  );
}

export function AccountsSection() {
  const accounts = useSignal<AccountView[] | undefined>(undefined);
  const load = () => void send('accounts.list', {}).then((r) => (accounts.value = r.accounts), () => (accounts.value = []));
  useEffect(load, []);
  return (
    <section aria-labelledby="acc-h" class="accounts">
      <h2 id="acc-h">Accounts</h2>
      <p class="hint">Connect SoundCloud or Mixcloud to upload, Beatport to read its catalogue as yourself. Tokens stay in this browser’s extension storage. <a href={browser.runtime.getURL('/upload.html')} target="_blank" rel="noreferrer">Open the upload page</a></p>
      {!accounts.value ? <p>Loading…</p> : accounts.value.map((a) => <AccountCard key={a.platform} account={a} onChange={load} />)}
      <BeatportCard />
    </section>
  );
}

/** The popup header's line: who is connected, and a way to the upload page. */
export function AccountsLine() {
  // Follows sign-ins and sign-outs made elsewhere (options page, background) while the popup is open.
  useEffect(() => followAccounts(), []);
  const connected = lineAccounts.value.filter((a) => a.connected && a.profile);
  const reconnect = lineAccounts.value.filter((a) => a.reconnect);
  const bp = lineBeatport.value;
  return (
    <p class="accounts-line" data-testid="accounts-line">
      {connected.map((a) => (
        <span class="chip on" key={a.platform} title={a.profile?.plan ?? ''}>
          {a.profile?.avatarUrl ? <img src={a.profile.avatarUrl} alt="" /> : null}
          {PLATFORM_NAMES[a.platform]}: {a.profile?.name}
        </span>
      ))}
      {reconnect.map((a) => <span class="chip off" key={a.platform}>{PLATFORM_NAMES[a.platform]}: reconnect</span>)}
      {bp?.connected && bp.profile ? <span class="chip on" title={bp.method ? `via ${METHOD_WORDS[bp.method]}` : ''}>Beatport: {bp.profile.name}</span> : null}
      {bp?.reconnect ? <span class="chip off">Beatport: reconnect</span> : null}
      {!connected.length && !reconnect.length && !bp?.connected && !bp?.reconnect ? <span class="muted">No accounts connected</span> : null}
      <button type="button" class="link" onClick={() => void send('upload.open', {})}>Upload…</button>
      <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>Accounts</button>
    </p>
  );
}
