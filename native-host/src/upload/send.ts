/**
 * One streamed upload: the multipart body goes out piece by piece, the file read from disk in 256 KiB
 * chunks with the socket's backpressure (a slow platform slows the reading, memory stays flat). Any
 * HTTP answer is returned with its body (the extension judges it: 401 → renew the token, 4xx → field
 * errors); network trouble and cancellation are coded errors.
 */
import { createReadStream } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { DeckhandError } from '../../../shared/errors';
import { noteChurn } from '../download/memory';
import { targetOf, type ResolveRule } from '../download/resolve';
import type { MultipartBody } from './multipart';

/** The answer's body is forwarded in one event: keep it well below the frame cap. */
export const MAX_ANSWER_BYTES = 256 * 1024;
const READ_CHUNK = 256 * 1024;
/** No byte accepted by the socket for this long = the platform stalled. */
const STALL_MS = 60_000;

export interface SendOptions {
  url: string;
  method: 'POST' | 'PUT';
  headers: Record<string, string>;
  body: MultipartBody;
  rules: readonly ResolveRule[];
  signal: AbortSignal;
  progress(sent: number, total: number): void;
}

function write(req: http.ClientRequest, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    if (req.destroyed) return reject(new DeckhandError('network.reset', 'The connection closed during the upload.'));
    if (req.write(chunk)) return resolve();
    const onDrain = () => (req.off('close', onClose), resolve());
    const onClose = () => (req.off('drain', onDrain), reject(new DeckhandError('network.reset', 'The connection closed during the upload.')));
    req.once('drain', onDrain);
    req.once('close', onClose);
  });
}

async function sendBody(req: http.ClientRequest, body: MultipartBody, signal: AbortSignal, onBytes: (n: number) => void): Promise<void> {
  for (const piece of body.pieces) {
    if (Buffer.isBuffer(piece)) {
      await write(req, piece);
      onBytes(piece.length);
      continue;
    }
    let read = 0;
    for await (const chunk of createReadStream(piece.path, { highWaterMark: READ_CHUNK, signal })) {
      const buf = chunk as Buffer;
      read += buf.length;
      if (read > piece.size) throw new DeckhandError('media.size-mismatch', 'The file grew while it was being uploaded.');
      await write(req, buf);
      noteChurn(buf.length);
      onBytes(buf.length);
    }
    if (read !== piece.size) throw new DeckhandError('media.size-mismatch', 'The file shrank while it was being uploaded.');
  }
  req.end();
}

function mapError(err: unknown, host: string, signal: AbortSignal): DeckhandError {
  if (signal.aborted) return new DeckhandError('job.cancelled', 'The upload was cancelled.');
  if (err instanceof DeckhandError) return err;
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'ENOTFOUND' || e?.code === 'ECONNREFUSED' || e?.code === 'EAI_AGAIN') return new DeckhandError('network.offline', `${host}: ${e.message}`);
  if (e?.code === 'ENOENT' || e?.code === 'EACCES') return new DeckhandError('library.io', `Cannot read the file: ${e.message}`);
  return new DeckhandError('network.reset', `${host}: ${e?.message ?? String(err)}`);
}

export function sendMultipart(opts: SendOptions): Promise<{ status: number; body: string }> {
  const url = new URL(opts.url);
  const { host, port } = targetOf(opts.rules, url);
  const secure = url.protocol === 'https:';
  const total = opts.body.length;
  return new Promise((resolve, reject) => {
    let sent = 0;
    let lastReport = 0;
    let settled = false;
    const fail = (err: unknown) => {
      req.destroy(); // also after an early answer (a 401 before the body was read): stop sending
      if (settled) return;
      settled = true;
      reject(mapError(err, url.hostname, opts.signal));
    };
    const req = (secure ? https : http).request(
      {
        host,
        port,
        method: opts.method,
        path: url.pathname + url.search,
        agent: false,
        ...(secure ? { servername: url.hostname } : {}),
        headers: {
          ...opts.headers,
          host: url.host,
          'user-agent': 'Deckhand-Host/0.1',
          'content-type': `multipart/form-data; boundary=${opts.body.boundary}`,
          'content-length': String(total),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size < MAX_ANSWER_BYTES) chunks.push(c.subarray(0, MAX_ANSWER_BYTES - size));
          size += c.length;
        });
        res.on('end', () => {
          if (settled) return;
          settled = true;
          opts.progress(sent, total);
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', fail);
      },
    );
    req.setTimeout(STALL_MS, () => fail(new DeckhandError('network.timeout', `${url.hostname} stopped taking the upload.`)));
    req.on('error', fail);
    const onAbort = () => fail(new DeckhandError('job.cancelled', 'The upload was cancelled.'));
    if (opts.signal.aborted) return onAbort();
    opts.signal.addEventListener('abort', onAbort, { once: true });
    sendBody(req, opts.body, opts.signal, (n) => {
      sent += n;
      const now = Date.now();
      if (now - lastReport >= 250) {
        lastReport = now;
        opts.progress(sent, total);
      }
    }).catch(fail);
  });
}
