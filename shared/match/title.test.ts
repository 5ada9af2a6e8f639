import { describe, expect, it } from 'vitest';
import { parseTitle, splitUploadTitle } from './title';

describe('parseTitle', () => {
  it('takes the version from brackets of any shape', () => {
    expect(parseTitle('Solstice Run (Extended)').mix.kind).toBe('extended');
    expect(parseTitle('Paper Moons [Radio Edit]').mix.kind).toBe('radio');
    expect(parseTitle('Low Orbit {Club Mix}').mix.kind).toBe('club');
    expect(parseTitle('Solstice Run (Extended)').core).toBe('solstice run');
  });

  it('takes the version after a dash', () => {
    const t = parseTitle('Lantern Code - Juno Brask Remix');
    expect(t.core).toBe('lantern code');
    expect(t.mix).toMatchObject({ kind: 'remix', by: ['juno brask'] });
  });

  it('takes a trailing unbracketed "Original Mix"', () => {
    const t = parseTitle('Paper Moons Original Mix');
    expect(t.core).toBe('paper moons');
    expect(t.display).toBe('Paper Moons');
    expect(t.mix.kind).toBe('original');
  });

  it('leaves the version unspecified when none is written', () => {
    expect(parseTitle('Solstice Run').mix.kind).toBe('unspecified');
  });

  it('moves featured artists out of the title, bracketed or not', () => {
    expect(parseTitle('Higher Ground (feat. Lua Mar)')).toMatchObject({ core: 'higher ground', featured: ['Lua Mar'] });
    expect(parseTitle('Higher Ground feat. Lua Mar')).toMatchObject({ core: 'higher ground', featured: ['Lua Mar'] });
    expect(parseTitle('Higher Ground ft. Lua Mar & Kid (Extended Mix)')).toMatchObject({ core: 'higher ground', featured: ['Lua Mar & Kid'] });
    expect(parseTitle('Higher Ground [featuring Lua Mar]').featured).toEqual(['Lua Mar']);
  });

  it('drops bracket noise and channel furniture', () => {
    const t = parseTitle('PREMIERE | Lantern Code (Original Mix) [FREE DOWNLOAD] | Kasbah Sound Vault');
    expect(t.core).toBe('lantern code');
    expect(t.mix.kind).toBe('original');
    expect(parseTitle('Premiere: Lantern Code [KSV012]').core).toBe('lantern code');
  });

  it('ignores case, accents, punctuation and a leading "The"', () => {
    expect(parseTitle('THE FJÄRRAN!').core).toBe(parseTitle('fjarran').core);
    expect(parseTitle("Don't Stop").core).toBe('dont stop');
  });

  it('keeps the first version when several brackets name one', () => {
    expect(parseTitle('Track (Juno Brask Remix) (Extended)').mix.kind).toBe('remix');
  });

  it('survives unbalanced brackets', () => {
    expect(parseTitle('Lantern Code (Extended').core).toBe('lantern code extended');
  });
});

describe('splitUploadTitle', () => {
  it('splits "Artist - Title" uploads', () => {
    expect(splitUploadTitle('Tomás Reyel & Nadia Ferro - Paper Moons')).toEqual({ artist: 'Tomás Reyel & Nadia Ferro', title: 'Paper Moons' });
    expect(splitUploadTitle('Mira Lenz - Solstice Run - Extended Mix')).toEqual({ artist: 'Mira Lenz', title: 'Solstice Run - Extended Mix' });
    expect(splitUploadTitle('Premiere: Kasso Vale – Lantern Code')).toEqual({ artist: 'Kasso Vale', title: 'Lantern Code' });
  });

  it('does not split "Title - Version" or a title without a dash', () => {
    expect(splitUploadTitle('Solstice Run - Extended Mix')).toBeUndefined();
    expect(splitUploadTitle('Lantern Code - Juno Brask Remix')).toBeUndefined();
    expect(splitUploadTitle('Lantern Code')).toBeUndefined();
    expect(splitUploadTitle('Well-Known')).toBeUndefined();
  });
});
