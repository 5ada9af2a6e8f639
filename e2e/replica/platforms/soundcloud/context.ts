/** What every SoundCloud route module gets, and the api-v2 gate and error bodies they share. */
import type { ReplicaApp } from '../../app';
import type { Req, Res } from '../../http';
import type { Catalogue } from './catalogue';
import type { Lists } from './lists';
import type { ScMedia } from './media-assets';
import type { Serializer } from './serialize';
import type { ScState } from './state';

export const API_V2_HOST = 'api-v2.soundcloud.com';
export const API_V1_HOST = 'api.soundcloud.com';
/** The visitor's country in hydration `geoip` and in `track_authorization`. */
export const VIEWER_COUNTRY = 'GB';

export interface ScContext {
  app: ReplicaApp;
  cat: Catalogue;
  state: ScState;
  ser: Serializer;
  lists: Lists;
  media: ScMedia;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  422: 'Unprocessable Entity',
};

/** SoundCloud's JSON error body (official API shape; api-v2 answers alike for our purposes). */
export function apiError(res: Res, status: number, message = ''): Promise<void> {
  const text = STATUS_TEXT[status] ?? 'Error';
  return res.json(
    {
      code: status,
      message,
      link: 'https://developers.soundcloud.com/docs/api/explorer/open-api',
      status: `${status} - ${text}`,
      errors: message ? [{ error_message: message }] : [],
      error: null,
    },
    status,
  );
}

/** Every api-v2 call needs the current web client_id; anything else is a 401 (JSON). */
export async function clientIdOk(ctx: ScContext, req: Req, res: Res): Promise<boolean> {
  const id = req.query.get('client_id');
  if (id && id === ctx.state.clientId) return true;
  await apiError(res, 401, id ? 'invalid client_id' : 'client_id is required');
  return false;
}

/** CORS preflight answers for hosts the site calls with custom headers (Authorization). */
export function allowCors(ctx: ScContext, hosts: string[]): void {
  ctx.app.router.add(hosts, 'OPTIONS', /^\/.*$/, 'asset', (req, res) =>
    res
      .status(204)
      .header('access-control-allow-origin', req.header('origin') ?? '*')
      .header('access-control-allow-credentials', 'true')
      .header('access-control-allow-methods', 'GET, POST, PUT, DELETE, OPTIONS')
      .header('access-control-allow-headers', req.header('access-control-request-headers') ?? 'authorization, content-type')
      .header('access-control-max-age', '600')
      .send(Buffer.alloc(0)),
  );
}
