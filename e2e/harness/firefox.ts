/**
 * Launch firefox-esr headless through puppeteer (WebDriver BiDi) with the firefox-mv2 build installed.
 * Firefox has no --host-resolver-rules, so the replica acts as its HTTPS proxy (HTTP CONNECT).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import type { Replica } from '../replica/server';
import { GECKO_ID } from '../../wxt.config';
import { onFailureDump } from './artifacts';
import { assertBuilt, FIREFOX, FIREFOX_BUILD, HOST_BUNDLE } from './paths';

/**
 * Firefox gives each add-on a random internal UUID per profile (its moz-extension:// host) and keeps
 * the map in the pref extensions.webextensions.uuids, read at install: presetting it fixes the origin.
 */
export const FIREFOX_EXTENSION_UUID = '6f3d2c1a-8b4e-4f7a-9c2d-5e1b0a7d3f64';
export const FIREFOX_EXTENSION_ORIGIN = `moz-extension://${FIREFOX_EXTENSION_UUID}`;

export interface FirefoxSession {
  browser: Browser;
  addonId: string;
  libraryDir: string;
  /** Firefox's download folder (the in-browser path without the host saves into Deckhand/ here). */
  downloadsDir: string;
  hostLog: string;
  /** A new tab, optionally at `url` (waits for DOMContentLoaded). */
  newPage(url?: string): Promise<Page>;
  /** An extension page (popup.html, options.html, …) as a tab. */
  openExtensionPage(path: string, viewport?: { width: number; height: number }): Promise<Page>;
  /** The popup as a tab (380×580), describing the tab that shows `forPage` when given. */
  openPopup(forPage?: Page): Promise<Page>;
  close(): Promise<void>;
}

/** The part of an extension page's `browser` global used here. */
interface ExtensionApi {
  tabs: { query(query: object): Promise<Array<{ id?: number; url?: string }>> };
  storage: Record<'local' | 'session', { get(keys: string | null): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> }>;
}

/**
 * The extension's storage read from one of its pages (`extensionPage`): Firefox's background page is
 * no puppeteer target, so this is how a spec sees what the background keeps.
 */
export function extensionStorage(extensionPage: Page, area: 'local' | 'session', key: string | null = null): Promise<Record<string, unknown>> {
  return extensionPage.evaluate(
    (a: 'local' | 'session', k: string | null) => (globalThis as unknown as { browser: ExtensionApi }).browser.storage[a].get(k),
    area,
    key,
  );
}

/** Merge `patch` into the stored settings (the background follows storage changes). */
export async function setSettings(extensionPage: Page, patch: Record<string, unknown>): Promise<void> {
  await extensionPage.evaluate(async (p: Record<string, unknown>) => {
    const local = (globalThis as unknown as { browser: ExtensionApi }).browser.storage.local;
    const { settings } = await local.get('settings');
    await local.set({ settings: { ...(settings as object | undefined), ...p } });
  }, patch);
}

/** The tab id the extension knows `page` by, asked from an extension page (tabs.query by URL). */
async function tabIdFrom(extensionPage: Page, page: Page): Promise<number> {
  const url = page.url();
  const id = await extensionPage.evaluate(
    (u: string) => (globalThis as unknown as { browser: ExtensionApi }).browser.tabs.query({}).then((tabs) => tabs.find((t) => t.url === u)?.id),
    url,
  );
  if (typeof id !== 'number') throw new Error(`no tab for ${url}`);
  return id;
}

/**
 * Wait until `page` shows `url`, parsed (asked of the page itself: puppeteer's page.url() stays
 * stale). An evaluation that meets the document being replaced fails; that only means "not yet".
 */
async function extensionPageLoaded(page: Page, url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const loaded = await page.evaluate((u: string) => location.href === u && document.readyState !== 'loading', url).catch(() => false);
    if (loaded) return;
    if (Date.now() > deadline) throw new Error(`${url} did not load in 30 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Firefox loads a moz-extension:// page in the extension process and WebDriver BiDi reports no
 * navigation events for it (page.goto times out although the page is there), so the load is watched
 * from inside the page instead.
 */
async function loadExtensionPage(page: Page, url: string): Promise<void> {
  void page.goto(url, { timeout: 30_000 }).catch(() => undefined);
  await extensionPageLoaded(page, url);
}

/**
 * With `withHost`, the real native host is registered for Firefox under a temporary HOME
 * (~/.mozilla/native-messaging-hosts), which is where firefox-esr looks for it.
 */
export async function launchFirefox(replica: Replica, opts: { withHost?: boolean } = {}): Promise<FirefoxSession> {
  assertBuilt();
  const base = mkdtempSync(join(tmpdir(), 'deckhand-ff-'));
  const profile = join(base, 'profile');
  const home = join(base, 'home');
  const libraryDir = join(base, 'library');
  const downloadsDir = join(base, 'downloads');
  const hostLog = join(base, 'host.log');
  for (const d of [profile, home, libraryDir, downloadsDir]) mkdirSync(d, { recursive: true });
  if (opts.withHost) {
    const args = [HOST_BUNDLE, 'install', '--browser', 'firefox', '--install-dir', join(home, 'deckhand-host')];
    const env = {
      DECKHAND_RESOLVE: replica.resolveEnv,
      NODE_EXTRA_CA_CERTS: replica.caPath,
      DECKHAND_LOG_FILE: hostLog,
      DECKHAND_LIBRARY_ROOT: libraryDir,
    };
    for (const [k, v] of Object.entries(env)) args.push('--launcher-env', `${k}=${v}`);
    execFileSync(process.execPath, args, { env: { ...process.env, HOME: home }, stdio: 'pipe' });
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    // WebDriver BiDi refuses to navigate to moz-extension:// URLs ("not allowed in this context")
    // unless the remote agent may reach privileged pages; the popup and options pages need it.
    env: { ...process.env, HOME: home, MOZ_REMOTE_ALLOW_SYSTEM_ACCESS: '1' },
    acceptInsecureCerts: true,
    defaultViewport: { width: 1280, height: 900 },
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': replica.port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': replica.port,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      'network.dns.disableIPv6': true,
      'xpinstall.signatures.required': false,
      'extensions.manifestV3.enabled': true,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
      // Downloads go to our folder without asking (folderList 2 = browser.download.dir).
      'browser.download.dir': downloadsDir,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
    },
  });
  const addonId = await browser.installExtension(FIREFOX_BUILD);
  const session: FirefoxSession = {
    browser,
    addonId,
    libraryDir,
    downloadsDir,
    hostLog,
    async newPage(url?: string) {
      const page = await browser.newPage();
      if (url) await page.goto(url, { waitUntil: 'domcontentloaded' });
      return page;
    },
    async openExtensionPage(path: string, viewport?: { width: number; height: number }) {
      const page = await browser.newPage();
      if (viewport) await page.setViewport(viewport);
      await loadExtensionPage(page, `${FIREFOX_EXTENSION_ORIGIN}/${path.replace(/^\//, '')}`);
      return page;
    },
    async openPopup(forPage?: Page) {
      const popup = await session.openExtensionPage('popup.html', { width: 380, height: 580 });
      if (forPage) {
        const url = `${FIREFOX_EXTENSION_ORIGIN}/popup.html?tabId=${await tabIdFrom(popup, forPage)}`;
        await popup.evaluate((u: string) => void (location.href = u), url);
        await extensionPageLoaded(popup, url);
      }
      return popup;
    },
    async close() {
      onFailureDump(`firefox ${base}`, undefined);
      await browser.close().catch(() => undefined);
      rmSync(base, { recursive: true, force: true });
    },
  };
  // A failed test prints the queue as the background sees it, asked from an open extension page.
  onFailureDump(`firefox ${base}`, async () => {
    const pages = await browser.pages();
    const ext = pages.find((p) => p.url().startsWith(FIREFOX_EXTENSION_ORIGIN));
    if (!ext) return 'no extension page open to ask';
    return ext.evaluate(async () => {
      const reply = (await (globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<{ value?: { jobs: { id: string; trackKey: string; state: string; attempts: number; updatedAt: number; error?: { code: string }; progress?: { phase: string } }[] } }> } } }).browser.runtime.sendMessage({ type: 'jobs.list' }));
      return (reply.value?.jobs ?? []).map((j) => ({ id: j.id, key: j.trackKey, state: j.state, attempts: j.attempts, updatedAt: j.updatedAt, phase: j.progress?.phase, error: j.error?.code }));
    });
  });
  return session;
}
