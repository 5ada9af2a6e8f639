/**
 * www.mixcloud.com pages, rendered on the server from the same GraphQL documents and render
 * functions the page client uses after load. The player starts with the page's show (or the first
 * show of its list); the queries the page was built from go into the inline `relay-data` blob.
 */
import { uploadPageHtml } from './upload-page';
import type { ReplicaApp } from '../../app';
import type { Req, Res } from '../../http';
import { clientBundle } from './client-bundle';
import type { GqlContext } from './graphql-nodes';
import { runQuery } from './graphql';
import { loadPage, playerCandidate, type RunQuery } from './page-model';
import { PLAYER_QUERY, type PlayerData } from './queries';
import { CLIENT_SCRIPT_PATH, renderDocument } from './render-shell';
import { routeOf } from './routes';

export const PAGE_HOSTS = ['www.mixcloud.com', 'm.mixcloud.com', 'beta.mixcloud.com'];
/** Who the player holds when a page has no show at all (search without results, 404). */
const FALLBACK_PLAYER_SHOW = { username: 'deepwavesradio', slug: 'sunday-selections-episode-12' };

export function registerPages(app: ReplicaApp, makeContext: (req: Req) => GqlContext): void {
  const r = app.router;
  r.get('mixcloud.com', /^\/.*$/, 'page', (req, res) => res.redirect(`https://www.mixcloud.com${req.path}${req.url.search}`, 301));
  r.get(PAGE_HOSTS, CLIENT_SCRIPT_PATH, 'asset', async (_req, res) => {
    res.header('cache-control', 'public, max-age=300');
    return res.text(await clientBundle(), 200, 'application/javascript; charset=utf-8');
  });
  r.get(PAGE_HOSTS, '/upload', 'page', (_req, res) => res.html(uploadPageHtml()));
  r.get(PAGE_HOSTS, /^\/.*$/, 'page', (req, res) => page(req, res, makeContext(req)));
}

async function page(req: Req, res: Res, ctx: GqlContext): Promise<void> {
  if (!req.path.endsWith('/')) return res.redirect(`https://${req.host}${req.path}/${req.url.search}`, 301);
  const relay: { operation: string; variables: unknown; data: unknown }[] = [];
  const run: RunQuery = async (body) => {
    const { body: result } = await runQuery(ctx, body);
    relay.push({ operation: /query (\w+)/.exec(body.query)?.[1] ?? 'query', variables: body.variables, data: result.data ?? null });
    return { data: (result.data as Record<string, unknown> | null | undefined) ?? null };
  };
  const model = await loadPage(routeOf(req.path, req.url.search), run);
  const candidate = playerCandidate(model) ?? FALLBACK_PLAYER_SHOW;
  const { data } = await run({ query: PLAYER_QUERY, variables: { lookup: candidate } });
  const player = (data?.cloudcastLookup as PlayerData | null | undefined) ?? null;
  const html = renderDocument({ model, url: `https://www.mixcloud.com${req.path}${req.url.search}`, player, relay });
  return res.html(html, model.kind === 'notFound' ? 404 : 200);
}
