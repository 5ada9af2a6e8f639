/**
 * The native host's download engine end to end (fetch, remux, tag, write) on the replica CDN with
 * 40 ms latency per request, for Mixcloud's two-hour show (720 MPEG-TS segments of 10 s, AAC
 * 128 kbps), against two peers measured in the same run:
 * - `ffmpeg -i <media playlist> -c copy out.m4a` (ffmpeg reaches the replica through it acting as
 *   an HTTPS proxy, `http_proxy`; it fetches segments one after another);
 * - `curl --parallel --parallel-max 6` fetching the same segment list into files (`--resolve`,
 *   `--cacert`): pure transfer, no remux, the floor for the host at the same concurrency.
 * Also the host's peak RSS (VmHWM) for that show and for a four-hour show: the same segments
 * looped twice in a playlist this bench serves from an extra route on the replica.
 * Figures and ratios are printed; nothing passes or fails on timing.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startReplica, type Replica } from '../e2e/replica/server';
import { CONTROL_HOST } from '../e2e/replica/hosts';
import { MIXCLOUD_FIXTURES } from '../e2e/replica/platforms/mixcloud/fixtures';
import { replicaFetch } from '../e2e/replica/platforms/mixcloud/testing';
import { DownloadHost, metadataFor, resolveStream, specFor } from '../native-host/src/download/test-support/harness';
import { buildHost, removeTempDirs } from '../native-host/test/host-process';
import { writeResult } from './report';

const LATENCY_MS = 40;
const CONCURRENCY = 6;
const SHOW = MIXCLOUD_FIXTURES.twoHourShow;

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  // Asynchronous on purpose: the replica answers from this very process.
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(0) : reject(new Error(`${cmd} exited with ${code}`))));
  });
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return Math.round(performance.now() - start);
}

function durationSec(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file]);
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(Math.round(Number(out.trim()) * 10) / 10) : reject(new Error(`ffprobe ${code}`))));
  });
}

/** Peak resident memory of a process so far, from the kernel (Linux), in MB. */
function peakRssMb(pid: number): number | undefined {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
    return line ? Math.round(Number(line.replace(/\D+/g, '')) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

/** The show's master playlist URL (what the host is given), its media playlist and 720 segment URLs. */
async function segmentList(replica: Replica): Promise<{ master: string; mediaUrl: string; playlist: string; segments: string[] }> {
  const master = await resolveStream(replica, 'mc-hls', SHOW);
  const mediaUrl = new URL('index-a1.m3u8', master).href;
  const playlist = (await replicaFetch(replica, mediaUrl)).text();
  const segments = playlist.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => new URL(l, mediaUrl).href);
  return { master, mediaUrl, playlist, segments };
}

/** A four-hour show for the memory figure: the same segments twice, served from an extra route. */
function serveLoopedPlaylist(replica: Replica, playlist: string, mediaUrl: string, times: number): string {
  const lines = playlist.split('\n').filter((l) => l && l !== '#EXT-X-ENDLIST');
  const head = lines.filter((l) => l.startsWith('#') && !l.startsWith('#EXTINF'));
  const body: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.startsWith('#EXTINF')) body.push(line, new URL(lines[i + 1] as string, mediaUrl).href);
  }
  const looped = [...head];
  for (let t = 0; t < times; t++) looped.push(...(t > 0 ? ['#EXT-X-DISCONTINUITY'] : []), ...body);
  const text = [...looped, '#EXT-X-ENDLIST', ''].join('\n');
  replica.app.router.get(CONTROL_HOST, '/deckhand-bench/looped.m3u8', 'media', (_req, res) => res.text(text, 200, 'application/vnd.apple.mpegurl'));
  return `https://${CONTROL_HOST}/deckhand-bench/looped.m3u8`;
}

async function curlParallel(replica: Replica, segments: string[], dir: string): Promise<number> {
  rmSync(dir, { recursive: true, force: true });
  const hosts = [...new Set(segments.map((u) => new URL(u).hostname))];
  const config = segments
    .map((u, i) => {
      const url = new URL(u);
      url.port = String(replica.port); // --resolve maps host:port, so the URL names the replica's port
      return `url = "${url.href}"\noutput = "${path.join(dir, `seg-${i}.ts`)}"`;
    })
    .join('\n');
  const configFile = `${dir}.curl`;
  writeFileSync(configFile, config);
  const resolve = hosts.flatMap((h) => ['--resolve', `${h}:${replica.port}:127.0.0.1`]);
  const ms = await timed(() =>
    run('curl', ['-sS', '--no-progress-meter', '--fail', '--create-dirs', '--parallel', '--parallel-max', String(CONCURRENCY), '--cacert', replica.caPath, ...resolve, '-K', configFile]),
  );
  const fetched = readdirSync(dir).filter((f) => statSync(path.join(dir, f)).size > 0);
  if (fetched.length !== segments.length) throw new Error(`curl fetched ${fetched.length} of ${segments.length} segments`);
  return ms;
}

async function hostDownload(replica: Replica, url: string, label: string): Promise<{ ms: number; peakRssMb?: number; seconds: number; bytes: number }> {
  const library = mkdtempSync(path.join(tmpdir(), 'deckhand-bench-lib-'));
  const host = new DownloadHost(replica, library, () => Promise.reject(new Error('no refresh expected')));
  try {
    await host.process.call('hello', 'hello', { protocol: 1 });
    const spec = specFor(`bench-${label}`, url, 'mc-hls', { ...metadataFor('mc-hls', SHOW), title: `${SHOW.name} (${label})` });
    spec.options = { concurrency: CONCURRENCY };
    let outcome: Awaited<ReturnType<DownloadHost['outcome']>> | undefined;
    const ms = await timed(async () => {
      await host.start(spec);
      outcome = await host.outcome(spec.jobId, 600_000);
    });
    if (!outcome?.ok) throw new Error(`host download failed: ${JSON.stringify(outcome)}`);
    const peak = host.process.child.pid !== undefined ? peakRssMb(host.process.child.pid) : undefined;
    return { ms, ...(peak !== undefined ? { peakRssMb: peak } : {}), seconds: await durationSec(outcome.result.path), bytes: outcome.result.bytes };
  } finally {
    host.kill();
    rmSync(library, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  buildHost();
  const replica = await startReplica({ port: 0 });
  const scratch = mkdtempSync(path.join(tmpdir(), 'deckhand-bench-'));
  try {
    replica.app.faults.set({ latencyMs: LATENCY_MS });
    const { master: masterUrl, mediaUrl, playlist, segments } = await segmentList(replica);
    const fourHourUrl = serveLoopedPlaylist(replica, playlist, mediaUrl, 2);
    console.log(`${segments.length} segments, ${LATENCY_MS} ms latency per request, concurrency ${CONCURRENCY}`);

    await curlParallel(replica, segments, path.join(scratch, 'warm-up')); // page cache and TLS session warm for everyone
    const hostRuns: Awaited<ReturnType<typeof hostDownload>>[] = [];
    const curlMs: number[] = [];
    for (let i = 0; i < 2; i++) {
      hostRuns.push(await hostDownload(replica, masterUrl, `two-hour-${i + 1}`));
      curlMs.push(await curlParallel(replica, segments, path.join(scratch, `curl-${i + 1}`)));
      console.log(`round ${i + 1}: host ${hostRuns[i]?.ms} ms, curl ${curlMs[i]} ms`);
    }
    const ffmpegOut = path.join(scratch, 'ffmpeg.m4a');
    const ffmpegMs = await timed(() =>
      run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-i', mediaUrl, '-c', 'copy', ffmpegOut], { ...process.env, http_proxy: `http://127.0.0.1:${replica.port}` }),
    );
    console.log(`ffmpeg ${ffmpegMs} ms`);
    const fourHour = await hostDownload(replica, fourHourUrl, 'four-hour');
    console.log(`four-hour show: host ${fourHour.ms} ms`);

    const hostBest = Math.min(...hostRuns.map((r) => r.ms));
    const curlBest = Math.min(...curlMs);
    const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    writeResult({
      show: { segments: segments.length, latencyMs: LATENCY_MS, concurrency: CONCURRENCY },
      hostMs: hostRuns.map((r) => r.ms),
      curlParallelMs: curlMs,
      ffmpegMs,
      hostVsCurl: ratio(hostBest, curlBest),
      ffmpegVsHost: ratio(ffmpegMs, hostBest),
      hostPeakRssMb: { twoHour: Math.max(...hostRuns.map((r) => r.peakRssMb ?? 0)), fourHour: fourHour.peakRssMb ?? null },
      fourHourMs: fourHour.ms,
      outputSeconds: { host: hostRuns[0]?.seconds, ffmpeg: await durationSec(ffmpegOut), hostFourHour: fourHour.seconds },
      targets: 'hostVsCurl <= 1.25, ffmpegVsHost >= 5, peak RSS < 100 MB (figures only, no pass/fail)',
    });
  } finally {
    await replica.stop();
    rmSync(scratch, { recursive: true, force: true });
    removeTempDirs();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
