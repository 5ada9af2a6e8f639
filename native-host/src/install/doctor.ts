/**
 * `deckhand-host doctor`: for each browser, every folder (or registry key) it would read, in the
 * order it reads them, and why it would not find or could not start the host. Chromium uses the
 * first manifest it finds, broken or not; Firefox skips an invalid one and tries the next [I: from
 * Firefox's NativeManifests module], so a stale user manifest is fatal in Chromium only.
 */
import { existsSync } from 'node:fs';
import { HOST_NAME } from '../../../shared/native-protocol';
import { installDir, pathFor } from '../os-dirs';
import {
  BROWSER_IDS,
  BROWSER_NAMES,
  familyOf,
  manifestFileName,
  profileManifestDir,
  registryKey,
  systemManifestDirs,
  userManifestDirs,
  type BrowserId,
  type ManifestDir,
} from './browsers';
import { checkManifestFile, type IdExpectation } from './doctor-checks';
import { systemPath, userPath, type InstallEnv } from './env';
import type { Finding } from './manifest';
import { isBrowserPresent } from './targets';
import { readRegistryDefault } from './uninstall';

export interface DoctorOptions {
  browsers?: BrowserId[];
  profile?: string;
  ids: IdExpectation;
}

export interface LocationReport {
  label: string;
  scope: string;
  /** The manifest file (or, on Windows, the registry key and the file it names). */
  file: string;
  found: boolean;
  findings: Finding[];
}

export interface ChainReport {
  label: string;
  ok: boolean;
  /** The manifest the browser would use. */
  effective?: string;
  locations: LocationReport[];
  findings: Finding[];
}

export interface BrowserReport {
  browser: BrowserId;
  name: string;
  ok: boolean;
  installs: ChainReport[];
  findings: Finding[];
}

export interface DoctorReport {
  ok: boolean;
  platform: NodeJS.Platform;
  home: string;
  findings: Finding[];
  browsers: BrowserReport[];
}

const usable = (l: LocationReport) => l.found && !l.findings.some((f) => f.level === 'error');

function checkDir(d: ManifestDir, ids: IdExpectation, env: InstallEnv): LocationReport {
  const file = pathFor(env.platform).join(d.dir, manifestFileName());
  const check = checkManifestFile(file, familyOf(d.browser), HOST_NAME, ids, env);
  return { label: d.label, scope: d.scope, file, ...check };
}

/** Walk one lookup chain the way the browser does and say what it ends up with. */
function evaluate(label: string, browser: BrowserId, locations: LocationReport[], installHint: string): ChainReport {
  const found = locations.filter((l) => l.found);
  const firefox = familyOf(browser) === 'firefox';
  const effective = firefox ? (found.find(usable) ?? found[0]) : found[0];
  const findings: Finding[] = [];
  if (!effective) {
    findings.push({ level: 'error', message: `No ${manifestFileName()} in any folder ${BROWSER_NAMES[browser]} reads.`, hint: installHint });
    return { label, ok: false, locations, findings };
  }
  const ok = usable(effective);
  const workingLater = found.slice(found.indexOf(effective) + 1).find(usable);
  if (!ok && workingLater) {
    findings.push({
      level: 'error',
      message: `The broken manifest ${effective.file} shadows the working one at ${workingLater.file}: ${BROWSER_NAMES[browser]} reads the first it finds.`,
      hint: `Delete ${effective.file}, or run \`deckhand-host install\` again to fix it.`,
    });
  }
  const skipped = firefox ? found.slice(0, found.indexOf(effective)) : [];
  for (const broken of skipped) {
    findings.push({ level: 'warn', message: `Firefox skips the broken manifest ${broken.file} and uses ${effective.file}.`, hint: `Delete ${broken.file}.` });
  }
  return { label, ok, effective: effective.file, locations, findings };
}

function flatpakFindings(d: ManifestDir, env: InstallEnv): Finding[] {
  if (!d.flatpakId) return [];
  if (d.browser === 'firefox') {
    return [
      {
        level: 'warn',
        message: `Flatpak Firefox (${d.flatpakId}) runs in a sandbox that cannot start programs outside it unless the WebExtensions portal is used.`,
        hint: `In about:config set widget.use-xdg-desktop-portal.native-messaging to 1, then run \`flatpak permission-set webextensions ${HOST_NAME} ${d.flatpakId} yes\`.`,
      },
    ];
  }
  return [
    {
      level: 'warn',
      message: `${d.label} runs in a sandbox: it reads ${d.dir} and cannot see Node or the launcher outside it.`,
      hint: `Run \`flatpak override --user --filesystem=${installDir(env)}:ro ${d.flatpakId}\`; Node must also be reachable inside the sandbox.`,
    },
  ];
}

function posixInstalls(browser: BrowserId, opts: DoctorOptions, named: boolean, env: InstallEnv): ChainReport[] {
  const system = systemManifestDirs(browser, env);
  const hint = `Run \`deckhand-host install --browser ${browser}${opts.profile ? ` --profile "${opts.profile}"` : ''}\`.`;
  if (opts.profile && familyOf(browser) === 'chromium') {
    const chain = [profileManifestDir(browser, opts.profile, env), ...system];
    return [evaluate(`profile ${opts.profile}`, browser, chain.map((d) => checkDir(d, opts.ids, env)), hint)];
  }
  const variants = userManifestDirs(browser, env);
  let present = variants.filter((d) => existsSync(d.presence));
  const first = variants[0];
  if (present.length === 0 && named && first) present = [first];
  return present.map((d) => {
    const chain = d.flatpakId ? [d] : [d, ...system];
    const report = evaluate(d.label, browser, chain.map((c) => checkDir(c, opts.ids, env)), hint);
    report.findings.push(...flatpakFindings(d, env));
    if (!existsSync(d.presence)) {
      report.findings.push({ level: 'info', message: `${d.presence} does not exist: ${BROWSER_NAMES[browser]} is not installed, or has never run.` });
    }
    return report;
  });
}

function windowsInstalls(browser: BrowserId, opts: DoctorOptions, env: InstallEnv): ChainReport[] {
  const locations: LocationReport[] = (['user', 'system'] as const).map((scope) => {
    const key = registryKey(browser, scope);
    const value = readRegistryDefault(env, key);
    if (value === undefined) {
      return { label: key, scope, file: key, found: false, findings: [{ level: 'info', message: `Registry key ${key} is missing.` }] };
    }
    const check = checkManifestFile(value, familyOf(browser), HOST_NAME, opts.ids, env);
    if (!check.found) check.findings.push({ level: 'error', message: `${key} points at ${value}, which does not exist.`, hint: 'Run `deckhand-host install` again.' });
    return { label: key, scope, file: value, found: true, findings: check.findings };
  });
  return [evaluate('registry', browser, locations, `Run \`deckhand-host install --browser ${browser}\` to add ${registryKey(browser, 'user')}.`)];
}

function browserFindings(browser: BrowserId, env: InstallEnv): Finding[] {
  if (browser !== 'firefox' || env.platform !== 'linux') return [];
  const snap = existsSync(userPath(env, 'snap', 'firefox')) || existsSync(systemPath(env, '/snap/bin/firefox'));
  if (!snap) return [];
  return [
    {
      level: 'warn',
      message: 'Snap Firefox starts native hosts only through the WebExtensions portal, after you allow it once.',
      hint: `Run \`flatpak permission-set webextensions ${HOST_NAME} snap.firefox yes\` (the manifest stays in ~/.mozilla/native-messaging-hosts).`,
    },
  ];
}

export function doctor(opts: DoctorOptions, env: InstallEnv): DoctorReport {
  const findings: Finding[] = [];
  if (env.uid === 0) {
    const who = env.env.SUDO_USER ? ` via sudo (for ${env.env.SUDO_USER})` : '';
    findings.push({
      level: 'warn',
      message: `Running as root${who}: this checks ${env.home}, but your browser runs as your own user and reads your home.`,
      hint: 'Run doctor (and install) without sudo.',
    });
  }
  const named = (opts.browsers?.length ?? 0) > 0;
  const candidates = named ? [...new Set(opts.browsers)] : opts.profile ? (['chromium'] as BrowserId[]) : [...BROWSER_IDS];
  const browsers: BrowserReport[] = [];
  for (const browser of candidates) {
    if (!named && !opts.profile && !isBrowserPresent(browser, env)) continue;
    const installs =
      env.platform === 'win32' ? windowsInstalls(browser, opts, env) : posixInstalls(browser, opts, named || Boolean(opts.profile), env);
    const extra = browserFindings(browser, env);
    const ok = installs.length > 0 && installs.every((i) => i.ok);
    browsers.push({ browser, name: BROWSER_NAMES[browser], ok, installs, findings: extra });
  }
  if (browsers.length === 0) {
    findings.push({ level: 'error', message: 'No supported browser was found for this user.', hint: 'Name one with --browser (e.g. --browser chrome).' });
  }
  return { ok: browsers.length > 0 && browsers.every((b) => b.ok), platform: env.platform, home: env.home, findings, browsers };
}
