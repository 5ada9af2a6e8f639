/**
 * Run one job: ask the platform for metadata and a source, then hand the same spec to the native
 * host (preferred: any size, any folder, resumable) or to the in-browser path (short items only).
 * Upload jobs go to the upload runner (upload-run.ts).
 */
import { browser } from 'wxt/browser';
import { DeckhandError } from '../../shared/errors';
import type { DownloadSpec } from '../../shared/download';
import type { NativeHost } from '../core/native';
import { getSettings, type Settings } from '../core/settings';
import type { JobRecord } from '../core/db';
import { PLATFORMS } from '../platforms';
import type { PreparedDownload } from '../platforms/types';
import { withSetPosition } from './set-position';
import type { ExecuteResult, JobControl, UploadResult } from './queue';
import { saveInBrowser } from './save-in-browser';
import { enrichMetadata } from './enrich-download';
import { backgroundEnricher } from './enrich-handlers';
import { runOnHost } from './host-run';
import { createUploadRunner } from './upload-run';
import { UploadPages } from './upload-page-link';

/** Jobs being executed, so the host's stream.refresh can find what to resolve again. */
const active = new Map<string, { job: JobRecord; prepared: PreparedDownload }>();

/** Rough size from duration and a generous bitrate, to keep long shows off the in-browser path. */
function estimatedBytes(prepared: PreparedDownload): number {
  return ((prepared.metadata.durationMs ?? 0) / 1000) * (320_000 / 8);
}

export function buildSpec(jobId: string, prepared: PreparedDownload, settings: Settings, root?: string): DownloadSpec {
  return {
    jobId,
    source: prepared.source,
    metadata: prepared.metadata,
    artworkUrls: prepared.artworkUrls.slice(0, 8),
    output: {
      ...(root ? { root } : {}),
      template: settings.template,
      format: prepared.format,
      onExists: settings.onExists,
      keyNotation: settings.keyNotation,
    },
    options: { concurrency: settings.segmentConcurrency },
  };
}

export async function refreshStream(jobId: string): Promise<{ url: string }> {
  const entry = active.get(jobId);
  if (!entry) throw new DeckhandError('not-found', `No running job ${jobId}.`);
  const source = await PLATFORMS[entry.job.ref.platform].refresh(entry.job.ref, entry.prepared);
  entry.prepared.source = source;
  return { url: source.url };
}

export function createExecutor(host: NativeHost) {
  // Upload pages connect to the worker that runs their jobs; registered with the executor, at start-up.
  const uploadPages = new UploadPages();
  browser.runtime.onConnect.addListener((port) => uploadPages.accept(port));
  const runUpload = createUploadRunner(host, uploadPages);
  return async (job: JobRecord, ctl: JobControl): Promise<ExecuteResult | UploadResult> => {
    if (job.kind === 'upload') return runUpload(job, ctl);
    const settings = await getSettings();
    const prepared = await PLATFORMS[job.ref.platform].prepare(job.ref);
    prepared.metadata = withSetPosition(prepared.metadata, job.ref);
    // Beatport's BPM/key/genre/label…: never fails the download; the note says what happened.
    const enriched = await enrichMetadata(prepared.metadata, backgroundEnricher, settings);
    prepared.metadata = enriched.metadata;
    // The platform's word on the source (why not the original file) comes first.
    const notes = [prepared.note, enriched.note].filter((n): n is string => !!n);
    if (notes.length) job.note = notes.join(' ');
    active.set(job.id, { job, prepared });
    try {
      if (settings.nativeHost !== 'never') {
        try {
          await host.connect();
          const spec = buildSpec(job.id, prepared, settings, settings.libraryRoot || undefined);
          job.spec = spec;
          return { path: await runOnHost(host, spec, ctl), via: 'host' };
        } catch (err) {
          const e = DeckhandError.from(err);
          if (e.code !== 'host.missing') throw e;
        }
      }
      if (prepared.source.kind === 'original') {
        // The browser path remuxes streams only: without the host, take the stream instead.
        const stream = await PLATFORMS[job.ref.platform].prepare(job.ref, { streamOnly: true });
        prepared.source = stream.source;
        prepared.format = stream.format;
        if (stream.streamId) prepared.streamId = stream.streamId;
        else delete prepared.streamId;
        job.note = ['Saved the stream: the original file needs the native host (Options → Native host).', enriched.note].filter(Boolean).join(' ');
      }
      if (estimatedBytes(prepared) > settings.browserMaxBytes) {
        throw new DeckhandError('job.too-large', 'This item is long: install the Deckhand native host (Options → Native host) to download it.');
      }
      const spec = buildSpec(job.id, prepared, settings);
      job.spec = spec;
      const path = await saveInBrowser(spec, settings.browserFolder, {
        signal: ctl.signal,
        progress: ctl.progress,
        refresh: async () => (await refreshStream(job.id)).url,
      });
      return { path, via: 'browser' };
    } finally {
      active.delete(job.id);
    }
  };
}
