/**
 * www.beatport.com: server-rendered pages (with an optional locale prefix), the /_next/data JSON the
 * client fetches on navigation, the client bundle and stylesheet, and two real blocks: Cloudflare's
 * challenge for scripted fetches (off by default) and the 403 site search gives for more than one
 * "(" in the query.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import type { ReplicaApp } from '../../app';
import type { Req, Res } from '../../http';
import { renderDocument } from './document';
import { anonSessionJson, buildPageProps } from './next-data';
import { WWW_HOST } from './reference';
import { renderPage } from './render-pages';
import { parseNextDataPath, parsePagePath, type PageRoute } from './routes';
import { SITE_SESSION_COOKIE } from './site-auth';
import { STYLESHEET } from './styles';
import { authState } from './tokens';

/** Next.js build id of the replica site (the real one changes with every deploy). */
export const BUILD_ID = 'RpLc4Bp7goWk4B7063GKj';
const SCRIPT_SRC = `/_next/static/${BUILD_ID}/replica-app.js`;
const CSS_HREF = `/_next/static/css/replica-${BUILD_ID.slice(0, 8).toLowerCase()}.css`;

let bundle: Promise<string> | undefined;
/** The browser client, bundled once per process with esbuild. */
export function clientBundle(): Promise<string> {
  bundle ??= build({
    entryPoints: [fileURLToPath(new URL('./client.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    logLevel: 'silent',
  }).then((out) => out.outputFiles[0]?.text ?? '');
  return bundle;
}

function challenge(res: Res): Promise<void> {
  return res
    .header('server', 'cloudflare')
    .header('cf-mitigated', 'challenge')
    .html('<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title></head><body><div id="challenge-body-text">www.beatport.com needs to review the security of your connection before proceeding.</div></body></html>', 403);
}

/** Cloudflare in front of www blocks clients that do not look like a browser (when switched on). */
function blockedByCloudflare(req: Req): boolean {
  return authState.settings.cloudflareChallenge && !/Mozilla\//.test(req.header('user-agent') ?? '');
}

function tooManyParens(route: PageRoute): boolean {
  return (route.kind === 'search' || route.kind === 'searchTracks') && ((route.query.q ?? '').match(/\(/g)?.length ?? 0) > 1;
}

async function page(req: Req, res: Res): Promise<void> {
  if (blockedByCloudflare(req)) return challenge(res);
  const user = authState.siteSessionUser(req.cookies[SITE_SESSION_COOKIE]);
  const found = parsePagePath(req.path, req.query);
  const route: PageRoute = found ?? { kind: 'home', page: '/404', query: {}, locale: 'en', path: req.path };
  if (found && tooManyParens(found)) return res.header('server', 'cloudflare').html('<!DOCTYPE html><html><head><title>403 Forbidden</title></head><body><h1>403 Forbidden</h1></body></html>', 403);
  const anon = authState.mint('anon');
  const props = found ? buildPageProps(found, anon, BUILD_ID) : ({ notFound: true } as const);
  res.header('server', 'cloudflare').header('cache-control', 'private, no-cache, no-store, max-age=0, must-revalidate');
  if ('notFound' in props) {
    const view = { title: '404: This page could not be found', main: '<h1>Page not found</h1><p>The page you were looking for does not exist.</p>' };
    const html = renderDocument({ route, view, pageProps: { anonSession: anonSessionJson(anon) }, buildId: BUILD_ID, cssHref: CSS_HREF, scriptSrc: SCRIPT_SRC, user, status: 404 });
    return res.html(html, 404);
  }
  const view = renderPage(found as PageRoute, props.pageProps);
  await res.html(renderDocument({ route, view, pageProps: props.pageProps, buildId: BUILD_ID, cssHref: CSS_HREF, scriptSrc: SCRIPT_SRC, user, status: 200 }));
}

async function nextData(req: Req, res: Res): Promise<void> {
  const parsed = parseNextDataPath(req.path, req.query);
  // A stale build id is a 404: the Next.js client then reloads the page from the server.
  if (!parsed || parsed.buildId !== BUILD_ID || !parsed.route) return res.json({ notFound: true }, 404);
  const props = buildPageProps(parsed.route, authState.mint('anon'), BUILD_ID);
  if ('notFound' in props) return res.json({ notFound: true }, 404);
  res.header('x-nextjs-page', parsed.route.page).header('cache-control', 'private, no-cache, no-store, max-age=0, must-revalidate');
  await res.json({ pageProps: props.pageProps, __N_SSP: true });
}

export function registerPages(app: ReplicaApp): void {
  const r = app.router;
  r.get(WWW_HOST, /^\/_next\/data\/.+\.json$/, 'page', nextData);
  r.get(WWW_HOST, SCRIPT_SRC, 'asset', async (_req, res) => res.text(await clientBundle(), 200, 'application/javascript; charset=utf-8'));
  r.get(WWW_HOST, CSS_HREF, 'asset', (_req, res) => res.text(STYLESHEET, 200, 'text/css; charset=utf-8'));
  r.get(WWW_HOST, '/favicon.ico', 'asset', (_req, res) => res.status(204).send(Buffer.alloc(0)));
  r.get('beatport.com', /^\/.*$/, 'page', (req, res) => res.redirect(`https://${WWW_HOST}${req.url.pathname}${req.url.search}`, 301));
  // Everything else on www is a page (registered last: specific www routes come first).
  r.get(WWW_HOST, /^\/.*$/, 'page', page);
}
