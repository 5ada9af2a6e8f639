/** Malformed and stressful input against the real bundled host, spoken to over its stdio pipes. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BROWSER_TO_HOST, MAX_HOST_TO_BROWSER } from '../../shared/native-protocol';
import { encodeFrame } from './framing';
import { buildHost, hasStackTrace, HostProcess, removeTempDirs } from '../test/host-process';

afterAll(() => removeTempDirs());

beforeAll(() => buildHost());

let host: HostProcess | undefined;
afterEach(() => host?.kill());

function start(): HostProcess {
  host = new HostProcess();
  return host;
}

/** End stdin, expect a clean exit and no crash output. */
async function expectCleanExit(h: HostProcess): Promise<void> {
  h.end();
  const { code, signal } = await h.exited;
  expect({ code, signal }).toEqual({ code: 0, signal: null });
  expect(hasStackTrace(h.stderr), h.stderr).toBe(false);
  expect(h.oversizeFrames).toEqual([]);
}

const lengthPrefix = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n, 0);
  return b;
};

describe('host protocol, malformed input', () => {
  it('exits cleanly when the stream ends inside a frame (declared > sent)', async () => {
    const h = start();
    h.sendRaw(Buffer.concat([lengthPrefix(100), Buffer.from('{"type":"call"')]));
    await expectCleanExit(h);
    expect(h.messages).toEqual([]);
  });

  it('answers invalid JSON and invalid UTF-8 with protocol.bad-json events and keeps going', async () => {
    const h = start();
    h.sendRaw(encodeFrame(Buffer.from('{"type":')));
    h.sendRaw(encodeFrame(Buffer.from([0x22, 0xc3, 0x28, 0x22])));
    h.sendRaw(encodeFrame(Buffer.alloc(0)));
    const pong = await h.call('p1', 'ping');
    expect(pong).toMatchObject({ ok: true, result: { pong: true } });
    expect(h.protocolErrors().map((e) => e.code)).toEqual(['protocol.bad-json', 'protocol.bad-json', 'protocol.bad-json']);
    await expectCleanExit(h);
  });

  it('answers JSON that is not an envelope with protocol.invalid (a result when the id is readable)', async () => {
    const h = start();
    h.send([1, 2, 3]);
    h.send('just a string');
    h.send(null);
    h.send({ type: 'call', id: 'no-action' });
    const invalid = await h.resultFor('no-action');
    expect(invalid).toMatchObject({ ok: false, error: { code: 'protocol.invalid' } });
    await h.waitFor(() => h.protocolErrors().length === 3);
    expect(h.protocolErrors().every((e) => e.code === 'protocol.invalid')).toBe(true);
    await expectCleanExit(h);
  });

  it('refuses a 2 MB frame with protocol.too-large, discards it, and still answers the next ping', async () => {
    const h = start();
    const big = Buffer.from(JSON.stringify({ type: 'call', id: 'big', action: 'ping', params: { pad: 'x'.repeat(2_000_000) } }));
    expect(big.length).toBeGreaterThan(MAX_BROWSER_TO_HOST);
    h.sendRaw(encodeFrame(big));
    const pong = await h.call('after', 'ping');
    expect(pong).toMatchObject({ ok: true });
    expect(h.protocolErrors()).toEqual([expect.objectContaining({ code: 'protocol.too-large', declaredBytes: big.length })]);
    expect(h.messages.some((m) => m.id === 'big')).toBe(false);
    await expectCleanExit(h);
  });

  it('refuses a declared length of 0xFFFFFFFF without allocating it, then exits cleanly at EOF', async () => {
    const h = start();
    h.sendRaw(Buffer.concat([lengthPrefix(0xffffffff), Buffer.from('{"type":"call","id":"x","action":"ping"}')]));
    const refused = await h.waitFor((m) => m.type === 'event');
    expect(refused).toMatchObject({ event: 'protocol.error', data: { code: 'protocol.too-large', declaredBytes: 0xffffffff } });
    await expectCleanExit(h);
  });

  it('answers an unknown action and invalid params with coded result errors', async () => {
    const h = start();
    expect(await h.call('u', 'no.such.action', {})).toMatchObject({ ok: false, error: { code: 'protocol.unknown-action' } });
    expect(await h.call('i', 'library.info', { root: 42 })).toMatchObject({ ok: false, error: { code: 'protocol.invalid' } });
    expect(await h.call('h', 'hello', {})).toMatchObject({ ok: false, error: { code: 'protocol.invalid' } });
    await expectCleanExit(h);
  });

  it('reassembles a frame written a few bytes at a time', async () => {
    const h = start();
    const bytes = encodeFrame(Buffer.from(JSON.stringify({ type: 'call', id: 'split', action: 'ping' })));
    for (let i = 0; i < bytes.length; i += 3) {
      h.sendRaw(bytes.subarray(i, i + 3));
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(await h.resultFor('split')).toMatchObject({ ok: true, result: { pong: true } });
    await expectCleanExit(h);
  });

  it('answers 100 frames sent in one write, every one exactly once', async () => {
    const h = start();
    const frames = Array.from({ length: 100 }, (_, i) =>
      encodeFrame(Buffer.from(JSON.stringify({ type: 'call', id: `m${i}`, action: 'ping' }))),
    );
    h.sendRaw(Buffer.concat(frames));
    await h.waitFor(() => h.messages.length >= 100);
    const ids = h.messages.map((m) => m.id).sort();
    expect(new Set(ids).size).toBe(100);
    expect(h.messages.every((m) => m.ok === true)).toBe(true);
    await expectCleanExit(h);
  });

  it('never writes a frame above 1 MiB: an oversized result becomes protocol.too-large', async () => {
    const h = start();
    const fits = await h.call('fits', 'debug.echo', { size: MAX_HOST_TO_BROWSER - 100 });
    expect(fits).toMatchObject({ ok: true });
    const tooBig = await h.call('too-big', 'debug.echo', { size: MAX_HOST_TO_BROWSER });
    expect(tooBig).toMatchObject({ ok: false, error: { code: 'protocol.too-large' } });
    await expectCleanExit(h);
  });

  it('turns a handler exception into an internal error and keeps serving', async () => {
    const h = start();
    expect(await h.call('boom', 'debug.fail', { message: 'kaboom' })).toMatchObject({
      ok: false,
      error: { code: 'internal', message: 'kaboom' },
    });
    expect(await h.call('coded', 'debug.fail', { code: 'library.io', message: 'disk full' })).toMatchObject({
      ok: false,
      error: { code: 'library.io' },
    });
    expect(await h.call('still', 'ping')).toMatchObject({ ok: true });
    await expectCleanExit(h);
  });
});
