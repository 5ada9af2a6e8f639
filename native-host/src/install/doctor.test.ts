import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir, removeTempDirs } from '../../test/host-process';
import { fakeBundle, testInstallEnv, type TestInstallEnv } from '../../test/install-env';
import { BUILTIN_ALLOWED_IDS } from '../config';
import { doctor, type DoctorOptions } from './doctor';
import { formatDoctor } from './format';
import { install, type InstallOptions } from './install';

afterAll(() => removeTempDirs());

const known = { required: [], known: BUILTIN_ALLOWED_IDS };

function installFor(env: TestInstallEnv, opts: Partial<InstallOptions> = {}) {
  const report = install(
    { scope: 'user', extensionIds: [...BUILTIN_ALLOWED_IDS], launcherEnv: {}, bundlePath: fakeBundle(), link: false, dryRun: false, ...opts },
    env,
  );
  expect(report.errors).toEqual([]);
  return report;
}

function check(env: TestInstallEnv, opts: Partial<DoctorOptions> = {}) {
  const report = doctor({ ids: known, ...opts }, env);
  const messages = [
    ...report.findings,
    ...report.browsers.flatMap((b) => [...b.findings, ...b.installs.flatMap((i) => [...i.findings, ...i.locations.flatMap((l) => l.findings)])]),
  ];
  const errors = messages.filter((f) => f.level === 'error').map((f) => f.message);
  const warnings = messages.filter((f) => f.level === 'warn').map((f) => `${f.message} ${f.hint ?? ''}`);
  return { report, errors, warnings, text: formatDoctor(report) };
}

/** A Linux env with Chrome installed and the host installed for it. */
function chromeInstalled() {
  const env = testInstallEnv();
  env.mkHome('.config', 'google-chrome');
  const installed = installFor(env);
  const manifest = installed.manifests[0]?.file as string;
  const rewrite = (change: (m: Record<string, unknown>) => void) => {
    const json = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, unknown>;
    change(json);
    writeFileSync(manifest, JSON.stringify(json));
  };
  return { env, installed, manifest, rewrite };
}

describe('doctor', () => {
  it('reports OK for a fresh install, listing every folder it checked', () => {
    const { env, manifest } = chromeInstalled();
    const { report, errors, text } = check(env);
    expect(errors).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.browsers.map((b) => b.browser)).toEqual(['chrome']);
    const locations = report.browsers[0]?.installs[0]?.locations.map((l) => l.file);
    expect(locations).toEqual([manifest, join(env.sysRoot, 'etc/opt/chrome/native-messaging-hosts/app.deckhand.host.json')]);
    expect(text).toContain(`[ok] user    ${manifest}  <- used`);
    expect(text).toContain('(not found)');
  });

  it('explains a missing manifest, and no browser at all', () => {
    const env = testInstallEnv();
    env.mkHome('.config', 'chromium');
    expect(check(env).errors).toEqual([expect.stringMatching(/No app\.deckhand\.host\.json in any folder Chromium reads/)]);
    const empty = check(testInstallEnv());
    expect(empty.report.ok).toBe(false);
    expect(empty.errors).toEqual([expect.stringMatching(/No supported browser/)]);
  });

  it('diagnoses invalid JSON', () => {
    const { env, manifest } = chromeInstalled();
    writeFileSync(manifest, '{ "name": ');
    expect(check(env).errors).toEqual([expect.stringMatching(/not valid JSON/)]);
  });

  it('diagnoses a name that differs from the file name, or is invalid', () => {
    const { env, rewrite } = chromeInstalled();
    rewrite((m) => (m.name = 'com.other.host'));
    expect(check(env).errors).toEqual([expect.stringMatching(/"name" is "com.other.host" but the browser looks it up as "app.deckhand.host"/)]);
    rewrite((m) => (m.name = 'App.Deckhand.Host'));
    expect(check(env).errors).toEqual(expect.arrayContaining([expect.stringMatching(/not a valid host name/)]));
  });

  it('diagnoses a relative path, a missing launcher and one that is not executable', () => {
    const { env, rewrite, installed } = chromeInstalled();
    rewrite((m) => (m.path = 'deckhand-host'));
    expect(check(env).errors).toEqual([expect.stringMatching(/must be absolute/)]);
    rewrite((m) => (m.path = installed.launcher));
    chmodSync(installed.launcher, 0o644);
    expect(check(env).errors).toEqual([expect.stringMatching(/is not executable/)]);
    rmSync(installed.launcher);
    expect(check(env).errors).toEqual([expect.stringMatching(/does not exist: a stale manifest/)]);
  });

  it('diagnoses a launcher whose Node binary or bundle is gone', () => {
    const { env, installed } = chromeInstalled();
    const text = readFileSync(installed.launcher, 'utf8');
    writeFileSync(installed.launcher, text.replace(process.execPath, '/opt/node-v18/bin/node'));
    expect(check(env).errors).toEqual([expect.stringMatching(/runs Node at \/opt\/node-v18\/bin\/node, which is missing/)]);
    writeFileSync(installed.launcher, text);
    rmSync(installed.bundle);
    expect(check(env).errors).toEqual([expect.stringMatching(/deckhand-host\.cjs, which does not exist/)]);
  });

  it('diagnoses allowed_origins without the extension id, or with a wildcard', () => {
    const { env, rewrite } = chromeInstalled();
    const storeId = 'ponmlkjihgfedcbaponmlkjihgfedcba';
    expect(check(env, { ids: { required: [storeId], known: BUILTIN_ALLOWED_IDS } }).errors).toEqual([
      expect.stringMatching(new RegExp(`does not list chrome-extension://${storeId}/`)),
    ]);
    rewrite((m) => (m.allowed_origins = ['chrome-extension://*/']));
    expect(check(env).errors).toEqual(
      expect.arrayContaining([expect.stringMatching(/wildcard/), expect.stringMatching(/lists none of Deckhand's ids/)]),
    );
  });

  it('diagnoses a Firefox manifest without the add-on id', () => {
    const env = testInstallEnv();
    env.mkHome('.mozilla');
    const manifest = installFor(env).manifests[0]?.file as string;
    const json = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, unknown>;
    json.allowed_extensions = ['someone@else'];
    writeFileSync(manifest, JSON.stringify(json));
    expect(check(env).errors).toEqual([expect.stringMatching(/"allowed_extensions" lists none of Deckhand's ids \(deckhand@deckhand\.app\)/)]);
  });

  it('diagnoses a stale user manifest shadowing a working system one (Chromium)', () => {
    const { env, installed } = chromeInstalled();
    installFor(env, { scope: 'system', browsers: ['chrome'] });
    rmSync(installed.launcher);
    const { errors, report } = check(env);
    expect(report.ok).toBe(false);
    expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(/shadows the working one at .*etc\/opt\/chrome/)]));
  });

  it('lets Firefox fall back to a working system manifest, with a warning', () => {
    const env = testInstallEnv();
    env.mkHome('.mozilla');
    const user = installFor(env);
    installFor(env, { scope: 'system', browsers: ['firefox'] });
    writeFileSync(user.manifests[0]?.file as string, 'broken');
    const { report, warnings } = check(env);
    expect(report.ok).toBe(true);
    expect(warnings).toEqual([expect.stringMatching(/Firefox skips the broken manifest/)]);
  });

  it('warns when run as root, and flags a launcher under /root for a normal user', () => {
    const { env, rewrite } = chromeInstalled();
    const asRoot = check({ ...env, uid: 0, env: { SUDO_USER: 'dj' } });
    expect(asRoot.warnings).toEqual([expect.stringMatching(/Running as root via sudo \(for dj\)/)]);
    rewrite((m) => (m.path = '/root/.local/share/deckhand/deckhand-host'));
    expect(check(env).errors).toEqual(expect.arrayContaining([expect.stringMatching(/under \/root, which your user cannot read/)]));
  });

  it('gives the portal commands for Flatpak and Snap Firefox', () => {
    const env = testInstallEnv();
    env.mkHome('.var', 'app', 'org.mozilla.firefox');
    env.mkHome('snap', 'firefox');
    env.mkHome('.mozilla');
    installFor(env);
    const { warnings } = check(env, { browsers: ['firefox'] });
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringContaining('flatpak permission-set webextensions app.deckhand.host org.mozilla.firefox yes'),
        expect.stringContaining('flatpak permission-set webextensions app.deckhand.host snap.firefox yes'),
      ]),
    );
  });

  it('checks a --profile folder plus the system folders', () => {
    const env = testInstallEnv();
    const profile = tempDir();
    expect(check(env, { profile }).report.ok).toBe(false);
    installFor(env, { profile });
    const { report } = check(env, { profile });
    expect(report.ok).toBe(true);
    expect(report.browsers[0]?.installs[0]?.locations[0]?.file).toBe(join(profile, 'NativeMessagingHosts', 'app.deckhand.host.json'));
  });

  it('on Windows reports a missing registry key, and a key pointing at a missing file', () => {
    const env = testInstallEnv('win32');
    const missing = check(env, { browsers: ['chrome'] });
    expect(missing.errors).toEqual([expect.stringMatching(/No app\.deckhand\.host\.json in any folder Google Chrome reads/)]);
    expect(missing.text).toContain('HKCU\\Software\\Google\\Chrome\\NativeMessagingHosts\\app.deckhand.host');
    env.registry.set('hkcu\\software\\google\\chrome\\nativemessaginghosts\\app.deckhand.host', 'C:\\gone\\app.deckhand.host.json');
    expect(check(env, { browsers: ['chrome'] }).errors).toEqual([expect.stringMatching(/points at C:\\gone\\app\.deckhand\.host\.json, which does not exist/)]);
  });

  it('checks every installed variant, such as Chrome Beta beside Chrome', () => {
    const { env } = chromeInstalled();
    mkdirSync(join(env.home, '.config', 'google-chrome-beta'));
    const { report } = check(env);
    expect(report.browsers[0]?.installs.map((i) => [i.label, i.ok])).toEqual([
      ['google-chrome', true],
      ['google-chrome-beta', false],
    ]);
  });
});
