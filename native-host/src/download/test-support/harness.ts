/**
 * TEST-ONLY: the real bundled host driven over its stdio protocol against the in-process replica,
 * the way the extension drives it: download.start, answering the host's stream.refresh calls with
 * a freshly resolved URL, waiting for job.done / job.failed.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { DownloadSpec, JobProgress, JobResult } from '../../../../shared/download';
import type { ErrorInfo } from '../../../../shared/errors';
import type { TrackMetadata } from '../../../../shared/track';
import type { Replica } from '../../../../e2e/replica/server';
import { MIXCLOUD_FIXTURES } from '../../../../e2e/replica/platforms/mixcloud/fixtures';
import { graphqlPost } from '../../../../e2e/replica/platforms/mixcloud/testing';
import { decodeStreamUrl } from '../../../../e2e/replica/platforms/mixcloud/stream-codec';
import { SOUNDCLOUD_FIXTURES } from '../../../../e2e/replica/platforms/soundcloud/fixtures';
import { apiV2 } from '../../../../e2e/replica/platforms/soundcloud/test-client';
import { HostProcess, tempDir, type Message } from '../../../test/host-process';

export type StreamKind = 'sc-aac-hls' | 'sc-mp3-hls' | 'sc-mp3-progressive' | 'mc-hls' | 'mc-progressive';
type Show = typeof MIXCLOUD_FIXTURES.shortShow | typeof MIXCLOUD_FIXTURES.twoHourShow;

interface Transcoding {
  url: string;
  preset: string;
  format: { protocol: string };
}

/** A freshly signed stream URL, resolved the way the extension does (api-v2 / GraphQL streamInfo). */
export async function resolveStream(replica: Replica, kind: StreamKind, show: Show = MIXCLOUD_FIXTURES.shortShow): Promise<string> {
  if (kind === 'mc-hls' || kind === 'mc-progressive') {
    const r = await graphqlPost<{ cloudcastLookup: { streamInfo: { hlsUrl: string; url: string } } }>(
      replica,
      'query($l: CloudcastLookup!) { cloudcastLookup(lookup: $l) { streamInfo { hlsUrl url } } }',
      { l: { username: show.username, slug: show.slug } },
    );
    const info = r.data?.cloudcastLookup.streamInfo;
    if (!info) throw new Error(`no streamInfo for ${show.slug}`);
    return decodeStreamUrl(kind === 'mc-hls' ? info.hlsUrl : info.url);
  }
  const track = (await apiV2(replica, `/tracks/${SOUNDCLOUD_FIXTURES.plain.id}`)).json<{ track_authorization: string; media: { transcodings: Transcoding[] } }>();
  const wanted = kind === 'sc-aac-hls' ? ['aac_160k', 'hls'] : kind === 'sc-mp3-hls' ? ['mp3_1_0', 'hls'] : ['mp3_1_0', 'progressive'];
  const t = track.media.transcodings.find((x) => x.preset === wanted[0] && x.format.protocol === wanted[1]);
  if (!t) throw new Error(`no ${kind} transcoding`);
  const answer = await apiV2(replica, `${t.url}?track_authorization=${encodeURIComponent(track.track_authorization)}`);
  return answer.json<{ url: string }>().url;
}

export function metadataFor(kind: StreamKind, show: Show = MIXCLOUD_FIXTURES.shortShow): TrackMetadata {
  if (kind.startsWith('mc-')) {
    return {
      platform: 'mixcloud',
      id: show.key,
      url: show.url,
      title: show.name,
      kind: 'show',
      artists: [show.ownerName],
      ...(show.expected.genre ? { genre: show.expected.genre } : {}),
      releaseDate: show.publishDate,
      chapters: show.expected.chapters,
      ...(show.pictureUrl ? { artworkUrl: show.pictureUrl } : {}),
    };
  }
  const plain = SOUNDCLOUD_FIXTURES.plain;
  return {
    platform: 'soundcloud',
    id: plain.urn,
    url: plain.url,
    title: plain.expected.title,
    artists: [plain.expected.artist],
    artworkUrl: plain.expected.artworkUrl,
  };
}

export function specFor(jobId: string, url: string, kind: StreamKind, metadata: TrackMetadata, output: Partial<DownloadSpec['output']> = {}): DownloadSpec {
  return {
    jobId,
    source: { protocol: kind.endsWith('progressive') ? 'progressive' : 'hls', url },
    metadata,
    output: { template: '{artist} - {title}', format: kind === 'sc-aac-hls' || kind.startsWith('mc-') ? 'm4a' : 'mp3', ...output },
  };
}

export type Outcome = { ok: true; result: JobResult } | { ok: false; error: ErrorInfo };

/** The bundled host with the replica's name resolution and CA, answering stream.refresh itself. */
export class DownloadHost {
  readonly process: HostProcess;
  readonly refreshCalls: string[] = [];
  private seen = 0;

  constructor(
    replica: Replica,
    readonly library: string,
    private readonly freshUrl: (jobId: string) => Promise<string>,
  ) {
    this.process = new HostProcess({
      env: { DECKHAND_RESOLVE: replica.resolveEnv, NODE_EXTRA_CA_CERTS: replica.caPath, DECKHAND_LIBRARY_ROOT: library },
    });
    // Runs after HostProcess's own decoder (registered first), so new messages are already parsed.
    this.process.child.stdout?.on('data', () => this.answerCalls());
  }

  private answerCalls(): void {
    for (; this.seen < this.process.messages.length; this.seen++) {
      const m = this.process.messages[this.seen] as Message & { id?: string; action?: string; params?: { jobId?: string } };
      if (m.type !== 'call' || m.action !== 'stream.refresh') continue;
      const jobId = m.params?.jobId ?? '';
      this.refreshCalls.push(jobId);
      this.freshUrl(jobId).then(
        (url) => this.process.send({ type: 'result', id: m.id, ok: true, result: { url } }),
        (err: unknown) => this.process.send({ type: 'result', id: m.id, ok: false, error: { code: 'stream.none', message: String(err), expected: true } }),
      );
    }
  }

  async start(spec: DownloadSpec): Promise<void> {
    const answer = await this.process.call(`start-${spec.jobId}-${Date.now()}`, 'download.start', { spec });
    if (answer.ok !== true) throw new Error(`download.start refused: ${JSON.stringify(answer)}`);
  }

  private event(jobId: string, names: string[]): (m: Message) => boolean {
    return (m) => m.type === 'event' && names.includes(String(m.event)) && (m.data as { jobId?: string }).jobId === jobId;
  }

  async outcome(jobId: string, timeoutMs = 60_000): Promise<Outcome> {
    const m = await this.process.waitFor(this.event(jobId, ['job.done', 'job.failed']), timeoutMs);
    return m.event === 'job.done' ? { ok: true, result: m.data as JobResult } : { ok: false, error: (m.data as { error: ErrorInfo }).error };
  }

  /** Resolves when the job reports `phase` (or has ended), for kills at a chosen moment. */
  async phase(jobId: string, phases: JobProgress['phase'][], timeoutMs = 60_000): Promise<void> {
    const progress = this.event(jobId, ['job.progress']);
    await this.process.waitFor((m) => (progress(m) && phases.includes((m.data as JobProgress).phase)) || this.event(jobId, ['job.done', 'job.failed'])(m), timeoutMs);
  }

  done(jobId: string): boolean {
    return this.process.messages.some(this.event(jobId, ['job.done']));
  }

  kill(): void {
    this.process.kill();
  }
}

/** Every file under `dir`, relative, sorted (folders not listed). */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(path.relative(dir, full));
    }
  };
  walk(dir);
  return out.sort();
}

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/**
 * The hosts one test file starts: `start()` one (no stream refresh expected), `killAll()` in afterAll.
 * `replica` is read lazily because test files start it in beforeAll.
 */
export class HostPool {
  private readonly hosts: DownloadHost[] = [];
  constructor(private readonly replica: () => Replica) {}

  start(library = tempDir()): DownloadHost {
    const h = new DownloadHost(this.replica(), library, () => Promise.reject(new Error('no refresh expected')));
    this.hosts.push(h);
    return h;
  }

  killAll(): void {
    for (const h of this.hosts) h.kill();
  }
}
