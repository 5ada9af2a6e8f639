import type { ReplicaPlatform } from '../../app';

/** Placeholder: the mixcloud replica is being written. */
export const mixcloud: ReplicaPlatform = {
  id: 'mixcloud',
  register() {},
  async prepare() {},
  async rateLimitResponse(res, retryAfterSec) {
    await res.header('retry-after', String(retryAfterSec)).json({ error: 'rate limited' }, 429);
  },
  reset() {},
};
