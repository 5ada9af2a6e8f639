import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeckhandError } from '../../shared/errors';
import { resolveLibraryRoot } from './library-root';

describe('resolveLibraryRoot', () => {
  const home = path.resolve('/home/dj');

  it('expands "~" and "~/" against the home folder', () => {
    expect(resolveLibraryRoot('~', home)).toBe(home);
    expect(resolveLibraryRoot('~/Music/Deckhand', home)).toBe(path.join(home, 'Music', 'Deckhand'));
  });

  it('normalises an absolute path', () => {
    expect(resolveLibraryRoot('/srv/music/../library/', home)).toBe(path.normalize('/srv/library/'));
  });

  it('refuses a relative path with a coded error naming it', () => {
    let thrown: unknown;
    try {
      resolveLibraryRoot('Music', home);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(DeckhandError);
    expect((thrown as DeckhandError).code).toBe('input.invalid');
    expect((thrown as DeckhandError).message).toContain('"Music"');
  });

  it('treats "~user" as relative, not as another home', () => {
    expect(() => resolveLibraryRoot('~dj/Music', home)).toThrow(DeckhandError);
  });
});
