/**
 * Download actions: download.start runs a job in the background of the host and reports with
 * job.progress / job.done / job.failed events; download.cancel stops it and removes its part files.
 * A job's work folder has one owner at a time (work-lock.ts): another host process gets job.busy.
 * When the browser goes away the jobs stop but keep their part files, so the queue resumes them.
 */
import { DeckhandError } from '../../../shared/errors';
import { HostActionParams } from '../../../shared/native-protocol';
import type { Rpc } from '../rpc';
import type { HostConfig } from '../config';
import { HttpClient } from './net';
import { runHostDownload } from './job';
import { libraryRoot, partsDir, partsFolderName } from './library';
import { PartsJanitor } from './cleanup';
import { resolveLibraryRoot } from '../library-root';
import { tuneMemoryForStreaming } from './memory';
import { removeWorkFolder } from './work-lock';

/** How long download.pause waits for a stopped job to close its files before answering. */
const PAUSE_SETTLE_MS = 10_000;

interface Running {
  controller: AbortController;
  cancelled: boolean;
}

export function registerDownloadActions(rpc: Rpc, config: HostConfig): void {
  tuneMemoryForStreaming();
  const http = new HttpClient(config.resolve);
  const running = new Map<string, Running>();
  const janitor = new PartsJanitor((folder) => [...running.keys()].some((jobId) => partsFolderName(jobId) === folder));
  // Part folders of jobs abandoned long ago go when the host starts (download.start waits for it).
  janitor.sweep(config.defaultLibraryRoot, config.abandonedPartsDays).catch(() => undefined);

  rpc.handle('download.start', HostActionParams['download.start'], async ({ spec }, ctx) => {
    if (running.has(spec.jobId)) return { accepted: true, alreadyRunning: true };
    const entry: Running = { controller: new AbortController(), cancelled: false };
    running.set(spec.jobId, entry);
    await janitor.idle(); // a sweep that judged this job's folder abandoned finishes first
    ctx.log.info('download.start', { jobId: spec.jobId, url: spec.source.url.split('?')[0], template: spec.output.template });
    void runHostDownload(spec, {
      http,
      defaultRoot: config.defaultLibraryRoot,
      signal: entry.controller.signal,
      refreshUrl: async () => {
        const answer = (await rpc.call('stream.refresh', { jobId: spec.jobId }, 60_000)) as { url?: unknown };
        if (typeof answer?.url !== 'string') throw new DeckhandError('stream.expired', 'The extension returned no fresh URL.');
        ctx.log.info('stream.refreshed', { jobId: spec.jobId });
        return answer.url;
      },
      progress: (p) => rpc.emit('job.progress', p),
    })
      .then((result) => {
        ctx.log.info('download.done', { jobId: spec.jobId, path: result.path, bytes: result.bytes });
        rpc.emit('job.done', result);
      })
      .catch(async (err: unknown) => {
        const error = entry.cancelled ? new DeckhandError('job.cancelled') : DeckhandError.from(err);
        ctx.log.warn('download.failed', { jobId: spec.jobId, code: error.code, message: error.message });
        if (entry.cancelled || !error.expected) {
          // A cancelled or permanently failed job leaves nothing behind; an interrupted one keeps its parts.
          const root = await libraryRoot(spec, config.defaultLibraryRoot).catch(() => undefined);
          if (root && (entry.cancelled || error.code.startsWith('media.') || error.code.startsWith('library.'))) {
            // Not if another host process has taken the folder since (job.busy): its files stay.
            await removeWorkFolder(partsDir(root, spec.jobId)).catch(() => undefined);
          }
        }
        rpc.emit('job.failed', { jobId: spec.jobId, error: error.toJSON() });
      })
      .finally(() => running.delete(spec.jobId));
    return { accepted: true };
  });

  rpc.handle('download.cancel', HostActionParams['download.cancel'], async ({ jobId, root }) => {
    const entry = running.get(jobId);
    if (!entry) {
      // A paused (not running) job: its kept part files go now rather than waiting for the janitor,
      // unless another host process is running it (refused with job.busy).
      const base = root ? resolveLibraryRoot(root) : config.defaultLibraryRoot;
      await removeWorkFolder(partsDir(base, jobId)).catch((err: unknown) => {
        if (DeckhandError.from(err).code === 'job.busy') throw err;
      });
      return { cancelled: false };
    }
    entry.cancelled = true;
    entry.controller.abort();
    return { cancelled: true };
  });

  // Pause stops a job the way a closing browser does (not marked cancelled), so its part files stay.
  rpc.handle('download.pause', HostActionParams['download.pause'], async ({ jobId }) => {
    const entry = running.get(jobId);
    if (!entry) return { paused: false };
    entry.controller.abort();
    // Answer once the job has let go of its files: a start right after must resume, not find it running.
    for (let waited = 0; running.get(jobId) === entry && waited < PAUSE_SETTLE_MS; waited += 25) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return { paused: true };
  });

  rpc.handle('download.cleanup', HostActionParams['download.cleanup'], async (params, ctx) => {
    const root = params?.root ? resolveLibraryRoot(params.root) : config.defaultLibraryRoot;
    const result = await janitor.sweep(root, params?.olderThanDays ?? config.abandonedPartsDays);
    ctx.log.info('download.cleanup', { root, removed: result.removed.length, freedBytes: result.freedBytes });
    return result;
  });

  void rpc.closed.then(() => {
    for (const entry of running.values()) entry.controller.abort();
    http.destroy();
  });
}
