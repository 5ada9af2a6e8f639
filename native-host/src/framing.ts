/**
 * Native-messaging framing: each message is a 32-bit little-endian byte length followed by that many
 * bytes of UTF-8 JSON. The decoder is a streaming state machine so a frame may arrive split over any
 * number of chunks, and one chunk may carry many frames. Frames above the size cap are never
 * buffered: their bytes are counted and dropped as they arrive, then decoding resumes.
 */

export const HEADER_BYTES = 4;

export interface FrameDecoderHandlers {
  /** A complete frame body (may be empty for a 0-length frame). */
  onFrame(body: Buffer): void;
  /** A frame declared more than maxBytes; its body is being discarded. */
  onOversize(declaredBytes: number): void;
}

type State =
  | { kind: 'header'; bytes: Buffer; have: number }
  | { kind: 'body'; length: number; parts: Buffer[]; have: number }
  | { kind: 'discard'; remaining: number };

export class FrameDecoder {
  private state: State = FrameDecoder.headerState();

  constructor(
    private readonly maxBytes: number,
    private readonly handlers: FrameDecoderHandlers,
  ) {}

  private static headerState(): State {
    return { kind: 'header', bytes: Buffer.alloc(HEADER_BYTES), have: 0 };
  }

  /** True when the stream stopped inside a frame (a header or body is incomplete). */
  get midFrame(): boolean {
    return this.state.kind !== 'header' || this.state.have > 0;
  }

  /** Describes where the stream stopped, for the log when it ends mid-frame. */
  describeState(): string {
    const s = this.state;
    if (s.kind === 'header') return `${s.have} of ${HEADER_BYTES} header bytes`;
    if (s.kind === 'body') return `${s.have} of ${s.length} body bytes`;
    return `${s.remaining} bytes of an oversized frame still to discard`;
  }

  push(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      const s = this.state;
      if (s.kind === 'header') {
        const take = Math.min(HEADER_BYTES - s.have, chunk.length - offset);
        chunk.copy(s.bytes, s.have, offset, offset + take);
        s.have += take;
        offset += take;
        if (s.have === HEADER_BYTES) this.startFrame(s.bytes.readUInt32LE(0));
      } else if (s.kind === 'body') {
        const take = Math.min(s.length - s.have, chunk.length - offset);
        s.parts.push(chunk.subarray(offset, offset + take));
        s.have += take;
        offset += take;
        if (s.have === s.length) this.finishFrame(s.parts, s.length);
      } else {
        const take = Math.min(s.remaining, chunk.length - offset);
        s.remaining -= take;
        offset += take;
        if (s.remaining === 0) this.state = FrameDecoder.headerState();
      }
    }
  }

  private startFrame(length: number): void {
    if (length > this.maxBytes) {
      this.state = { kind: 'discard', remaining: length };
      this.handlers.onOversize(length);
      return;
    }
    if (length === 0) {
      this.state = FrameDecoder.headerState();
      this.handlers.onFrame(Buffer.alloc(0));
      return;
    }
    this.state = { kind: 'body', length, parts: [], have: 0 };
  }

  private finishFrame(parts: Buffer[], length: number): void {
    this.state = FrameDecoder.headerState();
    const body = parts.length === 1 && parts[0] ? parts[0] : Buffer.concat(parts, length);
    this.handlers.onFrame(body);
  }
}

/** One frame as a single buffer (header and body together, so one write() carries both). */
export function encodeFrame(body: Buffer): Buffer {
  const frame = Buffer.allocUnsafe(HEADER_BYTES + body.length);
  frame.writeUInt32LE(body.length, 0);
  body.copy(frame, HEADER_BYTES);
  return frame;
}

/** Decodes strict UTF-8: invalid byte sequences throw instead of becoming U+FFFD. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeUtf8(body: Buffer): string {
  return strictUtf8.decode(body);
}

/** The part of a Writable the frame writer needs (process.stdout, or a test double). */
export interface ByteSink {
  write(chunk: Buffer, callback: (err?: Error | null) => void): boolean;
  once(event: 'drain', listener: () => void): unknown;
}

/**
 * Writes frames in order while honouring backpressure: when write() returns false, later frames wait
 * in a queue until 'drain'. Pipes to a browser are asynchronous on POSIX, so flush() must be awaited
 * before the process exits or the last frames are lost.
 */
export class FrameWriter {
  private readonly queue: Buffer[] = [];
  private waitingForDrain = false;
  private pendingCallbacks = 0;
  private failed = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly out: ByteSink,
    private readonly onError: (err: Error) => void = () => {},
  ) {}

  /** Queue one already-encoded frame. Dropped silently once the output has failed (browser gone). */
  write(frame: Buffer): void {
    if (this.failed) return;
    this.queue.push(frame);
    this.pump();
  }

  /** Resolves when every queued frame has been handed to the OS (or the output failed). */
  flush(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (!this.waitingForDrain && !this.failed && this.queue.length > 0) {
      const frame = this.queue.shift() as Buffer;
      this.pendingCallbacks += 1;
      const accepted = this.out.write(frame, (err) => {
        this.pendingCallbacks -= 1;
        if (err) this.fail(err);
        this.notifyIfIdle();
      });
      if (!accepted) {
        this.waitingForDrain = true;
        this.out.once('drain', () => {
          this.waitingForDrain = false;
          this.pump();
        });
      }
    }
    this.notifyIfIdle();
  }

  private fail(err: Error): void {
    if (this.failed) return;
    this.failed = true;
    this.queue.length = 0;
    this.onError(err);
  }

  private isIdle(): boolean {
    return this.failed || (this.queue.length === 0 && this.pendingCallbacks === 0);
  }

  private notifyIfIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
