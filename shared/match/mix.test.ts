import { describe, expect, it } from 'vitest';
import { isVersionText, mixScore, parseMix, UNSPECIFIED_MIX } from './mix';

describe('parseMix', () => {
  it('recognises the plain versions in their usual spellings', () => {
    expect(parseMix('Original Mix').kind).toBe('original');
    expect(parseMix('original').kind).toBe('original');
    expect(parseMix('Extended Mix').kind).toBe('extended');
    expect(parseMix('Extended').kind).toBe('extended');
    expect(parseMix('Radio Edit').kind).toBe('radio');
    expect(parseMix('Club Mix').kind).toBe('club');
    expect(parseMix('Dub').kind).toBe('dub');
    expect(parseMix('Instrumental').kind).toBe('instrumental');
    expect(parseMix('VIP Mix').kind).toBe('vip');
  });

  it('tolerates a typo in a long version name but not in a short one', () => {
    expect(parseMix('Oirginal Mix').kind).toBe('original');
    expect(parseMix('Extedned Mix').kind).toBe('extended');
    expect(parseMix('Dab').kind).toBe('other');
  });

  it('reads the remixer out of "X Remix" and its variants', () => {
    expect(parseMix('Juno Brask Remix')).toEqual({ kind: 'remix', by: ['juno brask'], text: 'Juno Brask Remix' });
    expect(parseMix('Juno Brask Extended Remix').by).toEqual(['juno brask']);
    expect(parseMix('Juno Brask Dub').kind).toBe('remix');
    expect(parseMix('夜行 Remix').by).toEqual(['夜行']);
  });

  it('splits remixer teams on "&" and "and" alike', () => {
    expect(parseMix('Rook & Rhyme Remix').by).toEqual(['rook', 'rhyme']);
    expect(parseMix('Rook and Rhyme Remix').by).toEqual(['rook', 'rhyme']);
  });

  it('keeps unknown versions as "other" and empty text as unspecified', () => {
    expect(parseMix('Vocal Mix').kind).toBe('other');
    expect(parseMix('Free Download').kind).toBe('other');
    expect(parseMix('  ')).toEqual(UNSPECIFIED_MIX);
    expect(parseMix(null)).toEqual(UNSPECIFIED_MIX);
  });
});

describe('isVersionText', () => {
  it('is true for versions, remixes and version-like words', () => {
    expect(isVersionText('Extended Mix')).toBe(true);
    expect(isVersionText('Juno Brask Remix')).toBe(true);
    expect(isVersionText('Bootleg')).toBe(true);
    expect(isVersionText('Live')).toBe(true);
    expect(isVersionText('Acoustic Version')).toBe(true);
  });

  it('is false for bracket noise', () => {
    expect(isVersionText('Free Download')).toBe(false);
    expect(isVersionText('Premiere')).toBe(false);
    expect(isVersionText('KSV012')).toBe(false);
  });
});

describe('mixScore', () => {
  const original = parseMix('Original Mix');
  const extended = parseMix('Extended Mix');
  const radio = parseMix('Radio Edit');
  const club = parseMix('Club Mix');
  const dub = parseMix('Dub');
  const junoRemix = parseMix('Juno Brask Remix');

  it('prefers the original for an unspecified version and tolerates other edits of it', () => {
    expect(mixScore(UNSPECIFIED_MIX, original)).toBe(1);
    expect(mixScore(UNSPECIFIED_MIX, parseMix(''))).toBe(1);
    expect(mixScore(UNSPECIFIED_MIX, extended)).toBe(0.75);
    expect(mixScore(UNSPECIFIED_MIX, radio)).toBe(0.75);
  });

  it('never lets an unspecified version stand for a remix or a dub', () => {
    expect(mixScore(UNSPECIFIED_MIX, junoRemix)).toBe(0);
    expect(mixScore(UNSPECIFIED_MIX, dub)).toBe(0);
  });

  it('scores the same version 1 and another edit of the recording 0.6', () => {
    expect(mixScore(extended, extended)).toBe(1);
    expect(mixScore(original, extended)).toBe(0.6);
    expect(mixScore(radio, original)).toBe(0.6);
  });

  it('keeps a club mix and a dub apart', () => {
    expect(mixScore(club, dub)).toBe(0);
    expect(mixScore(dub, club)).toBe(0);
  });

  it('matches remixes on the remixer, whatever the remix is called', () => {
    expect(mixScore(parseMix('Juno Brask Extended Remix'), junoRemix)).toBe(1);
    expect(mixScore(parseMix('juno brask rmx'), junoRemix)).toBe(1);
    expect(mixScore(parseMix('Petra Voss Remix'), junoRemix)).toBe(0);
    expect(mixScore(junoRemix, original)).toBe(0);
  });

  it('matches "other" versions only on their text', () => {
    expect(mixScore(parseMix('Vocal Mix'), parseMix('Vocal Mix'))).toBe(1);
    expect(mixScore(parseMix('Bootleg'), original)).toBe(0);
  });
});
