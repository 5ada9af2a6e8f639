/** Sign-in requests end with a coded error when the server goes silent, before or during its answer. */
import { describe, expect, it } from 'vitest';
import { timedFetch } from './timed-fetch';
import { silentFetch as silent } from './timed-fetch.test-support';

/** Sends the headers and the first bytes, then nothing: the body read must end too. */
const stallsInBody: typeof fetch = async (_url, init) => {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"access_'));
      init?.signal?.addEventListener('abort', () => controller.error(init.signal?.reason), { once: true });
    },
  });
  return new Response(body, { status: 200 });
};

describe('timedFetch', () => {
  it('ends a silent request as network.timeout', async () => {
    await expect(timedFetch(silent, 'https://x.test/', {}, 'x.test', 50)).rejects.toMatchObject({ code: 'network.timeout' });
  }, 2_000);

  it('ends a body that stops halfway as network.timeout', async () => {
    await expect(timedFetch(stallsInBody, 'https://x.test/', {}, 'x.test', 50)).rejects.toMatchObject({ code: 'network.timeout' });
  }, 2_000);

  it('reports a refused connection as network.offline', async () => {
    const refused: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };
    await expect(timedFetch(refused, 'https://x.test/', {}, 'x.test', 50)).rejects.toMatchObject({ code: 'network.offline' });
  });

  it('returns the status and the whole body of an answer that comes', async () => {
    const answer: typeof fetch = async () => new Response('{"ok":1}', { status: 201 });
    await expect(timedFetch(answer, 'https://x.test/', {}, 'x.test', 50)).resolves.toMatchObject({ status: 201, ok: true, text: '{"ok":1}' });
  });
});
