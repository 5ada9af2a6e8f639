/**
 * Compact per-sample facts kept while the payload streams out: a Uint32 size per sample and a
 * run-length time-to-sample table (one entry per run of equal durations). A 2-hour AAC stream is
 * about 310,000 samples, i.e. ~1.2 MB of sizes and a handful of duration runs.
 */
import { GrowableU32 } from './bytes';

export class SampleTable {
  readonly sizes = new GrowableU32(4096);
  private readonly runCounts = new GrowableU32(16);
  private readonly runDeltas = new GrowableU32(16);
  totalBytes = 0;
  /** Sum of durations in the table's timescale. */
  totalDuration = 0;
  maxSize = 0;

  get count(): number {
    return this.sizes.length;
  }

  add(size: number, duration: number): void {
    this.sizes.push(size);
    this.totalBytes += size;
    this.totalDuration += duration;
    if (size > this.maxSize) this.maxSize = size;
    const last = this.runDeltas.length - 1;
    if (last >= 0 && this.runDeltas.get(last) === duration) {
      this.runCounts.setLast(this.runCounts.get(last) + 1);
    } else {
      this.runCounts.push(1);
      this.runDeltas.push(duration);
    }
  }

  /** Time-to-sample runs: counts[i] samples of duration deltas[i]. */
  durationRuns(): { counts: Uint32Array; deltas: Uint32Array } {
    return { counts: this.runCounts.view(), deltas: this.runDeltas.view() };
  }
}

/**
 * Converts durations from a source timescale to ours without drift: each output delta is the
 * difference of rounded cumulative times, so the total stays exact however the deltas round.
 */
export class DurationRescaler {
  private sourceTotal = 0;
  private emittedTotal = 0;

  constructor(
    private readonly from: number,
    private readonly to: number,
  ) {}

  next(duration: number): number {
    if (this.from === this.to) return duration;
    this.sourceTotal += duration;
    const target = Math.round((this.sourceTotal * this.to) / this.from);
    const delta = target - this.emittedTotal;
    this.emittedTotal = target;
    return delta;
  }
}
