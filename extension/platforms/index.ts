/** Every platform the background knows, keyed by id: the compiler rejects a missing one. */
import type { PlatformId } from '../../shared/platform';
import type { PlatformBackend } from './types';
import { soundcloud } from './soundcloud';
import { mixcloud } from './mixcloud';
import { beatport } from './beatport';

export const PLATFORMS: Record<PlatformId, PlatformBackend> = { soundcloud, mixcloud, beatport };
