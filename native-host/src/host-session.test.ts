/** Caller check, actions and lifecycle of the real bundled host. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildHost, hasStackTrace, HostProcess, tempDir, type Message, removeTempDirs } from '../test/host-process';

afterAll(() => removeTempDirs());

beforeAll(() => buildHost());

const started: HostProcess[] = [];
afterEach(() => {
  for (const h of started.splice(0)) h.kill();
});

function start(opts?: ConstructorParameters<typeof HostProcess>[0]): HostProcess {
  const h = new HostProcess(opts);
  started.push(h);
  return h;
}

describe('caller check', () => {
  it('exits 1 for an origin that is not allowed, without answering', async () => {
    const h = start({ args: ['chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/'] });
    h.send({ type: 'call', id: '1', action: 'ping' });
    expect((await h.exited).code).toBe(1);
    expect(h.messages).toEqual([]);
    expect(h.stderr).toMatch(/not allowed/);
    expect(hasStackTrace(h.stderr)).toBe(false);
    expect(readFileSync(h.logFile, 'utf8')).toMatch(/refusing to start/);
  });

  it('exits 1 when not started by a browser (no arguments, stdin not a terminal)', async () => {
    const h = start({ args: [] });
    expect((await h.exited).code).toBe(1);
  });

  it('accepts Firefox-style arguments (manifest path, add-on id)', async () => {
    const h = start({ args: ['/home/u/.mozilla/native-messaging-hosts/app.deckhand.host.json', 'deckhand@deckhand.app'] });
    expect(await h.call('1', 'ping')).toMatchObject({ ok: true });
  });

  it('accepts Chrome on Windows, which adds --parent-window', async () => {
    const h = start({ args: ['chrome-extension://bcobmeppnhehmbjdbaadohlppanamlfg/', '--parent-window=0'] });
    expect(await h.call('1', 'ping')).toMatchObject({ ok: true });
  });

  it('accepts ids from DECKHAND_ALLOWED_IDS and from config.json', async () => {
    const storeId = 'ponmlkjihgfedcbaponmlkjihgfedcba';
    const viaEnv = start({ args: [`chrome-extension://${storeId}/`], env: { DECKHAND_ALLOWED_IDS: ` other@x, ${storeId}` } });
    expect(await viaEnv.call('1', 'ping')).toMatchObject({ ok: true });

    const configDir = tempDir();
    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ allowedIds: ['beta@deckhand.app'] }));
    const viaConfig = start({ args: ['/x/app.deckhand.host.json', 'beta@deckhand.app'], env: { DECKHAND_CONFIG_DIR: configDir } });
    expect(await viaConfig.call('1', 'ping')).toMatchObject({ ok: true });
  });
});

describe('actions', () => {
  it('hello reports the host, and refuses another major protocol with host.version', async () => {
    const library = tempDir();
    const h = start({ env: { DECKHAND_LIBRARY_ROOT: library } });
    const hello = await h.call('1', 'hello', { protocol: 1, extensionVersion: '0.1.0' });
    expect(hello).toMatchObject({ ok: true, result: { protocol: 1, os: process.platform, defaultLibraryRoot: library } });
    const result = hello.result as { hostVersion: string; capabilities: string[] };
    expect(result.hostVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(result.capabilities).toEqual(expect.arrayContaining(['hello', 'ping', 'library.info']));
    expect(await h.call('2', 'hello', { protocol: 2 })).toMatchObject({ ok: false, error: { code: 'host.version' } });
  });

  it('ping answers pong with the time', async () => {
    const h = start();
    const before = Date.now();
    const pong = (await h.call('1', 'ping')).result as { pong: boolean; time: number };
    expect(pong.pong).toBe(true);
    expect(pong.time).toBeGreaterThanOrEqual(before);
  });

  it('library.info describes existing and missing roots, a file in the way, and a relative root', async () => {
    const root = tempDir();
    const h = start({ env: { DECKHAND_LIBRARY_ROOT: root } });
    const info = (m: Message) => m.result as { root: string; exists: boolean; writable: boolean; freeBytes?: number };
    const existing = info(await h.call('1', 'library.info', {}));
    expect(existing).toMatchObject({ root, exists: true, writable: true });
    expect(existing.freeBytes).toBeGreaterThan(0);
    const missing = info(await h.call('2', 'library.info', { root: join(root, 'a', 'b') }));
    expect(missing).toMatchObject({ exists: false, writable: true });
    writeFileSync(join(root, 'file'), 'x');
    expect(info(await h.call('3', 'library.info', { root: join(root, 'file') }))).toMatchObject({ exists: false, writable: false });
    expect(await h.call('4', 'library.info', { root: 'Music' })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
  });
});

describe('calls from the host to the extension', () => {
  it('delivers the extension answer, its error, and times out', async () => {
    const h = start();
    h.send({ type: 'call', id: 'c1', action: 'debug.call', params: { jobId: 'j1' } });
    const outgoing = await h.waitFor((m) => m.type === 'call');
    expect(outgoing).toMatchObject({ action: 'stream.refresh', params: { jobId: 'j1' } });
    h.send({ type: 'result', id: outgoing.id, ok: true, result: { url: 'https://fresh' } });
    expect(await h.resultFor('c1')).toMatchObject({ ok: true, result: { answer: { url: 'https://fresh' } } });

    h.send({ type: 'call', id: 'c2', action: 'debug.call', params: { jobId: 'j2' } });
    const second = await h.waitFor((m) => m.type === 'call' && m.id !== outgoing.id);
    h.send({ type: 'result', id: second.id, ok: false, error: { code: 'stream.expired', message: 'gone' } });
    expect(await h.resultFor('c2')).toMatchObject({ ok: false, error: { code: 'stream.expired', message: 'gone' } });

    expect(await h.call('c3', 'debug.call', { jobId: 'j3', timeoutMs: 50 })).toMatchObject({
      ok: false,
      error: { code: 'host.timeout' },
    });
  });
});

describe('lifecycle', () => {
  it('at EOF, finishes running handlers, fails pending extension calls, flushes, exits 0', async () => {
    const h = start();
    h.send({ type: 'call', id: 'slow', action: 'debug.sleep', params: { ms: 300 } });
    h.send({ type: 'call', id: 'waiting', action: 'debug.call', params: { jobId: 'j' } });
    await h.waitFor((m) => m.type === 'call');
    h.end();
    expect((await h.exited).code).toBe(0);
    expect(h.messages.find((m) => m.id === 'slow')).toMatchObject({ ok: true, result: { slept: 300 } });
    expect(h.messages.find((m) => m.id === 'waiting')).toMatchObject({ ok: false, error: { code: 'host.disconnected' } });
    const log = readFileSync(h.logFile, 'utf8');
    expect(log).toMatch(/host started/);
    expect(log).toMatch(/shutting down .*stdin ended/);
  });

  it('exits 0 on SIGTERM', async () => {
    const h = start();
    await h.call('1', 'ping');
    h.child.kill('SIGTERM');
    expect(await h.exited).toEqual({ code: 0, signal: null });
  });

  it('logs config problems instead of failing', async () => {
    const configDir = tempDir();
    mkdirSync(configDir, { recursive: true });
    writeFileSync(join(configDir, 'config.json'), '{ not json');
    const h = start({ env: { DECKHAND_CONFIG_DIR: configDir } });
    expect(await h.call('1', 'ping')).toMatchObject({ ok: true });
    h.end();
    await h.exited;
    expect(readFileSync(h.logFile, 'utf8')).toMatch(/WARN .*ignoring .*config\.json/);
  });
});
