/**
 * Per-OS directories, computed from an injectable environment so tests can point them at a temp HOME
 * and exercise the macOS and Windows tables on Linux.
 */
import { homedir } from 'node:os';
import path from 'node:path';

export type Env = Record<string, string | undefined>;

export interface OsEnv {
  home: string;
  platform: NodeJS.Platform;
  env: Env;
}

export function currentOsEnv(env: Env = process.env): OsEnv {
  const home = (process.platform === 'win32' ? env.USERPROFILE : env.HOME) || homedir();
  return { home, platform: process.platform, env };
}

/** path.win32 for Windows, path.posix otherwise, whatever OS the code runs on. */
export function pathFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** An environment directory, ignored unless absolute (as the XDG spec asks). */
function envDir(o: OsEnv, key: string): string | undefined {
  const value = o.env[key];
  return value && pathFor(o.platform).isAbsolute(value) ? value : undefined;
}

function localAppData(o: OsEnv): string {
  return envDir(o, 'LOCALAPPDATA') ?? path.win32.join(o.home, 'AppData', 'Local');
}

/** Where the log lives: XDG state on Linux, ~/Library/Logs on macOS, %LOCALAPPDATA% on Windows. */
export function stateDir(o: OsEnv): string {
  const p = pathFor(o.platform);
  if (o.platform === 'win32') return p.join(localAppData(o), 'Deckhand');
  if (o.platform === 'darwin') return p.join(o.home, 'Library', 'Logs', 'Deckhand');
  return p.join(envDir(o, 'XDG_STATE_HOME') ?? p.join(o.home, '.local', 'state'), 'deckhand');
}

/** Where config.json is read from. */
export function configDir(o: OsEnv): string {
  const p = pathFor(o.platform);
  if (o.platform === 'win32') return p.join(envDir(o, 'APPDATA') ?? p.join(o.home, 'AppData', 'Roaming'), 'Deckhand');
  if (o.platform === 'darwin') return p.join(o.home, 'Library', 'Application Support', 'Deckhand');
  return p.join(envDir(o, 'XDG_CONFIG_HOME') ?? p.join(o.home, '.config'), 'deckhand');
}

/** Where `install` puts the launcher and the bundle. */
export function installDir(o: OsEnv): string {
  const p = pathFor(o.platform);
  if (o.platform === 'win32') return p.join(localAppData(o), 'Deckhand');
  if (o.platform === 'darwin') return p.join(o.home, 'Library', 'Application Support', 'Deckhand');
  return p.join(envDir(o, 'XDG_DATA_HOME') ?? p.join(o.home, '.local', 'share'), 'deckhand');
}

/** ~/Music/Deckhand (every OS names the folder Music in the home directory). */
export function defaultLibraryRoot(o: OsEnv): string {
  return pathFor(o.platform).join(o.home, 'Music', 'Deckhand');
}
