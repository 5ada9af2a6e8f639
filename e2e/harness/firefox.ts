/**
 * Launch firefox-esr headless through puppeteer (WebDriver BiDi) with the firefox-mv2 build installed.
 * Firefox has no --host-resolver-rules, so the replica acts as its HTTPS proxy (HTTP CONNECT).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';
import type { Replica } from '../replica/server';
import { assertBuilt, FIREFOX, FIREFOX_BUILD } from './paths';

export interface FirefoxSession {
  browser: Browser;
  addonId: string;
  close(): Promise<void>;
}

export async function launchFirefox(replica: Replica): Promise<FirefoxSession> {
  assertBuilt();
  const profile = mkdtempSync(join(tmpdir(), 'deckhand-ff-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
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
    async close() {
      await browser.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
