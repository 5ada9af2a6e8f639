/** Test helper: an InstallEnv on a temp HOME and a temp "/" with an in-memory Windows registry. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InstallEnv, RegOutcome } from '../src/install/env';
import { tempDir } from './host-process';

export interface TestInstallEnv extends InstallEnv {
  registry: Map<string, string>;
  regCalls: string[][];
  /** Create folders under HOME (e.g. ".config/google-chrome") so a browser looks installed. */
  mkHome(...relative: string[]): string;
}

export function testInstallEnv(platform: NodeJS.Platform = 'linux', overrides: Partial<InstallEnv> = {}): TestInstallEnv {
  const registry = new Map<string, string>();
  const regCalls: string[][] = [];
  const home = platform === 'win32' ? 'C:\\Users\\dj' : tempDir('deckhand-home-');
  const env: TestInstallEnv = {
    home,
    platform,
    env: {},
    sysRoot: tempDir('deckhand-root-'),
    uid: platform === 'win32' ? undefined : 1000,
    nodePath: process.execPath,
    registry,
    regCalls,
    reg(args): RegOutcome {
      regCalls.push(args);
      const [verb, key = ''] = args;
      if (verb === 'add') {
        registry.set(key.toLowerCase(), args[args.indexOf('/d') + 1] ?? '');
        return { status: 0, stdout: 'The operation completed successfully.', stderr: '' };
      }
      const value = registry.get(key.toLowerCase());
      if (value === undefined) return { status: 1, stdout: '', stderr: 'ERROR: The system was unable to find the specified registry key or value.' };
      if (verb === 'delete') registry.delete(key.toLowerCase());
      return { status: 0, stdout: `\r\n${key}\r\n    (Default)    REG_SZ    ${value}\r\n\r\n`, stderr: '' };
    },
    mkHome(...relative) {
      const dir = join(home, ...relative);
      mkdirSync(dir, { recursive: true });
      return dir;
    },
    ...overrides,
  };
  return env;
}

/** A stand-in bundle file for in-process install tests. */
export function fakeBundle(): string {
  const file = join(tempDir('deckhand-bundle-'), 'deckhand-host.cjs');
  writeFileSync(file, '#!/usr/bin/env node\n');
  return file;
}
