/**
 * The popup's accounts line follows sign-ins and sign-outs made elsewhere while it is open. The
 * changes are made with core/oauth.ts's own writers (the ones connect, disconnect and a refused
 * token use), so the test fails if the line stops listening to the keys they really write.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountView, BeatportAccountView } from '../../../shared/messages';

type Listener = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, area: string) => void;
const listeners = new Set<Listener>();
const storage = new Map<string, unknown>();
const emit = (key: string, newValue: unknown) => listeners.forEach((l) => l({ [key]: { newValue } }, 'local'));

/** What the background answers; tests change it before the storage write, as the background does. */
let background: { accounts: AccountView[]; beatport: BeatportAccountView };
let asked = 0;
let hold: Promise<void> | undefined;

vi.mock('wxt/browser', () => ({
  browser: {
    runtime: {
      sendMessage: async (msg: { type: string }) => {
        const answer = structuredClone(background);
        if (msg.type === 'accounts.list') asked++;
        await hold;
        if (msg.type === 'accounts.list') return { ok: true, value: { accounts: answer.accounts } };
        if (msg.type === 'beatport.account') return { ok: true, value: answer.beatport };
        return { ok: false, error: { code: 'internal', message: msg.type } };
      },
    },
    storage: {
      onChanged: { addListener: (l: Listener) => listeners.add(l), removeListener: (l: Listener) => listeners.delete(l) },
      local: {
        get: async (key: string) => (storage.has(key) ? { [key]: storage.get(key) } : {}),
        set: async (items: Record<string, unknown>) => Object.entries(items).forEach(([k, v]) => (storage.set(k, v), emit(k, v))),
        remove: async (key: string) => void (storage.delete(key), emit(key, undefined)),
      },
    },
  },
}));

const { followAccounts, isAccountChange, lineAccounts, lineBeatport } = await import('./accounts-line-state');
const { forgetAccount, markReconnect, saveProfile } = await import('../../core/oauth');

const settle = () => new Promise((r) => setTimeout(r, 0));
const soundcloud = (connected: boolean): AccountView => ({
  platform: 'soundcloud', connected, reconnect: false, hasCredentials: true, redirectUrl: 'https://x.chromiumapp.org/soundcloud',
  ...(connected ? { profile: { name: 'Leon Brandt', username: 'leon' } } : {}),
});

beforeEach(() => {
  listeners.clear();
  storage.clear();
  asked = 0;
  hold = undefined;
  background = { accounts: [soundcloud(false)], beatport: { connected: false, reconnect: false } };
});

describe('the popup accounts line', () => {
  it('shows a sign-in, a sign-out and a refused Beatport token made elsewhere, without reopening', async () => {
    const stop = followAccounts();
    await settle();
    expect(lineAccounts.value.map((a) => a.connected)).toEqual([false]);

    background.accounts = [soundcloud(true)];
    await saveProfile('soundcloud', { name: 'Leon Brandt', username: 'leon' });
    await settle();
    expect(lineAccounts.value[0]).toMatchObject({ connected: true, profile: { name: 'Leon Brandt' } });

    background.accounts = [soundcloud(false)];
    await forgetAccount('soundcloud');
    await settle();
    expect(lineAccounts.value[0]?.connected).toBe(false);

    background.beatport = { connected: false, reconnect: true, method: 'session', profile: { name: 'Deck Hand', username: 'deckhand-dj' } };
    await markReconnect('beatport');
    await settle();
    expect(lineBeatport.value).toMatchObject({ reconnect: true, profile: { name: 'Deck Hand' } });
    stop();
  });

  it('ignores other storage changes and stops listening when the popup closes', async () => {
    const stop = followAccounts();
    await settle();
    expect(asked).toBe(1);
    emit('settings', { keyNotation: 'camelot' });
    await settle();
    expect(asked).toBe(1);
    stop();
    background.accounts = [soundcloud(true)];
    await saveProfile('soundcloud', { name: 'Leon Brandt', username: 'leon' });
    await settle();
    expect(asked).toBe(1);
    expect(listeners.size).toBe(0);
  });

  it('keeps the newest answer when an older one arrives later', async () => {
    let release = () => undefined as void;
    hold = new Promise<void>((r) => (release = r));
    const stop = followAccounts(); // asks with the signed-out state, answer held back
    await settle();
    hold = undefined;
    background.accounts = [soundcloud(true)];
    await saveProfile('soundcloud', { name: 'Leon Brandt', username: 'leon' });
    await settle();
    expect(lineAccounts.value[0]?.connected).toBe(true);
    release();
    await settle();
    expect(lineAccounts.value[0]?.connected).toBe(true);
    stop();
  });

  it('counts account records and the Beatport method as account changes, only in local storage', () => {
    expect(isAccountChange({ 'account.mixcloud': {} }, 'local')).toBe(true);
    expect(isAccountChange({ 'beatport.connection': {} }, 'local')).toBe(true);
    expect(isAccountChange({ 'credentials.soundcloud': {}, settings: {} }, 'local')).toBe(false);
    expect(isAccountChange({ 'account.mixcloud': {} }, 'sync')).toBe(false);
  });
});
