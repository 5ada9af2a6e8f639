/**
 * The SoundCloud replica: soundcloud.com pages with hydration, the a-v2 web app, api-v2 (client_id
 * gated), transcoding resolution and the signed media CDNs, artwork, OAuth 2.1 on
 * secure.soundcloud.com, the official API and test controls. See fixtures.ts for the catalogue roles.
 */
import type { ReplicaApp, ReplicaPlatform } from '../../app';
import { registerApi } from './api';
import { registerListApi } from './api-lists';
import { ScAssets } from './assets';
import { registerAuth } from './auth';
import { registerCdn } from './cdn';
import { VIEWER_COUNTRY, type ScContext } from './context';
import { registerControl } from './control';
import { registerImages } from './images';
import { catalogue, scState } from './instance';
import { Lists } from './lists';
import { ScMedia } from './media-assets';
import { registerOfficialApi } from './official-api';
import { registerPages } from './pages';
import { Serializer } from './serialize';
import { registerStreams } from './streams';

export { SOUNDCLOUD_FIXTURES } from './fixtures';

const contexts = new WeakMap<ReplicaApp, ScContext>();

function contextOf(app: ReplicaApp): ScContext {
  let ctx = contexts.get(app);
  if (!ctx) {
    const ser = new Serializer(catalogue, () => scState.trackAuthorization(VIEWER_COUNTRY, undefined));
    ctx = { app, cat: catalogue, state: scState, ser, lists: new Lists(catalogue, ser), media: new ScMedia(app, catalogue) };
    contexts.set(app, ctx);
  }
  return ctx;
}

export const soundcloud: ReplicaPlatform = {
  id: 'soundcloud',
  register(app) {
    const ctx = contextOf(app);
    registerControl(ctx);
    registerStreams(ctx);
    registerApi(ctx);
    registerListApi(ctx);
    registerCdn(ctx);
    registerImages(ctx);
    registerAuth(ctx);
    registerOfficialApi(ctx);
    const assets = new ScAssets(ctx);
    assets.register();
    registerPages(ctx, assets);
  },
  async prepare(app) {
    await contextOf(app).media.prepare();
  },
  /** The current OpenAPI 429 body; SoundCloud sends no Retry-After. */
  async rateLimitResponse(res) {
    await res.json(
      {
        code: 429,
        message: 'Too Many Requests',
        link: 'https://developers.soundcloud.com/docs/api/rate-limits#play-requests',
        spam_warning_urn: 'soundcloud:spam-warnings:rate-limit',
      },
      429,
    );
  },
  reset() {
    scState.reset();
  },
};
