/**
 * `npm run demo`: the offline tour. Starts the platform replica, launches Chromium with the built
 * extension and the real native host, opens a SoundCloud track page, downloads the track through the
 * in-page button, and leaves the tagged file and screenshots in demo-output/. With a display
 * ($DISPLAY set) the browser stays open to explore; otherwise it runs headless and exits.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { startReplica } from './replica/server';
import { SOUNDCLOUD_FIXTURES as SC } from './replica/platforms/soundcloud/fixtures';
import { launchChromium } from './harness/chromium';
import { ffprobe, mutagen } from './harness/probe';
import { ROOT } from './harness/paths';

const OUT = join(ROOT, 'demo-output');
const headful = !!process.env.DISPLAY && process.env.DECKHAND_DEMO_HEADLESS !== '1';

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(OUT, `${name}.png`) as `${string}.png` });
  console.log(`  screenshot  demo-output/${name}.png`);
}

async function main(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  const library = join(OUT, 'library');
  mkdirSync(library, { recursive: true });
  console.log('Starting the platform replica (first run makes its media with ffmpeg: a few minutes)…');
  const replica = await startReplica({ port: 0 });
  console.log(`  replica on 127.0.0.1:${replica.port}`);
  const session = await launchChromium({ replica, libraryDir: library, headful });
  await session.inWorker(`chrome.storage.local.set({ settings: { libraryRoot: ${JSON.stringify(library)} } })`);

  console.log(`Opening ${SC.plain.url}`);
  const page = await session.newPage(SC.plain.url);
  const key = `soundcloud:${SC.plain.urn}`;
  const host = await page.waitForSelector(`[data-deckhand-track="${key}"]`, { timeout: 30_000 });
  await shot(page, '01-soundcloud-track-page');
  console.log('Clicking Deckhand’s download button…');
  await host!.evaluate((h) => (h as HTMLElement).shadowRoot!.querySelector('button')!.click());
  await page.waitForFunction(
    (k: string) => ['done', 'failed'].includes((document.querySelector(`[data-deckhand-track="${k}"]`) as HTMLElement).dataset.deckhandState ?? ''),
    { timeout: 180_000, polling: 250 },
    key,
  );
  const [state, title] = await host!.evaluate((h) => [(h as HTMLElement).dataset.deckhandState, (h as HTMLElement).shadowRoot!.querySelector('button')!.title]);
  await shot(page, '02-soundcloud-saved');
  const popup = await session.openPopup(await session.tabIdOf(page));
  await popup.waitForSelector('.item');
  await shot(popup, '03-popup-this-page');
  await popup.close();
  const options = await session.newPage(`chrome-extension://${session.extensionId}/options.html`);
  await options.waitForSelector('[data-testid="host-status"]');
  await shot(options, '04-options');
  if (!headful) await options.close();

  if (state !== 'done') throw new Error(`The download failed: ${title}`);
  const files = readdirSync(library, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.m4a'));
  for (const f of files) {
    const file = join(f.parentPath, f.name);
    const probe = ffprobe(file);
    const tags = mutagen(file);
    console.log(`\nSaved ${file}`);
    console.log(`  ${probe.streams[0]?.codec_name} ${probe.streams[0]?.sample_rate} Hz, ${Number(probe.format.duration).toFixed(2)} s`);
    for (const [k, v] of Object.entries(tags.tags)) console.log(`  ${k.padEnd(34)} ${JSON.stringify(v).slice(0, 100)}`);
  }
  if (headful) {
    console.log('\nThe browser stays open: try the popup and other replica pages. Ctrl+C to quit.');
    await new Promise<void>((resolve) => process.on('SIGINT', () => resolve()));
  }
  await session.close();
  await replica.stop();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
