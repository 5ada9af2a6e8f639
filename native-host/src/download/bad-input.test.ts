/**
 * The real bundled host fed what a broken or hostile world sends: malformed playlists, empty ones,
 * a missing init segment, web pages instead of media (coded media.* errors, nothing in the library,
 * the work folder cleaned), and metadata and templates that try to leave the library folder or
 * make names no file system accepts.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../../../e2e/replica/server';
import { CONTROL_HOST } from '../../../e2e/replica/hosts';
import { fetchReplica } from '../../../e2e/replica/platforms/soundcloud/test-client';
import { SOUNDCLOUD_FIXTURES } from '../../../e2e/replica/platforms/soundcloud/fixtures';
import type { DownloadSpec } from '../../../shared/download';
import { buildHost, removeTempDirs, tempDir } from '../../test/host-process';
import { DownloadHost, HostPool, filesUnder, metadataFor, resolveStream, specFor, type Outcome } from './test-support/harness';

let replica: Replica;
const pool = new HostPool(() => replica);
const TEST = `https://${CONTROL_HOST}/deckhand-test`;
const PAGE = '<!DOCTYPE html><html><head><title>Access denied</title></head><body><h1>Please sign in</h1></body></html>';

/** Playlists for the error cases, built around real SoundCloud fMP4 segment URLs. */
const playlists = new Map<string, string>();

beforeAll(async () => {
  buildHost();
  replica = await startReplica({ port: 0 });
  const aac = await resolveStream(replica, 'sc-aac-hls');
  const real = (await fetchReplica(replica, aac)).text;
  const segmentLines = real.split('\n').filter((l) => l && !l.startsWith('#'));
  const extinf = (uri: string) => `#EXTINF:10.0,\n${uri}`;
  const head = '#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:10\n#EXT-X-PLAYLIST-TYPE:VOD';
  playlists.set('not-m3u8', 'this is not a playlist\nseg-1.ts\n');
  playlists.set('html', PAGE);
  playlists.set('empty', `${head}\n#EXT-X-ENDLIST\n`);
  playlists.set('no-map', `${head}\n${segmentLines.map(extinf).join('\n')}\n#EXT-X-ENDLIST\n`);
  playlists.set('map-404', `${head}\n#EXT-X-MAP:URI="${TEST}/missing/init.mp4"\n${segmentLines.map(extinf).join('\n')}\n#EXT-X-ENDLIST\n`);
  playlists.set('map-html', `${head}\n#EXT-X-MAP:URI="${TEST}/page.html"\n${segmentLines.map(extinf).join('\n')}\n#EXT-X-ENDLIST\n`);
  playlists.set('html-segments', `${head}\n${[1, 2, 3].map(() => extinf(`${TEST}/page.html`)).join('\n')}\n#EXT-X-ENDLIST\n`);
  playlists.set('master-of-nothing', '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=128000,CODECS="mp4a.40.2"\nempty.m3u8\n');
  const r = replica.app.router;
  r.get(CONTROL_HOST, '/deckhand-test/list/:name', 'media', (req, res) => {
    const text = playlists.get((req.params.name ?? '').replace(/\.m3u8$/, ''));
    return text === undefined ? res.text('Not Found', 404) : res.text(text, 200, 'application/vnd.apple.mpegurl');
  });
  r.get(CONTROL_HOST, '/deckhand-test/page.html', 'media', (_req, res) => res.html(PAGE));
});
afterAll(async () => {
  pool.killAll();
  await replica.stop();
  removeTempDirs();
});

const host = (library?: string): DownloadHost => pool.start(library);

async function run(h: DownloadHost, spec: DownloadSpec): Promise<Outcome> {
  await h.start(spec);
  return h.outcome(spec.jobId, 60_000);
}

describe('broken streams end with a coded error and leave nothing behind', () => {
  const cases: [string, string, 'hls' | 'progressive', string][] = [
    ['a playlist that is not M3U8', 'list/not-m3u8.m3u8', 'hls', 'media.bad-playlist'],
    ['a web page instead of the playlist', 'list/html.m3u8', 'hls', 'media.bad-playlist'],
    ['a playlist without segments', 'list/empty.m3u8', 'hls', 'media.no-segments'],
    ['a master playlist whose variant is empty', 'list/master-of-nothing.m3u8', 'hls', 'media.no-segments'],
    ['fMP4 segments without EXT-X-MAP', 'list/no-map.m3u8', 'hls', 'media.missing-init'],
    ['an EXT-X-MAP that answers 404', 'list/map-404.m3u8', 'hls', 'media.missing-init'],
    ['an EXT-X-MAP that is a web page', 'list/map-html.m3u8', 'hls', 'media.missing-init'],
    ['segments that are web pages', 'list/html-segments.m3u8', 'hls', 'media.bad-content-type'],
    ['a progressive file that is a web page', 'page.html', 'progressive', 'media.bad-content-type'],
  ];
  it.each(cases)('%s → %s', async (_what, route, protocol, code) => {
    const library = tempDir();
    const h = host(library);
    const jobId = `bad-${route.replace(/\W+/g, '-')}`;
    const spec: DownloadSpec = { ...specFor(jobId, `${TEST}/${route}`, 'sc-aac-hls', metadataFor('sc-aac-hls')), source: { protocol, url: `${TEST}/${route}` } };
    const outcome = await run(h, spec);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.code).toBe(code);
    expect(filesUnder(library).filter((f) => !f.startsWith('.deckhand/'))).toEqual([]);
    expect(existsSync(path.join(library, '.deckhand', 'parts', jobId))).toBe(false);
  });
});

describe('hostile metadata and templates', () => {
  const hostileTitle = SOUNDCLOUD_FIXTURES.hostile.title;
  const cases: [string, { title?: string; artist?: string; template?: string }][] = [
    ['a title climbing out with ../', { title: '../../../../etc/passwd' }],
    ['an absolute path as artist', { artist: '/etc/cron.d', template: '{artist}/{title}' }],
    ['a Windows path as artist', { artist: 'C:\\Windows\\System32', template: '{artist}/{title}' }],
    ['a NUL byte and control characters', { title: 'Null\u0000byte\u0007bell\r\nnewline' }],
    ['a reserved Windows name', { title: 'CON', artist: 'aux', template: '{artist}/{title}' }],
    ['a 300-character title', { title: 'Extended Mix '.repeat(24).slice(0, 300) }],
    ['emoji and RTL overrides', { title: '🔥 Fire \u202Egnp.exe\u202C 🎧', artist: 'שלום \u200F DJ' }],
    ['the replica\u2019s hostile track title (2,000 characters of markup, RTL, emoji)', { title: hostileTitle }],
    ['dots only', { title: '..', artist: ' . ' }],
    ['a template climbing out', { template: '../../{artist}/../../{title}' }],
    ['an absolute template', { template: '/tmp/{artist}/{title}' }],
    ['a template of separators only', { template: '///\\\\' }],
  ];

  it.each(cases)('%s: the file lands inside the library with a safe name', async (_what, input) => {
    const outside = tempDir();
    const library = path.join(outside, 'library');
    const h = host(library);
    const url = await resolveStream(replica, 'sc-mp3-progressive');
    const meta = { ...metadataFor('sc-mp3-progressive'), ...(input.title !== undefined ? { title: input.title } : {}), ...(input.artist ? { artists: [input.artist] } : {}) };
    const jobId = `hostile-${cases.findIndex(([, c]) => c === input)}`;
    const outcome = await run(h, specFor(jobId, url, 'sc-mp3-progressive', meta, { template: input.template ?? '{artist} - {title}' }));
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
    const file = outcome.result.path;
    expect(path.relative(library, file).startsWith('..')).toBe(false);
    expect(existsSync(file)).toBe(true);
    expect(readdirSync(outside)).toEqual(['library']); // nothing written beside the library
    for (const part of path.relative(library, file).split(path.sep)) {
      expect(Buffer.byteLength(part)).toBeLessThanOrEqual(255);
      expect(part).not.toMatch(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069<>:"\\|?*]/);
      expect(part).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i);
      expect(part).not.toMatch(/^\.|[. ]$/);
    }
  });

  it('a 300-character title downloaded twice: the second name gets " (2)" and still fits in 255 bytes', async () => {
    const library = tempDir();
    const url = await resolveStream(replica, 'sc-mp3-progressive');
    const meta = { ...metadataFor('sc-mp3-progressive'), title: 'Ü'.repeat(300) };
    const names: string[] = [];
    for (const jobId of ['long-1', 'long-2']) {
      const outcome = await run(host(library), specFor(jobId, url, 'sc-mp3-progressive', meta));
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
      names.push(path.basename(outcome.result.path));
    }
    expect(names[1]).toMatch(/ \(2\)\.mp3$/);
    expect(names.map((n) => Buffer.byteLength(n) <= 255)).toEqual([true, true]);
    expect(names[0]).not.toBe(names[1]);
  });
});
