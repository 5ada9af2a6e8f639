/**
 * Actions that exist only with DECKHAND_TEST_ACTIONS=1, so tests can drive paths that real actions
 * reach only in rare conditions: an oversized result, a failing handler, a slow handler, and a
 * host->extension call.
 */
import * as v from 'valibot';
import { DeckhandError } from '../../shared/errors';
import { MAX_HOST_TO_BROWSER } from '../../shared/native-protocol';
import type { Rpc } from './rpc';

export function registerDebugActions(rpc: Rpc): void {
  // Up to twice the outbound cap, so a test can cross it without the host allocating without bound.
  const size = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 * MAX_HOST_TO_BROWSER));
  rpc.handle('debug.echo', v.object({ size }), async ({ size: n }) => ({ data: 'x'.repeat(n) }));

  rpc.handle('debug.fail', v.object({ code: v.optional(v.string()), message: v.string() }), async ({ code, message }) => {
    if (code === undefined) throw new Error(message);
    throw DeckhandError.from({ code, message });
  });

  rpc.handle('debug.sleep', v.object({ ms: v.pipe(v.number(), v.minValue(0), v.maxValue(60_000)) }), async ({ ms }) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return { slept: ms };
  });

  rpc.handle(
    'debug.call',
    v.object({ jobId: v.string(), timeoutMs: v.optional(v.pipe(v.number(), v.minValue(1))) }),
    async ({ jobId, timeoutMs }) => ({ answer: await rpc.call('stream.refresh', { jobId }, timeoutMs) }),
  );
}
