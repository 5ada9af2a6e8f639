/** Typed requests to the background, with errors coming back as DeckhandError values. */
import { browser } from 'wxt/browser';
import { DeckhandError } from '../../shared/errors';
import type { Reply, RequestParams, RequestType, ResponseTypes } from '../../shared/messages';

export async function send<T extends RequestType>(type: T, params: RequestParams<T>): Promise<ResponseTypes[T]> {
  let reply: Reply<T> | undefined;
  try {
    reply = (await browser.runtime.sendMessage({ type, ...params })) as Reply<T> | undefined;
  } catch (err) {
    throw new DeckhandError('internal', `The extension background did not answer: ${String(err)}`);
  }
  if (!reply) throw new DeckhandError('internal', 'The extension background gave no answer.');
  if (!reply.ok) throw DeckhandError.from(reply.error);
  return reply.value;
}
