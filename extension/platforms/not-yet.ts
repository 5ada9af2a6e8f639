/** A platform whose downloads have not landed yet says so plainly instead of failing obscurely. */
import { DeckhandError } from '../../shared/errors';
import type { PlatformBackend } from './types';

export function notYet(name: string): PlatformBackend {
  const refuse = async (): Promise<never> => {
    throw new DeckhandError('media.unsupported', `${name} downloads are not available in this version yet.`);
  };
  return { prepare: refuse, refresh: refuse, metadata: refuse, refsFromUrl: async () => [] };
}
