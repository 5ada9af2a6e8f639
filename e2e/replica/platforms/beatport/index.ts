/**
 * The Beatport replica: www.beatport.com pages (Next.js-shaped, with a SPA client), the v4 API on
 * api.beatport.com with its three ways to a token, previews on geo-samples, images on geo-media and
 * subscriber streams on needledrop. See fixtures.ts for the roles tests use.
 */
import type { ReplicaPlatform } from '../../app';
import { registerCatalogApi } from './api-catalog';
import { detail } from './api-common';
import { registerGenreApi } from './api-genres';
import { registerSearchApi } from './api-search';
import { registerTrackApi } from './api-tracks';
import { registerApiAuth } from './auth';
import { catalogue } from './catalogue';
import { registerControlRoutes } from './control-routes';
import { prepareMedia, registerMedia } from './media';
import { registerNeedledrop } from './needledrop';
import { clientBundle, registerPages } from './pages';
import { registerSiteAuth } from './site-auth';
import { authState } from './tokens';

export const beatport: ReplicaPlatform = {
  id: 'beatport',
  register(app) {
    catalogue();
    registerApiAuth(app);
    registerTrackApi(app);
    registerCatalogApi(app);
    registerGenreApi(app);
    registerSearchApi(app);
    registerMedia(app);
    registerNeedledrop(app);
    registerSiteAuth(app);
    registerControlRoutes(app);
    registerPages(app); // last: its catch-all answers every other www path
  },
  async prepare(app) {
    await Promise.all([prepareMedia(app), clientBundle()]);
  },
  async rateLimitResponse(res, retryAfterSec) {
    res.header('retry-after', String(retryAfterSec));
    await detail(res, 429, `Request was throttled. Expected available in ${retryAfterSec} seconds.`);
  },
  reset() {
    authState.reset();
  },
};
