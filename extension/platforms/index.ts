/** Every platform the background knows, keyed by id: the compiler rejects a missing one. */
import type { PlatformId } from '../../shared/platform';
import { DeckhandError } from '../../shared/errors';
import type { PlatformBackend } from './types';
import { soundcloud } from './soundcloud';

/** Downloads for these arrive with their platform's issue; until then they say so plainly. */
const notYet = (name: string): PlatformBackend => ({
  prepare: async () => {
    throw new DeckhandError('media.unsupported', `${name} downloads are not available in this version yet.`);
  },
  refresh: async () => {
    throw new DeckhandError('media.unsupported', `${name} downloads are not available in this version yet.`);
  },
  metadata: async () => {
    throw new DeckhandError('media.unsupported', `${name} is not available in this version yet.`);
  },
  refsFromUrl: async () => [],
});

export const PLATFORMS: Record<PlatformId, PlatformBackend> = {
  soundcloud,
  mixcloud: notYet('Mixcloud'),
  beatport: notYet('Beatport'),
};
