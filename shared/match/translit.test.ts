import { describe, expect, it } from 'vitest';
import { romanise } from './translit';

describe('romanise: Cyrillic', () => {
  it('romanises Russian letters, including ё, й, ы and the signs', () => {
    expect(romanise('Тёплый шум')).toBe('tyoplyy shum');
    expect(romanise('Лёша Дым')).toBe('lyosha dym');
    expect(romanise('Щука Объезд Хлеб Цвет')).toBe('shchuka obezd khleb tsvet');
  });

  it('romanises Ukrainian and Serbian letters', () => {
    expect(romanise('Київ')).toBe('kiyiv');
    expect(romanise('Ђорђе Љубав Њива Џем')).toBe('djordje ljubav njiva dzem');
  });
});

describe('romanise: kana', () => {
  it('romanises hiragana and katakana alike', () => {
    expect(romanise('さくら')).toBe('sakura');
    expect(romanise('サクラ')).toBe('sakura');
  });

  it('merges small ya/yu/yo with the syllable before', () => {
    expect(romanise('きょうと')).toBe('kyouto');
    expect(romanise('しゃしん')).toBe('shashin');
    expect(romanise('ちゃ')).toBe('cha');
  });

  it('doubles the consonant after a small tsu and lengthens with ー', () => {
    expect(romanise('がっこう')).toBe('gakkou');
    expect(romanise('マッチ')).toBe('matchi');
    expect(romanise('ネオンー')).toBe('neon');
    expect(romanise('スーパー')).toBe('suupaa');
  });

  it('replaces the vowel before a small vowel', () => {
    expect(romanise('ファンク')).toBe('fanku');
    expect(romanise('ティ')).toBe('ti');
  });

  it('leaves kanji and Latin text alone (lowercased)', () => {
    expect(romanise('夜行 Remix')).toBe('夜行 remix');
  });
});
