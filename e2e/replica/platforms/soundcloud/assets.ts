/**
 * The web app's static files on a-v2.sndcdn.com: a vendor chunk, a module chunk and the app bundle
 * (the browser client, bundled with esbuild at first use and kept in memory) whose config carries
 * `,client_id:"<32 alnum>"` as the 2026 bundles do. The app bundle is the LAST script of every
 * page and its name changes with the client_id, so a rotated id means a new bundle to scrape.
 */
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Res } from '../../http';
import type { ScContext } from './context';
import { STYLESHEET } from './style';
import { ASSET_ORIGIN } from './urls';

export interface Bundle {
  name: string;
  body: string;
}

/** The value of window.__sc_version on every page (a build timestamp). */
export const APP_VERSION = '1775730350';

const hash8 = (s: string) => createHash('sha1').update(s).digest('hex').slice(0, 8);
const VENDOR = `/* replica vendor chunk */(self.webpackChunk_soundcloud_v2=self.webpackChunk_soundcloud_v2||[]).push([[53],{}]);`;
const MODULES = `/* replica module chunk */(self.webpackChunk_soundcloud_v2=self.webpackChunk_soundcloud_v2||[]).push([[2],{}]);`;
export const STYLESHEET_NAME = `app-${hash8(STYLESHEET)}.css`;
export const FAVICON_PATH = '/assets/images/sc-icons/favicon-2cadd14bdb.png';
/** A 16x16 orange square, so browsers find an icon instead of logging a 404. */
const FAVICON = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAF0lEQVR4nGP4H8pAEiJN9aiGUQ1DSgMAwJdUEIE4nN0AAAAASUVORK5CYII=', 'base64');

export class ScAssets {
  private clientCode?: Promise<string>;

  constructor(private readonly ctx: ScContext) {}

  /** esbuild output of client.ts, an IIFE exposing `scApp.boot(config)`. */
  private code(): Promise<string> {
    this.clientCode ??= build({
      entryPoints: [join(dirname(fileURLToPath(import.meta.url)), 'client.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: 'scApp',
      platform: 'browser',
      target: 'es2020',
      minify: true,
      logLevel: 'silent',
    }).then((out) => out.outputFiles[0]?.text ?? '');
    this.clientCode.catch(() => (this.clientCode = undefined));
    return this.clientCode;
  }

  /** The page's scripts in document order; the last one holds the client_id. */
  async bundles(): Promise<Bundle[]> {
    const config = `{env:"production",host:"soundcloud.com",api_v2_host:"api-v2.soundcloud.com",app_version:"${APP_VERSION}",client_id:"${this.ctx.state.clientId}",public_api_host:"api.soundcloud.com"}`;
    const app = `${await this.code()}\n;scApp.boot(${config});`;
    return [
      { name: `53-${hash8(VENDOR)}.js`, body: VENDOR },
      { name: `2-${hash8(MODULES)}.js`, body: MODULES },
      { name: `0-${hash8(app)}.js`, body: app },
    ];
  }

  async scriptUrls(): Promise<string[]> {
    return (await this.bundles()).map((b) => `${ASSET_ORIGIN}/assets/${b.name}`);
  }

  register(): void {
    const r = this.ctx.app.router;
    r.get('a-v2.sndcdn.com', '/assets/:name', 'asset', async (req, res) => {
      const bundle = (await this.bundles()).find((b) => b.name === req.params.name);
      if (!bundle) return res.text('Not Found', 404);
      return res.header('cache-control', 'max-age=31536000').text(bundle.body, 200, 'application/javascript; charset=utf-8');
    });
    r.get('a-v2.sndcdn.com', `/assets/css/${STYLESHEET_NAME}`, 'asset', (_req, res) =>
      res.header('cache-control', 'max-age=31536000').text(STYLESHEET, 200, 'text/css; charset=utf-8'),
    );
    const icon = (_req: unknown, res: Res) => res.header('content-type', 'image/png').header('cache-control', 'max-age=31536000').send(FAVICON);
    r.get('a-v2.sndcdn.com', FAVICON_PATH, 'asset', icon);
    r.get('soundcloud.com', '/favicon.ico', 'asset', icon);
  }
}
