import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir, removeTempDirs } from '../test/host-process';
import { BUILTIN_ALLOWED_IDS, loadConfig } from './config';
import { configDir, installDir, stateDir, type OsEnv } from './os-dirs';

afterAll(() => removeTempDirs());

const linux = (home: string, env: Record<string, string> = {}): OsEnv => ({ home, platform: 'linux', env });

describe('OS directories', () => {
  it('follow XDG on Linux, with fallbacks and relative values ignored', () => {
    expect(stateDir(linux('/h'))).toBe('/h/.local/state/deckhand');
    expect(stateDir(linux('/h', { XDG_STATE_HOME: '/x/state' }))).toBe('/x/state/deckhand');
    expect(stateDir(linux('/h', { XDG_STATE_HOME: 'relative' }))).toBe('/h/.local/state/deckhand');
    expect(configDir(linux('/h'))).toBe('/h/.config/deckhand');
    expect(installDir(linux('/h'))).toBe('/h/.local/share/deckhand');
  });

  it('use the macOS and Windows locations', () => {
    const mac: OsEnv = { home: '/Users/u', platform: 'darwin', env: {} };
    expect(stateDir(mac)).toBe('/Users/u/Library/Logs/Deckhand');
    expect(installDir(mac)).toBe('/Users/u/Library/Application Support/Deckhand');
    const win: OsEnv = { home: 'C:\\Users\\u', platform: 'win32', env: { LOCALAPPDATA: 'D:\\Local', APPDATA: 'D:\\Roaming' } };
    expect(stateDir(win)).toBe('D:\\Local\\Deckhand');
    expect(configDir(win)).toBe('D:\\Roaming\\Deckhand');
    expect(stateDir({ ...win, env: {} })).toBe('C:\\Users\\u\\AppData\\Local\\Deckhand');
  });
});

describe('loadConfig', () => {
  it('has OS-aware defaults', () => {
    const c = loadConfig({}, linux('/home/dj'));
    expect(c.defaultLibraryRoot).toBe('/home/dj/Music/Deckhand');
    expect(c.logFile).toBe('/home/dj/.local/state/deckhand/host.log');
    expect(c.allowedIds).toEqual([...BUILTIN_ALLOWED_IDS]);
    expect(c.protocol).toBe(1);
    expect(c.resolve).toBeUndefined();
    expect(c.warnings).toEqual([]);
    const win = loadConfig({}, { home: 'C:\\Users\\dj', platform: 'win32', env: {} });
    expect(win.defaultLibraryRoot).toBe('C:\\Users\\dj\\Music\\Deckhand');
  });

  it('reads config.json and lets the environment win', () => {
    const home = tempDir();
    mkdirSync(join(home, '.config', 'deckhand'), { recursive: true });
    writeFileSync(
      join(home, '.config', 'deckhand', 'config.json'),
      JSON.stringify({ libraryRoot: '/music', resolve: '*=1.2.3.4:1', allowedIds: ['a@b'], logLevel: 'debug', extra: 1, logFile: 'rel' }),
    );
    const fromFile = loadConfig({}, linux(home));
    expect(fromFile).toMatchObject({ defaultLibraryRoot: '/music', resolve: '*=1.2.3.4:1', logLevel: 'debug' });
    expect(fromFile.allowedIds).toContain('a@b');
    expect(fromFile.warnings).toEqual([expect.stringMatching(/unknown key "extra"/), expect.stringMatching(/"logFile"/)]);

    const env = { DECKHAND_LIBRARY_ROOT: '/env-music', DECKHAND_RESOLVE: '*=127.0.0.1:8443', DECKHAND_ALLOWED_IDS: 'x@y, ,z@w', DECKHAND_LOG_LEVEL: 'warn' };
    const fromEnv = loadConfig(env, linux(home));
    expect(fromEnv).toMatchObject({ defaultLibraryRoot: '/env-music', resolve: '*=127.0.0.1:8443', logLevel: 'warn' });
    expect(fromEnv.allowedIds).toEqual(expect.arrayContaining(['a@b', 'x@y', 'z@w']));
    expect(fromEnv.allowedIds).not.toContain('');
  });

  it('warns about a broken config file and bad environment values, keeping defaults', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'config.json'), '[1,2]');
    const c = loadConfig({ DECKHAND_CONFIG_DIR: dir, DECKHAND_LOG_FILE: 'relative.log', DECKHAND_LOG_LEVEL: 'loud' }, linux('/h'));
    expect(c.logFile).toBe('/h/.local/state/deckhand/host.log');
    expect(c.logLevel).toBe('info');
    expect(c.warnings).toHaveLength(3);
  });

  it('reads the age of abandoned part folders (7 days by default) from the file or the environment', () => {
    const dir = tempDir();
    expect(loadConfig({ DECKHAND_CONFIG_DIR: dir }, linux('/h')).abandonedPartsDays).toBe(7);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ abandonedPartsDays: 14 }));
    expect(loadConfig({ DECKHAND_CONFIG_DIR: dir }, linux('/h')).abandonedPartsDays).toBe(14);
    expect(loadConfig({ DECKHAND_CONFIG_DIR: dir, DECKHAND_ABANDONED_PARTS_DAYS: '0.5' }, linux('/h')).abandonedPartsDays).toBe(0.5);
    const bad = loadConfig({ DECKHAND_CONFIG_DIR: dir, DECKHAND_ABANDONED_PARTS_DAYS: 'never' }, linux('/h'));
    expect(bad.abandonedPartsDays).toBe(14);
    expect(bad.warnings).toEqual([expect.stringMatching(/DECKHAND_ABANDONED_PARTS_DAYS/)]);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ abandonedPartsDays: 0 }));
    expect(loadConfig({ DECKHAND_CONFIG_DIR: dir }, linux('/h'))).toMatchObject({ abandonedPartsDays: 7, warnings: [expect.stringMatching(/abandonedPartsDays/)] });
  });
});
