import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { DeckhandError } from '../../shared/errors';
import { FrameDecoder } from './framing';
import type { Logger } from './log';
import { Rpc } from './rpc';

const quietLog: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** An Rpc whose output frames are decoded back into objects. */
function setup(maxOutbound?: number) {
  const sent: Array<Record<string, unknown>> = [];
  const decoder = new FrameDecoder(Number.MAX_SAFE_INTEGER, {
    onFrame: (body) => sent.push(JSON.parse(body.toString('utf8')) as Record<string, unknown>),
    onOversize: () => {},
  });
  const rpc = new Rpc({ write: (frame) => decoder.push(frame) }, quietLog, maxOutbound);
  const receive = (message: unknown) => rpc.receive(Buffer.from(JSON.stringify(message)));
  return { rpc, sent, receive };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Rpc handlers', () => {
  it('validates params and answers with the handler result', async () => {
    const { rpc, sent, receive } = setup();
    rpc.handle('add', v.object({ a: v.number(), b: v.number() }), async ({ a, b }) => ({ sum: a + b }));
    receive({ type: 'call', id: 'c1', action: 'add', params: { a: 2, b: 3 } });
    receive({ type: 'call', id: 'c2', action: 'add', params: { a: 'x' } });
    await tick();
    expect(sent).toContainEqual({ type: 'result', id: 'c1', ok: true, result: { sum: 5 } });
    const invalid = sent.find((m) => m.id === 'c2') as { error: { code: string; message: string } };
    expect(invalid.error.code).toBe('protocol.invalid');
    expect(invalid.error.message).toContain('a:');
  });

  it('turns thrown errors into coded results: DeckhandError keeps its code, others become internal', async () => {
    const { rpc, sent, receive } = setup();
    rpc.handle('fail', v.object({ kind: v.string() }), async ({ kind }) => {
      if (kind === 'coded') throw new DeckhandError('library.io', 'disk full');
      throw new TypeError('undefined is not a function');
    });
    receive({ type: 'call', id: 'a', action: 'fail', params: { kind: 'coded' } });
    receive({ type: 'call', id: 'b', action: 'fail', params: { kind: 'other' } });
    await rpc.settled();
    expect(sent.find((m) => m.id === 'a')).toMatchObject({ ok: false, error: { code: 'library.io', message: 'disk full' } });
    expect(sent.find((m) => m.id === 'b')).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('replaces a result above the outbound cap with protocol.too-large', async () => {
    const { rpc, sent, receive } = setup(1000);
    rpc.handle('big', v.optional(v.object({})), async () => 'z'.repeat(2000));
    receive({ type: 'call', id: 'big1', action: 'big' });
    await rpc.settled();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ id: 'big1', ok: false, error: { code: 'protocol.too-large' } });
  });

  it('answers an unserialisable result with internal instead of throwing', async () => {
    const { rpc, sent, receive } = setup();
    rpc.handle('bigint', v.optional(v.object({})), async () => ({ n: 1n }));
    receive({ type: 'call', id: 'n', action: 'bigint' });
    await rpc.settled();
    expect(sent[0]).toMatchObject({ id: 'n', ok: false, error: { code: 'internal' } });
  });

  it('refuses a duplicate registration', () => {
    const { rpc } = setup();
    rpc.handle('x', v.any(), async () => null);
    expect(() => rpc.handle('x', v.any(), async () => null)).toThrow(/already registered/);
  });
});

describe('Rpc malformed input', () => {
  it('answers a bad envelope with an id as a result error, without one as an event', () => {
    const { rpc, sent } = setup();
    rpc.receive(Buffer.from(JSON.stringify({ type: 'call', id: 'q', action: 42 })));
    rpc.receive(Buffer.from(JSON.stringify({ hello: 'world' })));
    rpc.receive(Buffer.from('not json'));
    rpc.receive(Buffer.alloc(0));
    expect(sent[0]).toMatchObject({ type: 'result', id: 'q', ok: false, error: { code: 'protocol.invalid' } });
    expect(sent[1]).toMatchObject({ type: 'event', event: 'protocol.error', data: { code: 'protocol.invalid' } });
    expect(sent[2]).toMatchObject({ type: 'event', event: 'protocol.error', data: { code: 'protocol.bad-json' } });
    expect(sent[3]).toMatchObject({ type: 'event', event: 'protocol.error', data: { code: 'protocol.bad-json' } });
  });
});

describe('Rpc calls to the extension', () => {
  it('resolves with the result and rejects with the coded error', async () => {
    const { rpc, sent, receive } = setup();
    const ok = rpc.call('stream.refresh', { jobId: 'j1' });
    const bad = rpc.call('stream.refresh', { jobId: 'j2' });
    expect(sent.map((m) => m.type)).toEqual(['call', 'call']);
    receive({ type: 'result', id: sent[0]?.id, ok: true, result: { url: 'https://x/y' } });
    receive({ type: 'result', id: sent[1]?.id, ok: false, error: { code: 'stream.expired', message: 'gone' } });
    await expect(ok).resolves.toEqual({ url: 'https://x/y' });
    await expect(bad).rejects.toMatchObject({ code: 'stream.expired', message: 'gone' });
  });

  it('rejects on timeout, on a malformed answer and on disconnect', async () => {
    const { rpc, sent, receive } = setup();
    await expect(rpc.call('stream.refresh', { jobId: 'slow' }, 20)).rejects.toMatchObject({ code: 'host.timeout' });
    const malformed = rpc.call('stream.refresh', { jobId: 'm' });
    receive({ type: 'result', id: sent[1]?.id, ok: 'yes' });
    await expect(malformed).rejects.toMatchObject({ code: 'protocol.invalid' });
    const pending = rpc.call('stream.refresh', { jobId: 'p' });
    rpc.close();
    await expect(pending).rejects.toMatchObject({ code: 'host.disconnected' });
    await expect(rpc.closed).resolves.toBeUndefined();
    await expect(rpc.call('stream.refresh', { jobId: 'late' })).rejects.toBeInstanceOf(DeckhandError);
  });

  it('ignores a result nobody is waiting for', () => {
    const { rpc, sent, receive } = setup();
    receive({ type: 'result', id: 'h999', ok: true, result: 1 });
    expect(sent).toEqual([]);
    expect(rpc.actions()).toEqual([]);
  });
});
