/**
 * Terminal commands of the bundle: install, uninstall, doctor, --version, --help
 * (`npm run host -- <args>` or `node native-host/dist/deckhand-host.cjs <args>`).
 */
import { parseArgs } from 'node:util';
import { HOST_NAME, PROTOCOL_VERSION } from '../../shared/native-protocol';
import type { HostConfig } from './config';
import { BROWSER_IDS, isBrowserId, type BrowserId } from './install/browsers';
import { doctor } from './install/doctor';
import type { InstallEnv } from './install/env';
import { formatDoctor, formatInstall, formatUninstall } from './install/format';
import { install } from './install/install';
import { parseEnvAssignment } from './install/launcher';
import { uninstall } from './install/uninstall';

export const CLI_COMMANDS = ['install', 'uninstall', 'doctor', 'help', 'version', '--help', '-h', '--version', '-v'];

export function isCliCommand(arg: string | undefined): boolean {
  return arg !== undefined && CLI_COMMANDS.includes(arg);
}

export const USAGE = `deckhand-host: the Deckhand native messaging host (${HOST_NAME}, protocol ${PROTOCOL_VERSION}).
Browsers start it for the Deckhand extension. From a terminal:

  deckhand-host install   [--browser <b>[,<b>]]... [--user|--system] [--profile <userDataDir>]
                          [--extension-id <id>]... [--launcher-env KEY=VALUE]... [--install-dir <dir>]
                          [--link] [--dry-run] [--json]
  deckhand-host uninstall [--browser <b>]... [--user|--system] [--profile <userDataDir>] [--install-dir <dir>]
                          [--dry-run] [--json]
  deckhand-host doctor    [--browser <b>]... [--profile <userDataDir>] [--extension-id <id>]... [--json]
  deckhand-host --version | --help

Browsers: ${BROWSER_IDS.join(', ')}, all. Without --browser: the browsers installed for this user.
--profile writes into <userDataDir>/NativeMessagingHosts/ (test and WXT dev profiles).
--link points the launcher at this bundle instead of copying it (development).
doctor exits 0 when every checked browser can start the host, else 1.
`;

/** Which options each command takes (parseArgs accepts the union). */
const COMMAND_OPTIONS = {
  install: ['browser', 'user', 'system', 'profile', 'extension-id', 'launcher-env', 'install-dir', 'link', 'dry-run', 'json'],
  uninstall: ['browser', 'user', 'system', 'profile', 'install-dir', 'dry-run', 'json'],
  doctor: ['browser', 'profile', 'extension-id', 'json'],
};

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: InstallEnv;
  config: HostConfig;
  /** The bundle install copies or links (the running deckhand-host.cjs). */
  bundlePath: string;
}

function parseBrowsers(values: string[] | undefined): BrowserId[] | undefined {
  if (!values || values.length === 0) return undefined;
  const names = values.flatMap((v) => v.split(',')).map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (names.includes('all')) return [...BROWSER_IDS];
  for (const name of names) {
    if (!isBrowserId(name)) throw new Error(`Unknown browser "${name}". Use one of: ${BROWSER_IDS.join(', ')}, all.`);
  }
  return names as BrowserId[];
}

export async function runCli(args: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  if (command === '--version' || command === '-v' || command === 'version') {
    io.out(`${io.config.hostVersion}\n`);
    return 0;
  }
  if (command === '--help' || command === '-h' || command === 'help' || command === undefined) {
    io.out(USAGE);
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      strict: true,
      options: {
        browser: { type: 'string', multiple: true },
        user: { type: 'boolean' },
        system: { type: 'boolean' },
        profile: { type: 'string' },
        'extension-id': { type: 'string', multiple: true },
        'launcher-env': { type: 'string', multiple: true },
        'install-dir': { type: 'string' },
        link: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        json: { type: 'boolean' },
      },
    }).values;
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  try {
    const allowed = COMMAND_OPTIONS[command as keyof typeof COMMAND_OPTIONS] ?? [];
    const stray = Object.keys(parsed).filter((key) => !allowed.includes(key));
    if (stray.length > 0) throw new Error(`${command} does not take ${stray.map((k) => `--${k}`).join(', ')}.`);
    if (parsed.user && parsed.system) throw new Error('Choose --user or --system, not both.');
    const browsers = parseBrowsers(parsed.browser);
    const scope = parsed.system ? 'system' : 'user';
    const extraIds = parsed['extension-id'] ?? [];
    const common = {
      ...(browsers ? { browsers } : {}),
      ...(parsed.profile ? { profile: parsed.profile } : {}),
      ...(parsed['install-dir'] ? { installDir: parsed['install-dir'] } : {}),
    };
    const print = (report: object, text: string) => io.out(parsed.json ? `${JSON.stringify(report, null, 2)}\n` : text);
    if (command === 'install') {
      const launcherEnv = Object.fromEntries((parsed['launcher-env'] ?? []).map(parseEnvAssignment));
      const report = install(
        {
          ...common,
          scope,
          extensionIds: [...io.config.allowedIds, ...extraIds],
          launcherEnv,
          bundlePath: io.bundlePath,
          link: parsed.link === true,
          dryRun: parsed['dry-run'] === true,
        },
        io.env,
      );
      print(report, formatInstall(report));
      return report.errors.length > 0 ? 1 : 0;
    }
    if (command === 'uninstall') {
      const report = uninstall({ ...common, scope, dryRun: parsed['dry-run'] === true }, io.env);
      print(report, formatUninstall(report));
      return report.errors.length > 0 ? 1 : 0;
    }
    const report = doctor({ ...common, ids: { required: extraIds, known: io.config.allowedIds } }, io.env);
    print(report, formatDoctor(report));
    return report.ok ? 0 : 1;
  } catch (err) {
    io.err(`${(err as Error).message}\n`);
    return 2;
  }
}
