/**
 * One download in the host: fetch (parallel, resumable) into a part file while remuxing without
 * re-encoding, tag, write the finished file in the work folder and give it its name in the library
 * atomically, with a cue sheet beside it when the metadata has a tracklist. Nothing partial ever
 * appears at the final path, and a job killed at any point resumes where it was.
 */
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { buildCueSheet } from '../../../shared/cue';
import type { DownloadSpec, JobResult } from '../../../shared/download';
import { convertKey } from '../../../shared/keys';
import { buildTags } from '../../../shared/media/index';
import { headerAllowance } from '../../../shared/media/header-allowance';
import { earlierResult, recordResult } from './done-markers';
import { fetchArtwork } from './fetch-media';
import { finalTmpPath } from './final-file';
import { fetchHls } from './hls-fetch';
import type { FetchContext, JobDeps } from './job-context';
import { loadJournal, newJournal, saveJournal, streamKey, type Journal } from './journal';
import { candidateName, exists, libraryRoot, partsDir, planName, type PlannedName } from './library';
import { collectGarbage } from './memory';
import { PayloadWriter } from './payload-writer';
import { placeAudio, placeCue } from './placement';
import { finishOriginal } from './original-file';
import { fetchProgressive } from './progressive';
import { remuxProgressive } from './progressive-remux';
import { ProgressMeter } from './progress';
import { StreamSession } from './stream-session';
import { WorkLock } from './work-lock';

export type { JobDeps } from './job-context';

/** The journal to go on with: a fresh one unless it describes this job and its files are still there. */
async function journalFor(spec: DownloadSpec, work: string): Promise<Journal> {
  const journal = await loadJournal(work);
  const fresh = newJournal(spec.jobId, streamKey(spec.source.url));
  if (!journal || journal.jobId !== spec.jobId || journal.streamKey !== fresh.streamKey) return fresh;
  if (journal.phase === 'fetching') return journal;
  const placedSomewhere = (await exists(finalTmpPath(work))) || (journal.target !== undefined && (await exists(journal.target)));
  return placedSomewhere ? journal : fresh;
}

/** Fetch and remux into final.tmp; records the output's facts in the journal. */
async function produce(spec: DownloadSpec, deps: JobDeps, work: string, journal: Journal): Promise<void> {
  const meter = new ProgressMeter(spec.jobId, 0, deps.progress);
  // The cover loads beside the media (artwork never fails a download: firstArtwork settles).
  const artwork = fetchArtwork(deps.http, spec.artworkUrls ?? (spec.metadata.artworkUrl ? [spec.metadata.artworkUrl] : []), deps.signal);
  const keyNotation = spec.output.keyNotation ?? 'standard';
  const tags = artwork.then((cover) => buildTags(spec.metadata, { ...(cover ? { artwork: cover } : {}), keyNotation }));
  tags.catch(() => undefined);
  // The room for the header depends on the tags (the cover), so the first payload byte waits for
  // them: the same room on every run, so a resumed job writes the same file.
  const payload = PayloadWriter.create(work, async (output, durationSec) => headerAllowance(output, await tags, durationSec));
  try {
    const ctx: FetchContext = {
      spec,
      http: deps.http,
      session: new StreamSession(deps.http, spec.source.url, deps.refreshUrl, deps.signal),
      work,
      journal,
      payload,
      meter,
      signal: deps.signal,
    };
    if (spec.source.protocol === 'hls') {
      await fetchHls(ctx, spec.options?.concurrency ?? 6);
    } else {
      await fetchProgressive(ctx);
      if (spec.source.kind === 'original') {
        // The artist's file as it is: a WAV/AIFF/FLAC, or a classic M4A (AAC or ALAC, its edit list
        // kept), is tagged in its own container; an MP3 or a fragmented M4A original goes on below,
        // through the remuxer that keeps its codec.
        deps.progress(meter.snapshot('tagging'));
        const kept = await finishOriginal(work, await tags);
        if (kept) {
          journal.output = kept.output;
          journal.bytes = kept.bytes;
          if (kept.durationMs !== undefined) journal.durationMs = kept.durationMs;
          return;
        }
      }
      deps.progress(meter.snapshot('finishing'));
      journal.container = await remuxProgressive(work, spec.source.container, payload);
    }
    deps.progress(meter.snapshot('tagging'));
    const finalTags = await tags;
    collectGarbage(); // the header is built in one go: let it reuse what the fetch left behind
    deps.progress(meter.snapshot('finishing'));
    const result = await payload.finish(finalTags);
    journal.output = result.container;
    journal.bytes = result.header.length + result.payloadBytes;
    journal.durationMs = Math.round(result.durationSec * 1000);
  } finally {
    await payload.close();
  }
}

function cueSheetFor(spec: DownloadSpec, audio: string, journal: Journal): string | undefined {
  const meta = spec.metadata;
  return buildCueSheet({
    title: meta.title,
    ...(meta.artists?.length ? { performer: meta.artists.join(', ') } : {}),
    fileName: path.basename(audio),
    // A cue sheet names MP3 files MP3 and every other audio file WAVE.
    format: (journal.output ?? spec.output.format) === 'mp3' ? 'mp3' : 'm4a',
    chapters: meta.chapters ?? [],
    ...(journal.durationMs !== undefined ? { durationMs: journal.durationMs } : {}),
    ...(meta.genre ? { genre: meta.genre } : {}),
    ...(meta.releaseDate ? { date: meta.releaseDate } : {}),
    url: meta.url,
    keyNotation: spec.output.keyNotation,
  });
}

/**
 * How long a start waits for another live process to let go of the job's folder. A host whose
 * browser closed exits within about 10 s (5 s for running handlers, 5 s to flush: main.ts).
 */
const OWNER_EXIT_WAIT_MS = 15_000;

export async function runHostDownload(spec: DownloadSpec, deps: JobDeps): Promise<JobResult> {
  const root = await libraryRoot(spec, deps.defaultRoot);
  const work = partsDir(root, spec.jobId);
  await mkdir(work, { recursive: true });
  // Everything below reads or writes the work folder: only as its one owner (job.busy otherwise).
  // After a browser restart the old host may still be closing for a few seconds: wait for it.
  const lock = await WorkLock.acquire(work, { waitMs: OWNER_EXIT_WAIT_MS }).catch(async (err: unknown) => {
    // The owner we waited for finished and removed the folder: take a new one (its result is found below).
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    await mkdir(work, { recursive: true });
    return WorkLock.acquire(work);
  });
  try {
    return await runLocked(spec, deps, root, work);
  } finally {
    await lock.release();
  }
}

async function runLocked(spec: DownloadSpec, deps: JobDeps, root: string, work: string): Promise<JobResult> {
  const earlier = await earlierResult(root, spec.jobId);
  if (earlier) {
    // A run killed after recording its result but before removing its work folder left the part
    // file and final.tmp behind (twice the file's size): nothing will resume from them any more.
    await rm(work, { recursive: true, force: true });
    return earlier;
  }
  const keyNotation = spec.output.keyNotation ?? 'standard';
  const planned = await planName(spec, root, spec.output.format, (k) => convertKey(k, keyNotation) ?? k);
  const policy = spec.output.onExists ?? 'rename';
  const journal = await journalFor(spec, work);

  if (journal.phase === 'fetching') {
    const first = candidateName(planned, 1);
    if (policy === 'skip' && (await exists(first))) {
      await rm(work, { recursive: true, force: true });
      return { jobId: spec.jobId, path: first, bytes: (await stat(first)).size, skipped: true };
    }
    await produce(spec, deps, work, journal);
  }
  // The remuxer decides the container (an MP3 stream stays MP3): it names the file.
  const name: PlannedName = { ...planned, ext: journal.output ?? planned.ext };
  const tmp = finalTmpPath(work);
  const chapters = spec.metadata.chapters ?? [];
  const audio = await placeAudio({ work, journal, name, policy, tmp, withCue: chapters.length > 0 });
  if (!audio) {
    const taken = candidateName(name, 1);
    await rm(work, { recursive: true, force: true });
    return { jobId: spec.jobId, path: taken, bytes: (await stat(taken)).size, skipped: true };
  }
  journal.phase = 'placed';
  journal.target = audio;
  await saveJournal(work, journal);

  const cueText = cueSheetFor(spec, audio, journal);
  const cue = cueText ? await placeCue(work, audio, cueText, policy) : undefined;
  const result: JobResult = {
    jobId: spec.jobId,
    path: audio,
    bytes: journal.bytes ?? (await stat(audio)).size,
    ...(journal.durationMs !== undefined ? { durationMs: journal.durationMs } : {}),
    ...(cue ? { extraFiles: [cue] } : {}),
  };
  await recordResult(root, result);
  await rm(work, { recursive: true, force: true });
  return result;
}
