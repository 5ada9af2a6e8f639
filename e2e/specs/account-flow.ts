/**
 * Shared steps of the accounts and upload specs: the replica's control API from Node, and connecting
 * an account the way a user does (options page → Connect → consent in the identity API's window).
 */
import type { Page } from 'puppeteer';
import type { ChromiumSession } from '../harness/chromium';
import type { Replica } from '../replica/server';
import { replicaRequest } from '../replica/test-https';

/** A request to a replica host from Node (the replica serves the real host names on its port). */
export async function replicaFetch(replicaRef: Replica, method: 'GET' | 'POST', url: string, body?: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const { status, text } = await replicaRequest(replicaRef, url, { method, headers, ...(body !== undefined ? { body } : {}) });
  return { status, text };
}

/** The replica's control API (https://replica.deckhand.test/__replica/...). */
export async function control<T>(replicaRef: Replica, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await replicaFetch(replicaRef, method, `https://replica.deckhand.test/__replica${path}`, body === undefined ? undefined : JSON.stringify(body), { 'content-type': 'application/json' });
  if (res.status >= 300) throw new Error(`${res.status} ${res.text}`);
  return JSON.parse(res.text) as T;
}

/** Read (and optionally patch) a stored token record from an extension page's IndexedDB. */
export function idbToken(page: Page, key: string, patch?: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
  return page.evaluate((k, p) => new Promise<Record<string, unknown> | undefined>((resolve, reject) => {
    const open = indexedDB.open('deckhand');
    open.onsuccess = () => {
      const tx = open.result.transaction('tokens', 'readwrite');
      const store = tx.objectStore('tokens');
      let record: Record<string, unknown> | undefined;
      const get = store.get(k);
      get.onsuccess = () => {
        record = get.result as Record<string, unknown> | undefined;
        if (record && p) store.put((record = { ...record, ...p }));
      };
      tx.oncomplete = () => (open.result.close(), resolve(record));
      tx.onerror = () => reject(tx.error);
    };
  }), key, patch ?? null);
}

export interface ConsentStep {
  /** Change the consent form before approving (tests tamper with state or the PKCE challenge). */
  tamper?: (consent: Page) => Promise<void>;
  /** Wait for this selector in the options page instead of the account name. */
  expect?: string;
}

/** Save app credentials in the options page, press Connect and approve in the identity window. */
/**
 * Close consent windows an earlier sign-in left open (Chromium sometimes keeps the identity window on
 * the provider's error page). While one is open, the browser's web-auth flow is still pending and a
 * new sign-in cannot start: the user would close it; so does the test.
 */
export async function closeConsentWindows(s: ChromiumSession): Promise<void> {
  for (const target of s.browser.targets()) {
    if (!/\/(oauth\/)?authorize\b/.test(target.url())) continue;
    await (await target.page().catch(() => null))?.close().catch(() => undefined);
  }
}

export async function connectThroughOptions(s: ChromiumSession, platform: 'soundcloud' | 'mixcloud', creds: { id: string; secret: string }, step: ConsentStep = {}): Promise<Page> {
  await closeConsentWindows(s);
  const options = await s.newPage(`chrome-extension://${s.extensionId}/options.html`);
  await options.waitForSelector(`[data-testid="${platform}-save-credentials"]`);
  await options.evaluate((p) => void (document.querySelector<HTMLDetailsElement>(`[data-testid="account-${p}"] details`)!.open = true), platform);
  await options.$eval(`#${platform}-client-id`, (el) => ((el as HTMLInputElement).value = ''));
  await options.type(`#${platform}-client-id`, creds.id);
  await options.$eval(`#${platform}-client-secret`, (el) => ((el as HTMLInputElement).value = ''));
  await options.type(`#${platform}-client-secret`, creds.secret);
  await options.$eval(`[data-testid="${platform}-save-credentials"]`, (el) => (el as HTMLElement).click());
  await options.waitForSelector(`[data-testid="${platform}-connect"]:not([disabled])`);
  const consentHost = platform === 'soundcloud' ? 'secure.soundcloud.com/authorize' : 'www.mixcloud.com/oauth/authorize';
  const consentTarget = s.browser.waitForTarget((t) => t.url().includes(consentHost), { timeout: 20_000 });
  await options.$eval(`[data-testid="${platform}-connect"]`, (el) => (el as HTMLElement).click());
  const consent = await (await consentTarget).page();
  if (!consent) throw new Error('no consent page');
  const approve = platform === 'soundcloud' ? '#submit_approval' : '[data-testid="oauth-allow-button"]';
  await consent.waitForSelector(approve);
  if (step.tamper) await step.tamper(consent);
  await consent.click(approve);
  // A page in a background tab stalls puppeteer's waits: the options tab is the one to watch now.
  await options.bringToFront();
  await options.waitForSelector(step.expect ?? `[data-testid="${platform}-account-name"]`, { timeout: 20_000 });
  return options;
}
