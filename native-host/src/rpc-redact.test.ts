/** Refused params never put the values they carried into the log or the answer: they may hold tokens. */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { FrameDecoder } from './framing';
import type { Logger } from './log';
import { Rpc } from './rpc';

const SECRET = 'https://api.mixcloud.com/upload/?access_token=SECRET-TOKEN-123';

function setup() {
  const logged: unknown[] = [];
  const keep = (...args: unknown[]) => void logged.push(args);
  const log: Logger = { debug: keep, info: keep, warn: keep, error: keep };
  const sent: Array<Record<string, unknown>> = [];
  const decoder = new FrameDecoder(Number.MAX_SAFE_INTEGER, {
    onFrame: (body) => sent.push(JSON.parse(body.toString('utf8')) as Record<string, unknown>),
    onOversize: () => {},
  });
  const rpc = new Rpc({ write: (frame) => decoder.push(frame) }, log, undefined);
  rpc.handle('upload.start', v.object({ jobId: v.string(), request: v.object({ url: v.pipe(v.string(), v.startsWith('https://upload.')), size: v.number() }) }), async () => ({}));
  const receive = (message: unknown) => rpc.receive(Buffer.from(JSON.stringify(message)));
  return { logged, sent, receive };
}

describe('Rpc: refused params', () => {
  it('logs where and why, without the string value that was refused', () => {
    const { logged, sent, receive } = setup();
    receive({ type: 'call', id: 'c1', action: 'upload.start', params: { jobId: 'j', request: { url: SECRET, size: 'big' } } });
    const text = JSON.stringify({ logged, sent });
    expect(text).not.toContain('SECRET-TOKEN-123');
    expect(text).toContain('request.url');
    expect(text).toContain('Invalid start');
    expect(text).toContain('request.size: Invalid type: Expected number but received (a string, not shown)');
    expect(sent[0]).toMatchObject({ type: 'result', id: 'c1', ok: false, error: { code: 'protocol.invalid' } });
  });

  it('keeps numbers and type names in the words: they hold no secret', () => {
    const { logged, receive } = setup();
    receive({ type: 'call', id: 'c2', action: 'upload.start', params: { jobId: 'j', request: { url: 5, size: 1 } } });
    expect(JSON.stringify(logged)).toContain('Expected string but received 5');
  });
});
