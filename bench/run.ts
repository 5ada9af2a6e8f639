/**
 * `npm run bench`: runs every bench/*.bench.ts in turn (each a standalone program that prints its
 * figures) and collects their JSON results in bench/results/. Benchmarks are never tests: they report
 * numbers and ratios against a peer measured in the same run, they do not pass or fail on timing.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
const results = join(here, 'results');
mkdirSync(results, { recursive: true });
const summary: Record<string, unknown> = {};
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const out = join(results, file.replace(/\.bench\.ts$/, '.json'));
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(here, file)], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_RESULT_FILE: out },
  });
  if (run.status !== 0) {
    failed++;
    console.log(`${file} exited with ${run.status}`);
  }
  if (existsSync(out)) summary[file] = JSON.parse(readFileSync(out, 'utf8'));
}
writeFileSync(join(results, 'summary.json'), JSON.stringify(summary, null, 2));
console.log(`\n${files.length - failed} benchmarks ran, ${failed} failed to run; figures in bench/results/`);
process.exit(failed ? 1 : 0);
