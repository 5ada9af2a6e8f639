/**
 * A progressive source (one file: SoundCloud's MP3, Mixcloud's M4A) streamed into the part file,
 * never held in memory. An interrupted transfer, or a job resumed after a crash, asks for the rest
 * with a Range request; the size is checked against Content-Length and Content-Range, and a server
 * that answers a range with the whole file (or a file of another size) starts the part over.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { DeckhandError } from '../../../shared/errors';
import { backoffDelay, DEFAULT_RETRIES, isRetryable, sleep } from '../../../shared/hls/retry';
import type { FetchContext } from './job-context';
import type { Journal } from './journal';
import { PartStore } from './part-store';

interface ContentRange {
  start: number;
  end: number;
  total?: number;
}

export function parseContentRange(value: string | undefined): ContentRange | undefined {
  const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(value?.trim() ?? '');
  if (!m) return undefined;
  return { start: Number(m[1]), end: Number(m[2]), ...(m[3] !== '*' ? { total: Number(m[3]) } : {}) };
}

function contentLength(headers: IncomingHttpHeaders): number | undefined {
  const raw = headers['content-length'];
  return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : undefined;
}

/**
 * Checks an answer against what the part file holds. Returns true when the body continues the
 * part, false when it is the whole file from byte 0 (the part must be emptied first).
 */
export function continuesPart(j: Journal, status: number, headers: IncomingHttpHeaders): boolean {
  if (status === 206) {
    const range = parseContentRange(headers['content-range']);
    if (!range || range.start !== j.received) {
      throw new DeckhandError('media.size-mismatch', `Asked for bytes from ${j.received}, got ${headers['content-range'] ?? 'no Content-Range'}.`);
    }
    if (range.total !== undefined && j.totalBytes !== undefined && range.total !== j.totalBytes) {
      throw new DeckhandError('media.size-mismatch', `The file is now ${range.total} bytes, it was ${j.totalBytes}.`);
    }
    if (range.total !== undefined) j.totalBytes = range.total;
    return true;
  }
  const length = contentLength(headers);
  if (j.received > 0 && length !== undefined && j.totalBytes !== undefined && length !== j.totalBytes) {
    throw new DeckhandError('media.size-mismatch', `The file is now ${length} bytes, it was ${j.totalBytes}.`);
  }
  if (length !== undefined) j.totalBytes = length;
  return j.received === 0;
}

export async function fetchProgressive(ctx: FetchContext): Promise<void> {
  const { journal: j, session, meter, signal } = ctx;
  meter.setTotal(1);
  const part = await PartStore.open(ctx.work, j);
  const restart = async () => {
    meter.add(-j.received, 0);
    await part.reset();
  };
  try {
    meter.setTotalBytes(j.totalBytes);
    meter.add(j.received, 0);
    for (let failures = 0; j.totalBytes === undefined || j.received < j.totalBytes; ) {
      const before = j.received;
      try {
        await session.withUrl((url) =>
          ctx.http.stream(url, { signal, ...(j.received > 0 ? { range: { start: j.received } } : {}) }, {
            head: async (status, headers) => {
              let continues: boolean;
              try {
                continues = continuesPart(j, status, headers);
              } catch (err) {
                // Not the file the part holds the start of: the next attempt fetches it from byte 0.
                delete j.totalBytes;
                await restart();
                throw err;
              }
              if (!continues) await restart();
              meter.setTotalBytes(j.totalBytes);
            },
            chunk: async (chunk) => {
              await part.append(chunk, (journal) => (journal.received += chunk.length));
              meter.add(chunk.length, 0);
            },
          }),
        );
        if (j.totalBytes === undefined) j.totalBytes = j.received; // no length announced: a clean end is the end
      } catch (err) {
        const e = DeckhandError.from(err);
        if (signal.aborted) throw new DeckhandError('job.cancelled');
        if (j.received > before) {
          failures = 0; // it moved: a long file on a flaky line gets its retries back
          session.progressed();
        }
        if (!isRetryable(e) || failures >= DEFAULT_RETRIES) throw e;
        await sleep(backoffDelay(failures++), signal);
      }
    }
    if (j.received !== j.totalBytes) throw new DeckhandError('media.size-mismatch', `Stored ${j.received} of ${j.totalBytes} bytes.`);
    session.progressed();
    meter.add(0, 1);
    await part.checkpoint();
  } catch (err) {
    // Stopped (cancel, browser gone, network down): keep what arrived since the last checkpoint.
    await part.checkpoint().catch(() => undefined);
    throw err;
  } finally {
    await part.close();
  }
}
