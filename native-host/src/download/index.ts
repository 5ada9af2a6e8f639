/**
 * Download actions (download.start, download.cancel). Owned by the download engine; main.ts only
 * calls registerDownloadActions. (Placeholder until the engine lands.)
 */
import type { Rpc } from '../rpc';
import type { HostConfig } from '../config';

export function registerDownloadActions(_rpc: Rpc, _config: HostConfig): void {}
