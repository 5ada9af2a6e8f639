/**
 * `deckhand-host install`: put a launcher (and a copy of the bundle) in the install dir, then a host
 * manifest in every folder the chosen browsers read, or registry keys on Windows. --dry-run computes
 * the same plan and writes nothing.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { HOST_NAME } from '../../../shared/native-protocol';
import { pathFor } from '../os-dirs';
import { BROWSER_NAMES, familyOf, manifestFileName, registryKey, type BrowserId, type Family } from './browsers';
import type { InstallEnv } from './env';
import { launcherFileName, renderLauncher } from './launcher';
import { buildManifest, renderManifest } from './manifest';
import {
  chooseBrowsers,
  dirsToWrite,
  launcherDir,
  profileDirs,
  readRecord,
  recordFile,
  type InstallRecord,
  type InstallScope,
} from './targets';

export interface InstallOptions {
  /** Browsers named with --browser; undefined = those installed for this user. */
  browsers?: BrowserId[];
  scope: InstallScope;
  /** A Chromium user-data dir: write only into <profile>/NativeMessagingHosts/. */
  profile?: string;
  /** Every extension id the manifests allow (built-in, configured and --extension-id). */
  extensionIds: string[];
  launcherEnv: Record<string, string>;
  installDir?: string;
  /** The bundle to run (normally the running deckhand-host.cjs). */
  bundlePath: string;
  /** Point the launcher at bundlePath instead of copying it (development). */
  link: boolean;
  dryRun: boolean;
}

export interface InstallReport {
  dryRun: boolean;
  installDir: string;
  launcher: string;
  bundle: string;
  manifests: Array<{ browser: BrowserId; label: string; file: string }>;
  registry: Array<{ browser: BrowserId; key: string; file: string; command: string[] }>;
  warnings: string[];
  errors: string[];
}

export function rootWarning(env: InstallEnv, scope: InstallScope): string | undefined {
  if (env.uid !== 0 || scope !== 'user') return undefined;
  const who = env.env.SUDO_USER ? ` (you ran sudo as ${env.env.SUDO_USER})` : '';
  return `Running as root${who}: user-level manifests go under ${env.home}, which a browser running as your own user never reads. Run without sudo, or use --system.`;
}

export function install(opts: InstallOptions, env: InstallEnv): InstallReport {
  const p = pathFor(env.platform);
  const dir = launcherDir(opts.scope, env, opts.installDir);
  const launcher = p.join(dir, launcherFileName(env.platform));
  const bundle = opts.link ? p.resolve(opts.bundlePath) : p.join(dir, 'deckhand-host.cjs');
  const report: InstallReport = {
    dryRun: opts.dryRun,
    installDir: dir,
    launcher,
    bundle,
    manifests: [],
    registry: [],
    warnings: [],
    errors: [],
  };
  const warning = rootWarning(env, opts.scope);
  if (warning) report.warnings.push(warning);

  const named = opts.browsers !== undefined && opts.browsers.length > 0;
  const browsers = chooseBrowsers(opts.browsers ?? (opts.profile ? ['chromium'] : undefined), env);
  if (browsers.length === 0) {
    report.errors.push('No supported browser was found for this user. Name one with --browser (e.g. --browser chrome).');
    return report;
  }
  if (opts.profile && env.platform === 'win32') {
    report.errors.push('--profile works on Linux and macOS; Windows browsers find hosts through the registry only.');
    return report;
  }
  if (opts.profile && browsers.some((b) => familyOf(b) === 'firefox')) {
    report.errors.push('--profile is a Chromium user-data dir; Firefox reads manifests from fixed folders only.');
    return report;
  }

  const manifestText = (family: Family) => renderManifest(buildManifest(family, launcher, opts.extensionIds));
  if (env.platform === 'win32') {
    for (const browser of browsers) {
      const family = familyOf(browser);
      const file = p.join(dir, `${HOST_NAME}.${family}.json`);
      const key = registryKey(browser, opts.scope);
      if (report.registry.some((r) => r.key === key)) continue;
      report.registry.push({ browser, key, file, command: ['add', key, '/ve', '/t', 'REG_SZ', '/d', file, '/f'] });
    }
  } else {
    const dirs = opts.profile
      ? profileDirs(browsers, opts.profile, env)
      : browsers.flatMap((b) => dirsToWrite(b, opts.scope, named, env));
    for (const browser of browsers) {
      if (!opts.profile && !dirs.some((d) => d.browser === browser)) {
        report.warnings.push(`${BROWSER_NAMES[browser]} has no ${opts.scope}-level manifest folder on ${env.platform}; skipped.`);
      }
    }
    for (const d of dirs) report.manifests.push({ browser: d.browser, label: d.label, file: p.join(d.dir, manifestFileName()) });
  }
  if (opts.dryRun) return report;

  try {
    mkdirSync(dir, { recursive: true });
    if (!opts.link && p.resolve(opts.bundlePath) !== bundle) {
      copyFileSync(opts.bundlePath, bundle);
      if (existsSync(`${opts.bundlePath}.map`)) copyFileSync(`${opts.bundlePath}.map`, `${bundle}.map`);
    }
    const text = renderLauncher(env.platform, { nodePath: env.nodePath, bundlePath: bundle, env: opts.launcherEnv });
    writeFileSync(launcher, text, { mode: 0o755 });
    chmodSync(launcher, 0o755);
  } catch (err) {
    report.errors.push(`Cannot write the launcher in ${dir}: ${(err as Error).message}${permissionHint(err)}`);
    return report;
  }

  const written: InstallReport['manifests'] = [];
  for (const m of report.manifests) {
    try {
      mkdirSync(p.dirname(m.file), { recursive: true });
      writeFileSync(m.file, manifestText(familyOf(m.browser)));
      written.push(m);
    } catch (err) {
      report.errors.push(`Cannot write ${m.file}: ${(err as Error).message}${permissionHint(err)}`);
    }
  }
  const registered: InstallReport['registry'] = [];
  for (const r of report.registry) {
    try {
      writeFileSync(r.file, manifestText(familyOf(r.browser)));
      const outcome = env.reg(r.command);
      if (outcome.status !== 0) throw new Error(`reg ${r.command.join(' ')} failed: ${outcome.stderr.trim()}`);
      registered.push(r);
    } catch (err) {
      report.errors.push(`Cannot register ${r.key}: ${(err as Error).message}`);
    }
  }
  saveRecord(dir, env, { launcher, bundle, bundleCopied: !opts.link, written, registered });
  return report;
}

function permissionHint(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM' ? ' (system folders need root: run with sudo and --system)' : '';
}

/** Merge this install into the record so uninstall knows every file and key it may remove. */
function saveRecord(
  dir: string,
  env: InstallEnv,
  now: { launcher: string; bundle: string; bundleCopied: boolean; written: InstallReport['manifests']; registered: InstallReport['registry'] },
): void {
  const file = recordFile(dir, env);
  const previous = readRecord(file);
  const record: InstallRecord = {
    launcher: now.launcher,
    bundle: now.bundle,
    bundleCopied: now.bundleCopied,
    manifests: [...(previous?.manifests ?? []), ...now.written.map(({ browser, file: f }) => ({ browser, file: f }))].filter(
      (m, i, all) => all.findIndex((x) => x.file === m.file) === i,
    ),
    registry: [...(previous?.registry ?? []), ...now.registered.map(({ browser, key, file: f }) => ({ browser, key, file: f }))].filter(
      (r, i, all) => all.findIndex((x) => x.key === r.key) === i,
    ),
  };
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
}
