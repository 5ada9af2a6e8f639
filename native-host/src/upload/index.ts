/**
 * Library and upload actions. library.list / library.tags let the upload page pick a file from the
 * library and pre-fill the form; upload.start streams that file to a platform in a multipart request
 * the extension built (with the token: the host never stores it), reporting upload.progress and
 * ending with upload.done (the HTTP answer) or upload.failed; upload.cancel stops it.
 */
import path from 'node:path';
import { DeckhandError } from '../../../shared/errors';
import { HostActionParams, type UploadDoneEvent, type UploadProgressEvent } from '../../../shared/native-protocol';
import type { HostConfig } from '../config';
import { parseResolve } from '../download/resolve';
import type { Rpc } from '../rpc';
import { libraryFile, listLibrary } from './library-files';
import { buildMultipart } from './multipart';
import { sendMultipart } from './send';
import { readLibraryTags } from './tags';

export function registerUploadActions(rpc: Rpc, config: HostConfig): void {
  const rules = parseResolve(config.resolve);
  const running = new Map<string, AbortController>();
  const rootOf = (root: string | undefined) => root || config.defaultLibraryRoot;

  rpc.handle('library.list', HostActionParams['library.list'], async ({ root }) => listLibrary(rootOf(root)));

  rpc.handle('library.tags', HostActionParams['library.tags'], async ({ root, path: relative }) => {
    const file = await libraryFile(rootOf(root), relative);
    return { tags: await readLibraryTags(file.path), size: file.size };
  });

  rpc.handle('upload.start', HostActionParams['upload.start'], async ({ jobId, root, request }, ctx) => {
    if (running.has(jobId)) throw new DeckhandError('input.invalid', `Upload ${jobId} is already running.`);
    // Registered before the first await: an upload.cancel arriving while the file is looked up must
    // find it (sendMultipart then stops at once), or the upload would go out after its cancel.
    const controller = new AbortController();
    running.set(jobId, controller);
    let file: { path: string; size: number };
    try {
      file = await libraryFile(rootOf(root), request.path);
    } catch (err) {
      running.delete(jobId);
      throw err;
    }
    const body = buildMultipart(request, { ...file, name: path.basename(file.path) });
    ctx.log.info('upload.start', { jobId, url: request.url.split('?')[0], bytes: body.length });
    void sendMultipart({
      url: request.url,
      method: request.method,
      headers: request.headers,
      body,
      rules,
      signal: controller.signal,
      progress: (sent, total) => rpc.emit('upload.progress', { jobId, sent, total } satisfies UploadProgressEvent),
    })
      .then((answer) => {
        ctx.log.info('upload.done', { jobId, status: answer.status });
        rpc.emit('upload.done', { jobId, ...answer } satisfies UploadDoneEvent);
      })
      .catch((err: unknown) => {
        const error = DeckhandError.from(err);
        ctx.log.warn('upload.failed', { jobId, code: error.code, message: error.message });
        rpc.emit('upload.failed', { jobId, error: error.toJSON() });
      })
      .finally(() => running.delete(jobId));
    return { accepted: true, bytes: body.length };
  });

  rpc.handle('upload.cancel', HostActionParams['upload.cancel'], async ({ jobId }) => {
    const controller = running.get(jobId);
    controller?.abort();
    return { cancelled: !!controller };
  });
}
