/**
 * The Mixcloud replica: public API (api.mixcloud.com), GraphQL and oEmbed (app.mixcloud.com),
 * pages and OAuth (www.mixcloud.com), HLS/DASH/progressive audio (audioN/streamN.mixcloud.com)
 * and pictures (thumbnailer.mixcloud.com). State (tokens, codes, signatures, uploads) lives in
 * this module and is cleared by reset().
 */
import type { ReplicaApp, ReplicaPlatform } from '../../app';
import { registerApi } from './api';
import { catalogue } from './catalogue';
import { registerGraphql } from './graphql';
import type { GqlContext } from './graphql-nodes';
import { MixcloudMedia } from './media';
import type { McShow } from './model';
import { MixcloudAuth } from './oauth';
import { registerPages } from './pages';
import { dashUrl, hlsUrl, ProgressiveSigner } from './streams';
import { UploadHandler } from './upload';

export { MIXCLOUD_FIXTURES, MIXCLOUD_XOR_KEY } from './fixtures';

const cat = catalogue();
const auth = new MixcloudAuth(cat);
const signer = new ProgressiveSigner();
const uploads = new UploadHandler(cat, auth);
/** Media bindings per app: tests may start several replicas in one process. */
const mediaByApp = new WeakMap<ReplicaApp, MixcloudMedia>();

function mediaFor(app: ReplicaApp): MixcloudMedia {
  let media = mediaByApp.get(app);
  if (!media) {
    media = new MixcloudMedia(app, cat, signer);
    mediaByApp.set(app, media);
  }
  return media;
}

export const mixcloud: ReplicaPlatform = {
  id: 'mixcloud',

  register(app) {
    const makeContext = (): GqlContext => ({
      cat,
      viewer: null,
      streamUrls: (show: McShow) => ({ hlsUrl: hlsUrl(show), dashUrl: dashUrl(show), url: signer.sign(show, app.faults.config.expirySec) }),
    });
    mediaFor(app).register();
    registerGraphql(app, makeContext);
    registerApi(app, cat, auth, uploads);
    auth.register(app);
    uploads.register(app);
    registerPages(app, makeContext); // last: its catch-all must not shadow the routes above
  },

  async prepare(app) {
    await mediaFor(app).prepare();
  },

  async rateLimitResponse(res, retryAfterSec) {
    res.header('retry-after', String(retryAfterSec));
    await res.json(
      { error: { message: `You have hit your rate limit. Retry after ${retryAfterSec} seconds.`, type: 'RateLimitException', retry_after: retryAfterSec } },
      403,
    );
  },

  reset() {
    auth.reset();
    signer.reset();
    uploads.reset();
  },
};
