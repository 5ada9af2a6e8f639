/**
 * Progressive files streamed into the part file: Range resume after a crash and after a body cut
 * short, size checks against Content-Length / Content-Range, and servers that ignore ranges or
 * change the file. A test route on the replica serves an MP3 and records the Range header of
 * every request.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../../../e2e/replica/server';
import { CONTROL_HOST } from '../../../e2e/replica/hosts';
import type { Res } from '../../../e2e/replica/http';
import { fetchReplica } from '../../../e2e/replica/platforms/soundcloud/test-client';
import { buildHost, removeTempDirs, tempDir } from '../../test/host-process';
import { continuesPart, parseContentRange } from './progressive';
import { newJournal } from './journal';
import { DownloadHost, HostPool, metadataFor, resolveStream, sha256, specFor } from './test-support/harness';

let replica: Replica;
const pool = new HostPool(() => replica);
let original: Buffer = Buffer.alloc(0);
/** What the route serves: `a`, and for mode "changing" `b` after the first answer. */
const served: { a: Buffer; b: Buffer } = { a: Buffer.alloc(0), b: Buffer.alloc(0) };
/** Range header of each request to the test route, in order ('' = none). */
const ranges: string[] = [];
const statuses: number[] = [];

type Mode = 'normal' | 'cut' | 'ignore-range' | 'changing';

/** Bytes per second the test route sends at (0 = as fast as it can). */
let pace = 0;

/**
 * Sends `body[start..]` as a 206 or 200 in 64 KiB pieces at `pace`, and drops the connection after
 * `limit` bytes, like a connection that broke (the client sees a body shorter than announced).
 */
async function sendPart(res: Res, body: Buffer, status: number, start: number, limit = Infinity): Promise<void> {
  const end = body.length - 1;
  const headers: Record<string, string> = { 'content-type': 'audio/mpeg', 'content-length': String(end - start + 1), 'accept-ranges': 'bytes' };
  if (status === 206) headers['content-range'] = `bytes ${start}-${end}/${body.length}`;
  res.sent = true;
  statuses.push(status);
  res.raw.writeHead(status, headers);
  const stop = Math.min(end + 1, start + limit);
  for (let at = start; at < stop && !res.raw.destroyed; at += 64 * 1024) {
    const piece = body.subarray(at, Math.min(stop, at + 64 * 1024));
    await new Promise<void>((resolve) => res.raw.write(piece, () => resolve()));
    if (pace > 0) await new Promise((r) => setTimeout(r, (piece.length / pace) * 1000));
  }
  if (stop > end) res.raw.end();
  else res.raw.socket?.destroy();
}

function serve(mode: Mode, rangeHeader: string | undefined, res: Res): Promise<void> {
  const asked = /^bytes=(\d+)-$/.exec(rangeHeader ?? '');
  const start = asked ? Number(asked[1]) : 0;
  if (mode === 'ignore-range') return sendPart(res, served.a, 200, 0);
  if (mode === 'changing') {
    // The first answer is file a, cut short; from then on the URL serves file b.
    const first = ranges.length === 1;
    return first ? sendPart(res, served.a, 200, 0, 512 * 1024) : sendPart(res, served.b, asked ? 206 : 200, start);
  }
  return sendPart(res, served.a, asked ? 206 : 200, start, mode === 'cut' ? 512 * 1024 : Infinity);
}

beforeAll(async () => {
  buildHost();
  replica = await startReplica({ port: 0 });
  original = (await fetchReplica(replica, await resolveStream(replica, 'sc-mp3-progressive'))).body;
  replica.app.router.get(CONTROL_HOST, '/deckhand-test/:mode/track.mp3', 'media', (req, res) => {
    ranges.push(req.header('range') ?? '');
    return serve(req.params.mode as Mode, req.header('range'), res);
  });
});
afterAll(async () => {
  pool.killAll();
  await replica.stop();
  removeTempDirs();
});

const host = (library?: string): DownloadHost => pool.start(library);

function spec(jobId: string, mode: Mode) {
  return specFor(jobId, `https://${CONTROL_HOST}/deckhand-test/${mode}/track.mp3`, 'sc-mp3-progressive', metadataFor('sc-mp3-progressive'));
}

async function completed(h: DownloadHost, jobId: string): Promise<string> {
  const outcome = await h.outcome(jobId, 60_000);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
  return outcome.result.path;
}

/** Hash of what the host makes of `body` when nothing goes wrong; the route then serves `body` as a. */
async function referenceOf(body: Buffer, name: string): Promise<string> {
  served.a = body;
  ranges.length = 0;
  const h = host();
  await h.start(spec(`ref-${name}`, 'normal'));
  return sha256(await completed(h, `ref-${name}`));
}

describe('progressive downloads', () => {
  it('continue after a crash with a Range request for what the journal does not hold', async () => {
    const reference = await referenceOf(original, 'a');
    pace = 1_000_000;
    const library = tempDir();
    const first = host(library);
    ranges.length = 0;
    await first.start(spec('crash', 'normal'));
    await new Promise((r) => setTimeout(r, 1200));
    first.kill();
    await first.process.exited;
    pace = 0;
    const journal = JSON.parse(readFileSync(path.join(library, '.deckhand', 'parts', 'crash', 'journal.json'), 'utf8')) as { received: number };
    expect(journal.received).toBeGreaterThan(0);
    const second = host(library);
    await second.start(spec('crash', 'normal'));
    expect(sha256(await completed(second, 'crash'))).toBe(reference);
    expect(ranges).toEqual(['', `bytes=${journal.received}-`]);
  });

  it('complete when every answer is cut short, asking each time for the rest', async () => {
    const reference = await referenceOf(original, 'a2');
    ranges.length = 0;
    const h = host();
    await h.start(spec('cut', 'cut'));
    expect(sha256(await completed(h, 'cut'))).toBe(reference);
    // Each request asks for the rest, from where the previous answer broke off (about 512 KiB on).
    const starts = ranges.map((r) => Number(/\d+/.exec(r)?.[0] ?? 0));
    expect(ranges[0]).toBe('');
    expect(starts.length).toBeGreaterThanOrEqual(Math.ceil(original.length / (512 * 1024)));
    starts.slice(1).forEach((s, i) => expect(s - (starts[i] as number)).toBeGreaterThan(400 * 1024));
  });

  it('start the part over when the server ignores Range and sends the whole file', async () => {
    const reference = await referenceOf(original, 'a3');
    pace = 1_000_000;
    const library = tempDir();
    const first = host(library);
    ranges.length = 0;
    statuses.length = 0;
    await first.start(spec('no-range', 'ignore-range'));
    await new Promise((r) => setTimeout(r, 1200));
    first.kill();
    await first.process.exited;
    pace = 0;
    const second = host(library);
    await second.start(spec('no-range', 'ignore-range'));
    expect(sha256(await completed(second, 'no-range'))).toBe(reference);
    expect(ranges[1]).toMatch(/^bytes=\d+-$/);
    expect(statuses).toEqual([200, 200]);
  });

  it('fetch the file again from the start when it changed size between attempts', async () => {
    served.b = original.subarray(0, Math.floor(original.length * 0.8));
    const reference = await referenceOf(served.b, 'b');
    served.a = original;
    ranges.length = 0;
    const h = host();
    await h.start(spec('changing', 'changing'));
    expect(sha256(await completed(h, 'changing'))).toBe(reference);
    // Cut short; a Range answer for a different length; then the new file from byte 0.
    expect(ranges).toHaveLength(3);
    expect([ranges[0], ranges[2]]).toEqual(['', '']);
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(ranges[1] ?? '')?.[1]);
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThanOrEqual(512 * 1024);
  });
});

describe('continuesPart', () => {
  const journal = (received: number, totalBytes?: number) => ({ ...newJournal('j', 'k'), received, ...(totalBytes !== undefined ? { totalBytes } : {}) });

  it('accepts a 206 that starts where the part ends, and learns the total', () => {
    const j = journal(1000);
    expect(continuesPart(j, 206, { 'content-range': 'bytes 1000-4999/5000' })).toBe(true);
    expect(j.totalBytes).toBe(5000);
  });

  it('takes a 200 as the whole file: from byte 0 it continues, past it the part starts over', () => {
    expect(continuesPart(journal(0), 200, { 'content-length': '5000' })).toBe(true);
    expect(continuesPart(journal(1000), 200, { 'content-length': '5000' })).toBe(false);
  });

  it('refuses a range that starts elsewhere, or a file whose size changed', () => {
    expect(() => continuesPart(journal(1000), 206, { 'content-range': 'bytes 0-4999/5000' })).toThrow(/from 1000/);
    expect(() => continuesPart(journal(1000, 5000), 206, { 'content-range': 'bytes 1000-5999/6000' })).toThrow(/now 6000/);
    expect(() => continuesPart(journal(1000, 5000), 200, { 'content-length': '6000' })).toThrow(/now 6000/);
    expect(() => continuesPart(journal(1000), 206, {})).toThrow(/no Content-Range/);
  });

  it('parses Content-Range with a known or unknown total', () => {
    expect(parseContentRange('bytes 5-9/10')).toEqual({ start: 5, end: 9, total: 10 });
    expect(parseContentRange('bytes 5-9/*')).toEqual({ start: 5, end: 9 });
    expect(parseContentRange('items 1-2/3')).toBeUndefined();
  });
});
