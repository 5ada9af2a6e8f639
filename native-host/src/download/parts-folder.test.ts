/** A job's work folder is always one folder inside <root>/.deckhand/parts, whatever its id. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { partsDir, partsFolderName } from './library';

const root = path.resolve('/lib');
const parts = path.join(root, '.deckhand', 'parts');

describe('partsDir', () => {
  it.each(['j1abc', 'a/b', '..', '.', '...', 'x:y', '../../etc'])('keeps "%s" one level below parts/', (jobId) => {
    const dir = partsDir(root, jobId);
    expect(path.dirname(dir)).toBe(parts);
    expect(path.basename(dir)).toBe(partsFolderName(jobId));
  });

  it('leaves ordinary ids as they are', () => {
    expect(partsFolderName('j1abc.2-x_y')).toBe('j1abc.2-x_y');
  });
});
