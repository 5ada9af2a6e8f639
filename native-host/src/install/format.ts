/** Human-readable output of install, uninstall and doctor (--json prints the reports as they are). */
import type { DoctorReport, LocationReport } from './doctor';
import type { InstallReport } from './install';
import type { Finding } from './manifest';
import type { UninstallReport } from './uninstall';

function findingLines(findings: readonly Finding[], indent: string): string[] {
  return findings.flatMap((f) => [`${indent}${f.level}: ${f.message}`, ...(f.hint ? [`${indent}  fix: ${f.hint}`] : [])]);
}

function locationLines(l: LocationReport, effective: string | undefined): string[] {
  const hasError = l.findings.some((f) => f.level === 'error');
  const mark = !l.found ? '[--]' : hasError ? '[!!]' : '[ok]';
  const used = l.file === effective ? '  <- used' : '';
  const state = l.found ? '' : '  (not found)';
  return [`    ${mark} ${l.scope.padEnd(7)} ${l.file}${state}${used}`, ...findingLines(l.found ? l.findings : [], '         ')];
}

export function formatDoctor(report: DoctorReport): string {
  const lines = [`Deckhand host doctor (${report.platform}, home ${report.home})`, ...findingLines(report.findings, '  ')];
  for (const b of report.browsers) {
    lines.push('', `${b.name}: ${b.ok ? 'OK' : 'CANNOT START THE HOST'}`);
    for (const install of b.installs) {
      lines.push(`  ${install.label}`);
      for (const l of install.locations) lines.push(...locationLines(l, install.effective));
      lines.push(...findingLines(install.findings, '    '));
    }
    lines.push(...findingLines(b.findings, '  '));
  }
  const bad = report.browsers.filter((b) => !b.ok).length;
  lines.push(
    '',
    report.ok ? 'All checked browsers can start the host.' : `${bad || 'No'} browser(s) cannot start the host; see the fixes above.`,
  );
  return `${lines.join('\n')}\n`;
}

export function formatInstall(report: InstallReport): string {
  const verb = report.dryRun ? 'Would write' : 'Wrote';
  const lines = [`${verb} the launcher ${report.launcher}`, `  running ${report.bundle}`];
  for (const m of report.manifests) lines.push(`${verb} ${m.file}  (${m.label})`);
  for (const r of report.registry) {
    lines.push(`${verb} ${r.file}`, `${report.dryRun ? 'Would run' : 'Ran'}: reg ${r.command.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(' ')}`);
  }
  lines.push(...report.warnings.map((w) => `warning: ${w}`), ...report.errors.map((e) => `error: ${e}`));
  return `${lines.join('\n')}\n`;
}

export function formatUninstall(report: UninstallReport): string {
  const verb = report.dryRun ? 'Would remove' : 'Removed';
  const lines = [
    ...report.removed.map((f) => `${verb} ${f}`),
    ...report.registryRemoved.map((k) => `${verb} registry key ${k}`),
    ...report.leftAlone.map((l) => `Left ${l.file}: ${l.reason}`),
    ...(report.launcherRemoved ? [`${verb} the launcher (no manifest uses it any more)`] : []),
    ...report.errors.map((e) => `error: ${e}`),
  ];
  if (lines.length === 0) lines.push('Nothing to remove.');
  return `${lines.join('\n')}\n`;
}
