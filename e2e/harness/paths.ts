/** Where the built artefacts live, and the fixed ids the builds carry. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** DECKHAND_OUT_DIR (also read by wxt.config.ts and native-host/build.mjs) moves every build output. */
const OUT_DIR = process.env.DECKHAND_OUT_DIR;
export const CHROME_BUILD = join(OUT_DIR ?? join(ROOT, '.output'), 'chrome-mv3');
export const FIREFOX_BUILD = join(OUT_DIR ?? join(ROOT, '.output'), 'firefox-mv2');
export const HOST_BUNDLE = OUT_DIR ? join(OUT_DIR, 'host', 'deckhand-host.cjs') : join(ROOT, 'native-host', 'dist', 'deckhand-host.cjs');
export const ARTIFACTS = join(ROOT, 'e2e', 'artifacts');
/** From the development key in wxt.config.ts. */
export const EXTENSION_ID = 'bcobmeppnhehmbjdbaadohlppanamlfg';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export function assertBuilt(): void {
  for (const p of [join(CHROME_BUILD, 'manifest.json'), join(FIREFOX_BUILD, 'manifest.json'), HOST_BUNDLE]) {
    if (!existsSync(p)) throw new Error(`${p} is missing: run "npm run build" first (npm test does).`);
  }
}
