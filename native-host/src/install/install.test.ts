import { accessSync, constants, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeBundle, testInstallEnv, type TestInstallEnv } from '../../test/install-env';
import { tempDir, removeTempDirs } from '../../test/host-process';
import { BUILTIN_ALLOWED_IDS } from '../config';
import { install, type InstallOptions } from './install';
import { parseLauncher, renderLauncher } from './launcher';
import { uninstall } from './uninstall';

afterAll(() => removeTempDirs());

const DEV_ORIGIN = 'chrome-extension://bcobmeppnhehmbjdbaadohlppanamlfg/';

function run(env: TestInstallEnv, opts: Partial<InstallOptions> = {}) {
  return install(
    { scope: 'user', extensionIds: [...BUILTIN_ALLOWED_IDS], launcherEnv: {}, bundlePath: fakeBundle(), link: false, dryRun: false, ...opts },
    env,
  );
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

describe('install on Linux', () => {
  it('refuses when no browser is installed and none is named', () => {
    const report = run(testInstallEnv());
    expect(report.errors).toEqual([expect.stringMatching(/No supported browser/)]);
    expect(report.manifests).toEqual([]);
  });

  it('writes a launcher, copies the bundle, and writes manifests for the installed browsers only', () => {
    const env = testInstallEnv();
    env.mkHome('.config', 'google-chrome');
    env.mkHome('.config', 'chromium');
    env.mkHome('.mozilla');
    const report = run(env);
    expect(report.errors).toEqual([]);
    const launcher = join(env.home, '.local', 'share', 'deckhand', 'deckhand-host');
    expect(report.launcher).toBe(launcher);
    expect(() => accessSync(launcher, constants.X_OK)).not.toThrow();
    const text = readFileSync(launcher, 'utf8');
    expect(text.startsWith('#!/bin/sh\n')).toBe(true);
    expect(parseLauncher(text)).toEqual({ nodePath: process.execPath, bundlePath: join(env.home, '.local', 'share', 'deckhand', 'deckhand-host.cjs') });
    expect(existsSync(join(env.home, '.local', 'share', 'deckhand', 'deckhand-host.cjs'))).toBe(true);

    const files = report.manifests.map((m) => m.file).sort();
    expect(files).toEqual(
      [
        join(env.home, '.config', 'chromium', 'NativeMessagingHosts', 'app.deckhand.host.json'),
        join(env.home, '.config', 'google-chrome', 'NativeMessagingHosts', 'app.deckhand.host.json'),
        join(env.home, '.mozilla', 'native-messaging-hosts', 'app.deckhand.host.json'),
      ].sort(),
    );
    expect(readJson(files[1] as string)).toEqual({
      name: 'app.deckhand.host',
      description: expect.any(String),
      path: launcher,
      type: 'stdio',
      allowed_origins: [DEV_ORIGIN],
    });
    expect(readJson(files[2] as string)).toMatchObject({ path: launcher, allowed_extensions: ['deckhand@deckhand.app'] });
  });

  it('writes the main folder of a named browser that is not installed yet, plus present Flatpak variants', () => {
    const env = testInstallEnv();
    env.mkHome('.var', 'app', 'com.google.Chrome');
    const report = run(env, { browsers: ['edge', 'chrome'] });
    expect(report.manifests.map((m) => m.label).sort()).toEqual(['Flatpak com.google.Chrome', 'microsoft-edge']);
  });

  it('honours CHROME_CONFIG_HOME and XDG_CONFIG_HOME', () => {
    const base = tempDir();
    const env = testInstallEnv('linux', { env: { CHROME_CONFIG_HOME: base } });
    const report = run(env, { browsers: ['chromium'] });
    expect(report.manifests[0]?.file).toBe(join(base, 'chromium', 'NativeMessagingHosts', 'app.deckhand.host.json'));
  });

  it('with --profile writes only <profile>/NativeMessagingHosts', () => {
    const env = testInstallEnv();
    env.mkHome('.config', 'google-chrome');
    const profile = tempDir();
    const report = run(env, { profile });
    expect(report.manifests.map((m) => m.file)).toEqual([join(profile, 'NativeMessagingHosts', 'app.deckhand.host.json')]);
    expect(existsSync(join(env.home, '.config', 'google-chrome', 'NativeMessagingHosts'))).toBe(false);
    expect(run(env, { profile, browsers: ['firefox'] }).errors).toEqual([expect.stringMatching(/Chromium user-data dir/)]);
  });

  it('with --system writes the system folders and a shared launcher', () => {
    const env = testInstallEnv();
    const report = run(env, { scope: 'system', browsers: ['chrome', 'firefox', 'brave'] });
    expect(report.launcher).toBe(join(env.sysRoot, 'opt', 'deckhand', 'deckhand-host'));
    expect(report.manifests.map((m) => m.file)).toEqual([
      join(env.sysRoot, 'etc/opt/chrome/native-messaging-hosts/app.deckhand.host.json'),
      join(env.sysRoot, 'usr/lib/mozilla/native-messaging-hosts/app.deckhand.host.json'),
    ]);
    expect(report.warnings).toEqual([expect.stringMatching(/Brave has no system-level manifest folder/)]);
    expect(existsSync(report.manifests[0]?.file as string)).toBe(true);
  });

  it('puts --launcher-env exports before exec, quoted for sh, and adds --extension-id', () => {
    const env = testInstallEnv();
    const storeId = 'ponmlkjihgfedcbaponmlkjihgfedcba';
    const report = run(env, {
      browsers: ['chromium'],
      launcherEnv: { DECKHAND_RESOLVE: '*=127.0.0.1:8443', ODD: "it's $HOME" },
      extensionIds: [...BUILTIN_ALLOWED_IDS, storeId],
    });
    const text = readFileSync(report.launcher, 'utf8');
    expect(text).toContain("export DECKHAND_RESOLVE='*=127.0.0.1:8443'\n");
    expect(text).toContain(`export ODD='it'\\''s $HOME'\n`);
    expect(text.indexOf('export')).toBeLessThan(text.indexOf('exec'));
    expect(readJson(report.manifests[0]?.file as string).allowed_origins).toEqual([DEV_ORIGIN, `chrome-extension://${storeId}/`]);
  });

  it('--link points the launcher at the given bundle; --dry-run writes nothing', () => {
    const env = testInstallEnv();
    const bundle = fakeBundle();
    const linked = run(env, { browsers: ['chromium'], link: true, bundlePath: bundle });
    expect(parseLauncher(readFileSync(linked.launcher, 'utf8'))?.bundlePath).toBe(bundle);

    const dry = testInstallEnv();
    const report = run(dry, { browsers: ['chrome'], dryRun: true });
    expect(report.manifests).toHaveLength(1);
    expect(existsSync(report.launcher)).toBe(false);
    expect(existsSync(report.manifests[0]?.file as string)).toBe(false);
  });

  it('warns when run as root for a user-level install', () => {
    const env = testInstallEnv('linux', { uid: 0 });
    env.env.SUDO_USER = 'dj';
    const report = run(env, { browsers: ['chrome'], dryRun: true });
    expect(report.warnings).toEqual([expect.stringMatching(/Running as root \(you ran sudo as dj\)/)]);
  });
});

describe('install on macOS', () => {
  it('uses the Application Support folders and the macOS system folders', () => {
    const env = testInstallEnv('darwin');
    env.mkHome('Library', 'Application Support', 'Google', 'Chrome');
    env.mkHome('Library', 'Application Support', 'Google', 'Chrome Beta');
    env.mkHome('Library', 'Application Support', 'Firefox');
    const user = run(env);
    expect(user.launcher).toBe(join(env.home, 'Library', 'Application Support', 'Deckhand', 'deckhand-host'));
    expect(user.manifests.map((m) => m.file.slice(env.home.length)).sort()).toEqual([
      '/Library/Application Support/Google/Chrome Beta/NativeMessagingHosts/app.deckhand.host.json',
      '/Library/Application Support/Google/Chrome/NativeMessagingHosts/app.deckhand.host.json',
      '/Library/Application Support/Mozilla/NativeMessagingHosts/app.deckhand.host.json',
    ]);
    const system = run(env, { scope: 'system', browsers: ['chrome', 'edge', 'chromium', 'firefox'], dryRun: true });
    expect(system.manifests.map((m) => m.file.slice(env.sysRoot.length))).toEqual([
      '/Library/Google/Chrome/NativeMessagingHosts/app.deckhand.host.json',
      '/Library/Microsoft/Edge/NativeMessagingHosts/app.deckhand.host.json',
      '/Library/Application Support/Chromium/NativeMessagingHosts/app.deckhand.host.json',
      '/Library/Application Support/Mozilla/NativeMessagingHosts/app.deckhand.host.json',
    ]);
  });
});

describe('install on Windows (dry run)', () => {
  it('plans a .cmd launcher, JSON manifests beside it and one reg add per registry key', () => {
    const env = testInstallEnv('win32', { env: { LOCALAPPDATA: 'C:\\Users\\dj\\AppData\\Local' } });
    const report = run(env, { browsers: ['chrome', 'vivaldi', 'edge', 'firefox'], dryRun: true });
    const dir = 'C:\\Users\\dj\\AppData\\Local\\Deckhand';
    expect(report.launcher).toBe(`${dir}\\deckhand-host.cmd`);
    expect(report.registry.map((r) => r.command)).toEqual([
      ['add', 'HKCU\\Software\\Google\\Chrome\\NativeMessagingHosts\\app.deckhand.host', '/ve', '/t', 'REG_SZ', '/d', `${dir}\\app.deckhand.host.chromium.json`, '/f'],
      ['add', 'HKCU\\Software\\Microsoft\\Edge\\NativeMessagingHosts\\app.deckhand.host', '/ve', '/t', 'REG_SZ', '/d', `${dir}\\app.deckhand.host.chromium.json`, '/f'],
      ['add', 'HKCU\\Software\\Mozilla\\NativeMessagingHosts\\app.deckhand.host', '/ve', '/t', 'REG_SZ', '/d', `${dir}\\app.deckhand.host.firefox.json`, '/f'],
    ]);
    expect(env.regCalls).toEqual([]);
    const system = run(env, { scope: 'system', browsers: ['chromium'], dryRun: true });
    expect(system.registry[0]?.key).toBe('HKLM\\Software\\Chromium\\NativeMessagingHosts\\app.deckhand.host');
  });

  it('renders a batch launcher that escapes % and passes all arguments', () => {
    const text = renderLauncher('win32', { nodePath: 'C:\\Program Files\\nodejs\\node.exe', bundlePath: 'C:\\D\\100%\\h.cjs', env: { A: '50%' } });
    expect(text).toBe(
      '@echo off\r\nrem Deckhand native messaging host launcher, written by "deckhand-host install".\r\n' +
        'set "A=50%%"\r\n"C:\\Program Files\\nodejs\\node.exe" --enable-source-maps "C:\\D\\100%%\\h.cjs" %*\r\n',
    );
    expect(parseLauncher(text)).toEqual({ nodePath: 'C:\\Program Files\\nodejs\\node.exe', bundlePath: 'C:\\D\\100%\\h.cjs' });
  });
});

describe('uninstall', () => {
  it('removes the manifests, launcher, bundle and install dir that install wrote', () => {
    const env = testInstallEnv();
    env.mkHome('.config', 'google-chrome');
    env.mkHome('.mozilla');
    const installed = run(env);
    const report = uninstall({ scope: 'user', dryRun: false }, env);
    expect(report.errors).toEqual([]);
    expect(report.removed.sort()).toEqual(installed.manifests.map((m) => m.file).sort());
    expect(report.launcherRemoved).toBe(true);
    expect(existsSync(installed.installDir)).toBe(false);
    expect(existsSync(join(env.home, '.config', 'google-chrome'))).toBe(true);
  });

  it('leaves a manifest that points elsewhere, and keeps the launcher while a browser still uses it', () => {
    const env = testInstallEnv();
    env.mkHome('.config', 'google-chrome');
    env.mkHome('.mozilla');
    const installed = run(env);
    const foreign = join(env.mkHome('.config', 'chromium', 'NativeMessagingHosts'), 'app.deckhand.host.json');
    writeFileSync(foreign, JSON.stringify({ name: 'app.deckhand.host', path: '/opt/other/host' }));

    const partial = uninstall({ scope: 'user', browsers: ['firefox', 'chromium'], dryRun: false }, env);
    expect(partial.removed).toEqual([join(env.home, '.mozilla', 'native-messaging-hosts', 'app.deckhand.host.json')]);
    expect(partial.leftAlone).toEqual([{ file: foreign, reason: expect.stringMatching(/not this install's launcher/) }]);
    expect(partial.launcherRemoved).toBe(false);
    expect(existsSync(installed.launcher)).toBe(true);

    const rest = uninstall({ scope: 'user', dryRun: false }, env);
    expect(rest.launcherRemoved).toBe(true);
    expect(existsSync(foreign)).toBe(true);
    expect(existsSync(installed.launcher)).toBe(false);
  });

  it('with --profile removes only that profile manifest; --dry-run removes nothing', () => {
    const env = testInstallEnv();
    env.mkHome('.config', 'chromium');
    const profile = tempDir();
    run(env);
    const inProfile = run(env, { profile }).manifests[0]?.file as string;
    const dry = uninstall({ scope: 'user', profile, dryRun: true }, env);
    expect(dry.removed).toEqual([inProfile]);
    expect(existsSync(inProfile)).toBe(true);
    const real = uninstall({ scope: 'user', profile, dryRun: false }, env);
    expect(real.removed).toEqual([inProfile]);
    expect(real.launcherRemoved).toBe(false);
    expect(existsSync(join(env.home, '.config', 'chromium', 'NativeMessagingHosts', 'app.deckhand.host.json'))).toBe(true);
  });

  it('on Windows deletes only registry keys that point at this install', () => {
    const env = testInstallEnv('win32', { env: { LOCALAPPDATA: 'C:\\L' } });
    env.registry.set('hkcu\\software\\google\\chrome\\nativemessaginghosts\\app.deckhand.host', 'C:\\L\\Deckhand\\app.deckhand.host.chromium.json');
    env.registry.set('hkcu\\software\\mozilla\\nativemessaginghosts\\app.deckhand.host', 'D:\\elsewhere\\host.json');
    const report = uninstall({ scope: 'user', browsers: ['chrome', 'firefox'], dryRun: false }, env);
    expect(report.registryRemoved).toEqual(['HKCU\\Software\\Google\\Chrome\\NativeMessagingHosts\\app.deckhand.host']);
    expect(report.leftAlone).toEqual([{ file: 'HKCU\\Software\\Mozilla\\NativeMessagingHosts\\app.deckhand.host', reason: expect.any(String) }]);
    expect(env.registry.size).toBe(1);
  });
});
