/** The page client, bundled once per process with esbuild and kept in memory. */
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let bundle: Promise<string> | undefined;

export function clientBundle(): Promise<string> {
  bundle ??= build({
    entryPoints: [join(dirname(fileURLToPath(import.meta.url)), 'client.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
  }).then((r) => r.outputFiles[0]?.text ?? '');
  bundle.catch(() => (bundle = undefined));
  return bundle;
}
