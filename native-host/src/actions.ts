/** The host's own actions: hello, ping and library.info (download.* come from the download engine; library.list/tags and upload.* from upload/). */
import { constants } from 'node:fs';
import { access, stat, statfs } from 'node:fs/promises';
import path from 'node:path';
import { DeckhandError } from '../../shared/errors';
import { HostActionParams, type HelloResult, type LibraryInfo } from '../../shared/native-protocol';
import type { HostConfig } from './config';
import { resolveLibraryRoot } from './library-root';
import type { Rpc } from './rpc';
import { registerUploadActions } from './upload/index';
import { registerTaggingActions } from './tagging/index';

/** Protocol versions are integers today; a future 1.x stays compatible with 1, 2 does not. */
function majorOf(version: number): number {
  return Math.floor(version);
}

export function registerCoreActions(rpc: Rpc, config: HostConfig): void {
  rpc.handle('hello', HostActionParams.hello, async (params, { log }) => {
    log.info('hello', { protocol: params.protocol, extensionVersion: params.extensionVersion });
    if (majorOf(params.protocol) !== majorOf(config.protocol)) {
      const older = majorOf(params.protocol) > majorOf(config.protocol);
      throw new DeckhandError(
        'host.version',
        `The extension speaks protocol ${params.protocol}; this host (${config.hostVersion}) speaks ${config.protocol}. ` +
          (older ? 'Update the Deckhand native host.' : 'Update the Deckhand extension.'),
      );
    }
    const result: HelloResult = {
      protocol: config.protocol,
      hostVersion: config.hostVersion,
      os: process.platform,
      defaultLibraryRoot: config.defaultLibraryRoot,
      capabilities: rpc.actions(),
    };
    return result;
  });

  rpc.handle('ping', HostActionParams.ping, async () => ({ pong: true, time: Date.now() }));

  rpc.handle('library.info', HostActionParams['library.info'], async (params) =>
    libraryInfo(params.root ?? config.defaultLibraryRoot),
  );

  registerUploadActions(rpc, config);
  registerTaggingActions(rpc, config);
}

/** The folder itself when it exists, else its nearest existing ancestor (where it would be created). */
async function nearestExisting(dir: string): Promise<string> {
  let current = dir;
  for (;;) {
    try {
      await stat(current);
      return current;
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return current;
      current = parent;
    }
  }
}

export async function libraryInfo(rootParam: string): Promise<LibraryInfo> {
  const root = resolveLibraryRoot(rootParam);
  const rootStat = await stat(root).catch(() => undefined);
  const exists = rootStat?.isDirectory() === true;
  // A file where the folder should be cannot become a library; otherwise ask the nearest real folder.
  const probe = exists ? root : rootStat ? undefined : await nearestExisting(root);
  let writable = false;
  let freeBytes: number | undefined;
  if (probe !== undefined) {
    writable = await access(probe, constants.W_OK).then(
      () => true,
      () => false,
    );
    // statfs arrived in Node 18.15; the engines field allows no older Node, but a stray one should still answer.
    const fsStats = typeof statfs === 'function' ? await statfs(probe).catch(() => undefined) : undefined;
    if (fsStats) freeBytes = Number(fsStats.bavail) * Number(fsStats.bsize);
  }
  return { root, exists, writable, ...(freeBytes !== undefined ? { freeBytes } : {}) };
}
