import { describe, expect, it } from 'vitest';
import { firstCredit, searchQuery } from './query';

const parenPairs = (q: string) => (q.match(/\(/g) ?? []).length;

describe('searchQuery', () => {
  it('is the first artist and the cleaned title', () => {
    expect(searchQuery({ title: 'Paper Moons (Original Mix) [FREE DOWNLOAD]', artists: ['Tomás Reyel & Nadia Ferro'] })).toBe('Tomás Reyel Paper Moons');
    expect(searchQuery({ title: 'Higher Ground (feat. Lua Mar)', artists: ['Selva Kin'] })).toBe('Selva Kin Higher Ground');
  });

  it('adds a version other than the original in one "()" pair', () => {
    expect(searchQuery({ title: 'Lantern Code [Juno Brask Remix] (Extended) {clean}', artists: ['Kasso Vale'] })).toBe('Kasso Vale Lantern Code (Juno Brask Remix)');
    expect(searchQuery({ title: 'Solstice Run - Extended Mix', artists: ['Mira Lenz'] })).toBe('Mira Lenz Solstice Run (Extended Mix)');
  });

  it('never has more than one "()" pair, whatever the title holds', () => {
    const q = searchQuery({ title: 'A (B) (C [D]) - (E) Remix (feat. F)', artists: ['(G) & H'] });
    expect(parenPairs(q)).toBeLessThanOrEqual(1);
    expect(q).not.toMatch(/[[\]{}]/);
  });

  it('takes the artist from an "Artist - Title" upload', () => {
    expect(searchQuery({ title: 'Kasso Vale - Lantern Code', artists: ['Kasbah Sound Vault'] })).toBe('Kasso Vale Lantern Code');
  });

  it('keeps non-Latin text as written', () => {
    expect(searchQuery({ title: 'Тёплый шум (夜行 Remix)', artists: ['Лёша Дым'] })).toBe('Лёша Дым Тёплый шум (夜行 Remix)');
  });
});

describe('firstCredit', () => {
  it('is the first name of the first non-empty credit', () => {
    expect(firstCredit(['', 'Selva Kin ft. Lua Mar'])).toBe('Selva Kin');
    expect(firstCredit(['Nadia Ferro x Tomás Reyel'])).toBe('Nadia Ferro');
    expect(firstCredit([])).toBeUndefined();
  });
});
