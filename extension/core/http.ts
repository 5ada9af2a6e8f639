/**
 * HTTP for the platform clients: ofetch underneath, platform-aware error mapping into dotted codes,
 * and retries with exponential backoff and jitter for idempotent requests only.
 */
import { ofetch, type FetchResponse } from 'ofetch';
import { DeckhandError, type ErrorCode } from '../../shared/errors';
import type { PlatformId } from '../../shared/platform';

export interface RequestOptions {
  platform: PlatformId;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  body?: BodyInit | Record<string, unknown>;
  /** Retries for 5xx and network errors (GET only). */
  retries?: number;
  timeoutMs?: number;
  /** Treat these statuses as data rather than errors (e.g. 404 on an optional resource). */
  accept?: number[];
  credentials?: RequestCredentials;
}

export interface HttpResult<T> {
  status: number;
  data: T;
  headers: Headers;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function backoffMs(attempt: number, baseMs = 400, capMs = 15_000): number {
  const exp = Math.min(capMs, baseMs * 2 ** attempt);
  return exp / 2 + Math.random() * (exp / 2);
}

/** Seconds from a Retry-After header (delta seconds or an HTTP date). */
export function retryAfterSeconds(value: string | null): number | undefined {
  if (!value) return undefined;
  const n = Number(value);
  if (Number.isFinite(n)) return Math.max(0, n);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, (date - Date.now()) / 1000) : undefined;
}

/** Turn an error answer into a coded error, the way each platform signals it. */
export function errorForResponse(platform: PlatformId, status: number, body: unknown, headers: Headers): DeckhandError {
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? '');
  const retryAfter = retryAfterSeconds(headers.get('retry-after'));
  const bodyRetry = (body as { error?: { retry_after?: number } } | undefined)?.error?.retry_after;
  const isMixcloudLimit = platform === 'mixcloud' && status === 403 && /RateLimitException/.test(text);
  if (status === 429 || isMixcloudLimit) {
    const seconds = retryAfter ?? bodyRetry ?? 30;
    return new DeckhandError('rate.limited', undefined, { status, retryAt: Date.now() + seconds * 1000 });
  }
  let code: ErrorCode = 'network.http';
  if (status === 401) code = /expired|token_not_valid/i.test(text) ? 'auth.expired' : 'auth.required';
  else if (status === 403) code = /territory|geo|country/i.test(text) ? 'region.blocked' : 'auth.required';
  else if (status === 404 || status === 410) code = 'not-found';
  return new DeckhandError(code, `${platform} answered ${status}: ${text.slice(0, 200)}`, { status });
}

export async function request<T>(url: string, opts: RequestOptions): Promise<HttpResult<T>> {
  const method = opts.method ?? 'GET';
  const retries = method === 'GET' ? (opts.retries ?? 2) : 0;
  for (let attempt = 0; ; attempt++) {
    let res: FetchResponse<T>;
    try {
      res = await ofetch.raw<T>(url, {
        method,
        ...(opts.query ? { query: opts.query } : {}),
        ...(opts.headers ? { headers: opts.headers } : {}),
        ...(opts.body !== undefined ? { body: opts.body } : {}),
        ...(opts.credentials ? { credentials: opts.credentials } : {}),
        retry: 0,
        timeout: opts.timeoutMs ?? 20_000,
        ignoreResponseError: true,
      });
    } catch (err) {
      const timeout = err instanceof Error && /timeout|aborted/i.test(err.message);
      if (attempt < retries) {
        await sleep(backoffMs(attempt));
        continue;
      }
      throw new DeckhandError(timeout ? 'network.timeout' : 'network.offline', String(err), { cause: err });
    }
    const status = res.status;
    if ((status >= 200 && status < 300) || opts.accept?.includes(status)) {
      return { status, data: res._data as T, headers: res.headers };
    }
    if (status >= 500 && attempt < retries) {
      await sleep(backoffMs(attempt));
      continue;
    }
    throw errorForResponse(opts.platform, status, res._data, res.headers);
  }
}

export async function getJson<T>(url: string, opts: RequestOptions): Promise<T> {
  return (await request<T>(url, opts)).data;
}
