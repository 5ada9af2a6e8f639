#!/usr/bin/env node
/**
 * Bundles the native host into ONE file with no runtime node_modules:
 * native-host/src/main.ts -> native-host/dist/deckhand-host.cjs (+ .map), executable.
 * Usage: node native-host/build.mjs [--quiet]
 * The output is written to a temp file and renamed, so concurrent builds (parallel test files)
 * never expose a half-written bundle.
 */
import { build } from 'esbuild';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// DECKHAND_OUT_DIR (shared with wxt.config.ts and e2e/harness/paths.ts) moves the bundle.
const outfile = process.env.DECKHAND_OUT_DIR
  ? join(process.env.DECKHAND_OUT_DIR, 'host', 'deckhand-host.cjs')
  : join(here, 'dist', 'deckhand-host.cjs');
const quiet = process.argv.includes('--quiet');
const { version } = JSON.parse(readFileSync(join(here, '..', 'package.json'), 'utf8'));

const started = Date.now();
const result = await build({
  entryPoints: [join(here, 'src', 'main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Node built-ins stay external (platform node); every package is bundled in.
  packages: 'bundle',
  banner: { js: '#!/usr/bin/env node' },
  define: { __DECKHAND_HOST_VERSION__: JSON.stringify(version) },
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: quiet ? 'error' : 'warning',
  write: false,
});

mkdirSync(dirname(outfile), { recursive: true });
const suffix = `.${process.pid}.tmp`;
for (const file of result.outputFiles) {
  writeFileSync(file.path + suffix, file.contents, { mode: file.path.endsWith('.cjs') ? 0o755 : 0o644 });
}
// Map first: a reader that sees the new bundle also sees its map.
for (const file of [...result.outputFiles].sort((a) => (a.path.endsWith('.map') ? -1 : 1))) {
  renameSync(file.path + suffix, file.path);
}
chmodSync(outfile, 0o755);

if (!quiet) {
  const bytes = result.outputFiles.find((f) => f.path === outfile)?.contents.length ?? 0;
  console.log(`native-host: ${outfile} (${(bytes / 1024).toFixed(0)} KiB, v${version}) in ${Date.now() - started} ms`);
}
