/**
 * Checks on one manifest file and the program it names, the way a browser would meet them: missing
 * file, bad JSON, wrong name, relative or missing path, a launcher that is not executable, a launcher
 * whose Node binary or bundle is gone, and files a normal user cannot read because root wrote them.
 */
import { accessSync, constants, openSync, readFileSync, readSync, closeSync, statSync } from 'node:fs';
import { pathFor } from '../os-dirs';
import type { Family } from './browsers';
import type { InstallEnv } from './env';
import { parseLauncher } from './launcher';
import { checkManifestContent, type Finding } from './manifest';

export interface ManifestFileCheck {
  found: boolean;
  findings: Finding[];
}

export interface IdExpectation {
  /** Ids the user named with --extension-id: each must be allowed. */
  required: readonly string[];
  /** Deckhand's known ids: with none required, at least one must be allowed. */
  known: readonly string[];
}

const REINSTALL = 'Run `deckhand-host install` again.';

function errnoOf(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException).code;
}

export function checkManifestFile(
  file: string,
  family: Family,
  expectedName: string,
  ids: IdExpectation,
  env: InstallEnv,
): ManifestFileCheck {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (errnoOf(err) === 'ENOENT' || errnoOf(err) === 'ENOTDIR') return { found: false, findings: [] };
    return { found: true, findings: [{ level: 'error', message: `The manifest cannot be read: ${(err as Error).message}.`, hint: REINSTALL }] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { found: true, findings: [{ level: 'error', message: `The manifest is not valid JSON (${(err as Error).message}).`, hint: REINSTALL }] };
  }
  const content = checkManifestContent(json, family, expectedName, ids.required, ids.known);
  const findings = [...content.findings];
  if (content.path !== undefined) findings.push(...checkHostProgram(content.path, file, env));
  return { found: true, findings };
}

/** Read the start of a file: enough for a shebang and a launcher's exec line. */
function readHead(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(8192);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function checkHostProgram(path: string, manifestFile: string, env: InstallEnv): Finding[] {
  const p = pathFor(env.platform);
  const posix = env.platform !== 'win32';
  const findings: Finding[] = [];
  const error = (message: string, hint?: string) => findings.push({ level: 'error', message, ...(hint ? { hint } : {}) });
  if (posix && !p.isAbsolute(path)) {
    error(`"path" is ${JSON.stringify(path)}; on Linux and macOS it must be absolute.`, REINSTALL);
    return findings;
  }
  const program = p.resolve(p.dirname(manifestFile), path);
  if (posix && env.home !== '/root' && program.startsWith('/root/')) {
    error(`The host program ${program} is under /root, which your user cannot read (installed with sudo?).`, 'Run `deckhand-host install` as your own user, without sudo.');
  }
  let isFile: boolean;
  try {
    isFile = statSync(program).isFile();
  } catch {
    error(`The host program ${program} does not exist: a stale manifest from an old or moved install.`, `${REINSTALL} (or \`deckhand-host uninstall\`)`);
    return findings;
  }
  if (!isFile) {
    error(`The host program ${program} is not a file.`, REINSTALL);
    return findings;
  }
  if (posix && !isExecutable(program)) {
    error(`The host program ${program} is not executable, so the browser cannot start it.`, `Run \`chmod 755 "${program}"\`.`);
  }
  let head: string;
  try {
    head = readHead(program);
  } catch (err) {
    error(`The host program ${program} cannot be read: ${(err as Error).message}.`, REINSTALL);
    return findings;
  }
  const interpreter = posix && head.startsWith('#!') ? head.slice(2).trim().split(/\s+/)[0] : undefined;
  if (interpreter && p.isAbsolute(interpreter) && !isExecutable(interpreter)) {
    error(`The launcher's interpreter ${interpreter} is missing or not executable.`, REINSTALL);
  }
  const launcher = parseLauncher(head);
  if (launcher) {
    if (!isExecutable(launcher.nodePath)) {
      error(
        `The launcher runs Node at ${launcher.nodePath}, which is missing or not executable (Node moved, was upgraded or uninstalled?).`,
        'Run `deckhand-host install` again with the Node you use now.',
      );
    }
    try {
      statSync(launcher.bundlePath);
    } catch {
      error(`The launcher runs ${launcher.bundlePath}, which does not exist.`, REINSTALL);
    }
  }
  return findings;
}
