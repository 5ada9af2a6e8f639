/**
 * `npm run demo`: the offline tour. Starts the platform replica, launches Chromium with the built
 * extension (DECKHAND_OUT_DIR is honoured, see harness/paths.ts) and the real native host, then:
 * a Beatport preview, a SoundCloud track enriched from Beatport and a Mixcloud show with chapters and
 * a cue sheet, all saved through the in-page buttons; the popup's This page / Search / Charts / Queue;
 * the options page. The saved files' tags are read back and printed, and demo-output/ keeps the files
 * and screenshots. With a display ($DISPLAY set) the browser stays open to explore; otherwise it runs
 * headless and exits. Browser, replica and temporary profile are removed on failure and on Ctrl+C.
 */
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, type ChromiumSession } from './harness/chromium';
import { assertBuilt, ROOT } from './harness/paths';
import { startReplica, type Replica } from './replica/server';
import type { DemoContext } from './demo/context';
import { awaitDownloads, queueDownloads } from './demo/downloads';
import { popupTour } from './demo/popup';
import { reportLibrary, summary } from './demo/report';

const OUT = join(ROOT, 'demo-output');
const headful = !!process.env.DISPLAY && process.env.DECKHAND_DEMO_HEADLESS !== '1';

let replica: Replica | undefined;
let session: ChromiumSession | undefined;

/**
 * Ctrl+C or a kill ends the process at once (Puppeteer's own handler would too, without removing the
 * temporary profile); the 'exit' hook then ends Chromium's whole process group (the browser was
 * started detached, so its pid is the group's id) and removes the profile folder, retrying while the
 * dying browser still holds files in it.
 */
function onSignal(signal: NodeJS.Signals): void {
  console.error(`\n${signal}: closing the browser and the replica.`);
  process.exit(130);
}
function removeSession(s: ChromiumSession): void {
  const pid = s.browser.process()?.pid;
  if (pid !== undefined) {
    for (const target of [-pid, pid]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
  try {
    rmSync(s.baseDir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  } catch (err) {
    console.error(`Could not remove the temporary profile ${s.baseDir}: ${String(err)}`);
  }
}
process.once('SIGINT', onSignal);
process.once('SIGTERM', onSignal);
process.on('exit', () => {
  if (session) removeSession(session);
});

/** Leave what helps to understand a failure: every open tab's picture and the native host's log. */
async function keepEvidence(s: ChromiumSession): Promise<void> {
  const pages = (await s.browser.pages().catch(() => [])).filter((page) => page.url() !== 'about:blank');
  for (const [i, page] of pages.entries()) {
    const name = `failure-${i + 1}.png` as const;
    await page.screenshot({ path: join(OUT, name) as `${string}.png` }).then(
      () => console.error(`  ${page.url()} -> demo-output/${name}`),
      () => undefined,
    );
  }
  if (existsSync(s.hostLog)) {
    copyFileSync(s.hostLog, join(OUT, 'host.log'));
    console.error('  native host log -> demo-output/host.log');
  }
}

async function tour(): Promise<void> {
  const started = Date.now();
  assertBuilt();
  rmSync(OUT, { recursive: true, force: true });
  const library = join(OUT, 'library');
  mkdirSync(library, { recursive: true });
  console.log('Starting the platform replica (media is made with ffmpeg when first asked for, then cached)…');
  replica = await startReplica({ port: 0, lazyMedia: true });
  console.log(`  replica on 127.0.0.1:${replica.port}; Chromium ${headful ? 'in a window' : 'headless'}`);
  session = await launchChromium({ replica, libraryDir: library, headful });
  await session.inWorker(`chrome.storage.local.set({ settings: { libraryRoot: ${JSON.stringify(library)}, nativeHost: 'auto' } })`);
  const ctx: DemoContext = { replica, session, out: OUT, library, shots: [] };

  const pages = await queueDownloads(ctx);
  await awaitDownloads(ctx, pages);
  await popupTour(ctx, pages);
  reportLibrary(ctx);
  summary(ctx, (Date.now() - started) / 1000);
}

async function main(): Promise<void> {
  try {
    await tour();
  } catch (err) {
    console.error(`\nThe demo failed: ${err instanceof Error ? err.message : String(err)}`);
    if (session) await keepEvidence(session);
    process.exitCode = 1;
  }
  if (headful && session && process.exitCode !== 1) {
    console.log('\nThe browser stays open: try the popup and other replica pages. Close it or press Ctrl+C to quit.');
    await new Promise<void>((resolve) => session!.browser.once('disconnected', () => resolve()));
  }
  await session?.close();
  session = undefined;
  await replica?.stop();
}

void main();
