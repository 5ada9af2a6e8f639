/**
 * TEST-ONLY: what the original-file tests share: the metadata and spec of a SoundCloud original,
 * md5s of the audio (decoded samples, and the compressed packets as stored), and a loopback HTTP
 * server that serves files made in the test (with Range, as a CDN does) for sources the replica
 * has no fixture for.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DownloadSpec } from '../../../../shared/download';
import type { TrackMetadata } from '../../../../shared/track';
import type { TrackFixture } from '../../../../e2e/replica/platforms/soundcloud/fixtures';
import { run } from '../../../../shared/media/test-support/tools';

export function originalMetadata(fixture: TrackFixture): TrackMetadata {
  const e = fixture.expected;
  return {
    platform: 'soundcloud', id: fixture.urn, url: fixture.url, title: e.title, artists: [e.artist],
    genre: 'Ambient', bpm: 122, key: 'Am', label: 'Kovac Field Works', isrc: 'DEKFW1900001', releaseDate: '2019-04-02',
    album: 'Shorelines', artworkUrl: e.artworkUrl,
  };
}

export function originalSpec(jobId: string, url: string, fixture: TrackFixture, format: DownloadSpec['output']['format']): DownloadSpec {
  return {
    jobId, source: { protocol: 'progressive', url, kind: 'original' }, metadata: originalMetadata(fixture),
    artworkUrls: [fixture.expected.artworkUrl], output: { template: '{artist} - {title}', format, keyNotation: 'camelot' },
  };
}

/** md5 of the decoded audio: equal means not one sample changed. */
export async function decodedMd5(file: string): Promise<string> {
  return (await run('ffmpeg', ['-hide_banner', '-v', 'error', '-i', file, '-map', '0:a', '-c:a', 'pcm_s32le', '-f', 'md5', '-'])).stdout.trim();
}

/** md5 of the compressed audio packets as stored (no decoding, no encoder-delay trimming). */
export async function packetMd5(file: string): Promise<string> {
  return (await run('ffmpeg', ['-hide_banner', '-v', 'error', '-i', file, '-map', '0:a', '-c', 'copy', '-f', 'md5', '-'])).stdout.trim();
}

/** The host name the served URLs carry; `resolveRule` sends it here (the replica takes every other). */
const FILES_HOST = 'originals.test';

/** Serves files by name at http://originals.test/<name> (via resolveRule), honouring `Range: bytes=N-`. */
export class FileServer {
  private readonly files = new Map<string, string>();
  private readonly server: Server;

  constructor() {
    this.server = createServer((req, res) => {
      const file = this.files.get((req.url ?? '').slice(1));
      if (!file) {
        res.writeHead(404).end();
        return;
      }
      const body = readFileSync(file);
      const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
      if (range) {
        const start = Number(range[1]);
        res.writeHead(206, { 'content-range': `bytes ${start}-${body.length - 1}/${body.length}`, 'content-length': body.length - start });
        res.end(body.subarray(start));
        return;
      }
      res.writeHead(200, { 'content-length': body.length, 'content-type': 'application/octet-stream' });
      res.end(body);
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  /** A DECKHAND_RESOLVE rule to put before the replica's catch-all `*` (the first match wins). */
  resolveRule(): string {
    return `${FILES_HOST}=127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The URL that serves `file` from now on. */
  serve(name: string, file: string): string {
    this.files.set(name, file);
    return `http://${FILES_HOST}/${name}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
