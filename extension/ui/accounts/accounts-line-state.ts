/**
 * What the popup's accounts line shows, kept current while the popup is open: signing in or out in
 * the options page (or the background asking to reconnect after a refused token) rewrites the
 * account records in extension storage, and every such change reloads the line.
 */
import { signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import type { AccountView, BeatportAccountView } from '../../../shared/messages';
import { send } from '../../core/messaging';

export const lineAccounts = signal<AccountView[]>([]);
export const lineBeatport = signal<BeatportAccountView | undefined>(undefined);

/**
 * Storage keys whose change means a sign-in changed: `account.<platform>` (core/oauth.ts: profile
 * and reconnect flag, written on connect, disconnect and refusal) and Beatport's connection method
 * (platforms/beatport/auth-user.ts), which can change while the profile stays the same.
 */
export function isAccountChange(changes: Record<string, unknown>, area: string): boolean {
  return area === 'local' && Object.keys(changes).some((key) => key.startsWith('account.') || key === 'beatport.connection');
}

let loads = 0;

/** Ask the background for both views; an answer older than the latest request is dropped. */
async function load(): Promise<void> {
  const mine = ++loads;
  const [accounts, beatport] = await Promise.allSettled([send('accounts.list', {}), send('beatport.account', {})]);
  if (mine !== loads) return;
  if (accounts.status === 'fulfilled') lineAccounts.value = accounts.value.accounts;
  if (beatport.status === 'fulfilled') lineBeatport.value = beatport.value;
}

/** Load the line now and again on every account change; returns the unsubscribe. */
export function followAccounts(): () => void {
  const onChanged = (changes: Record<string, unknown>, area: string) => {
    if (isAccountChange(changes, area)) void load();
  };
  browser.storage.onChanged.addListener(onChanged);
  void load();
  return () => browser.storage.onChanged.removeListener(onChanged);
}
