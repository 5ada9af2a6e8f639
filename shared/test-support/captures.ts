/**
 * Real captures of the platforms (../shared/captures beside the repository, see its INDEX.md) as
 * inputs to parser tests. They are read in place, never copied into the repository.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CAPTURES_DIR = process.env.DECKHAND_CAPTURES ?? resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'captures');

export function captureText(platform: 'soundcloud' | 'mixcloud' | 'beatport', name: string): string {
  return readFileSync(join(CAPTURES_DIR, platform, name), 'utf8');
}

export function captureJson<T = unknown>(platform: 'soundcloud' | 'mixcloud' | 'beatport', name: string): T {
  return JSON.parse(captureText(platform, name)) as T;
}

/** The array assigned to window.__sc_hydration in a SoundCloud page. */
export function scHydration(html: string): unknown[] {
  const m = /window\.__sc_hydration\s*=\s*(\[.*?\]);\s*<\/script>/s.exec(html);
  if (!m?.[1]) throw new Error('no __sc_hydration in page');
  return JSON.parse(m[1]) as unknown[];
}
