/**
 * A burst of 1,000 API requests through the one limiter and core/http `request`, against the replica
 * with a SoundCloud rate limit switched on. Reports the requests the replica had to refuse (limit
 * violations) and the total time against the policy's theoretical minimum (burst at once, then one
 * start per spacing).
 *
 * Time is scaled: the shipped SoundCloud policy (~1.12 s spacing, aimed at yt-dlp's ~600 per 10 min)
 * would need ~18 minutes for 1,000 requests, so every duration of the policy and of the replica's
 * window is divided by TIME_SCALE. The shape (burst, ratio of spacing to window, concurrency) is the
 * shipped one.
 *
 * Transport: Node's fetch cannot be pointed at another address without undici's dispatcher, so
 * `request` gets a small fetch over node:https injected with configureHttp (replicaWebFetch in
 * e2e/replica/test-https.ts), connecting to 127.0.0.1:<port> with the real host name as SNI and Host
 * header (like curl --resolve, and like the native host's net.ts), trusting the replica's CA through a
 * keep-alive agent. The extension code under test is unchanged.
 */
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { startReplica, type Replica } from '../e2e/replica/server';
import { replicaWebFetch } from '../e2e/replica/test-https';
import { SOUNDCLOUD_FIXTURES as F } from '../e2e/replica/platforms/soundcloud/fixtures';
import { configureHttp, getJson } from '../extension/core/http';
import { DeckhandError } from '../shared/errors';
import { POLICIES, RateLimiter, maxStartsInWindow, minimumDurationMs, spacingWithin, type RatePolicy } from '../extension/core/limiter';
import { writeResult } from './report';

const TIME_SCALE = 100;
const BURST = 1_000;

function scaled(policy: RatePolicy): RatePolicy {
  return {
    ...policy,
    spacingMs: policy.spacingMs / TIME_SCALE,
    backoffBaseMs: policy.backoffBaseMs / TIME_SCALE,
    backoffCapMs: policy.backoffCapMs / TIME_SCALE,
  };
}

interface Scenario {
  name: string;
  policy: RatePolicy;
  replicaLimit: { limit: number; windowMs: number };
  count: number;
}

async function runScenario(replica: Replica, agent: Agent, s: Scenario) {
  replica.app.faults.reset(); // a fresh sliding window per scenario
  replica.app.faults.set({ rateLimits: { soundcloud: s.replicaLimit } });
  const violationsBefore = replica.app.rateLimitViolations('soundcloud');
  const limiter = new RateLimiter({ policies: { soundcloud: s.policy }, maxWaitMs: 60_000 });
  configureHttp({ limiter, cache: undefined, fetch: replicaWebFetch(replica, agent) });
  const url = `https://api-v2.soundcloud.com/tracks/${F.plain.id}`;
  const started = performance.now();
  const outcomes = await Promise.all(
    Array.from({ length: s.count }, () =>
      getJson<{ id: number }>(url, { platform: 'soundcloud', query: { client_id: F.clientId() } }).then(
        () => 'ok' as const,
        (err: unknown) => (err instanceof DeckhandError ? err.code : 'error'),
      ),
    ),
  );
  const elapsedMs = performance.now() - started;
  const minimumMs = minimumDurationMs(s.policy, s.count);
  const failures = outcomes.filter((o) => o !== 'ok');
  return {
    scenario: s.name,
    requests: s.count,
    succeeded: s.count - failures.length,
    failures: Object.fromEntries([...new Set(failures)].map((code) => [code, failures.filter((f) => f === code).length])),
    replicaLimit: `${s.replicaLimit.limit} per ${s.replicaLimit.windowMs} ms (sliding window)`,
    policy: { spacingMs: +s.policy.spacingMs.toFixed(3), burst: s.policy.burst, maxConcurrent: s.policy.maxConcurrent },
    policyMaxPerWindow: maxStartsInWindow(s.policy, s.replicaLimit.windowMs),
    limitViolations: replica.app.rateLimitViolations('soundcloud') - violationsBefore,
    elapsedMs: Math.round(elapsedMs),
    theoreticalMinimumMs: Math.round(minimumMs),
    ratioToMinimum: +(elapsedMs / minimumMs).toFixed(3),
  };
}

async function main() {
  const replica = await startReplica({ port: 0, lazyMedia: true }); // each scenario sets its own rate limit
  const agent = new Agent({ keepAlive: true, maxSockets: 8, ca: readFileSync(replica.caPath) });
  try {
    // One request first: a transport problem should stop the bench, not show up as 1,000 failures.
    configureHttp({ limiter: new RateLimiter(), cache: undefined, fetch: replicaWebFetch(replica, agent) });
    await getJson(`https://api-v2.soundcloud.com/tracks/${F.plain.id}`, { platform: 'soundcloud', query: { client_id: F.clientId() }, retries: 0 });
    const shipped = scaled(POLICIES.soundcloud);
    const tightWindow = { limit: 50, windowMs: 1_000 };
    const scenarios: Scenario[] = [
      // The replica enforces yt-dlp's estimate (600 per 10 min, scaled); the limiter runs the shipped policy.
      { name: 'soundcloud shipped policy vs ~600/10 min', policy: shipped, replicaLimit: { limit: 600, windowMs: 600_000 / TIME_SCALE }, count: BURST },
      // A policy derived from the replica's limit with only one request of slack: no headroom at all.
      {
        name: 'policy derived from the limit (1 request of slack)',
        policy: { ...shipped, burst: 5, spacingMs: spacingWithin(tightWindow.limit, tightWindow.windowMs, 5) },
        replicaLimit: tightWindow,
        count: BURST,
      },
    ];
    const results = [];
    for (const s of scenarios) {
      const r = await runScenario(replica, agent, s);
      console.log(`${r.scenario}: ${r.limitViolations} violations, ${r.succeeded}/${r.requests} ok, ${r.elapsedMs} ms vs minimum ${r.theoreticalMinimumMs} ms = ${r.ratioToMinimum}x`);
      results.push(r);
    }
    // Adaptation, not a target: the replica allows half the policy's rate; 429s must become cool-downs.
    const adaptive = await runScenario(replica, agent, {
      name: 'adaptation: replica allows half the policy rate',
      policy: shipped,
      replicaLimit: { limit: 300, windowMs: 600_000 / TIME_SCALE },
      count: 400,
    });
    console.log(`${adaptive.scenario}: ${adaptive.limitViolations} refused answers absorbed, ${adaptive.succeeded}/${adaptive.requests} ok in ${adaptive.elapsedMs} ms`);
    writeResult({ timeScale: TIME_SCALE, scenarios: results, adaptation: adaptive });
  } finally {
    agent.destroy();
    await replica.stop();
  }
}

await main();
