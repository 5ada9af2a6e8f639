/**
 * Crash safety of finishing, deterministically: kill-resume.test.ts kills the real host at random
 * moments, and the last milliseconds of a job (header, placement, cue sheet, done marker, cleanup)
 * are rarely hit. Here the job runs in-process on a node:fs/promises that "dies" before its Nth
 * disk operation (test-support/crash-fs.ts), for every N from the moment the job reports
 * finishing/tagging to its end; a fresh run then resumes and must give the files of an
 * uninterrupted download, nothing else in the library, and no work folder left behind.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startReplica, type Replica } from '../../../e2e/replica/server';
import { removeTempDirs, tempDir } from '../../test/host-process';
import { runHostDownload } from './job';
import { HttpClient } from './net';
import { crash } from './test-support/crash-fs';
import { filesUnder, metadataFor, resolveStream, sha256, specFor, type StreamKind } from './test-support/harness';

vi.mock('node:fs/promises', async () => (await import('./test-support/crash-fs')).crashingFsPromises());

/** Bytes reserved for the header while set: too few, so finish() moves the payload behind it (payload.bin). */
const tooSmallRoom = vi.hoisted(() => ({ bytes: undefined as number | undefined }));
vi.mock('../../../shared/media/header-allowance', async (importActual) => {
  const actual = await importActual<typeof import('../../../shared/media/header-allowance')>();
  return { headerAllowance: (...a: Parameters<typeof actual.headerAllowance>) => tooSmallRoom.bytes ?? actual.headerAllowance(...a) };
});

let replica: Replica;
let http: HttpClient;
const tlsCheck = process.env.NODE_TLS_REJECT_UNAUTHORIZED;

beforeAll(async () => {
  // The in-process client cannot be given the replica's CA (NODE_EXTRA_CA_CERTS is read at start);
  // it only ever talks to the replica on loopback here.
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
  replica = await startReplica({ port: 0 });
  replica.app.faults.set({ latencyMs: 0, bandwidth: 0, progressiveThrottleAfter: 0 });
  http = new HttpClient(replica.resolveEnv);
});
afterAll(async () => {
  http.destroy();
  await replica.stop();
  removeTempDirs();
  if (tlsCheck === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  else process.env.NODE_TLS_REJECT_UNAUTHORIZED = tlsCheck;
});

async function download(kind: StreamKind, library: string, jobId: string) {
  const spec = specFor(jobId, await resolveStream(replica, kind), kind, metadataFor(kind));
  spec.options = { concurrency: 2 };
  return runHostDownload(spec, {
    http,
    defaultRoot: library,
    refreshUrl: () => Promise.reject(new Error('no refresh expected')),
    progress: (p) => {
      if (p.phase === 'tagging' || p.phase === 'finishing') crash.armed = true;
    },
    signal: new AbortController().signal,
  });
}

/** Resolves false once the simulated process died, true if the run ended first. */
function finishedBeforeCrash(run: Promise<unknown>): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => crash.crashed && (clearInterval(poll), resolve(false)), 2);
    run.then(
      () => (clearInterval(poll), resolve(true)),
      (err: unknown) => (clearInterval(poll), reject(err)),
    );
  });
}

/** Files in the library outside the work folders. */
const libraryFiles = (library: string) => filesUnder(library).filter((f) => !f.startsWith('.deckhand/'));

// mc-hls: payload in the reserved room (sized from the playlist), cue sheet. mc-progressive: the
// room sized from the fragment headers of the downloaded file (fragment-duration.ts). "moved":
// a room too small for the header, so finish() renames final.tmp to payload.bin and copies it
// behind the header (no real source takes that path any more: every one now has a duration).
describe.each<[StreamKind, 'reserved' | 'moved']>([
  ['mc-hls', 'reserved'],
  ['mc-progressive', 'reserved'],
  ['mc-progressive', 'moved'],
  ['sc-mp3-progressive', 'moved'],
])('%s (payload %s) killed before any disk operation of finishing', (kind, payload) => {
  it('resumes to the same files, with nothing left over', async () => {
    tooSmallRoom.bytes = payload === 'moved' ? 64 : undefined;
    await crash.reset();
    const refLib = tempDir();
    const ref = await download(kind, refLib, 'reference');
    const movedOps = crash.ops.filter((op) => op.includes('payload.bin'));
    if (payload === 'moved') expect(movedOps).toEqual(['rename final.tmp payload.bin', 'open payload.bin r', 'rm payload.bin']);
    else expect(movedOps).toEqual([]);
    const refFiles = [ref.path, ...(ref.extraFiles ?? [])];
    const refNames = refFiles.map((f) => path.relative(refLib, f));
    const refHashes = refFiles.map(sha256);

    let points = 0;
    for (let n = 1; ; n++) {
      const library = tempDir();
      const jobId = `crash-${n}`;
      await crash.reset(n);
      if (await finishedBeforeCrash(download(kind, library, jobId))) break;
      points++;
      const killedAt = `killed before "${crash.ops[n - 1]}"`;
      // Whatever the kill left at a final name is a whole file, never a partial one.
      for (const f of libraryFiles(library)) expect(refHashes, `${killedAt}: ${f}`).toContain(sha256(path.join(library, f)));
      await crash.reset();
      const result = await download(kind, library, jobId);
      const files = [result.path, ...(result.extraFiles ?? [])];
      expect(files.map((f) => path.relative(library, f)), killedAt).toEqual(refNames);
      expect(files.map(sha256), killedAt).toEqual(refHashes);
      expect(libraryFiles(library), killedAt).toEqual([...refNames].sort());
      const work = path.join(library, '.deckhand', 'parts', jobId);
      expect(existsSync(work) ? readdirSync(work) : 'gone', killedAt).toBe('gone');
    }
    console.log(`${kind} (${payload}): ${points} crash points`);
    // Header, journal, link, cue sheet, done marker, cleanup: a dozen points at least.
    expect(points).toBeGreaterThanOrEqual(10);
  }, 300_000);
});
