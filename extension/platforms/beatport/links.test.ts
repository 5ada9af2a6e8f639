import { describe, expect, it } from 'vitest';
import { parseBeatportUrl, trackIdOf, trackPageUrl } from './links';
import { nextDataUrl } from './next-data';

describe('beatport.com links', () => {
  it('knows each page kind, with or without a locale prefix', () => {
    expect(parseBeatportUrl('https://www.beatport.com/track/purpose/6389004')).toEqual({ kind: 'track', id: '6389004', slug: 'purpose' });
    expect(parseBeatportUrl('/de/track/purpose/6389004')).toEqual({ kind: 'track', id: '6389004', slug: 'purpose' });
    expect(parseBeatportUrl('https://www.beatport.com/ja/release/osa-ep/1778814/')).toMatchObject({ kind: 'release', id: '1778814' });
    expect(parseBeatportUrl('https://www.beatport.com/chart/summer/815679')).toMatchObject({ kind: 'chart', id: '815679' });
    expect(parseBeatportUrl('https://www.beatport.com/genre/tech-house/11/top-100')).toMatchObject({ kind: 'genreTop100', id: '11' });
    expect(parseBeatportUrl('https://www.beatport.com/genre/tech-house/11/hype-100')).toMatchObject({ kind: 'genreHype100', id: '11' });
    expect(parseBeatportUrl('https://www.beatport.com/fr/top-100')).toEqual({ kind: 'top100' });
    expect(parseBeatportUrl('https://www.beatport.com/hype-100')).toEqual({ kind: 'hype100' });
    expect(parseBeatportUrl('https://www.beatport.com/search/tracks?q=x')).toEqual({ kind: 'search' });
  });

  it('refuses other sites, other schemes and unknown pages', () => {
    expect(parseBeatportUrl('https://evil.example/track/a/1')).toBeUndefined();
    expect(parseBeatportUrl('https://beatport.com.evil.example/track/a/1')).toBeUndefined();
    expect(parseBeatportUrl('javascript:alert(1)')).toBeUndefined();
    expect(parseBeatportUrl('https://www.beatport.com/track/a/not-a-number')).toBeUndefined();
    expect(parseBeatportUrl('https://www.beatport.com/release/a/1/top-100')).toBeUndefined();
    expect(trackIdOf('/release/a/1')).toBeUndefined();
    expect(trackIdOf('/nl/track/a/12')).toBe('12');
  });

  it('builds canonical track URLs and /_next/data URLs', () => {
    expect(trackPageUrl(5, null)).toBe('https://www.beatport.com/track/-/5');
    const data = { buildId: 'RpLc4Bp7', locale: 'de' };
    const at = (pathname: string, search = '') => nextDataUrl(data, { origin: 'https://www.beatport.com', pathname, search });
    expect(at('/de/top-100')).toBe('https://www.beatport.com/_next/data/RpLc4Bp7/de/top-100.json');
    expect(at('/de/search', '?q=x')).toBe('https://www.beatport.com/_next/data/RpLc4Bp7/de/search.json?q=x');
    expect(at('/de')).toBe('https://www.beatport.com/_next/data/RpLc4Bp7/de.json');
    expect(nextDataUrl({ buildId: '../x' }, { origin: 'https://www.beatport.com', pathname: '/', search: '' })).toBeUndefined();
  });
});
