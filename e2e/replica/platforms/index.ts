import type { PlatformId } from '../../../shared/platform';
import type { ReplicaPlatform } from '../app';
import { soundcloud } from './soundcloud';
import { mixcloud } from './mixcloud';
import { beatport } from './beatport';

export const PLATFORMS: Record<PlatformId, ReplicaPlatform> = { soundcloud, mixcloud, beatport };
