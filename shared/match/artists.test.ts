import { describe, expect, it } from 'vitest';
import { compareArtists, splitArtists, splitArtistText } from './artists';

describe('splitArtistText', () => {
  it('splits on every common separator', () => {
    expect(splitArtistText('Nadia Ferro, Tomás Reyel')).toEqual(['nadia ferro', 'tomas reyel']);
    expect(splitArtistText('Nadia Ferro & Tomás Reyel')).toEqual(['nadia ferro', 'tomas reyel']);
    expect(splitArtistText('Nadia Ferro x Tomás Reyel')).toEqual(['nadia ferro', 'tomas reyel']);
    expect(splitArtistText('Nadia Ferro and Tomás Reyel')).toEqual(['nadia ferro', 'tomas reyel']);
    expect(splitArtistText('Nadia Ferro vs. Tomás Reyel')).toEqual(['nadia ferro', 'tomas reyel']);
    expect(splitArtistText('Selva Kin feat. Lua Mar')).toEqual(['selva kin', 'lua mar']);
    expect(splitArtistText('Selva Kin ft. Lua Mar')).toEqual(['selva kin', 'lua mar']);
    expect(splitArtistText('Selva Kin featuring Lua Mar')).toEqual(['selva kin', 'lua mar']);
    expect(splitArtistText('A + B / C; D')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('does not split inside words that contain a separator', () => {
    expect(splitArtistText('Alexander Xander')).toEqual(['alexander xander']);
    expect(splitArtistText('Andy Band')).toEqual(['andy band']);
  });

  it('drops a leading "The" and repeats', () => {
    expect(splitArtistText('The Neon Parish & Neon Parish')).toEqual(['neon parish']);
  });

  it('reads a lone "feat." credit as the name after it', () => {
    expect(splitArtistText('feat. Lua Mar')).toEqual(['lua mar']);
  });
});

describe('compareArtists', () => {
  const paperMoons = { main: splitArtists(['Nadia Ferro', 'Tomás Reyel']), featured: [], remixers: [] };

  it('ignores order and separator style', () => {
    const reversed = compareArtists(splitArtists(['Tomas Reyel & Nadia Ferro']), paperMoons);
    expect(reversed.score).toBe(1);
    expect(compareArtists(splitArtists(['Nadia Ferro, Tomás Reyel']), paperMoons).score).toBe(1);
  });

  it('treats an act with "&" in its name like the same words written with "and"', () => {
    const act = { main: splitArtists(['Vince & Lo']), featured: [], remixers: [] };
    expect(compareArtists(splitArtists(['Vince and Lo']), act).score).toBe(1);
  });

  it('gives partial credit when the source names only the first artist', () => {
    expect(compareArtists(splitArtists(['Nadia Ferro']), paperMoons)).toMatchObject({ score: 0.75, mainMatched: 1, mainTotal: 2 });
  });

  it('counts a remixer or featured artist named by the source, not an unrelated name', () => {
    const remix = { main: ['kasso vale'], featured: ['lua mar'], remixers: ['juno brask'] };
    expect(compareArtists(['kasso vale', 'juno brask', 'lua mar'], remix).score).toBe(1);
    expect(compareArtists(['kasso vale', 'petra voss'], remix).score).toBe(0.75);
  });

  it('accepts a remixer crediting only themselves, at half score', () => {
    const remix = { main: ['kasso vale'], featured: [], remixers: ['juno brask'] };
    expect(compareArtists(['juno brask'], remix).score).toBe(0.5);
  });

  it('scores 0 when none of the credited artists is named', () => {
    expect(compareArtists(['petra voss'], paperMoons).score).toBe(0);
    expect(compareArtists([], paperMoons).score).toBe(0);
  });

  it('tolerates a typo or another transliteration of a name', () => {
    const cyrillic = { main: splitArtists(['Лёша Дым']), featured: [], remixers: [] };
    expect(compareArtists(splitArtists(['Lesha Dym']), cyrillic).score).toBe(1);
    expect(compareArtists(splitArtists(['Nadia Fero']), paperMoons).mainMatched).toBe(1);
  });
});
