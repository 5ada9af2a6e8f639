/**
 * Host settings. Sources, later ones winning: built-in defaults, `<configDir>/config.json`, then
 * environment variables. A bad config file never stops the host: its problems become warnings that
 * main.ts logs once the log file is open. See PROTOCOL.md "Configuration".
 */
import { readFileSync } from 'node:fs';
import { PROTOCOL_VERSION } from '../../shared/native-protocol';
import { isLogLevel, type LogLevel } from './log';
import { configDir, currentOsEnv, defaultLibraryRoot, pathFor, stateDir, type Env, type OsEnv } from './os-dirs';

/** Set by build.mjs from package.json; absent when the sources run unbundled (tsx, vitest). */
declare const __DECKHAND_HOST_VERSION__: string | undefined;

/** The development extension id, fixed by the `key` in wxt.config.ts. */
export const DEV_CHROMIUM_ID = 'bcobmeppnhehmbjdbaadohlppanamlfg';
/** The Firefox add-on id (browser_specific_settings.gecko.id in wxt.config.ts). */
export const GECKO_ID = 'deckhand@deckhand.app';
export const BUILTIN_ALLOWED_IDS: readonly string[] = [DEV_CHROMIUM_ID, GECKO_ID];

export interface HostConfig {
  hostVersion: string;
  protocol: number;
  /** Where downloads go when a spec names no root: ~/Music/Deckhand. */
  defaultLibraryRoot: string;
  stateDir: string;
  logFile: string;
  logLevel: LogLevel;
  /** Extension ids (Chromium ids and gecko ids) allowed to start the host. */
  allowedIds: string[];
  /** Host-name overrides for the download engine, e.g. "*=127.0.0.1:8443" (DECKHAND_RESOLVE). */
  resolve?: string;
  configFile: string;
  /** Enables debug.* actions used by the tests (DECKHAND_TEST_ACTIONS=1). */
  testActions: boolean;
  /** Part folders of jobs with no activity for this many days are removed (download.cleanup, host start). */
  abandonedPartsDays: number;
  /** Problems met while reading config.json or the environment, for the log. */
  warnings: string[];
}

/** The settings config.json may hold; every key is optional. */
interface FileSettings {
  libraryRoot?: string;
  allowedIds?: string[];
  resolve?: string;
  logFile?: string;
  logLevel?: LogLevel;
  abandonedPartsDays?: number;
}

export const DEFAULT_ABANDONED_PARTS_DAYS = 7;

function isPositiveNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

export function hostVersion(): string {
  return typeof __DECKHAND_HOST_VERSION__ === 'string' ? __DECKHAND_HOST_VERSION__ : '0.0.0-dev';
}

function readFileSettings(file: string, isAbsolute: (p: string) => boolean, warnings: string[]): FileSettings {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') warnings.push(`ignoring ${file}: ${(err as Error).message}`);
    return {};
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    warnings.push(`ignoring ${file}: not a JSON object`);
    return {};
  }
  const settings: FileSettings = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const bad = () => warnings.push(`ignoring "${key}" in ${file}: unexpected value ${JSON.stringify(value)}`);
    if (key === 'libraryRoot' || key === 'logFile') {
      if (typeof value === 'string' && isAbsolute(value)) settings[key] = value;
      else bad();
    } else if (key === 'resolve') {
      if (typeof value === 'string') settings.resolve = value;
      else bad();
    } else if (key === 'logLevel') {
      if (isLogLevel(value)) settings.logLevel = value;
      else bad();
    } else if (key === 'abandonedPartsDays') {
      if (isPositiveNumber(value)) settings.abandonedPartsDays = value;
      else bad();
    } else if (key === 'allowedIds') {
      if (Array.isArray(value) && value.every((x) => typeof x === 'string' && x.length > 0)) settings.allowedIds = value;
      else bad();
    } else {
      warnings.push(`ignoring unknown key "${key}" in ${file}`);
    }
  }
  return settings;
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** `os` lets tests substitute HOME and the platform; it defaults to this machine with `env`. */
export function loadConfig(env: Env = process.env, os: OsEnv = currentOsEnv(env)): HostConfig {
  const p = pathFor(os.platform);
  const warnings: string[] = [];
  const dirs: OsEnv = { ...os, env };
  const configFile = p.join(env.DECKHAND_CONFIG_DIR || configDir(dirs), 'config.json');
  const file = readFileSettings(configFile, (x) => p.isAbsolute(x), warnings);

  const envPath = (key: string): string | undefined => {
    const value = env[key];
    if (!value) return undefined;
    if (p.isAbsolute(value)) return value;
    warnings.push(`ignoring ${key}: not an absolute path`);
    return undefined;
  };
  let logLevel = file.logLevel ?? 'info';
  if (env.DECKHAND_LOG_LEVEL) {
    if (isLogLevel(env.DECKHAND_LOG_LEVEL)) logLevel = env.DECKHAND_LOG_LEVEL;
    else warnings.push(`ignoring DECKHAND_LOG_LEVEL=${env.DECKHAND_LOG_LEVEL}: use debug, info, warn or error`);
  }
  let abandonedPartsDays = file.abandonedPartsDays ?? DEFAULT_ABANDONED_PARTS_DAYS;
  if (env.DECKHAND_ABANDONED_PARTS_DAYS) {
    const days = Number(env.DECKHAND_ABANDONED_PARTS_DAYS);
    if (isPositiveNumber(days)) abandonedPartsDays = days;
    else warnings.push(`ignoring DECKHAND_ABANDONED_PARTS_DAYS=${env.DECKHAND_ABANDONED_PARTS_DAYS}: use a number of days above 0`);
  }
  const state = stateDir(dirs);
  const resolve = env.DECKHAND_RESOLVE || file.resolve;
  const allowedIds = [...new Set([...BUILTIN_ALLOWED_IDS, ...(file.allowedIds ?? []), ...splitList(env.DECKHAND_ALLOWED_IDS)])];

  return {
    hostVersion: hostVersion(),
    protocol: PROTOCOL_VERSION,
    defaultLibraryRoot: envPath('DECKHAND_LIBRARY_ROOT') ?? file.libraryRoot ?? defaultLibraryRoot(dirs),
    stateDir: state,
    logFile: envPath('DECKHAND_LOG_FILE') ?? file.logFile ?? p.join(state, 'host.log'),
    logLevel,
    allowedIds,
    ...(resolve ? { resolve } : {}),
    configFile,
    testActions: env.DECKHAND_TEST_ACTIONS === '1',
    abandonedPartsDays,
    warnings,
  };
}
