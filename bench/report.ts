/** Helpers for bench programs: timing, and writing the JSON result that run.ts collects. */
import { writeFileSync } from 'node:fs';

export function writeResult(result: Record<string, unknown>): void {
  const file = process.env.BENCH_RESULT_FILE;
  if (file) writeFileSync(file, JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result, null, 2));
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}
