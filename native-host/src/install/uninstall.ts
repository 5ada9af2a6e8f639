/**
 * `deckhand-host uninstall`: remove the manifests, registry keys and launcher that install wrote.
 * A manifest is removed only when its `path` is this install's launcher, so a file some other tool
 * (or a later install elsewhere) put there is left alone and reported.
 */
import { existsSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { HOST_NAME } from '../../../shared/native-protocol';
import { pathFor } from '../os-dirs';
import { BROWSER_IDS, manifestFileName, registryKey, systemManifestDirs, userManifestDirs, type BrowserId } from './browsers';
import type { InstallEnv } from './env';
import { launcherFileName } from './launcher';
import { profileDirs, launcherDir, readRecord, recordFile, type InstallRecord, type InstallScope } from './targets';

export interface UninstallOptions {
  browsers?: BrowserId[];
  scope: InstallScope;
  profile?: string;
  installDir?: string;
  dryRun: boolean;
}

export interface UninstallReport {
  dryRun: boolean;
  removed: string[];
  leftAlone: Array<{ file: string; reason: string }>;
  registryRemoved: string[];
  /** The launcher (and copied bundle) were removed because no manifest uses them any more. */
  launcherRemoved: boolean;
  errors: string[];
}

/** The value of a registry key's default entry, or undefined when the key is absent. */
export function readRegistryDefault(env: InstallEnv, key: string): string | undefined {
  const outcome = env.reg(['query', key, '/ve']);
  if (outcome.status !== 0) return undefined;
  const match = /REG_(?:EXPAND_)?SZ\s+(.+?)\s*$/m.exec(outcome.stdout);
  return match?.[1];
}

export function uninstall(opts: UninstallOptions, env: InstallEnv): UninstallReport {
  const p = pathFor(env.platform);
  const dir = launcherDir(opts.scope, env, opts.installDir);
  const launcher = p.join(dir, launcherFileName(env.platform));
  const recordPath = recordFile(dir, env);
  const record = readRecord(recordPath);
  const report: UninstallReport = { dryRun: opts.dryRun, removed: [], leftAlone: [], registryRemoved: [], launcherRemoved: false, errors: [] };
  const filtered = Boolean(opts.profile) || (opts.browsers?.length ?? 0) > 0;
  const browsers = opts.browsers?.length ? opts.browsers : [...BROWSER_IDS];
  const inProfile = (file: string) => opts.profile !== undefined && file.startsWith(p.join(opts.profile, 'NativeMessagingHosts'));
  const wanted = (entry: { browser: BrowserId; file: string }) =>
    opts.profile ? inProfile(entry.file) : browsers.includes(entry.browser);

  const files = new Set<string>((record?.manifests ?? []).filter(wanted).map((m) => m.file));
  if (opts.profile) for (const d of profileDirs(['chromium'], opts.profile, env)) files.add(p.join(d.dir, manifestFileName()));
  else {
    for (const b of browsers) {
      const dirs = opts.scope === 'system' ? systemManifestDirs(b, env) : userManifestDirs(b, env);
      for (const d of dirs) files.add(p.join(d.dir, manifestFileName()));
    }
  }
  const gone = new Set<string>();
  for (const file of files) {
    if (!existsSync(file)) {
      gone.add(file);
      continue;
    }
    let path: unknown;
    try {
      path = (JSON.parse(readFileSync(file, 'utf8')) as { path?: unknown }).path;
    } catch {
      report.leftAlone.push({ file, reason: 'not valid JSON, so not recognisably ours' });
      continue;
    }
    if (path !== launcher) {
      report.leftAlone.push({ file, reason: `its path ${JSON.stringify(path)} is not this install's launcher ${launcher}` });
      continue;
    }
    if (removeFile(file, opts.dryRun, report)) {
      report.removed.push(file);
      gone.add(file);
    }
  }

  if (env.platform === 'win32' && !opts.profile) {
    const keys = new Map<string, string | undefined>();
    for (const r of record?.registry ?? []) if (wanted(r)) keys.set(r.key, r.file);
    for (const b of browsers) if (!keys.has(registryKey(b, opts.scope))) keys.set(registryKey(b, opts.scope), undefined);
    for (const key of keys.keys()) {
      const value = readRegistryDefault(env, key);
      if (value === undefined) continue;
      const ours = p.dirname(value).toLowerCase() === dir.toLowerCase() && p.basename(value).startsWith(`${HOST_NAME}.`);
      if (!ours) {
        report.leftAlone.push({ file: key, reason: `it points at ${value}, not at this install` });
        continue;
      }
      if (!opts.dryRun) {
        const outcome = env.reg(['delete', key, '/f']);
        if (outcome.status !== 0) {
          report.errors.push(`reg delete ${key} failed: ${outcome.stderr.trim()}`);
          continue;
        }
      }
      report.registryRemoved.push(key);
    }
  }

  if (!record) {
    // Without a record we cannot know which profiles still use the launcher; remove it only on a full uninstall.
    if (!filtered && existsSync(launcher)) report.launcherRemoved = removeFile(launcher, opts.dryRun, report);
    return report;
  }
  const remaining: InstallRecord = {
    ...record,
    manifests: record.manifests.filter((m) => !gone.has(m.file) && existsSync(m.file)),
    registry: record.registry.filter((r) => !report.registryRemoved.includes(r.key)),
  };
  if (remaining.manifests.length > 0 || remaining.registry.length > 0) {
    if (!opts.dryRun) writeFileSync(recordPath, `${JSON.stringify(remaining, null, 2)}\n`);
    return report;
  }
  const leftovers = [launcher, recordPath, ...record.registry.map((r) => r.file)];
  if (record.bundleCopied) leftovers.push(record.bundle, `${record.bundle}.map`);
  report.launcherRemoved = true;
  for (const file of new Set(leftovers)) if (existsSync(file)) removeFile(file, opts.dryRun, report);
  if (!opts.dryRun && existsSync(dir) && readdirSync(dir).length === 0) rmdirSync(dir);
  return report;
}

function removeFile(file: string, dryRun: boolean, report: UninstallReport): boolean {
  if (dryRun) return true;
  try {
    rmSync(file, { force: true });
    return true;
  } catch (err) {
    report.errors.push(`Cannot remove ${file}: ${(err as Error).message}`);
    return false;
  }
}
