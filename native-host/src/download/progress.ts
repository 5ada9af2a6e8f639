/** Progress figures for a job: bytes, segments, smoothed speed and ETA, throttled for the port. */
import type { JobProgress } from '../../../shared/download';

export class ProgressMeter {
  private bytes = 0;
  private segmentsDone = 0;
  private totalBytes: number | undefined;
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

  /** Progressive sources: the file's length, once the server said it. */
  setTotalBytes(bytes: number | undefined): void {
    this.totalBytes = bytes;
  }

  /** Bytes (negative when a part is started over) and segments that were stored. */
  add(bytes: number, segments = 1): void {
    this.bytes += bytes;
    this.segmentsDone += segments;
    const now = Date.now();
    const dt = (now - this.lastT) / 1000;
    if (bytes < 0) this.lastBytes = this.bytes;
    if (dt >= 0.5) {
      const inst = Math.max(0, (this.bytes - this.lastBytes) / dt);
      this.speed = this.speed === 0 ? inst : this.speed * 0.7 + inst * 0.3;
      this.lastT = now;
      this.lastBytes = this.bytes;
    }
    if (now - this.lastEmit >= this.intervalMs || (segments > 0 && this.segmentsDone === this.segmentsTotal)) {
      this.lastEmit = now;
      this.emit(this.snapshot('fetching'));
    }
  }

  snapshot(phase: JobProgress['phase']): JobProgress {
    let eta: number | undefined;
    if (this.speed > 0 && this.totalBytes !== undefined) {
      eta = Math.max(0, this.totalBytes - this.bytes) / this.speed;
    } else if (this.speed > 0 && this.segmentsDone > 0 && this.segmentsDone < this.segmentsTotal) {
      eta = ((this.segmentsTotal - this.segmentsDone) * (this.bytes / this.segmentsDone)) / this.speed;
    }
    return {
      jobId: this.jobId,
      phase,
      bytes: this.bytes,
      ...(this.totalBytes !== undefined ? { totalBytes: this.totalBytes } : {}),
      segmentsDone: this.segmentsDone,
      segmentsTotal: this.segmentsTotal,
      ...(this.speed > 0 ? { speed: Math.round(this.speed) } : {}),
      ...(eta !== undefined && phase === 'fetching' ? { etaSec: Math.round(eta) } : {}),
    };
  }
}
