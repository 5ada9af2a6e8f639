import type { ReplicaPlatform } from '../../app';

/** Placeholder: the soundcloud replica is being written. */
export const soundcloud: ReplicaPlatform = {
  id: 'soundcloud',
  register() {},
  async prepare() {},
  async rateLimitResponse(res, retryAfterSec) {
    await res.header('retry-after', String(retryAfterSec)).json({ error: 'rate limited' }, 429);
  },
  reset() {},
};
