/**
 * Which browsers and folders install, uninstall and doctor act on, and the install record that lets
 * uninstall remove what install wrote and nothing else.
 */
import { existsSync, readFileSync } from 'node:fs';
import { installDir, pathFor } from '../os-dirs';
import {
  BROWSER_IDS,
  browserPresence,
  familyOf,
  profileManifestDir,
  systemManifestDirs,
  userManifestDirs,
  type BrowserId,
  type ManifestDir,
} from './browsers';
import { systemPath, type InstallEnv } from './env';

export type InstallScope = 'user' | 'system';

export function isBrowserPresent(browser: BrowserId, env: InstallEnv): boolean {
  return browserPresence(browser, env).some((dir) => existsSync(dir));
}

/** The named browsers, or else every browser that looks installed for this user. */
export function chooseBrowsers(named: readonly BrowserId[] | undefined, env: InstallEnv): BrowserId[] {
  if (named && named.length > 0) return [...new Set(named)];
  return BROWSER_IDS.filter((b) => isBrowserPresent(b, env));
}

/**
 * The folders to write for one browser: every variant that is present (Chrome Beta, a Flatpak…), or
 * the main one when the browser was named but nothing is present yet.
 */
export function dirsToWrite(browser: BrowserId, scope: InstallScope, named: boolean, env: InstallEnv): ManifestDir[] {
  const all = scope === 'system' ? systemManifestDirs(browser, env) : userManifestDirs(browser, env);
  const present = all.filter((d) => existsSync(d.presence));
  if (present.length > 0 || !named) return present;
  return all.slice(0, 1);
}

/** --profile applies to Chromium user-data dirs; one folder serves every Chromium browser named. */
export function profileDirs(browsers: readonly BrowserId[], profile: string, env: InstallEnv): ManifestDir[] {
  const chromium = browsers.filter((b) => familyOf(b) === 'chromium');
  const first = chromium[0];
  return first ? [profileManifestDir(first, profile, env)] : [];
}

/** Where the launcher and the bundle go: per user, or shared for --system. */
export function launcherDir(scope: InstallScope, env: InstallEnv, override?: string): string {
  if (override) return override;
  if (scope === 'user') return installDir(env);
  const p = pathFor(env.platform);
  if (env.platform === 'win32') return p.join(env.env.ProgramFiles || 'C:\\Program Files', 'Deckhand');
  if (env.platform === 'darwin') return systemPath(env, '/Library/Application Support/Deckhand');
  return systemPath(env, '/opt/deckhand');
}

/** What one install wrote; uninstall reads it back. */
export interface InstallRecord {
  launcher: string;
  bundle: string;
  /** True when the bundle was copied next to the launcher (and uninstall may delete it). */
  bundleCopied: boolean;
  manifests: Array<{ browser: BrowserId; file: string }>;
  registry: Array<{ browser: BrowserId; key: string; file: string }>;
}

export function recordFile(dir: string, env: InstallEnv): string {
  return pathFor(env.platform).join(dir, 'install-record.json');
}

export function readRecord(file: string): InstallRecord | undefined {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<InstallRecord>;
    if (typeof raw.launcher !== 'string' || typeof raw.bundle !== 'string') return undefined;
    return {
      launcher: raw.launcher,
      bundle: raw.bundle,
      bundleCopied: raw.bundleCopied === true,
      manifests: Array.isArray(raw.manifests) ? raw.manifests : [],
      registry: Array.isArray(raw.registry) ? raw.registry : [],
    };
  } catch {
    return undefined;
  }
}
