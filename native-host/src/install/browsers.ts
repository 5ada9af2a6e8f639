/**
 * Where each browser looks for native-messaging host manifests (browser-and-native-host.md §1.4).
 * Chromium browsers read `<user-data-dir>/NativeMessagingHosts/` (so a custom --user-data-dir, such as
 * a test or WXT dev profile, only sees its own folder plus the system folders); Firefox reads one
 * user folder and the system folders. Windows uses registry keys that point at the manifest file.
 */
import { HOST_NAME } from '../../../shared/native-protocol';
import { pathFor } from '../os-dirs';
import { systemPath, userPath, type InstallEnv } from './env';

export const BROWSER_IDS = ['chrome', 'chromium', 'edge', 'brave', 'vivaldi', 'opera', 'firefox'] as const;
export type BrowserId = (typeof BROWSER_IDS)[number];
export type Family = 'chromium' | 'firefox';
export type Scope = 'user' | 'system' | 'profile';

export function isBrowserId(value: string): value is BrowserId {
  return (BROWSER_IDS as readonly string[]).includes(value);
}

export function familyOf(browser: BrowserId): Family {
  return browser === 'firefox' ? 'firefox' : 'chromium';
}

export const BROWSER_NAMES: Record<BrowserId, string> = {
  chrome: 'Google Chrome',
  chromium: 'Chromium',
  edge: 'Microsoft Edge',
  brave: 'Brave',
  vivaldi: 'Vivaldi',
  opera: 'Opera',
  firefox: 'Firefox',
};

/** One folder a browser reads the manifest from. */
export interface ManifestDir {
  browser: BrowserId;
  scope: Scope;
  /** Which install this is: "Google Chrome Beta", "Flatpak com.google.Chrome", a profile path. */
  label: string;
  dir: string;
  /** Exists when this variant of the browser is installed (or has run once). */
  presence: string;
  /** Sandboxed packages need extra steps the doctor explains. */
  flatpakId?: string;
}

interface ChromiumTable {
  /** User-data dirs relative to the config base (~/.config on Linux, ~/Library/Application Support on macOS). */
  linux: string[];
  linuxFlatpak: Array<{ appId: string; dataDir: string }>;
  linuxSystem: string[];
  mac: string[];
  macSystem: string[];
  /** HKCU/HKLM subkeys. Vivaldi and Opera are believed to read Chrome's key [U]. */
  windowsKey: string;
  /** %LOCALAPPDATA%- or %APPDATA%-relative user-data dir, to see whether the browser is installed. */
  windowsData: { base: 'LOCALAPPDATA' | 'APPDATA'; dir: string };
}

const CHROMIUM_BROWSERS: Record<Exclude<BrowserId, 'firefox'>, ChromiumTable> = {
  chrome: {
    linux: ['google-chrome', 'google-chrome-beta', 'google-chrome-unstable'],
    linuxFlatpak: [{ appId: 'com.google.Chrome', dataDir: 'google-chrome' }],
    linuxSystem: ['/etc/opt/chrome/native-messaging-hosts'],
    mac: ['Google/Chrome', 'Google/Chrome Beta', 'Google/Chrome Dev', 'Google/Chrome Canary'],
    macSystem: ['/Library/Google/Chrome/NativeMessagingHosts'],
    windowsKey: 'Software\\Google\\Chrome\\NativeMessagingHosts',
    windowsData: { base: 'LOCALAPPDATA', dir: 'Google\\Chrome\\User Data' },
  },
  chromium: {
    linux: ['chromium'],
    linuxFlatpak: [{ appId: 'org.chromium.Chromium', dataDir: 'chromium' }],
    linuxSystem: ['/etc/chromium/native-messaging-hosts'],
    mac: ['Chromium'],
    macSystem: ['/Library/Application Support/Chromium/NativeMessagingHosts'],
    windowsKey: 'Software\\Chromium\\NativeMessagingHosts',
    windowsData: { base: 'LOCALAPPDATA', dir: 'Chromium\\User Data' },
  },
  edge: {
    linux: ['microsoft-edge', 'microsoft-edge-beta', 'microsoft-edge-dev'],
    linuxFlatpak: [{ appId: 'com.microsoft.Edge', dataDir: 'microsoft-edge' }],
    linuxSystem: ['/etc/opt/edge/native-messaging-hosts'],
    mac: ['Microsoft Edge', 'Microsoft Edge Beta', 'Microsoft Edge Dev', 'Microsoft Edge Canary'],
    macSystem: ['/Library/Microsoft/Edge/NativeMessagingHosts'],
    windowsKey: 'Software\\Microsoft\\Edge\\NativeMessagingHosts',
    windowsData: { base: 'LOCALAPPDATA', dir: 'Microsoft\\Edge\\User Data' },
  },
  brave: {
    linux: ['BraveSoftware/Brave-Browser', 'BraveSoftware/Brave-Browser-Beta', 'BraveSoftware/Brave-Browser-Nightly'],
    linuxFlatpak: [{ appId: 'com.brave.Browser', dataDir: 'BraveSoftware/Brave-Browser' }],
    linuxSystem: [],
    mac: ['BraveSoftware/Brave-Browser', 'BraveSoftware/Brave-Browser-Nightly'],
    macSystem: [],
    windowsKey: 'Software\\BraveSoftware\\Brave-Browser\\NativeMessagingHosts',
    windowsData: { base: 'LOCALAPPDATA', dir: 'BraveSoftware\\Brave-Browser\\User Data' },
  },
  vivaldi: {
    linux: ['vivaldi', 'vivaldi-snapshot'],
    linuxFlatpak: [],
    linuxSystem: [],
    mac: ['Vivaldi'],
    macSystem: [],
    windowsKey: 'Software\\Google\\Chrome\\NativeMessagingHosts',
    windowsData: { base: 'LOCALAPPDATA', dir: 'Vivaldi\\User Data' },
  },
  opera: {
    linux: ['opera'],
    linuxFlatpak: [],
    linuxSystem: [],
    mac: ['Opera'],
    macSystem: [],
    windowsKey: 'Software\\Google\\Chrome\\NativeMessagingHosts',
    windowsData: { base: 'APPDATA', dir: 'Opera Software\\Opera Stable' },
  },
};

const FIREFOX_WINDOWS_KEY = 'Software\\Mozilla\\NativeMessagingHosts';

/** Chromium's config base on Linux: $CHROME_CONFIG_HOME, else $XDG_CONFIG_HOME, else ~/.config. */
function linuxConfigBase(env: InstallEnv): string {
  const p = pathFor(env.platform);
  for (const key of ['CHROME_CONFIG_HOME', 'XDG_CONFIG_HOME']) {
    const value = env.env[key];
    if (value && p.isAbsolute(value)) return value;
  }
  return userPath(env, '.config');
}

function firefoxUserDirs(env: InstallEnv): ManifestDir[] {
  const at = (label: string, presence: string[], dir: string[], flatpakId?: string): ManifestDir => ({
    browser: 'firefox',
    scope: 'user',
    label,
    dir: userPath(env, ...dir),
    presence: userPath(env, ...presence),
    ...(flatpakId ? { flatpakId } : {}),
  });
  if (env.platform === 'darwin') {
    const as = ['Library', 'Application Support'];
    return [at('Firefox', [...as, 'Firefox'], [...as, 'Mozilla', 'NativeMessagingHosts'])];
  }
  if (env.platform === 'win32') return [];
  const flatpak = ['.var', 'app', 'org.mozilla.firefox'];
  return [
    at('Firefox', ['.mozilla'], ['.mozilla', 'native-messaging-hosts']),
    at('LibreWolf', ['.librewolf'], ['.librewolf', 'native-messaging-hosts']),
    at('Flatpak org.mozilla.firefox', flatpak, [...flatpak, '.mozilla', 'native-messaging-hosts'], 'org.mozilla.firefox'),
  ];
}

/** User-level folders, the main install first. Empty on Windows (the registry is used there). */
export function userManifestDirs(browser: BrowserId, env: InstallEnv): ManifestDir[] {
  if (browser === 'firefox') return firefoxUserDirs(env);
  if (env.platform === 'win32') return [];
  const p = pathFor(env.platform);
  const table = CHROMIUM_BROWSERS[browser];
  const inUserData = (label: string, userData: string, flatpakId?: string): ManifestDir => ({
    browser,
    scope: 'user',
    label,
    dir: p.join(userData, 'NativeMessagingHosts'),
    // A Flatpak counts as installed once its app folder exists, before the browser made its profile.
    presence: flatpakId ? userPath(env, '.var', 'app', flatpakId) : userData,
    ...(flatpakId ? { flatpakId } : {}),
  });
  if (env.platform === 'darwin') {
    const base = userPath(env, 'Library', 'Application Support');
    return table.mac.map((d) => inUserData(d, p.join(base, d)));
  }
  const base = linuxConfigBase(env);
  return [
    ...table.linux.map((d) => inUserData(d, p.join(base, d))),
    ...table.linuxFlatpak.map((f) =>
      inUserData(`Flatpak ${f.appId}`, userPath(env, '.var', 'app', f.appId, 'config', f.dataDir), f.appId),
    ),
  ];
}

/** System-wide folders (need root to write). Empty where the browser has none. */
export function systemManifestDirs(browser: BrowserId, env: InstallEnv): ManifestDir[] {
  if (env.platform === 'win32') return [];
  let dirs: string[];
  if (browser === 'firefox') {
    dirs =
      env.platform === 'darwin'
        ? ['/Library/Application Support/Mozilla/NativeMessagingHosts']
        : ['/usr/lib/mozilla/native-messaging-hosts', '/usr/lib64/mozilla/native-messaging-hosts'];
  } else {
    const table = CHROMIUM_BROWSERS[browser];
    dirs = env.platform === 'darwin' ? table.macSystem : table.linuxSystem;
  }
  const p = pathFor(env.platform);
  return dirs.map((d) => ({
    browser,
    scope: 'system',
    label: d,
    dir: systemPath(env, d),
    // The folder above the browser's own one: /usr/lib64/mozilla only matters where /usr/lib64 exists.
    presence: systemPath(env, p.dirname(p.dirname(d))),
  }));
}

/** A Chromium user-data dir given with --profile (a test or WXT dev profile). */
export function profileManifestDir(browser: BrowserId, profile: string, env: InstallEnv): ManifestDir {
  return {
    browser,
    scope: 'profile',
    label: `profile ${profile}`,
    dir: pathFor(env.platform).join(profile, 'NativeMessagingHosts'),
    presence: profile,
  };
}

export function manifestFileName(): string {
  return `${HOST_NAME}.json`;
}

/** The full registry key for the host, e.g. HKCU\Software\Google\Chrome\NativeMessagingHosts\app.deckhand.host. */
export function registryKey(browser: BrowserId, scope: 'user' | 'system'): string {
  const hive = scope === 'system' ? 'HKLM' : 'HKCU';
  const sub = browser === 'firefox' ? FIREFOX_WINDOWS_KEY : CHROMIUM_BROWSERS[browser].windowsKey;
  return `${hive}\\${sub}\\${HOST_NAME}`;
}

/** Folders whose existence shows the browser is installed for this user. */
export function browserPresence(browser: BrowserId, env: InstallEnv): string[] {
  if (env.platform === 'win32') {
    const p = pathFor('win32');
    const local = env.env.LOCALAPPDATA || p.join(env.home, 'AppData', 'Local');
    const roaming = env.env.APPDATA || p.join(env.home, 'AppData', 'Roaming');
    if (browser === 'firefox') return [p.join(roaming, 'Mozilla', 'Firefox')];
    const data = CHROMIUM_BROWSERS[browser].windowsData;
    return [p.join(data.base === 'APPDATA' ? roaming : local, data.dir)];
  }
  return userManifestDirs(browser, env).map((d) => d.presence);
}
