/** Where the built artefacts live, and the fixed ids the builds carry. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CHROME_BUILD = join(ROOT, '.output', 'chrome-mv3');
export const FIREFOX_BUILD = join(ROOT, '.output', 'firefox-mv2');
export const HOST_BUNDLE = join(ROOT, 'native-host', 'dist', 'deckhand-host.cjs');
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
