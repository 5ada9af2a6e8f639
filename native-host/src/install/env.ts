/**
 * Everything install/uninstall/doctor learn from the machine, in one injectable object: tests run
 * the Linux and macOS tables against a temp HOME (and a temp "/" for system paths) and the Windows
 * registry through a fake `reg`.
 */
import { spawnSync } from 'node:child_process';
import { currentOsEnv, pathFor, type OsEnv } from '../os-dirs';

export interface RegOutcome {
  status: number;
  stdout: string;
  stderr: string;
}

export interface InstallEnv extends OsEnv {
  /** Prefix for system-wide POSIX paths: "/" for real, a temp dir in tests. */
  sysRoot: string;
  /** The effective uid on POSIX (0 = root); undefined on Windows. */
  uid: number | undefined;
  /** The node binary the launcher runs (absolute). */
  nodePath: string;
  /** Runs reg.exe with these arguments (Windows). */
  reg(args: string[]): RegOutcome;
}

export function currentInstallEnv(): InstallEnv {
  return {
    ...currentOsEnv(),
    sysRoot: '/',
    uid: typeof process.getuid === 'function' ? process.getuid() : undefined,
    nodePath: process.execPath,
    reg(args) {
      const r = spawnSync('reg', args, { encoding: 'utf8', windowsHide: true });
      return { status: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? (r.error ? String(r.error) : '') };
    },
  };
}

/** A system path such as /etc/opt/chrome/native-messaging-hosts, under the env's root. */
export function systemPath(env: InstallEnv, absolute: string): string {
  return pathFor(env.platform).join(env.sysRoot, absolute);
}

export function userPath(env: InstallEnv, ...parts: string[]): string {
  return pathFor(env.platform).join(env.home, ...parts);
}
