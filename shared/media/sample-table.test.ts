import { describe, expect, it } from 'vitest';
import { DurationRescaler, SampleTable } from './sample-table';

describe('SampleTable', () => {
  it('run-length encodes durations and sums sizes', () => {
    const t = new SampleTable();
    for (const [size, duration] of [[10, 1024], [20, 1024], [5, 1024], [7, 512], [9, 1024]] as const) t.add(size, duration);
    const runs = t.durationRuns();
    expect([...runs.counts]).toEqual([3, 1, 1]);
    expect([...runs.deltas]).toEqual([1024, 512, 1024]);
    expect(t.totalBytes).toBe(51);
    expect(t.totalDuration).toBe(4 * 1024 + 512);
    expect(t.maxSize).toBe(20);
    expect([...t.sizes.view()]).toEqual([10, 20, 5, 7, 9]);
  });
});

describe('DurationRescaler', () => {
  it('keeps the total exact when deltas do not divide evenly (90 kHz → 44.1 kHz)', () => {
    const r = new DurationRescaler(90000, 44100);
    const source = 2090; // ≈ 1024 samples at 44.1 kHz, expressed in 90 kHz ticks
    let sum = 0;
    for (let i = 0; i < 1000; i++) sum += r.next(source);
    expect(sum).toBe(Math.round((1000 * source * 44100) / 90000));
  });

  it('passes durations through when the timescales match', () => {
    expect(new DurationRescaler(48000, 48000).next(1024)).toBe(1024);
  });
});
