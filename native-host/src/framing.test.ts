import { describe, expect, it } from 'vitest';
import { decodeUtf8, encodeFrame, FrameDecoder, FrameWriter, type ByteSink } from './framing';

function collect(maxBytes = 1024) {
  const frames: string[] = [];
  const oversize: number[] = [];
  const decoder = new FrameDecoder(maxBytes, {
    onFrame: (body) => frames.push(body.toString('utf8')),
    onOversize: (n) => oversize.push(n),
  });
  return { decoder, frames, oversize };
}

const frame = (text: string) => encodeFrame(Buffer.from(text, 'utf8'));

describe('FrameDecoder', () => {
  it('decodes a frame split at every possible byte boundary', () => {
    const bytes = Buffer.concat([frame('{"a":1}'), frame('"second"')]);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const { decoder, frames } = collect();
      decoder.push(bytes.subarray(0, cut));
      decoder.push(bytes.subarray(cut));
      expect(frames, `cut at ${cut}`).toEqual(['{"a":1}', '"second"']);
      expect(decoder.midFrame).toBe(false);
    }
  });

  it('decodes one byte at a time', () => {
    const { decoder, frames } = collect();
    const bytes = Buffer.concat([frame('héllo'), frame('[]')]);
    for (const byte of bytes) decoder.push(Buffer.from([byte]));
    expect(frames).toEqual(['héllo', '[]']);
  });

  it('decodes many frames merged in one chunk', () => {
    const { decoder, frames } = collect();
    decoder.push(Buffer.concat(Array.from({ length: 100 }, (_, i) => frame(String(i)))));
    expect(frames).toHaveLength(100);
    expect(frames[99]).toBe('99');
  });

  it('delivers a 0-length frame as an empty body and carries on', () => {
    const { decoder, frames } = collect();
    decoder.push(Buffer.concat([Buffer.alloc(4), frame('x')]));
    expect(frames).toEqual(['', 'x']);
  });

  it('accepts a frame of exactly the cap and refuses one byte more', () => {
    const { decoder, frames, oversize } = collect(8);
    decoder.push(frame('12345678'));
    decoder.push(frame('123456789'));
    decoder.push(frame('ok'));
    expect(frames).toEqual(['12345678', 'ok']);
    expect(oversize).toEqual([9]);
  });

  it('discards an oversized body as it arrives, across chunks, then resumes', () => {
    const { decoder, frames, oversize } = collect(4);
    const big = frame('x'.repeat(1000));
    decoder.push(big.subarray(0, 2));
    decoder.push(big.subarray(2, 500));
    expect(oversize).toEqual([1000]);
    expect(decoder.midFrame).toBe(true);
    decoder.push(Buffer.concat([big.subarray(500), frame('next')]));
    expect(frames).toEqual(['next']);
    expect(decoder.midFrame).toBe(false);
  });

  it('reports where a stream stopped mid-frame', () => {
    const { decoder } = collect();
    decoder.push(Buffer.from([2, 0]));
    expect(decoder.midFrame).toBe(true);
    expect(decoder.describeState()).toBe('2 of 4 header bytes');
    decoder.push(Buffer.from([0, 0, 0x22]));
    expect(decoder.describeState()).toBe('1 of 2 body bytes');
  });

  it('reads the length as little-endian', () => {
    const { decoder, frames } = collect(70000);
    const body = 'y'.repeat(0x0102);
    decoder.push(Buffer.concat([Buffer.from([0x02, 0x01, 0x00, 0x00]), Buffer.from(body)]));
    expect(frames).toEqual([body]);
  });
});

describe('decodeUtf8', () => {
  it('rejects invalid UTF-8 instead of replacing it', () => {
    expect(() => decodeUtf8(Buffer.from([0x22, 0xff, 0x22]))).toThrow();
    expect(decodeUtf8(Buffer.from('"ü"'))).toBe('"ü"');
  });
});

/** A sink that accepts `capacity` writes before asking the writer to wait for 'drain'. */
class SlowSink implements ByteSink {
  written: Buffer[] = [];
  maxOutstanding = 0;
  private outstanding = 0;
  private drainListeners: Array<() => void> = [];
  private callbacks: Array<(err?: Error | null) => void> = [];
  constructor(private readonly capacity: number) {}
  write(chunk: Buffer, cb: (err?: Error | null) => void): boolean {
    this.written.push(chunk);
    this.callbacks.push(cb);
    this.outstanding += 1;
    this.maxOutstanding = Math.max(this.maxOutstanding, this.outstanding);
    return this.outstanding < this.capacity;
  }
  once(_event: 'drain', listener: () => void): void {
    this.drainListeners.push(listener);
  }
  /** The OS took everything: run callbacks, then emit drain. */
  drain(err?: Error): void {
    const callbacks = this.callbacks;
    this.callbacks = [];
    this.outstanding = 0;
    for (const cb of callbacks) cb(err);
    const listeners = this.drainListeners;
    this.drainListeners = [];
    for (const l of listeners) l();
  }
}

describe('FrameWriter', () => {
  it('stops writing when the sink is full and resumes on drain, in order', async () => {
    const sink = new SlowSink(2);
    const writer = new FrameWriter(sink);
    for (let i = 0; i < 5; i++) writer.write(Buffer.from([i]));
    expect(sink.written.map((b) => b[0])).toEqual([0, 1]);
    let flushed = false;
    const flushing = writer.flush().then(() => (flushed = true));
    sink.drain();
    expect(sink.written.map((b) => b[0])).toEqual([0, 1, 2, 3]);
    await Promise.resolve();
    expect(flushed).toBe(false);
    sink.drain();
    sink.drain();
    await flushing;
    expect(sink.written.map((b) => b[0])).toEqual([0, 1, 2, 3, 4]);
    expect(sink.maxOutstanding).toBe(2);
  });

  it('flush resolves at once when idle, and after a failure drops later frames', async () => {
    const sink = new SlowSink(10);
    const errors: Error[] = [];
    const writer = new FrameWriter(sink, (e) => errors.push(e));
    await writer.flush();
    writer.write(Buffer.from('a'));
    const flushing = writer.flush();
    sink.drain(new Error('EPIPE'));
    await flushing;
    writer.write(Buffer.from('b'));
    expect(sink.written).toHaveLength(1);
    expect(errors.map((e) => e.message)).toEqual(['EPIPE']);
  });
});
