/**
 * Launch firefox-esr headless through puppeteer (WebDriver BiDi) with the firefox-mv2 build installed.
 * Firefox has no --host-resolver-rules, so the replica acts as its HTTPS proxy (HTTP CONNECT).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';
import type { Replica } from '../replica/server';
import { assertBuilt, FIREFOX, FIREFOX_BUILD, HOST_BUNDLE } from './paths';

export interface FirefoxSession {
  browser: Browser;
  addonId: string;
  libraryDir: string;
  close(): Promise<void>;
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
  for (const d of [profile, home, libraryDir]) mkdirSync(d, { recursive: true });
  if (opts.withHost) {
    const args = [HOST_BUNDLE, 'install', '--browser', 'firefox', '--install-dir', join(home, 'deckhand-host')];
    const env = {
      DECKHAND_RESOLVE: replica.resolveEnv,
      NODE_EXTRA_CA_CERTS: replica.caPath,
      DECKHAND_LOG_FILE: join(base, 'host.log'),
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
    env: { ...process.env, HOME: home },
    acceptInsecureCerts: true,
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
    },
  });
  const addonId = await browser.installExtension(FIREFOX_BUILD);
  return {
    browser,
    addonId,
    libraryDir,
    async close() {
      await browser.close().catch(() => undefined);
      rmSync(base, { recursive: true, force: true });
    },
  };
}
