/**
 * The launcher is what a host manifest's `path` points at. Browsers start it without a login shell
 * (no nvm, no PATH from .bashrc), so it names the node binary and the bundle by absolute path. The
 * doctor reads those paths back to tell a user that Node moved or the bundle is gone.
 */

export interface LauncherSpec {
  nodePath: string;
  bundlePath: string;
  /** Environment set before the host starts (install --launcher-env KEY=VALUE). */
  env: Record<string, string>;
}

export function launcherFileName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'deckhand-host.cmd' : 'deckhand-host';
}

/** Stack traces in the log point into the TypeScript sources (the map ships beside the bundle). */
const NODE_FLAGS = '--enable-source-maps';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function isEnvName(name: string): boolean {
  return ENV_NAME.test(name);
}

/** Parse KEY=VALUE (the value may contain '='). */
export function parseEnvAssignment(text: string): [string, string] {
  const eq = text.indexOf('=');
  const key = eq > 0 ? text.slice(0, eq) : '';
  if (!isEnvName(key)) throw new Error(`--launcher-env expects KEY=VALUE with a valid variable name, got "${text}"`);
  return [key, text.slice(eq + 1)];
}

/** Inside sh double quotes only $ ` " \ are special. */
function shDoubleQuote(value: string): string {
  return `"${value.replace(/[$`"\\]/g, (c) => `\\${c}`)}"`;
}

function shSingleQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** cmd.exe expands %VAR% even inside quotes; %% is a literal percent sign in a batch file. */
function cmdEscape(value: string): string {
  return value.replace(/%/g, '%%');
}

export function renderLauncher(platform: NodeJS.Platform, spec: LauncherSpec): string {
  for (const key of Object.keys(spec.env)) {
    if (!isEnvName(key)) throw new Error(`Invalid environment variable name: ${key}`);
  }
  const entries = Object.entries(spec.env);
  if (platform === 'win32') {
    const lines = [
      '@echo off',
      'rem Deckhand native messaging host launcher, written by "deckhand-host install".',
      ...entries.map(([k, val]) => `set "${k}=${cmdEscape(val)}"`),
      `"${cmdEscape(spec.nodePath)}" ${NODE_FLAGS} "${cmdEscape(spec.bundlePath)}" %*`,
    ];
    return `${lines.join('\r\n')}\r\n`;
  }
  const lines = [
    '#!/bin/sh',
    '# Deckhand native messaging host launcher, written by "deckhand-host install".',
    ...entries.map(([k, val]) => `export ${k}=${shSingleQuote(val)}`),
    `exec ${shDoubleQuote(spec.nodePath)} ${NODE_FLAGS} ${shDoubleQuote(spec.bundlePath)} "$@"`,
  ];
  return `${lines.join('\n')}\n`;
}

/** The node and bundle paths a launcher runs, when it is one of ours (or written like one). */
export function parseLauncher(text: string): { nodePath: string; bundlePath: string } | undefined {
  const quoted = String.raw`"((?:[^"\\]|\\.)*)"`;
  const flags = String.raw`(?:\s+--?[\w-]+(?:=\S*)?)*`;
  const sh = new RegExp(String.raw`^exec\s+${quoted}${flags}\s+${quoted}`, 'm').exec(text);
  if (sh?.[1] !== undefined && sh[2] !== undefined) {
    const unescape = (s: string) => s.replace(/\\([$`"\\])/g, '$1');
    return { nodePath: unescape(sh[1]), bundlePath: unescape(sh[2]) };
  }
  const cmd = new RegExp(String.raw`^"([^"]+)"${flags}\s+"([^"]+)"\s+%\*`, 'm').exec(text);
  if (cmd?.[1] !== undefined && cmd[2] !== undefined) {
    const unescape = (s: string) => s.replace(/%%/g, '%');
    return { nodePath: unescape(cmd[1]), bundlePath: unescape(cmd[2]) };
  }
  return undefined;
}
