import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { DeckhandError } from '../../shared/errors';
import type { PlatformId } from '../../shared/platform';
import { resetDbConnection } from './db';
import {
  RateLimiter,
  indexedDbCooldownStorage,
  maxStartsInWindow,
  memoryCooldownStorage,
  minimumDurationMs,
  spacingWithin,
  POLICIES,
  type Attempt,
  type LimiterClock,
  type RatePolicy,
} from './limiter';

/** Virtual time: sleeps resolve only when the test advances past them, in order. */
class FakeClock implements LimiterClock {
  t = 1_700_000_000_000;
  randoms: number[] = [];
  private timers: { at: number; seq: number; resolve: () => void }[] = [];
  private seq = 0;
  now = () => this.t;
  random = () => this.randoms.shift() ?? 0.5;
  sleep = (ms: number) => new Promise<void>((resolve) => this.timers.push({ at: this.t + Math.max(0, ms), seq: this.seq++, resolve }));

  /** Fire timers in time order until `promise` settles. */
  async run<T>(promise: Promise<T>): Promise<T> {
    let settled = false;
    promise.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (;;) {
      await new Promise((r) => setImmediate(r));
      if (settled) return promise;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift();
      if (!next) throw new Error('nothing scheduled but the work is not done');
      this.t = Math.max(this.t, next.at);
      next.resolve();
    }
  }
}

const policy = (p: Partial<RatePolicy>): RatePolicy => ({ spacingMs: 100, burst: 1, maxConcurrent: 10, backoffBaseMs: 1_000, backoffCapMs: 60_000, ...p });

/** A request that takes `ms` of virtual time, recording starts and concurrency per platform. */
function recorder(clock: FakeClock) {
  const starts: Record<string, number[]> = {};
  let active = 0;
  let maxActive = 0;
  const task =
    <T>(platform: PlatformId, answer: Attempt<T> | (() => Attempt<T>), ms = 10) =>
    async (): Promise<Attempt<T>> => {
      (starts[platform] ??= []).push(clock.now());
      maxActive = Math.max(maxActive, ++active);
      await clock.sleep(ms);
      active--;
      return typeof answer === 'function' ? answer() : answer;
    };
  return { starts, task, maxActive: () => maxActive };
}

const ok = <T>(value: T): Attempt<T> => ({ ok: true, value });
const limited = (retryAfterMs?: number): Attempt<never> => ({
  ok: false,
  retryable: false,
  error: new DeckhandError('rate.limited', 'slow down', { status: 429, retryAt: 0 }),
  rateLimit: retryAfterMs === undefined ? {} : { retryAfterMs },
});
const serverError: Attempt<never> = { ok: false, retryable: true, error: new DeckhandError('network.http', '503', { status: 503 }) };
const GET = { idempotent: true, retries: 2 };
const POST = { idempotent: false, retries: 0 };

let clock: FakeClock;
beforeEach(() => {
  clock = new FakeClock();
});

describe('policy arithmetic', () => {
  it('derives a spacing that stays one request under a window limit, and the burst minimum', () => {
    const p = { burst: 5, spacingMs: spacingWithin(600, 600_000, 5) };
    expect(maxStartsInWindow(p, 600_000)).toBe(599);
    expect(minimumDurationMs(p, 1000)).toBeCloseTo(995 * (600_000 / 595));
    // The shipped SoundCloud policy keeps under yt-dlp's ~600 per 10 minutes.
    expect(maxStartsInWindow(POLICIES.soundcloud, 600_000)).toBeLessThanOrEqual(540);
  });
});

describe('spacing, burst and concurrency', () => {
  it('lets the burst go at once, then one start per spacing', async () => {
    const limiter = new RateLimiter({ clock, policies: { beatport: policy({ spacingMs: 100, burst: 3 }) } });
    const r = recorder(clock);
    const t0 = clock.now();
    await clock.run(Promise.all(Array.from({ length: 8 }, () => limiter.run('beatport', r.task('beatport', ok(1)), GET))));
    expect(r.starts.beatport?.map((t) => t - t0)).toEqual([0, 0, 0, 100, 200, 300, 400, 500]);
    expect(r.starts.beatport?.at(-1)! - t0).toBe(minimumDurationMs(policy({ spacingMs: 100, burst: 3 }), 8));
  });

  it('never starts more than maxStartsInWindow in any window', async () => {
    const p = policy({ spacingMs: 37, burst: 4 });
    const limiter = new RateLimiter({ clock, policies: { mixcloud: p } });
    const r = recorder(clock);
    await clock.run(Promise.all(Array.from({ length: 60 }, () => limiter.run('mixcloud', r.task('mixcloud', ok(1), 5), GET))));
    const starts = r.starts.mixcloud ?? [];
    const window = 500;
    const worst = Math.max(...starts.map((end) => starts.filter((t) => t > end - window && t <= end).length));
    expect(worst).toBe(maxStartsInWindow(p, window));
  });

  it('never has more than maxConcurrent in flight', async () => {
    const limiter = new RateLimiter({ clock, policies: { soundcloud: policy({ spacingMs: 1, burst: 20, maxConcurrent: 2 }) } });
    const r = recorder(clock);
    const t0 = clock.now();
    await clock.run(Promise.all(Array.from({ length: 6 }, () => limiter.run('soundcloud', r.task('soundcloud', ok(1), 50), GET))));
    expect(r.maxActive()).toBe(2);
    expect(r.starts.soundcloud?.map((t) => t - t0)).toEqual([0, 0, 50, 50, 100, 100]);
  });
});

describe('cool-downs', () => {
  it('a SoundCloud 429 without Retry-After cools down SoundCloud only, by a jittered backoff', async () => {
    const limiter = new RateLimiter({ clock, policies: { soundcloud: policy({ backoffBaseMs: 8_000 }), beatport: policy({ spacingMs: 1_000, burst: 1 }) } });
    const r = recorder(clock);
    const t0 = clock.now();
    clock.randoms = [0.25]; // backoff = 4 s + 0.25 × 4 s
    let first = true;
    const answer = () => (first ? ((first = false), limited()) : ok('sc'));
    const sc = limiter.run('soundcloud', r.task('soundcloud', answer), GET);
    const bp = Promise.all(Array.from({ length: 6 }, () => limiter.run('beatport', r.task('beatport', ok('bp')), GET)));
    await clock.run(Promise.all([sc, bp]));
    expect(r.starts.soundcloud?.map((t) => t - t0)).toEqual([0, 10 + 5_000]);
    // Beatport kept its own pace through SoundCloud's cool-down.
    expect(r.starts.beatport?.map((t) => t - t0)).toEqual([0, 1_000, 2_000, 3_000, 4_000, 5_000]);
  });

  it("Mixcloud's retry_after holds every Mixcloud request, then resumes at the sustained rate", async () => {
    const limiter = new RateLimiter({ clock, policies: { mixcloud: policy({ spacingMs: 100, burst: 3 }) } });
    const r = recorder(clock);
    const t0 = clock.now();
    const err = await clock.run(limiter.run('mixcloud', r.task('mixcloud', limited(30_000)), POST).catch((e: unknown) => e));
    expect((err as DeckhandError).retryAt).toBe(t0 + 10 + 30_000);
    await clock.run(Promise.all(Array.from({ length: 4 }, (_, i) => limiter.run('mixcloud', r.task('mixcloud', ok(i)), GET))));
    // Nothing during the 30 s; afterwards one per spacing, not a fresh burst of 3.
    expect(r.starts.mixcloud?.map((t) => t - t0)).toEqual([0, 30_010, 30_110, 30_210, 30_310]);
  });

  it('a cool-down longer than maxWaitMs fails fast with rate.limited and sends nothing', async () => {
    const limiter = new RateLimiter({ clock, maxWaitMs: 10_000 });
    const until = await clock.run(limiter.coolDown('mixcloud', 60_000));
    const r = recorder(clock);
    const err = await clock.run(limiter.run('mixcloud', r.task('mixcloud', ok(1)), GET).catch((e: unknown) => e));
    expect(err).toBeInstanceOf(DeckhandError);
    expect((err as DeckhandError).code).toBe('rate.limited');
    expect((err as DeckhandError).retryAt).toBe(until);
    expect(r.starts.mixcloud).toBeUndefined();
  });

  it('escalates the backoff while 429s continue and forgets it after a success', async () => {
    const limiter = new RateLimiter({ clock, policies: { soundcloud: policy({ backoffBaseMs: 1_000, backoffCapMs: 100_000 }) } });
    clock.randoms = [0, 0, 0, 0];
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      const now = clock.now();
      waits.push((await clock.run(limiter.coolDown('soundcloud'))) - now);
      await clock.run(clock.sleep(waits.at(-1)!));
    }
    expect(waits).toEqual([500, 1_000, 2_000]);
    await clock.run(limiter.run('soundcloud', async () => ok(1), GET));
    const now = clock.now();
    expect((await clock.run(limiter.coolDown('soundcloud'))) - now).toBe(500);
  });
});

describe('persistence across a restart', () => {
  it('a new limiter over the same storage keeps the cool-down', async () => {
    const storage = memoryCooldownStorage();
    const before = new RateLimiter({ clock, storage });
    const until = await clock.run(before.coolDown('soundcloud', 120_000));
    const after = new RateLimiter({ clock, storage, maxWaitMs: 600_000 });
    await clock.run(after.ready());
    expect(after.cooldownUntil('soundcloud')).toBe(until);
    expect(after.cooldownUntil('mixcloud')).toBeUndefined();
    const r = recorder(clock);
    await clock.run(Promise.all([after.run('soundcloud', r.task('soundcloud', ok(1)), GET), after.run('beatport', r.task('beatport', ok(1)), GET)]));
    expect(r.starts.soundcloud).toEqual([until]);
    expect(r.starts.beatport).toEqual([until - 120_000]);
  });

  it('persists cool-downs in IndexedDB', async () => {
    await resetDbConnection();
    (globalThis as { indexedDB: IDBFactory }).indexedDB = new IDBFactory();
    const first = new RateLimiter({ clock, storage: indexedDbCooldownStorage() });
    const until = await first.coolDown('beatport', 45_000);
    await resetDbConnection(); // the service worker dies; the database stays
    const second = new RateLimiter({ clock, storage: indexedDbCooldownStorage() });
    await second.ready();
    expect(second.cooldownUntil('beatport')).toBe(until);
  });
});

describe('retries', () => {
  it('retries a GET after the cool-down, with jitter, and succeeds', async () => {
    const limiter = new RateLimiter({ clock, policies: { soundcloud: policy({ backoffBaseMs: 2_000 }) } });
    const r = recorder(clock);
    const t0 = clock.now();
    clock.randoms = [0.9];
    let n = 0;
    const value = await clock.run(limiter.run('soundcloud', r.task('soundcloud', () => (n++ === 0 ? limited() : ok('second'))), GET));
    expect(value).toBe('second');
    expect(r.starts.soundcloud?.map((t) => t - t0)).toEqual([0, 10 + 1_000 + 0.9 * 1_000]);
  });

  it('backs off exponentially between GET tries after 5xx, then gives up', async () => {
    const limiter = new RateLimiter({ clock, retryBaseMs: 400, policies: { beatport: policy({ spacingMs: 1 }) } });
    const r = recorder(clock);
    const t0 = clock.now();
    clock.randoms = [0, 1];
    const err = await clock.run(limiter.run('beatport', r.task('beatport', serverError), GET).catch((e: unknown) => e));
    expect((err as DeckhandError).code).toBe('network.http');
    // tries at 0; +10 +200 (400 × ½ + 0); +10 +800 (800 × ½ + 1 × 400)
    expect(r.starts.beatport?.map((t) => t - t0)).toEqual([0, 210, 1_020]);
  });

  it('never retries a POST, not on 429 nor on 5xx, and reports when to retry', async () => {
    const limiter = new RateLimiter({ clock, policies: { soundcloud: policy({ backoffBaseMs: 2_000 }) } });
    const r = recorder(clock);
    clock.randoms = [0];
    const rate = await clock.run(limiter.run('soundcloud', r.task('soundcloud', limited()), POST).catch((e: unknown) => e));
    expect((rate as DeckhandError).code).toBe('rate.limited');
    expect((rate as DeckhandError).retryAt).toBe(limiter.cooldownUntil('soundcloud'));
    const failed = await clock.run(limiter.run('beatport', r.task('beatport', serverError), { idempotent: false, retries: 5 }).catch((e: unknown) => e));
    expect((failed as DeckhandError).code).toBe('network.http');
    expect(r.starts.soundcloud).toHaveLength(1);
    expect(r.starts.beatport).toHaveLength(1);
  });
});
