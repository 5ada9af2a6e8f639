/**
 * The real bundled host against a misbehaving CDN: 5xx answers, connections reset and bodies cut
 * short on a good share of media requests, and signed URLs that expire during the download. Every
 * download must still complete with exactly the audio of an undisturbed one (ffprobe duration,
 * MD5 of the audio packets).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../../../e2e/replica/server';
import { DEFAULT_FAULTS } from '../../../e2e/replica/faults';
import { ffprobe, packetsMd5 } from '../../../shared/media/test-support/tools';
import { buildHost, removeTempDirs, tempDir } from '../../test/host-process';
import { DownloadHost, metadataFor, resolveStream, specFor, type Outcome, type StreamKind } from './test-support/harness';

let replica: Replica;
const hosts: DownloadHost[] = [];
const KINDS: StreamKind[] = ['sc-aac-hls', 'sc-mp3-hls', 'sc-mp3-progressive', 'mc-hls', 'mc-progressive'];
/** What an undisturbed download of each kind holds. */
const references = new Map<StreamKind, { seconds: number; md5: string }>();

beforeAll(async () => {
  buildHost();
  replica = await startReplica({ port: 0 });
  replica.app.faults.set({ progressiveThrottleAfter: 0 });
  for (const kind of KINDS) {
    const result = await download(kind, `ref-${kind}`);
    if (!result.ok) throw new Error(`reference ${kind} failed: ${JSON.stringify(result.error)}`);
    references.set(kind, await audioOf(result.result.path));
  }
});
afterAll(async () => {
  for (const h of hosts) h.kill();
  await replica.stop();
  removeTempDirs();
});

function host(library = tempDir()): DownloadHost {
  const h = new DownloadHost(replica, library, (jobId) => resolveStream(replica, (jobId.split(':')[0] ?? '') as StreamKind));
  hosts.push(h);
  return h;
}

async function download(kind: StreamKind, jobId: string, concurrency = 6, h = host()): Promise<Outcome> {
  const spec = specFor(`${kind}:${jobId}`, await resolveStream(replica, kind), kind, metadataFor(kind));
  spec.options = { concurrency };
  await h.start(spec);
  return h.outcome(spec.jobId, 120_000);
}

async function audioOf(file: string): Promise<{ seconds: number; md5: string }> {
  return { seconds: Number((await ffprobe(file)).format.duration), md5: await packetsMd5(file) };
}

describe('a flaky CDN', () => {
  it.each(KINDS)('%s completes and verifies when a tenth of media requests each get a 5xx, a reset or a cut body', async (kind) => {
    replica.app.faults.reset();
    replica.app.faults.set({ progressiveThrottleAfter: 0, errorRate: 0.1, resetRate: 0.1, truncateRate: 0.1, scope: ['media'] });
    const logStart = replica.app.log.length;
    try {
      const outcome = await download(kind, 'faults');
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
      const audio = await audioOf(outcome.result.path);
      const reference = references.get(kind);
      expect(audio.md5).toBe(reference?.md5);
      expect(audio.seconds).toBeCloseTo(reference?.seconds ?? 0, 2);
    } finally {
      replica.app.faults.set({ errorRate: 0, resetRate: 0, truncateRate: 0 });
    }
    // The faults really happened (resets and truncations are logged as 200s, 5xx as such).
    const served = replica.app.log.slice(logStart).filter((e) => e.category === 'media');
    if (kind !== 'sc-mp3-progressive' && kind !== 'mc-progressive') expect(served.some((e) => e.status >= 500)).toBe(true);
    expect(served.length).toBeGreaterThan(1);
  });
});

describe('signed URLs that expire', () => {
  it('mid-download: the host asks the extension for a fresh URL (stream.refresh) and completes', async () => {
    replica.app.faults.reset();
    replica.app.faults.set({ expirySec: 2, latencyMs: 150 });
    const h = host();
    const logStart = replica.app.log.length;
    try {
      // One request at a time, 150 ms each: the download outlives the 2 s signature.
      const outcome = await download('sc-aac-hls', 'expiry', 1, h);
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
      expect(h.refreshCalls.length).toBeGreaterThanOrEqual(1);
      expect(replica.app.log.slice(logStart).some((e) => e.status === 403)).toBe(true);
      expect((await audioOf(outcome.result.path)).md5).toBe(references.get('sc-aac-hls')?.md5);
    } finally {
      replica.app.faults.set({ expirySec: DEFAULT_FAULTS.expirySec, latencyMs: 0 });
    }
  });

  it('across a crash: the restarted job is sent the old URL, refreshes it and resumes', async () => {
    replica.app.faults.reset();
    replica.app.faults.set({ expirySec: 1, bandwidth: 1_000_000 });
    const library = tempDir();
    const kind: StreamKind = 'sc-mp3-progressive';
    try {
      const spec = specFor(`${kind}:crash-expiry`, await resolveStream(replica, kind), kind, metadataFor(kind));
      const first = host(library);
      await first.start(spec);
      await new Promise((r) => setTimeout(r, 1500)); // a third of the file, and the link is dead
      first.kill();
      await first.process.exited;
      replica.app.faults.set({ bandwidth: 0 });
      const second = host(library);
      await second.start(spec);
      const outcome = await second.outcome(spec.jobId, 60_000);
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
      expect(second.refreshCalls).toEqual([spec.jobId]);
      expect((await audioOf(outcome.result.path)).md5).toBe(references.get(kind)?.md5);
    } finally {
      replica.app.faults.set({ expirySec: DEFAULT_FAULTS.expirySec, bandwidth: 0 });
    }
  });

  it('gives up with stream.expired when fresh URLs keep being refused', async () => {
    replica.app.faults.reset();
    replica.app.faults.set({ expirySec: 0 });
    const h = host();
    try {
      const outcome = await download('sc-aac-hls', 'always-expired', 6, h);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.error.code).toBe('stream.expired');
      expect(h.refreshCalls.length).toBeGreaterThanOrEqual(1);
      expect(h.refreshCalls.length).toBeLessThanOrEqual(4);
    } finally {
      replica.app.faults.set({ expirySec: DEFAULT_FAULTS.expirySec });
    }
  });
});
