/** Fault switches, settable per run from tests (in-process or through the control API). */
import type { PlatformId } from '../../shared/platform';
import { Rng } from './rng';

export type RequestCategory = 'page' | 'api' | 'media' | 'auth' | 'asset';

export interface RateLimitRule {
  /** Requests allowed per window... */
  limit: number;
  /** ...of this many milliseconds (sliding window). */
  windowMs: number;
}

export interface FaultConfig {
  /** Delay before the response head, per request (ms). */
  latencyMs: number;
  /** Bytes per second per response body; 0 = unlimited. */
  bandwidth: number;
  /** Bytes per second at which request bodies (uploads) are read; 0 = unlimited. */
  uploadBandwidth: number;
  /** An accepted upload (SoundCloud POST /tracks, Mixcloud /upload/) is stored at once, answered this much later (ms). */
  uploadAnswerDelayMs: number;
  /** Fraction of requests answered 503 (then 500, alternating). */
  errorRate: number;
  /** Fraction of responses whose connection is destroyed mid-body. */
  resetRate: number;
  /** Fraction of responses that end early while announcing the full Content-Length. */
  truncateRate: number;
  /** Fraction of responses that stop sending for `stallMs` halfway through. */
  stallRate: number;
  stallMs: number;
  /** Which request categories the random faults (error/reset/truncate/stall) hit. Latency and bandwidth hit all. */
  scope: RequestCategory[];
  /** Lifetime of signed stream URLs in seconds (SoundCloud CloudFront policies: 300). */
  expirySec: number;
  /** Per-platform API rate limits; absent = unlimited. */
  rateLimits: Partial<Record<PlatformId, RateLimitRule>>;
  /** Mixcloud's progressive stream runs at playback speed after this many bytes (0 = never). */
  progressiveThrottleAfter: number;
}

export const DEFAULT_FAULTS: FaultConfig = {
  latencyMs: 0,
  bandwidth: 0,
  uploadBandwidth: 0,
  uploadAnswerDelayMs: 0,
  errorRate: 0,
  resetRate: 0,
  truncateRate: 0,
  stallRate: 0,
  stallMs: 5000,
  scope: ['media'],
  expirySec: 300,
  rateLimits: {},
  progressiveThrottleAfter: 5 * 1024 * 1024,
};

export type BodyFault = 'none' | 'reset' | 'truncate' | 'stall';

export class Faults {
  config: FaultConfig;
  private rng: Rng;
  private errorToggle = false;
  private hits = new Map<PlatformId, number[]>();

  constructor(initial: Partial<FaultConfig> = {}, seed = 1) {
    this.config = { ...DEFAULT_FAULTS, ...initial };
    this.rng = new Rng(seed);
  }

  set(patch: Partial<FaultConfig>): FaultConfig {
    this.config = { ...this.config, ...patch };
    return this.config;
  }

  reset(seed = 1): void {
    this.config = { ...DEFAULT_FAULTS };
    this.rng = new Rng(seed);
    this.hits.clear();
  }

  /** A 5xx status to answer with, or undefined. */
  errorFor(category: RequestCategory): number | undefined {
    if (!this.config.scope.includes(category) || this.config.errorRate <= 0) return undefined;
    if (this.rng.next() >= this.config.errorRate) return undefined;
    this.errorToggle = !this.errorToggle;
    return this.errorToggle ? 503 : 500;
  }

  bodyFault(category: RequestCategory): BodyFault {
    if (!this.config.scope.includes(category)) return 'none';
    const r = this.rng.next();
    const { resetRate, truncateRate, stallRate } = this.config;
    if (r < resetRate) return 'reset';
    if (r < resetRate + truncateRate) return 'truncate';
    if (r < resetRate + truncateRate + stallRate) return 'stall';
    return 'none';
  }

  /** Seconds to wait when the platform's limit is exceeded, else undefined (and the hit is counted). */
  rateLimited(platform: PlatformId, now = Date.now()): number | undefined {
    const rule = this.config.rateLimits[platform];
    if (!rule) return undefined;
    const list = (this.hits.get(platform) ?? []).filter((t) => t > now - rule.windowMs);
    if (list.length >= rule.limit) {
      this.hits.set(platform, list);
      const oldest = list[0] ?? now;
      return Math.max(1, Math.ceil((oldest + rule.windowMs - now) / 1000));
    }
    list.push(now);
    this.hits.set(platform, list);
    return undefined;
  }
}
