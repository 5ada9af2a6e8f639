/**
 * The host manifest JSON (browser-and-native-host.md §1.3): writing it, and checking one the way the
 * browser would, with a sentence per problem that says what to do.
 */
import { HOST_NAME } from '../../../shared/native-protocol';
import type { Family } from './browsers';

export interface HostManifest {
  name: string;
  description: string;
  path: string;
  type: 'stdio';
  allowed_origins?: string[];
  allowed_extensions?: string[];
}

/** What the doctor found. Errors stop the browser from starting the host; warnings might. */
export interface Finding {
  level: 'error' | 'warn' | 'info';
  message: string;
  /** What to do about it, when there is something to do. */
  hint?: string;
}

export const DESCRIPTION = 'Deckhand: downloads and tags tracks for the Deckhand browser extension';

/** Chromium extension ids are 32 letters a-p. Anything else is taken for a Firefox add-on id. */
export function isChromiumId(id: string): boolean {
  return /^[a-p]{32}$/.test(id);
}

export function chromiumOrigin(id: string): string {
  return `chrome-extension://${id}/`;
}

/** The ids a browser family can use, from a mixed list. */
export function idsForFamily(family: Family, ids: readonly string[]): string[] {
  return [...new Set(ids.filter((id) => (family === 'chromium') === isChromiumId(id)))];
}

export function buildManifest(family: Family, launcherPath: string, ids: readonly string[]): HostManifest {
  const base = { name: HOST_NAME, description: DESCRIPTION, path: launcherPath, type: 'stdio' as const };
  const own = idsForFamily(family, ids);
  return family === 'chromium' ? { ...base, allowed_origins: own.map(chromiumOrigin) } : { ...base, allowed_extensions: own };
}

export function renderManifest(manifest: HostManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Chromium: lowercase alnum and _ in dot-separated parts. Firefox: \w parts (uppercase allowed). */
function nameIsValid(family: Family, name: string): boolean {
  return family === 'chromium' ? /^[a-z0-9_]+(\.[a-z0-9_]+)*$/.test(name) : /^\w+(\.\w+)*$/.test(name);
}

export interface ContentCheck {
  findings: Finding[];
  /** The `path` field when it is a non-empty string (resolved by the caller). */
  path?: string;
}

/**
 * Check the parsed JSON of a manifest. `expectedName` is the file name minus .json (POSIX) or the
 * registry key name (Windows). `requiredIds` must all be listed; when empty, `knownIds` must have at
 * least one entry listed.
 */
export function checkManifestContent(
  json: unknown,
  family: Family,
  expectedName: string,
  requiredIds: readonly string[],
  knownIds: readonly string[],
): ContentCheck {
  const findings: Finding[] = [];
  const error = (message: string, hint?: string) => findings.push({ level: 'error', message, ...(hint ? { hint } : {}) });
  const reinstall = 'Run `deckhand-host install` again to rewrite it.';
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    error('The manifest is JSON but not an object.', reinstall);
    return { findings };
  }
  const m = json as Record<string, unknown>;
  if (typeof m.name !== 'string') error('The manifest has no "name".', reinstall);
  else {
    if (!nameIsValid(family, m.name)) error(`"name" ${JSON.stringify(m.name)} is not a valid host name for this browser.`, reinstall);
    if (m.name !== expectedName) {
      error(`"name" is ${JSON.stringify(m.name)} but the browser looks it up as "${expectedName}"; they must be equal.`, reinstall);
    }
  }
  if (m.type !== 'stdio') error(`"type" is ${JSON.stringify(m.type)}; it must be "stdio".`, reinstall);

  const listKey = family === 'chromium' ? 'allowed_origins' : 'allowed_extensions';
  const list = m[listKey];
  const entries = Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
  if (!Array.isArray(list) || entries.length === 0) {
    error(`"${listKey}" is missing or empty, so no extension may start the host.`, reinstall);
  } else {
    if (entries.some((e) => e.includes('*'))) {
      error(`"${listKey}" contains a wildcard; browsers accept only exact ids and refuse the manifest.`, reinstall);
    }
    const listed = (id: string) => entries.includes(family === 'chromium' ? chromiumOrigin(id) : id);
    const shown = (id: string) => (family === 'chromium' ? chromiumOrigin(id) : id);
    const required = idsForFamily(family, requiredIds);
    const missing = required.filter((id) => !listed(id));
    for (const id of missing) {
      error(`"${listKey}" does not list ${shown(id)}, so that extension is refused.`, 'Run `deckhand-host install --extension-id <id>`.');
    }
    const known = idsForFamily(family, knownIds);
    if (required.length === 0 && known.length > 0 && !known.some(listed)) {
      error(
        `"${listKey}" lists none of Deckhand's ids (${known.map(shown).join(', ')}).`,
        'Run `deckhand-host install`, adding --extension-id <id> for a store build.',
      );
    }
  }
  const path = typeof m.path === 'string' && m.path.length > 0 ? m.path : undefined;
  if (path === undefined) error('The manifest has no "path" to the host program.', reinstall);
  return { findings, ...(path !== undefined ? { path } : {}) };
}
