import type { ReplicaPlatform } from '../../app';

/** Placeholder: the beatport replica is being written. */
export const beatport: ReplicaPlatform = {
  id: 'beatport',
  register() {},
  async prepare() {},
  async rateLimitResponse(res, retryAfterSec) {
    await res.header('retry-after', String(retryAfterSec)).json({ error: 'rate limited' }, 429);
  },
  reset() {},
};
