/**
 * Launch Debian's Chromium headless with the built extension, a temporary profile, the replica
 * mapped onto the real host names, and (optionally) the real native host registered in that profile
 * by the host's own `install --profile` command.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page, type Target, type WebWorker } from 'puppeteer';
import type { Replica } from '../replica/server';
import { assertBuilt, CHROME_BUILD, CHROMIUM, EXTENSION_ID, HOST_BUNDLE } from './paths';
import { onFailureDump } from './artifacts';

export interface ChromiumSession {
  browser: Browser;
  /** The folder holding profile, downloads, library and the host's home (pass as `reuse` to relaunch). */
  baseDir: string;
  profileDir: string;
  downloadsDir: string;
  libraryDir: string;
  hostLog: string;
  extensionId: string;
  /** The extension's service worker (re-acquired if it was restarted). */
  worker(): Promise<WebWorker>;
  /** Stop the extension's service worker (as Chromium does when idle); the next event starts it again. */
  stopWorker(): Promise<void>;
  /** Evaluate in the service worker. */
  inWorker<T>(fn: string): Promise<T>;
  newPage(url?: string): Promise<Page>;
  /** The popup as a tab, describing `tabId`. */
  openPopup(tabId?: number): Promise<Page>;
  /** Tab id of a page (asked of the extension). */
  tabIdOf(page: Page): Promise<number>;
  close(): Promise<void>;
  /** Close the browser but keep its folders, for launchChromium({ reuse: baseDir }). */
  closeBrowser(): Promise<void>;
}

export interface LaunchOptions {
  replica: Replica;
  /** Register the native host in the profile (default true). */
  withHost?: boolean;
  /** Extra environment for the host's launcher. */
  hostEnv?: Record<string, string>;
  /** Library folder for the host (default: a temporary one). */
  libraryDir?: string;
  /** Show the window (needs a display); default headless. */
  headful?: boolean;
  /** Relaunch on the folders of an earlier session (its baseDir): same profile, library and host. */
  reuse?: string;
}

function writePreferences(profileDir: string, downloadsDir: string): void {
  mkdirSync(join(profileDir, 'Default'), { recursive: true });
  writeFileSync(
    join(profileDir, 'Default', 'Preferences'),
    JSON.stringify({
      download: { default_directory: downloadsDir, prompt_for_download: false, directory_upgrade: true },
      savefile: { default_directory: downloadsDir },
    }),
  );
}

export function installHost(profileDir: string, home: string, env: Record<string, string>): void {
  const args = [HOST_BUNDLE, 'install', '--browser', 'chromium', '--profile', profileDir, '--install-dir', join(home, 'deckhand-host'), '--extension-id', EXTENSION_ID];
  for (const [k, v] of Object.entries(env)) args.push('--launcher-env', `${k}=${v}`);
  execFileSync(process.execPath, args, { env: { ...process.env, HOME: home, XDG_DATA_HOME: join(home, '.local', 'share') }, stdio: 'pipe' });
}

export async function launchChromium(opts: LaunchOptions): Promise<ChromiumSession> {
  assertBuilt();
  const base = opts.reuse ?? mkdtempSync(join(tmpdir(), 'deckhand-e2e-'));
  const profileDir = join(base, 'profile');
  const downloadsDir = join(base, 'downloads');
  const libraryDir = opts.libraryDir ?? join(base, 'library');
  const home = join(base, 'home');
  const hostLog = join(base, 'host.log');
  for (const d of [profileDir, downloadsDir, libraryDir, home]) mkdirSync(d, { recursive: true });
  // A relaunched profile keeps what Chromium wrote into its Preferences.
  if (!opts.reuse) writePreferences(profileDir, downloadsDir);
  if (opts.withHost !== false) {
    installHost(profileDir, home, {
      DECKHAND_RESOLVE: opts.replica.resolveEnv,
      NODE_EXTRA_CA_CERTS: opts.replica.caPath,
      DECKHAND_LOG_FILE: hostLog,
      DECKHAND_LIBRARY_ROOT: libraryDir,
      ...opts.hostEnv,
    });
  }
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: !opts.headful,
    pipe: true,
    enableExtensions: [CHROME_BUILD],
    userDataDir: profileDir,
    env: { ...process.env, HOME: home },
    args: [
      `--host-resolver-rules=${opts.replica.hostResolverRules}`,
      '--ignore-certificate-errors',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-features=Translate,MediaRouter,OptimizationHints',
      '--window-size=1280,900',
    ],
    defaultViewport: { width: 1280, height: 900 },
  });
  /**
   * The extension's service worker, once its extension APIs and the background's globals exist: right
   * after start (or a worker restart) a target can answer before `chrome` is defined.
   */
  const worker = async (): Promise<WebWorker> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const target = await browser.waitForTarget(
        (t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${EXTENSION_ID}/`),
        { timeout: 20_000 },
      );
      const w = await target.worker();
      const ready = await w?.evaluate(`typeof chrome === 'object' && !!chrome.runtime?.id && !!globalThis.deckhand`).catch(() => false);
      if (w && ready) return w;
      if (Date.now() > deadline) throw new Error('extension service worker not ready');
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const session: ChromiumSession = {
    browser,
    baseDir: base,
    profileDir,
    downloadsDir,
    libraryDir,
    hostLog,
    extensionId: EXTENSION_ID,
    worker,
    async stopWorker() {
      const w = await worker();
      const target = browser.targets().find((t) => t.type() === 'service_worker' && t.url() === w.url());
      const destroyed = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the extension service worker did not stop')), 10_000);
        const onDestroyed = (t: Target) => {
          if (t !== target) return;
          clearTimeout(timer);
          browser.off('targetdestroyed', onDestroyed);
          resolve();
        };
        browser.on('targetdestroyed', onDestroyed);
      });
      await w.close();
      await destroyed;
    },
    async inWorker<T>(fn: string): Promise<T> {
      const w = await worker();
      return (await w.evaluate(fn)) as T;
    },
    async newPage(url?: string) {
      const page = await browser.newPage();
      if (url) await page.goto(url, { waitUntil: 'domcontentloaded' });
      return page;
    },
    async tabIdOf(page: Page) {
      const url = page.url();
      const id = await session.inWorker<number | undefined>(
        `chrome.tabs.query({}).then(tabs => (tabs.find(t => t.url === ${JSON.stringify(url)}) || {}).id)`,
      );
      if (id === undefined) throw new Error(`no tab for ${url}`);
      return id;
    },
    async openPopup(tabId?: number) {
      const page = await browser.newPage();
      await page.setViewport({ width: 380, height: 580 });
      await page.goto(`chrome-extension://${EXTENSION_ID}/popup.html${tabId !== undefined ? `?tabId=${tabId}` : ''}`);
      return page;
    },
    async close() {
      await browser.close().catch(() => undefined);
      rmSync(base, { recursive: true, force: true });
    },
    async closeBrowser() {
      await browser.close().catch(() => undefined);
    },
  };
  // A failed test prints the queue as the background sees it (was the job stuck, or its button?).
  onFailureDump(`chromium ${base}`, () =>
    session.inWorker(
      `(globalThis.deckhand ? globalThis.deckhand.queue.list() : []).map(j => ({ id: j.id, key: j.trackKey, state: j.state, attempts: j.attempts, createdAt: j.createdAt, updatedAt: j.updatedAt, phase: j.progress && j.progress.phase, error: j.error && j.error.code, note: j.note }))`,
    ),
  );
  const close = session.close;
  const closeBrowser = session.closeBrowser;
  session.close = async () => {
    onFailureDump(`chromium ${base}`, undefined);
    await close();
  };
  session.closeBrowser = async () => {
    onFailureDump(`chromium ${base}`, undefined);
    await closeBrowser();
  };
  return session;
}
