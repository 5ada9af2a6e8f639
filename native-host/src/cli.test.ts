/** The CLI of the real bundle: install into a profile, start the host the way Chrome would, doctor, uninstall. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildHost, BUNDLE, DEV_ORIGIN, HostProcess, REPO_ROOT, tempDir, removeTempDirs } from '../test/host-process';

afterAll(() => removeTempDirs());

beforeAll(() => buildHost());

function cli(args: string[], env: Record<string, string> = {}) {
  const home = env.HOME ?? tempDir('deckhand-cli-home-');
  const r = spawnSync(process.execPath, [BUNDLE, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: home, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, home };
}

let host: HostProcess | undefined;
afterEach(() => host?.kill());

describe('deckhand-host CLI', () => {
  it('prints the package version and the help', () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(cli(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
    const help = cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/deckhand-host install/);
    expect(help.stdout).toMatch(/deckhand-host doctor/);
  });

  // `script` gives the host a terminal on stdin, as when a user runs it by hand.
  const hasScript = spawnSync('script', ['--version']).status === 0;
  it.skipIf(!hasScript)('started from a terminal without arguments, prints help to stderr and exits 0', () => {
    const r = spawnSync('script', ['-qec', `"${process.execPath}" "${BUNDLE}" 2>&1 1>/dev/null`, '/dev/null'], { encoding: 'utf8', input: '' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/deckhand-host: the Deckhand native messaging host/);
  });

  it('rejects unknown options and browsers with exit 2', () => {
    expect(cli(['install', '--bogus']).code).toBe(2);
    const badBrowser = cli(['install', '--browser', 'netscape']);
    expect(badBrowser.code).toBe(2);
    expect(badBrowser.stderr).toMatch(/Unknown browser "netscape"/);
    expect(cli(['install', '--user', '--system']).code).toBe(2);
    const stray = cli(['doctor', '--dry-run']);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toMatch(/doctor does not take --dry-run/);
  });

  it('install finds no browser in an empty HOME (exit 1), doctor likewise', () => {
    expect(cli(['install']).code).toBe(1);
    expect(cli(['doctor']).code).toBe(1);
  });

  it('installs into a profile, and the launcher starts a working host as Chrome would', async () => {
    const home = tempDir('deckhand-cli-home-');
    const profile = join(home, 'chrome-profile');
    const installDir = join(home, 'host');
    const logFile = join(home, 'launched.log');
    const installed = cli(
      ['install', '--profile', profile, '--install-dir', installDir, '--launcher-env', `DECKHAND_LOG_FILE=${logFile}`, '--json'],
      { HOME: home },
    );
    expect(installed.code, installed.stderr).toBe(0);
    const report = JSON.parse(installed.stdout) as { launcher: string; manifests: Array<{ file: string }> };
    const manifestFile = join(profile, 'NativeMessagingHosts', 'app.deckhand.host.json');
    expect(report.manifests.map((m) => m.file)).toEqual([manifestFile]);
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { path: string; allowed_origins: string[] };
    expect(manifest.allowed_origins).toContain(DEV_ORIGIN);

    // Exactly what Chrome does: run `path` with the caller origin and speak frames.
    host = new HostProcess({ command: manifest.path, args: [DEV_ORIGIN], env: { HOME: home } });
    expect(await host.call('1', 'ping')).toMatchObject({ ok: true, result: { pong: true } });
    host.end();
    expect((await host.exited).code).toBe(0);
    expect(readFileSync(logFile, 'utf8')).toMatch(/host started/);

    const doctorOk = cli(['doctor', '--profile', profile], { HOME: home });
    expect(doctorOk.code, doctorOk.stdout).toBe(0);
    expect(doctorOk.stdout).toMatch(/Chromium: OK/);

    const removed = cli(['uninstall', '--profile', profile, '--install-dir', installDir], { HOME: home });
    expect(removed.code).toBe(0);
    expect(existsSync(manifestFile)).toBe(false);
    expect(existsSync(manifest.path)).toBe(false);

    const doctorBad = cli(['doctor', '--profile', profile, '--json'], { HOME: home });
    expect(doctorBad.code).toBe(1);
    expect(JSON.parse(doctorBad.stdout)).toMatchObject({ ok: false });
  });

  it('install --dry-run for all browsers writes nothing and lists the plan', () => {
    const dry = cli(['install', '--browser', 'all', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/Would write .*\.config\/google-chrome\/NativeMessagingHosts\/app\.deckhand\.host\.json/);
    expect(dry.stdout).toMatch(/Would write .*\.mozilla\/native-messaging-hosts\/app\.deckhand\.host\.json/);
    expect(existsSync(join(dry.home, '.config'))).toBe(false);
  });
});
