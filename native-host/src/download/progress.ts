/** Progress figures for a job: bytes, segments, smoothed speed and ETA, throttled for the port. */
import type { JobProgress } from '../../../shared/download';

export class ProgressMeter {
  private bytes = 0;
  private segmentsDone = 0;
  private speed = 0;
  private lastT = Date.now();
  private lastBytes = 0;
  private lastEmit = 0;

  constructor(
    private readonly jobId: string,
    private segmentsTotal: number,
    private readonly emit: (p: JobProgress) => void,
    private readonly intervalMs = 250,
  ) {}

  setTotal(segments: number): void {
    this.segmentsTotal = segments;
  }

  add(bytes: number, segments = 1): void {
    this.bytes += bytes;
    this.segmentsDone += segments;
    const now = Date.now();
    const dt = (now - this.lastT) / 1000;
    if (dt >= 0.5) {
      const inst = (this.bytes - this.lastBytes) / dt;
      this.speed = this.speed === 0 ? inst : this.speed * 0.7 + inst * 0.3;
      this.lastT = now;
      this.lastBytes = this.bytes;
    }
    if (now - this.lastEmit >= this.intervalMs || this.segmentsDone === this.segmentsTotal) {
      this.lastEmit = now;
      this.emit(this.snapshot('fetching'));
    }
  }

  snapshot(phase: JobProgress['phase']): JobProgress {
    const remaining = this.segmentsTotal - this.segmentsDone;
    const perSegment = this.segmentsDone ? this.bytes / this.segmentsDone : 0;
    const eta = this.speed > 0 && remaining > 0 ? (remaining * perSegment) / this.speed : undefined;
    return {
      jobId: this.jobId,
      phase,
      bytes: this.bytes,
      segmentsDone: this.segmentsDone,
      segmentsTotal: this.segmentsTotal,
      ...(this.speed > 0 ? { speed: Math.round(this.speed) } : {}),
      ...(eta !== undefined ? { etaSec: Math.round(eta) } : {}),
    };
  }
}
