/**
 * What every v4 endpoint shares: authentication (Bearer token, `sessionid` cookie or HTTP Basic, as
 * the OpenAPI security schemes list), DRF error bodies, API response headers and page-number
 * pagination with Beatport's string `page` ("1/7") and a count that saturates at 10,000.
 */
import type { Req, Res } from '../../http';
import type { BpUser } from './model';
import { API_BASE } from './reference';
import { authState, userByName, type TokenKind } from './tokens';

export type Json = Record<string, unknown>;

export interface Caller {
  via: TokenKind | 'cookie' | 'basic';
  user: BpUser | null;
  scope: string;
}

export const MAX_PER_PAGE = 100;
const COUNT_CAP = 10_000;

export function apiHeaders(res: Res): Res {
  return res
    .header('server', 'istio-envoy')
    .header('via', '1.1 google')
    .header('vary', 'origin, Authorization')
    .header('allow', 'GET, HEAD, OPTIONS');
}

export function detail(res: Res, status: number, message: string, extra: Json = {}): Promise<void> {
  return apiHeaders(res).json({ detail: message, ...extra }, status);
}

export const notFound = (res: Res) => detail(res, 404, 'Not found.');
export const forbidden = (res: Res) => detail(res, 403, 'You do not have permission to perform this action.');

/** The caller, or undefined after answering 401 the way DRF + simplejwt do. */
export async function authenticate(req: Req, res: Res): Promise<Caller | undefined> {
  const header = req.header('authorization') ?? '';
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  if (bearer) {
    const verdict = authState.verify(bearer[1] ?? '');
    if (verdict.ok) return { via: verdict.token.kind, user: verdict.token.user, scope: verdict.token.scope };
    res.header('www-authenticate', 'Bearer realm="api"');
    await detail(res, 401, 'Given token not valid for any token type', {
      code: 'token_not_valid',
      messages: [{ token_class: 'AccessToken', token_type: 'access', message: 'Token is invalid or expired' }],
    });
    return undefined;
  }
  const basic = /^Basic\s+(\S+)$/i.exec(header);
  if (basic) {
    const [name, ...rest] = Buffer.from(basic[1] ?? '', 'base64').toString('utf8').split(':');
    const user = userByName(name ?? '');
    if (user && user.password === rest.join(':')) return { via: 'basic', user, scope: 'user:dj' };
    await detail(res, 401, 'Invalid username/password.');
    return undefined;
  }
  const sessionUser = authState.apiSessionUser(req.cookies.sessionid);
  if (sessionUser) return { via: 'cookie', user: sessionUser, scope: 'user:dj' };
  res.header('www-authenticate', 'Bearer realm="api"');
  await detail(res, 401, 'Authentication credentials were not provided.');
  return undefined;
}

/** Positive integer query value, or undefined when absent or malformed. */
export function intParam(req: Req, name: string): number | undefined {
  const raw = req.query.get(name);
  if (raw === null || !/^\d+$/.test(raw)) return undefined;
  return Number(raw);
}

export interface PageResult {
  status: number;
  body: Json;
}

/**
 * One page of `items` in Beatport's list envelope, or undefined for a page out of range. `link(n)`
 * builds the URL of page n for `next`/`previous`.
 */
export function pageOf<T>(items: T[], page: number, perPage: number, toJson: (item: T) => Json, link: (n: number) => string): Json | undefined {
  const total = Math.min(items.length, COUNT_CAP);
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (!Number.isInteger(page) || page < 1 || page > pages) return undefined;
  const start = (page - 1) * perPage;
  return {
    next: page < pages ? link(page + 1) : null,
    previous: page > 1 ? link(page - 1) : null,
    count: total,
    page: `${page}/${pages}`,
    per_page: perPage,
    results: items.slice(start, Math.min(start + perPage, total)).map(toJson),
  };
}

/** DRF page-number pagination of an API request; `next`/`previous` keep the other params. */
export function paginate<T>(req: Req, items: T[], toJson: (item: T) => Json, defaultPerPage = 10): PageResult {
  const perPage = Math.min(intParam(req, 'per_page') || defaultPerPage, MAX_PER_PAGE);
  const rawPage = req.query.get('page');
  const page = rawPage === null ? 1 : /^\d+$/.test(rawPage) ? Number(rawPage) : NaN;
  const link = (n: number): string => {
    const params = new URLSearchParams(req.query);
    if (n === 1) params.delete('page');
    else params.set('page', String(n));
    const qs = params.toString();
    return `${API_BASE}${req.path.replace(/^\/v4/, '')}${qs ? `?${qs}` : ''}`;
  };
  const body = pageOf(items, page, perPage, toJson, link);
  return body ? { status: 200, body } : { status: 404, body: { detail: 'Invalid page.' } };
}

export function sendPage(res: Res, result: PageResult): Promise<void> {
  return apiHeaders(res).json(result.body, result.status);
}

/** A numeric path id, or undefined (then the caller answers 404). */
export function pathId(req: Req, name = 'id'): number | undefined {
  const raw = req.params[name] ?? '';
  return /^\d+$/.test(raw) ? Number(raw) : undefined;
}

export type Guarded = (req: Req, res: Res, caller: Caller) => unknown;

/** Wrap a handler so it runs only for an authenticated caller (every catalog call needs auth). */
export function guarded(handler: Guarded) {
  return async (req: Req, res: Res) => {
    const caller = await authenticate(req, res);
    if (caller) await handler(req, res, caller);
  };
}

/** `num` of a top-N path, clamped to Beatport's 1..100. */
export function topNum(req: Req): number {
  return Math.max(1, Math.min(100, pathId(req, 'num') ?? 100));
}
