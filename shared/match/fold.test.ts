import { describe, expect, it } from 'vitest';
import { dropThe, editDistance, foldText, looseKey, similarity } from './fold';
import { romanise } from './translit';

describe('foldText', () => {
  it('lowercases and strips Latin diacritics', () => {
    expect(foldText('Zoë Ångström')).toBe('zoe angstrom');
    expect(foldText('Tomás Reyel')).toBe('tomas reyel');
    expect(foldText('Fjärran')).toBe('fjarran');
  });

  it('maps letters that Unicode does not decompose', () => {
    expect(foldText('Øresund Łódź Straße Æther Œuvre Þór')).toBe('oresund lodz strasse aether oeuvre thor');
  });

  it('turns punctuation into spaces, drops apostrophes and spells "&" as "and"', () => {
    expect(foldText("Don't Stop (Me) -- Now!")).toBe('dont stop me now');
    expect(foldText('Rhythm & Blues')).toBe(foldText('Rhythm and Blues'));
    expect(foldText('Night-Drive')).toBe('night drive');
  });

  it('folds full-width and compatibility characters', () => {
    expect(foldText('ＬＯＷ　ＯＲＢＩＴ')).toBe('low orbit');
  });

  it('romanises Cyrillic and kana, keeps kanji', () => {
    expect(foldText('Лёша Дым')).toBe('lyosha dym');
    expect(foldText('夜行')).toBe('夜行');
  });
});

describe('dropThe', () => {
  it('drops a leading "the" only', () => {
    expect(dropThe('the prodigy')).toBe('prodigy');
    expect(dropThe('other side')).toBe('other side');
    expect(dropThe('the')).toBe('the');
  });
});

describe('looseKey', () => {
  it('brings transliteration schemes together', () => {
    // "Тёплый шум": this module's scheme, a "jo/j" scheme, and the uploader's "e" scheme.
    const ours = looseKey(foldText(romanise('Тёплый шум')));
    expect(looseKey('tjoplyj shum')).toBe(ours);
    expect(looseKey('teplyy shum')).toBe(ours);
    expect(looseKey('lesha dym')).toBe(looseKey('lyosha dym'));
    expect(looseKey('tsoi')).toBe(looseKey('tsoy'));
  });
});

describe('editDistance', () => {
  it('counts substitutions, insertions and deletions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('counts a swap of neighbouring letters as one typo', () => {
    expect(editDistance('lantern', 'lantren')).toBe(1);
    expect(editDistance('original', 'oirginal')).toBe(1);
  });
});

describe('similarity', () => {
  it('is 1 for the same words written apart or together', () => {
    expect(similarity('night drive', 'nightdrive')).toBe(1);
  });

  it('scores a typo high and a different title low', () => {
    expect(similarity('lantern code', 'lantren code')).toBeGreaterThan(0.9);
    expect(similarity('lantern code', 'velvet code')).toBeLessThan(0.7);
  });

  it('never calls two empty strings similar', () => {
    expect(similarity('', '')).toBe(0);
  });
});

describe('similarity on very different lengths', () => {
  it('answers from the length difference alone when it rules the pair out', () => {
    // 11 letters against 2,000: the bound 1 - 1989/2000 is far below every cut-off.
    expect(similarity('lanterncode', 'ab'.repeat(1000))).toBeCloseTo(0.0055, 4);
    expect(similarity('abcdef', 'abcdefgh')).toBe(0.75);
  });
});
