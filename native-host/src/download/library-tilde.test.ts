/** The download engine accepts "~/…" for the library folder, as the library listing and tagging do. */
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DownloadSpec } from '../../../shared/download';
import { libraryRoot } from './library';

const home = process.env.HOME;
let temp: string | undefined;

afterEach(() => {
  process.env.HOME = home;
  if (temp) rmSync(temp, { recursive: true, force: true });
});

const spec = (root: string) => ({ output: { root } }) as unknown as DownloadSpec;

describe('libraryRoot', () => {
  it('expands ~/ to the home folder and creates the folder', async () => {
    temp = mkdtempSync(path.join(tmpdir(), 'deckhand-home-'));
    process.env.HOME = temp;
    expect(await libraryRoot(spec('~/Music/Deckhand'), '')).toBe(path.join(realpathSync(temp), 'Music', 'Deckhand'));
  });

  it('still refuses a relative folder with library.no-root', async () => {
    await expect(libraryRoot(spec('Music/Deckhand'), '')).rejects.toMatchObject({ code: 'library.no-root' });
  });
});
