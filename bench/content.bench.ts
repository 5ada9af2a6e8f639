/**
 * The SoundCloud content script on a long feed: the replica's /feed grown to 500 track items in real
 * (headless) Chromium with the built extension, timing per mutation batch what the extension's
 * scripts spend detecting items and injecting buttons; plus the gzipped size of every content script.
 *
 * Growth. The replica's feed ends after 84 items (81 tracks, 3 sets). It is scrolled to its end the
 * way a user does (the site's client loads each next_href page and appends it), then grown further
 * the way that infinite scroll does it: the page itself fetches the feed's api-v2 pages again (its own
 * fetch, which the main-world reader hooks) and the items are appended to the same list with the
 * site's own markup, rendered by the replica's renderer (`listItems`, the function the client's
 * loadMore calls; the client exposes only `boot`). Appended batches hold tracks only, until exactly
 * 500 track items are on the page. Nothing in the replica is extended.
 *
 * Method. runtime.ts is not instrumented. The page is traced through CDP (`Tracing`, categories
 * devtools.timeline, v8 CPU profiler, user timing). A `performance.mark` in the page opens each batch
 * (before its fetch). Per batch, the extension's time is the sum of the top-level `FunctionCall` trace
 * events whose script is the content script (MutationObserver callbacks, the per-frame scan that finds
 * items and injects buttons, the reader's data events, the page report) or the main-world reader
 * (nested calls counted once), as wall time (`dur`) and as main-thread CPU time (`tdur`, which a busy
 * machine inflates far less: this one has 2 cores shared with other work, see `machine`). The
 * reader's promise callbacks (fetch's microtasks carry no FunctionCall event) are added from CPU profile samples (~0.2 ms apart) attributed to its script
 * and taken outside our FunctionCall events (inside them the event's own time counts). Samples are
 * wall time: on a busy machine they overstate CPU.
 * "scanAndInject" is the part spent in animation frames (the runtime's scans). Long tasks (> 50 ms,
 * any script) come from a PerformanceObserver in the page. Figures only: no pass/fail on timing.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CDPSession, Page } from 'puppeteer';
import { launchChromium } from '../e2e/harness/chromium';
import { CHROME_BUILD, EXTENSION_ID } from '../e2e/harness/paths';
import { SOUNDCLOUD_FIXTURES as SC } from '../e2e/replica/platforms/soundcloud/fixtures';
import { listItems } from '../e2e/replica/platforms/soundcloud/render-pages';
import type { ApiWrappedItem } from '../e2e/replica/platforms/soundcloud/types';
import { startReplica } from '../e2e/replica/server';
import { writeResult } from './report';

const TARGET = 500;
const PAGE = 20;
const MARK = 'deckhand-bench-batch-';
const CONTENT_SCRIPT = `chrome-extension://${EXTENSION_ID}/content-scripts/soundcloud.js`;
const READER = `chrome-extension://${EXTENSION_ID}/soundcloud-main-world.js`;

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: { data?: Record<string, any> };
}

const round = (n: number) => Math.round(n * 100) / 100;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0;

function contentScriptSizes(): Record<string, { bytes: number; gzip: number }> {
  const out: Record<string, { bytes: number; gzip: number }> = {};
  const files = readdirSync(join(CHROME_BUILD, 'content-scripts')).filter((f) => f.endsWith('.js')).map((f) => join('content-scripts', f));
  for (const file of [...files, 'soundcloud-main-world.js']) {
    const body = readFileSync(join(CHROME_BUILD, file));
    out[file] = { bytes: body.length, gzip: gzipSync(body, { level: 9 }).length };
  }
  return out;
}

const counts = (page: Page) =>
  page.evaluate(() => ({
    tracks: document.querySelectorAll('.lazyLoadingList__list .sound:not(.playlist)').length,
    sets: document.querySelectorAll('.lazyLoadingList__list .sound.playlist').length,
    buttons: document.querySelectorAll('[data-deckhand-track]').length,
    withButton: [...document.querySelectorAll('.lazyLoadingList__list .sound:not(.playlist)')].filter((s) => s.querySelectorAll('[data-deckhand-track]').length === 1).length,
  }));

/** Every track item has its one button, and nothing changed for a moment: the batch is done. */
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(
    () => [...document.querySelectorAll('.lazyLoadingList__list .sound:not(.playlist)')].every((s) => s.querySelector('[data-deckhand-track]')),
    { timeout: 20_000, polling: 50 },
  );
  await new Promise((r) => setTimeout(r, 300)); // the debounced page report and idle time after it
}

async function grow(page: Page): Promise<{ natural: number; appended: number }> {
  let batch = 0;
  let natural = 0;
  // 1. The site's own infinite scroll, to the end of the feed.
  for (let stale = 0; stale < 3; ) {
    const before = (await counts(page)).tracks;
    await page.evaluate((name: string) => performance.mark(name), `${MARK}${batch++}`);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await new Promise((r) => setTimeout(r, 600));
    await settle(page);
    if ((await counts(page)).tracks === before) stale++;
    else natural++;
  }
  // 2. Further pages the way its loadMore appends them, the page fetching each one itself.
  let appended = 0;
  for (let offset = 0; (await counts(page)).tracks < TARGET; offset = (offset + PAGE) % 80) {
    const missing = TARGET - (await counts(page)).tracks;
    await page.evaluate((name: string) => performance.mark(name), `${MARK}${batch++}`);
    const api = `https://api-v2.soundcloud.com/stream?limit=${PAGE}&offset=${offset}&linked_partitioning=1&client_id=${SC.clientId()}`;
    const body = await page.evaluate(async (url: string) => (await fetch(url)).json(), api) as { collection: ApiWrappedItem[] };
    const html = listItems('sound', body.collection.filter((i) => i.track).slice(0, missing));
    await page.evaluate((h: string) => document.querySelector('.lazyLoadingList__list')?.insertAdjacentHTML('beforeend', h), html);
    await settle(page);
    appended++;
  }
  await page.evaluate((name: string) => performance.mark(name), `${MARK}end`);
  return { natural, appended };
}

async function traced<T>(cdp: CDPSession, run: () => Promise<T>): Promise<{ value: T; events: TraceEvent[] }> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (d: { value: TraceEvent[] }) => events.push(...d.value));
  const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'disabled-by-default-v8.cpu_profiler', 'toplevel'] },
  });
  const value = await run();
  await cdp.send('Tracing.end');
  await complete;
  return { value, events };
}

/** Extension time per batch (top-level FunctionCall events of our scripts, plus reader CPU samples), long tasks. */
function perBatch(events: TraceEvent[]) {
  const marks = events.filter((e) => e.name.startsWith(MARK)).sort((a, b) => a.ts - b.ts);
  const thread = marks[0] ? { pid: marks[0].pid, tid: marks[0].tid } : undefined;
  const ours = events
    .filter((e) => e.name === 'FunctionCall' && e.ph === 'X' && e.pid === thread?.pid && e.tid === thread?.tid)
    .filter((e) => e.args?.data?.url === CONTENT_SCRIPT || e.args?.data?.url === READER)
    .sort((a, b) => a.ts - b.ts);
  const top: TraceEvent[] = [];
  for (const e of ours) {
    const last = top[top.length - 1];
    if (!last || e.ts >= last.ts + (last.dur ?? 0)) top.push(e);
  }
  // The runtime scans (detects and injects) in an animation frame; the rest is data, reports, observers.
  const frames = events.filter((e) => e.name === 'FireAnimationFrame' && e.ph === 'X' && e.pid === thread?.pid && e.tid === thread?.tid);
  const inFrame = (e: TraceEvent) => frames.some((f) => e.ts >= f.ts && e.ts < f.ts + (f.dur ?? 0));
  // Samples inside one of our FunctionCall events are already counted by that event's own time.
  const inOurCall = (x: { ts: number }) => {
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((top[mid] as TraceEvent).ts <= x.ts) lo = mid + 1;
      else hi = mid;
    }
    const e = top[lo - 1];
    return !!e && x.ts < e.ts + (e.dur ?? 0);
  };
  const samples = readerSamples(events, thread).filter((x) => !inOurCall(x));
  const windows = marks.slice(0, -1).map((m, i) => [m.ts, marks[i + 1]?.ts ?? Infinity] as const);
  const wall = (e: TraceEvent) => (e.dur ?? 0) / 1000;
  const cpu = (e: TraceEvent) => (e.tdur ?? e.dur ?? 0) / 1000; // thread time: what a busy machine does not inflate
  const sum = (es: TraceEvent[], f: (e: TraceEvent) => number) => es.reduce((n, e) => n + f(e), 0);
  // Main-thread tasks over 50 ms during growth, and how much of each was ours.
  const longTasks = events
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.pid === thread?.pid && e.tid === thread?.tid && wall(e) > 50 && e.ts >= (marks[0]?.ts ?? 0))
    .map((t) => ({ wallMs: round(wall(t)), cpuMs: round(cpu(t)), oursWallMs: round(sum(top.filter((e) => e.ts >= t.ts && e.ts < t.ts + (t.dur ?? 0)), wall)) }));
  const batches = windows.map(([from, to]) => {
    const inside = top.filter((e) => e.ts >= from && e.ts < to);
    const readerSampled = samples.filter((x) => x.ts >= from && x.ts < to).reduce((n, x) => n + x.dur, 0) / 1000;
    const scans = inside.filter((e) => e.args?.data?.url === CONTENT_SCRIPT && inFrame(e) && wall(e) > 0.5);
    return {
      calls: inside.length,
      wallMs: sum(inside, wall) + readerSampled,
      cpuMs: sum(inside, cpu) + readerSampled,
      scans: scans.length,
      scanCpuMs: sum(scans, cpu),
      longestWallMs: Math.max(0, ...inside.map(wall)),
      longestCpuMs: Math.max(0, ...inside.map(cpu)),
    };
  });
  return { batches, longTasks };
}

/** CPU profile samples on the page's main thread whose nearest script frame is the reader's. */
function readerSamples(events: TraceEvent[], thread: { pid: number; tid: number } | undefined): { ts: number; dur: number }[] {
  const profile = events.find((e) => e.name === 'Profile' && e.pid === thread?.pid && e.tid === thread?.tid);
  if (!profile) return [];
  const nodes = new Map<number, { parent?: number; url?: string }>();
  const out: { ts: number; dur: number }[] = [];
  let ts = Number(profile.args?.data?.startTime ?? profile.ts);
  for (const chunk of events.filter((e) => e.name === 'ProfileChunk' && e.id === profile.id)) {
    const cpu = chunk.args?.data?.cpuProfile as { nodes?: { id: number; parent?: number; callFrame: { url?: string } }[]; samples?: number[] } | undefined;
    for (const n of cpu?.nodes ?? []) nodes.set(n.id, { ...(n.parent !== undefined ? { parent: n.parent } : {}), ...(n.callFrame.url ? { url: n.callFrame.url } : {}) });
    const deltas = (chunk.args?.data?.timeDeltas ?? []) as number[];
    (cpu?.samples ?? []).forEach((id, i) => {
      const dur = deltas[i] ?? 0;
      ts += dur;
      let node = nodes.get(id);
      while (node && !node.url && node.parent !== undefined) node = nodes.get(node.parent);
      if (node?.url === READER) out.push({ ts, dur });
    });
  }
  return out;
}

async function main(): Promise<void> {
  const sizes = contentScriptSizes();
  const replica = await startReplica({ port: 0 });
  const session = await launchChromium({ replica, withHost: false });
  try {
    const page = await session.newPage('https://soundcloud.com/feed');
    await settle(page);
    await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask' });
    });
    const cdp = await page.createCDPSession();
    const { value: growth, events } = await traced(cdp, () => grow(page));
    if (process.env.BENCH_TRACE_FILE) writeFileSync(process.env.BENCH_TRACE_FILE, JSON.stringify({ traceEvents: events }));
    const final = await counts(page);
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    const measured = perBatch(events);
    const batches = measured.batches.filter((b) => b.calls > 0);
    const stats = (xs: number[]) => ({ p50: round(pct(xs, 0.5)), p95: round(pct(xs, 0.95)), max: round(Math.max(...xs)) });
    const last = batches.at(-1);
    writeResult({
      machine: { cpus: cpus().length, loadAverage1m: round(loadavg()[0] ?? 0) },
      feed: { trackItems: final.tracks, setItems: final.sets, buttons: final.buttons, trackItemsWithExactlyOneButton: final.withButton, naturalScrollBatches: growth.natural, appendedBatches: growth.appended },
      perBatchMs: {
        batches: batches.length,
        wall: stats(batches.map((b) => b.wallMs)),
        cpu: stats(batches.map((b) => b.cpuMs)),
        over16ms: { wall: batches.filter((b) => b.wallMs > 16).length, cpu: batches.filter((b) => b.cpuMs > 16).length },
        scanFramesPerBatch: pct(batches.map((b) => b.scans), 0.5),
        scanAndInjectCpu: stats(batches.map((b) => b.scanCpuMs)),
        longestSingleCall: { wallMs: round(Math.max(...batches.map((b) => b.longestWallMs))), cpuMs: round(Math.max(...batches.map((b) => b.longestCpuMs))) },
        lastBatch: last && { wallMs: round(last.wallMs), cpuMs: round(last.cpuMs), scanCpuMs: round(last.scanCpuMs) },
      },
      longTasksOver50ms: {
        seenByPage: { count: longTasks.length, maxMs: round(Math.max(0, ...longTasks)) },
        // Traced tasks include the tracer's own overhead and the page's layout of each new batch.
        inTrace: {
          count: measured.longTasks.length,
          maxWallMs: round(Math.max(0, ...measured.longTasks.map((t) => t.wallMs))),
          oursInThemMaxMs: round(Math.max(0, ...measured.longTasks.map((t) => t.oursWallMs))),
        },
      },
      gzipLevel9Bytes: Object.fromEntries(Object.entries(sizes).map(([f, s]) => [f, s.gzip])),
      rawBytes: Object.fromEntries(Object.entries(sizes).map(([f, s]) => [f, s.bytes])),
    });
  } finally {
    await session.close();
    await replica.stop();
  }
}

await main();
