/**
 * Library uploads on the real bundled host: library.list and library.tags stay inside the root;
 * upload.start streams a library file to the replica's Mixcloud upload API with every field (the
 * replica hashes what it received), streams 200 MB to a hashing HTTPS server while the host's peak
 * resident memory stays far below the file's size, and upload.cancel stops a stalled upload.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import { mkdirSync, openSync, readFileSync, symlinkSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LibraryListing, LibraryTags, UploadRequest } from '../../../shared/native-protocol';
import { startReplica, DEFAULT_CACHE_DIR, type Replica } from '../../../e2e/replica/server';
import { loadTls } from '../../../e2e/replica/tls';
import { control } from '../../../e2e/specs/account-flow';
import { buildHost, HostProcess, removeTempDirs, tempDir, type Message } from '../../test/host-process';

let replica: Replica;
let library: string;
let outside: string;
const hosts: HostProcess[] = [];
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

function startHost(env: Record<string, string> = {}): HostProcess {
  const h = new HostProcess({ env: { DECKHAND_LIBRARY_ROOT: library, DECKHAND_RESOLVE: replica.resolveEnv, NODE_EXTRA_CA_CERTS: replica.caPath, ...env } });
  hosts.push(h);
  return h;
}

const ended = (jobId: string) => (m: Message) => (m.event === 'upload.done' || m.event === 'upload.failed') && (m.data as { jobId?: string }).jobId === jobId;

beforeAll(async () => {
  buildHost();
  replica = await startReplica({ port: 0, lazyMedia: true });
  library = tempDir('deckhand-upload-lib-');
  outside = tempDir('deckhand-upload-outside-');
  mkdirSync(path.join(library, 'Mixes', '2024'), { recursive: true });
  mkdirSync(path.join(library, '.deckhand', 'parts'), { recursive: true });
  const cover = path.join(outside, 'cover.png');
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=orange:s=64x64', '-frames:v', '1', cover]);
  execFileSync('ffmpeg', [
    '-v', 'error', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=4', '-i', cover, '-map', '0:a', '-map', '1:v', '-c:a', 'libmp3lame', '-c:v', 'png',
    '-disposition:v', 'attached_pic', '-id3v2_version', '4', '-metadata', 'title=Harbour Set', '-metadata', 'artist=Mira', '-metadata', 'genre=Deep House',
    '-metadata', 'TBPM=122', '-metadata', 'TKEY=Am', path.join(library, 'Mixes', '2024', 'Mira - Harbour Set.mp3'),
  ]);
  writeFileSync(path.join(library, 'notes.txt'), 'not audio');
  writeFileSync(path.join(library, '.deckhand', 'parts', 'half.m4a'), 'work file');
  writeFileSync(path.join(outside, 'secret.mp3'), 'outside the library');
  symlinkSync(path.join(outside, 'secret.mp3'), path.join(library, 'escape.mp3'));
}, 60_000);

afterAll(async () => {
  for (const h of hosts) h.kill();
  await replica?.stop();
  removeTempDirs();
});

describe('library.list and library.tags', () => {
  it('lists audio files by relative path, skipping work folders, other files and links that leave the root', async () => {
    const h = startHost();
    const answer = await h.call('l1', 'library.list', {});
    expect(answer.ok).toBe(true);
    const listing = answer.result as LibraryListing;
    expect(listing.files.map((f) => f.path)).toEqual(['Mixes/2024/Mira - Harbour Set.mp3']);
    expect(listing.files[0]!.size).toBeGreaterThan(1000);
    expect(listing.truncated).toBe(false);
  });

  it('reads a file’s tags and cover through music-metadata in the host', async () => {
    const h = startHost();
    const answer = await h.call('t1', 'library.tags', { path: 'Mixes/2024/Mira - Harbour Set.mp3' });
    const tags = (answer.result as { tags: LibraryTags }).tags;
    expect(tags).toMatchObject({ title: 'Harbour Set', artist: 'Mira', genre: 'Deep House', bpm: 122, key: 'Am' });
    expect(tags.picture?.mime).toBe('image/png');
    expect(Buffer.from(tags.picture!.base64, 'base64').subarray(1, 4).toString()).toBe('PNG');
  });

  it('refuses paths outside the root: "..", absolute paths and links out', async () => {
    const h = startHost();
    for (const [i, p] of ['../secret.mp3', path.join(outside, 'secret.mp3'), 'escape.mp3'].entries()) {
      const answer = await h.call(`x${i}`, 'library.tags', { path: p });
      expect(answer).toMatchObject({ ok: false, error: { code: 'library.path-escape' } });
    }
  });
});

describe('upload.start', () => {
  it('streams a library file to Mixcloud with every field; the replica receives the exact bytes', async () => {
    const { access_token } = await control<{ access_token: string }>(replica, 'POST', '/mixcloud/tokens', {});
    const h = startHost();
    const picture = readFileSync(path.join(outside, 'cover.png'));
    const request: UploadRequest = {
      url: `https://api.mixcloud.com/upload/?access_token=${access_token}`,
      method: 'POST',
      headers: {},
      fields: [
        { name: 'name', value: 'Harbour Set' },
        { name: 'description', value: 'Live at the harbour — “quoted”.' },
        { name: 'tags-0-tag', value: 'deep house' },
        { name: 'tags-1-tag', value: 'live' },
        { name: 'sections-0-chapter', value: 'Intro' },
        { name: 'sections-0-start_time', value: '0' },
        { name: 'sections-1-artist', value: 'Mira' },
        { name: 'sections-1-song', value: 'Night Drive' },
        { name: 'sections-1-start_time', value: '90' },
        { name: 'picture', filename: 'cover.png', contentType: 'image/png', base64: picture.toString('base64') },
        { name: 'unlisted', value: '1' },
      ],
      fileField: { name: 'mp3', position: 0 },
      path: 'Mixes/2024/Mira - Harbour Set.mp3',
    };
    const started = await h.call('u1', 'upload.start', { jobId: 'up-mc', request });
    expect(started).toMatchObject({ ok: true, result: { accepted: true } });
    const end = await h.waitFor(ended('up-mc'), 30_000);
    expect(end.event).toBe('upload.done');
    const done = end.data as { status: number; body: string };
    expect(done.status).toBe(200);
    expect(JSON.parse(done.body)).toMatchObject({ result: { success: true, key: '/deckhandtester/harbour-set/' } });
    const [stored] = await control<Record<string, unknown>[]>(replica, 'GET', '/mixcloud/uploads');
    const file = readFileSync(path.join(library, 'Mixes', '2024', 'Mira - Harbour Set.mp3'));
    expect(stored).toMatchObject({
      name: 'Harbour Set', description: 'Live at the harbour — “quoted”.', tags: ['deep house', 'live'], unlisted: true,
      sections: [{ chapter: 'Intro', start_time: 0 }, { artist: 'Mira', song: 'Night Drive', start_time: 90 }],
      mp3: { filename: 'Mira - Harbour Set.mp3', bytes: file.length, sha256: sha256(file) },
      picture: { bytes: picture.length },
    });
  }, 60_000);

  it('answers a platform’s refusal as upload.done with its status and body (the extension renews the token)', async () => {
    const h = startHost();
    const request: UploadRequest = {
      url: 'https://api.mixcloud.com/upload/?access_token=not-a-token', method: 'POST', headers: {},
      fields: [{ name: 'name', value: 'x' }], fileField: { name: 'mp3' }, path: 'Mixes/2024/Mira - Harbour Set.mp3',
    };
    await h.call('u2', 'upload.start', { jobId: 'up-401', request });
    const end = await h.waitFor(ended('up-401'), 30_000);
    expect(end).toMatchObject({ event: 'upload.done', data: { jobId: 'up-401', status: 401 } });
  }, 60_000);
});

/** An HTTPS server that hashes the file part of a multipart body as it streams by (never holding it). */
function hashingServer(fileSize: number, opts: { stall?: boolean } = {}): Promise<{ server: Server; port: number; received: Promise<{ sha: string; before: string; after: string }> }> {
  const tls = loadTls(DEFAULT_CACHE_DIR);
  let deliver!: (r: { sha: string; before: string; after: string }) => void;
  const received = new Promise<{ sha: string; before: string; after: string }>((r) => (deliver = r));
  const server = createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
    if (opts.stall) return req.pause(); // takes nothing: the sender's socket fills up and waits
    let head = Buffer.alloc(0);
    let before = '';
    let remaining = -1;
    const tail: Buffer[] = [];
    const hash = createHash('sha256');
    const take = (buf: Buffer) => {
      const n = Math.min(remaining, buf.length);
      hash.update(buf.subarray(0, n));
      remaining -= n;
      if (n < buf.length) tail.push(buf.subarray(n));
    };
    req.on('data', (chunk: Buffer) => {
      if (remaining >= 0) return take(chunk);
      head = Buffer.concat([head, chunk]);
      const at = head.indexOf('filename=');
      const bodyStart = at < 0 ? -1 : head.indexOf('\r\n\r\n', at);
      if (bodyStart < 0) return;
      before = head.subarray(0, bodyStart).toString('utf8');
      remaining = fileSize;
      take(head.subarray(bodyStart + 4));
    });
    req.on('end', () => {
      deliver({ sha: hash.digest('hex'), before, after: Buffer.concat(tail).toString('utf8') });
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"permalink_url":"https://soundcloud.com/me/big"}');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port, received })));
}

function peakRssKb(pid: number): number {
  return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
}

describe('large files', () => {
  const SIZE = 200 * 1024 * 1024;
  let big: string;
  let bigSha: string;

  beforeAll(() => {
    // Distinct 1 MiB blocks, so a reordered or repeated chunk changes the hash.
    big = path.join(library, 'Big Show.wav');
    const block = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < block.length; i++) block[i] = (i * 31 + 7) & 0xff;
    const hash = createHash('sha256');
    const fd = openSync(big, 'w');
    for (let i = 0; i < SIZE / block.length; i++) {
      block.writeUInt32BE(i, 0);
      writeSync(fd, block);
      hash.update(block);
    }
    closeSync(fd);
    bigSha = hash.digest('hex');
  });

  it('streams 200 MB with the exact bytes while the host’s peak RSS stays far below the file size', async () => {
    const { server, port, received } = await hashingServer(SIZE);
    try {
      // The replica's certificate names localhost; the resolve rule sends it to this server's port.
      const h = startHost({ DECKHAND_RESOLVE: `localhost=127.0.0.1:${port}` });
      const request: UploadRequest = {
        url: 'https://localhost/tracks', method: 'POST', headers: { authorization: 'OAuth test-token' },
        fields: [{ name: 'track[title]', value: 'Big Show' }, { name: 'track[sharing]', value: 'private' }],
        fileField: { name: 'track[asset_data]', position: 1 }, path: 'Big Show.wav',
      };
      await h.call('b1', 'upload.start', { jobId: 'up-big', request });
      const end = await h.waitFor(ended('up-big'), 120_000);
      expect(end).toMatchObject({ event: 'upload.done', data: { status: 201 } });
      const got = await received;
      expect(got.sha).toBe(bigSha);
      expect(got.before).toContain('name="track[title]"');
      expect(got.before).toContain('filename="Big Show.wav"');
      expect(got.before).toContain('Content-Type: audio/wav');
      expect(got.after).toContain('name="track[sharing]"');
      expect(got.after).toMatch(/--\r\n$/);
      const progress = h.messages.filter((m) => m.event === 'upload.progress').map((m) => (m.data as { sent: number }).sent);
      // Reports are spaced 250 ms apart: how many depends on the machine's speed, not on correctness.
      expect(progress.length).toBeGreaterThanOrEqual(2);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      expect(progress[0]).toBeLessThan(progress.at(-1)!);
      expect(progress.at(-1)).toBeGreaterThan(SIZE);
      const peakMb = peakRssKb(h.child.pid!) / 1024;
      console.log(`host peak RSS during a 200 MB upload: ${peakMb.toFixed(1)} MB`);
      expect(peakMb).toBeLessThan(120);
    } finally {
      server.close();
    }
  }, 180_000);

  it('upload.cancel stops an upload the platform stopped taking', async () => {
    const { server, port } = await hashingServer(SIZE, { stall: true });
    try {
      const h = startHost({ DECKHAND_RESOLVE: `localhost=127.0.0.1:${port}` });
      const request: UploadRequest = { url: 'https://localhost/tracks', method: 'POST', headers: {}, fields: [], fileField: { name: 'f' }, path: 'Big Show.wav' };
      await h.call('c1', 'upload.start', { jobId: 'up-stall', request });
      await new Promise((r) => setTimeout(r, 500));
      expect(await h.call('c2', 'upload.cancel', { jobId: 'up-stall' })).toMatchObject({ ok: true, result: { cancelled: true } });
      const end = await h.waitFor(ended('up-stall'), 10_000);
      expect(end).toMatchObject({ event: 'upload.failed', data: { error: { code: 'job.cancelled' } } });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  }, 60_000);

  it('upload.cancel right behind upload.start (the file still being looked up) stops it before a byte is sent', async () => {
    const { server, port } = await hashingServer(SIZE, { stall: true });
    try {
      const h = startHost({ DECKHAND_RESOLVE: `localhost=127.0.0.1:${port}` });
      const request: UploadRequest = { url: 'https://localhost/tracks', method: 'POST', headers: {}, fields: [], fileField: { name: 'f' }, path: 'Big Show.wav' };
      // Both frames are sent before either answer: the cancel arrives while the start awaits the file system.
      const [, cancel] = await Promise.all([h.call('d1', 'upload.start', { jobId: 'up-early', request }), h.call('d2', 'upload.cancel', { jobId: 'up-early' })]);
      expect(cancel).toMatchObject({ ok: true, result: { cancelled: true } });
      const end = await h.waitFor(ended('up-early'), 10_000);
      expect(end).toMatchObject({ event: 'upload.failed', data: { error: { code: 'job.cancelled' } } });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  }, 60_000);
});
