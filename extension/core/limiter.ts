/**
 * One rate limiter for every platform client. Per platform it keeps a GCRA token bucket (a burst,
 * then one request start per `spacingMs`), a cap on requests in flight, and a cool-down: a
 * rate-limit answer stops every request of that platform, and only that platform, until it ends.
 * Cool-downs are persisted through an injected storage so a restarted service worker keeps obeying
 * them. Time and randomness come from an injectable clock, so tests run on virtual time. Nothing
 * here touches `browser.*`: the bench runs the same limiter in Node.
 */
import { DeckhandError } from '../../shared/errors';
import type { PlatformId } from '../../shared/platform';
import { db, type CooldownRecord } from './db';

export interface RatePolicy {
  /** Time between request starts once the burst is spent (ms). */
  spacingMs: number;
  /** Requests that may start back to back after a quiet period. */
  burst: number;
  /** Requests in flight at once. */
  maxConcurrent: number;
  /** Cool-down after a rate-limit answer that names no retry time: base × 2^(strike−1), jittered, capped. */
  backoffBaseMs: number;
  backoffCapMs: number;
}

/** Spacing that, after a burst, starts at most `limit − 1` requests in any `windowMs` (one of slack for jitter). */
export function spacingWithin(limit: number, windowMs: number, burst: number): number {
  return windowMs / (limit - burst);
}

/** The most request starts `policy` allows in any window of `windowMs`: the burst, then one per spacing. */
export function maxStartsInWindow(policy: Pick<RatePolicy, 'burst' | 'spacingMs'>, windowMs: number): number {
  return policy.burst + Math.ceil(windowMs / policy.spacingMs) - 1;
}

/** The shortest time `count` requests can take to start under `policy` from a quiet start. */
export function minimumDurationMs(policy: Pick<RatePolicy, 'burst' | 'spacingMs'>, count: number): number {
  return Math.max(0, count - policy.burst) * policy.spacingMs;
}

export const POLICIES: Record<PlatformId, RatePolicy> = {
  // api-v2: yt-dlp's 429 warning estimates ~600 requests per 10 minutes (soundcloud.md §14, its own
  // estimate). The page's player shares the client_id and IP, so aim at 90% of it: at most 540 starts
  // in any 10 minutes with a burst of 10 (what one page load of the web player sends) → one start
  // every ~1.13 s. 429s carry no Retry-After: back off from 10 s, doubling up to that 10-minute window.
  soundcloud: { spacingMs: spacingWithin(540, 600_000, 10), burst: 10, maxConcurrent: 3, backoffBaseMs: 10_000, backoffCapMs: 600_000 },
  // No published number, but "every action is rate-limited" and the answer is a 403 RateLimitException
  // with retry_after (mixcloud.md §5); the user's own browsing shares the budget. Conservative: 40 per
  // minute, 2 in flight, a burst of 5 (a search of shows, users and tags, then a show and its owner).
  mixcloud: { spacingMs: 1_500, burst: 5, maxConcurrent: 2, backoffBaseMs: 5_000, backoffCapMs: 300_000 },
  // No published or observed API limit (beatport.md §5); beatportdl runs 15 parallel workers against the
  // API without reported throttling, and Cloudflare blocks concern www only. Moderate: 4 per second,
  // 4 in flight, and a burst of 10 so a search plus a chart page in the popup go out at once.
  beatport: { spacingMs: 250, burst: 10, maxConcurrent: 4, backoffBaseMs: 2_000, backoffCapMs: 120_000 },
};

export interface LimiterClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Uniform in [0, 1): jitter. */
  random(): number;
}

export const realClock: LimiterClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};

/** "Equal jitter" exponential backoff: half the doubled delay fixed, half random (no thundering herd). */
export function backoffDelay(attempt: number, baseMs: number, capMs: number, random: () => number): number {
  const exp = Math.min(capMs, baseMs * 2 ** attempt);
  return exp / 2 + random() * (exp / 2);
}

/** Where cool-downs live between service-worker lives. */
export interface CooldownStorage {
  load(): Promise<CooldownRecord[]>;
  save(record: CooldownRecord): Promise<void>;
}

export function memoryCooldownStorage(): CooldownStorage {
  const records = new Map<PlatformId, CooldownRecord>();
  return {
    load: async () => [...records.values()].map((r) => ({ ...r })),
    save: async (record) => void records.set(record.platform, { ...record }),
  };
}

export function indexedDbCooldownStorage(): CooldownStorage {
  return {
    load: async () => (await db()).getAll('cooldowns'),
    save: async (record) => void (await (await db()).put('cooldowns', record)),
  };
}

/** What one try of a request came to. `rateLimit` marks a platform's "slow down" answer. */
export type Attempt<T> =
  | { ok: true; value: T }
  | { ok: false; error: unknown; retryable: boolean; rateLimit?: { retryAfterMs?: number } };

export interface RunOptions {
  /** Only idempotent requests are ever sent twice. */
  idempotent: boolean;
  retries: number;
}

export interface LimiterOptions {
  policies?: Partial<Record<PlatformId, RatePolicy>>;
  clock?: LimiterClock;
  storage?: CooldownStorage;
  /** A request facing a longer cool-down fails at once with `rate.limited` instead of waiting. */
  maxWaitMs?: number;
  /** Backoff between tries after 5xx or network errors. */
  retryBaseMs?: number;
  retryCapMs?: number;
}

interface Lane {
  /** GCRA theoretical arrival time: the bucket is empty until tat − (burst − 1) × spacing. */
  tat: number;
  active: number;
  /** Resolves the request waiting at the head of the lane for a free slot. */
  wake?: () => void;
  /** The head of the FIFO: each acquire waits for the one before it to start. */
  queue: Promise<void>;
}

export class RateLimiter {
  private readonly policies: Record<PlatformId, RatePolicy>;
  private readonly settings: Required<Omit<LimiterOptions, 'policies'>>;
  private readonly clock: LimiterClock;
  private readonly lanes = new Map<PlatformId, Lane>();
  private readonly cooldowns = new Map<PlatformId, CooldownRecord>();
  private readonly loaded: Promise<void>;

  constructor({ policies, ...opts }: LimiterOptions = {}) {
    this.policies = { ...POLICIES, ...policies };
    this.settings = { clock: realClock, storage: memoryCooldownStorage(), maxWaitMs: 60_000, retryBaseMs: 400, retryCapMs: 15_000, ...opts };
    this.clock = this.settings.clock;
    this.loaded = this.settings.storage.load().then(
      (records) => records.forEach((r) => this.cooldowns.set(r.platform, r)),
      (err: unknown) => console.warn('deckhand: could not read rate-limit cool-downs', err),
    );
  }

  /** Resolves once persisted cool-downs are read back. */
  ready(): Promise<void> {
    return this.loaded;
  }

  /** Epoch ms until which `platform` is cooling down, or undefined. */
  cooldownUntil(platform: PlatformId): number | undefined {
    const until = this.cooldowns.get(platform)?.until;
    return until !== undefined && until > this.clock.now() ? until : undefined;
  }

  /** Send `attempt` under the platform's policy; retries (idempotent only) after backoff or cool-down. */
  async run<T>(platform: PlatformId, attempt: () => Promise<Attempt<T>>, opts: RunOptions): Promise<T> {
    for (let tries = 0; ; tries++) {
      const release = await this.acquire(platform);
      const startedAt = this.clock.now();
      let outcome: Attempt<T>;
      try {
        outcome = await attempt();
      } finally {
        release();
      }
      if (outcome.ok) {
        await this.succeeded(platform, startedAt);
        return outcome.value;
      }
      const until = outcome.rateLimit ? await this.coolDown(platform, outcome.rateLimit.retryAfterMs) : undefined;
      const again = opts.idempotent && tries < opts.retries && (outcome.retryable || until !== undefined);
      if (!again) throw until === undefined ? outcome.error : withRetryAt(outcome.error, until);
      // After a cool-down the next acquire() waits for it; other failures back off here.
      if (until === undefined) await this.clock.sleep(backoffDelay(tries, this.settings.retryBaseMs, this.settings.retryCapMs, () => this.clock.random()));
    }
  }

  /**
   * Wait for this platform's turn: FIFO, then a free slot, the end of any cool-down and a token.
   * Returns the function that frees the slot.
   */
  async acquire(platform: PlatformId): Promise<() => void> {
    await this.loaded;
    const lane = this.lane(platform);
    const before = lane.queue;
    let passed!: () => void;
    lane.queue = new Promise<void>((resolve) => (passed = resolve));
    try {
      await before;
      await this.waitForStart(platform, lane);
    } finally {
      passed();
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      lane.active--;
      const wake = lane.wake;
      lane.wake = undefined;
      wake?.();
    };
  }

  /** Record a rate-limit answer; returns the end of the platform's cool-down (epoch ms). */
  async coolDown(platform: PlatformId, retryAfterMs?: number): Promise<number> {
    await this.loaded;
    const policy = this.policies[platform];
    const now = this.clock.now();
    const current = this.cooldowns.get(platform);
    const active = current !== undefined && current.until > now;
    // Answers to requests already in flight when the cool-down began are the same strike.
    const strikes = active ? current.strikes : (current?.strikes ?? 0) + 1;
    const wait = retryAfterMs ?? backoffDelay(strikes - 1, policy.backoffBaseMs, policy.backoffCapMs, () => this.clock.random());
    const until = Math.max(active ? current.until : 0, now + wait);
    await this.remember({ platform, until, strikes });
    return until;
  }

  private async succeeded(platform: PlatformId, startedAt: number): Promise<void> {
    const current = this.cooldowns.get(platform);
    // Only a request sent after the cool-down proves the platform is happy again.
    if (current && current.strikes > 0 && startedAt >= current.until) await this.remember({ ...current, strikes: 0 });
  }

  private async remember(record: CooldownRecord): Promise<void> {
    this.cooldowns.set(record.platform, record);
    const lane = this.lanes.get(record.platform);
    if (lane) lane.tat = Math.max(lane.tat, this.resumeTat(record));
    await this.settings.storage.save(record).catch((err: unknown) => console.warn('deckhand: could not save a cool-down', err));
  }

  /** After a cool-down, resume at the sustained rate rather than with a fresh burst. */
  private resumeTat(record: CooldownRecord): number {
    const policy = this.policies[record.platform];
    return record.until + (policy.burst - 1) * policy.spacingMs;
  }

  private lane(platform: PlatformId): Lane {
    let lane = this.lanes.get(platform);
    if (!lane) {
      const cooldown = this.cooldowns.get(platform);
      lane = { tat: cooldown ? this.resumeTat(cooldown) : Number.NEGATIVE_INFINITY, active: 0, queue: Promise.resolve() };
      this.lanes.set(platform, lane);
    }
    return lane;
  }

  private async waitForStart(platform: PlatformId, lane: Lane): Promise<void> {
    const policy = this.policies[platform];
    for (;;) {
      if (lane.active >= policy.maxConcurrent) {
        await new Promise<void>((resolve) => (lane.wake = resolve));
        continue;
      }
      const now = this.clock.now();
      const until = this.cooldownUntil(platform);
      if (until !== undefined) {
        if (until - now > this.settings.maxWaitMs) throw new DeckhandError('rate.limited', `${platform} asked us to wait`, { retryAt: until });
        await this.clock.sleep(until - now);
        continue;
      }
      const earliest = lane.tat - (policy.burst - 1) * policy.spacingMs;
      if (earliest > now) {
        await this.clock.sleep(earliest - now);
        continue;
      }
      lane.tat = Math.max(lane.tat, now) + policy.spacingMs;
      lane.active++;
      return;
    }
  }
}

/** The final rate-limit error carries the real end of the cool-down as its retry time. */
function withRetryAt(error: unknown, until: number): unknown {
  if (!(error instanceof DeckhandError) || error.code !== 'rate.limited') return error;
  return new DeckhandError('rate.limited', error.message, { retryAt: until, ...(error.status !== undefined ? { status: error.status } : {}) });
}
