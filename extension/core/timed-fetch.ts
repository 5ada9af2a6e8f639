/**
 * Sign-in requests with one deadline for the headers and the whole body. Token requests run under
 * token locks: a server that accepts the connection and then says nothing would otherwise hold the
 * lock, and with it every later read that needs a token, forever.
 */
import { DeckhandError } from '../../shared/errors';

/** Token and profile answers are small and come in well under a second. */
export const AUTH_TIMEOUT_MS = 20_000;

/** A finished answer: the status, where redirects led, and the body already read as text. */
export interface TimedAnswer {
  status: number;
  ok: boolean;
  /** The final URL after redirects (the authorization code rides on it). */
  url: string;
  text: string;
}

/**
 * `fetcher(url, init)` with a deadline: `network.timeout` when it passes, `network.offline` when the
 * request fails otherwise. `who` names the server in the message ("api.beatport.com").
 */
export async function timedFetch(fetcher: typeof fetch, url: string, init: RequestInit, who: string, timeoutMs = AUTH_TIMEOUT_MS): Promise<TimedAnswer> {
  const signal = AbortSignal.timeout(timeoutMs);
  const timedOut = () => new DeckhandError('network.timeout', `${who} did not answer in ${Math.round(timeoutMs / 1000)} s.`);
  let res: Response;
  try {
    res = await fetcher(url, { ...init, signal });
  } catch (err) {
    if (signal.aborted) throw timedOut();
    throw new DeckhandError('network.offline', `${who} did not answer: ${String(err)}`);
  }
  try {
    return { status: res.status, ok: res.ok, url: res.url, text: await res.text() };
  } catch (err) {
    if (signal.aborted) throw timedOut();
    throw new DeckhandError('network.offline', `${who} stopped answering: ${String(err)}`);
  }
}

/** The body as JSON, or `fallback` when it is not JSON (the status then says enough). */
export function jsonOf(answer: TimedAnswer, fallback: unknown = {}): unknown {
  try {
    return JSON.parse(answer.text) as unknown;
  } catch {
    return fallback;
  }
}
