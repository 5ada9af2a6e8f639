import { describe, expect, it } from 'vitest';
import { lookupOf, showKey, showKeyOf, targetOf } from './urls';

describe('mixcloud.com addresses', () => {
  it('recognises show pages on every page host and normalises their key', () => {
    expect(showKeyOf('https://www.mixcloud.com/spartacus/party-time/')).toBe('/spartacus/party-time/');
    expect(showKeyOf('https://m.mixcloud.com/spartacus/party-time/?utm=x#t')).toBe('/spartacus/party-time/');
    expect(showKeyOf('/spartacus/party-time')).toBe('/spartacus/party-time/');
    expect(showKeyOf('https://www.mixcloud.com/AkumaDJ/bon-dimanche-à-tous/')).toBe('/AkumaDJ/bon-dimanche-%C3%A0-tous/');
    expect(showKeyOf('/AkumaDJ/bon-dimanche-%C3%A0-tous/')).toBe('/AkumaDJ/bon-dimanche-%C3%A0-tous/');
    expect(lookupOf('/AkumaDJ/bon-dimanche-%C3%A0-tous/')).toEqual({ username: 'AkumaDJ', slug: 'bon-dimanche-à-tous' });
    expect(showKey({ username: 'AkumaDJ', slug: 'bon-dimanche-à-tous' })).toBe('/AkumaDJ/bon-dimanche-%C3%A0-tous/');
  });

  it('tells user tabs and playlists apart from shows; discover and search pages are neither', () => {
    expect(targetOf('https://www.mixcloud.com/spartacus/')).toEqual({ kind: 'user', username: 'spartacus', list: 'cloudcasts' });
    expect(targetOf('/spartacus/uploads/')).toEqual({ kind: 'user', username: 'spartacus', list: 'cloudcasts' });
    expect(targetOf('/spartacus/favorites/')).toEqual({ kind: 'user', username: 'spartacus', list: 'favorites' });
    expect(targetOf('/spartacus/listens/')).toEqual({ kind: 'user', username: 'spartacus', list: 'listens' });
    expect(targetOf('/spartacus/playlists/crate/')).toEqual({ kind: 'playlist', username: 'spartacus', slug: 'crate' });
    for (const listing of ['/discover/house/', '/genres/house/', '/search/?q=deep%20house']) expect(targetOf(listing), listing).toBeUndefined();
    for (const notShow of ['/spartacus/playlists/', '/spartacus/followers/', '/discover/house/latest/', '/live/spartacus/', '/a/b/c/', '/search/']) {
      expect(showKeyOf(notShow), notShow).toBeUndefined();
    }
  });

  it('ignores other sites and non-web links', () => {
    expect(targetOf('https://evil.example/spartacus/party-time/')).toBeUndefined();
    expect(targetOf('https://app.mixcloud.com/spartacus/party-time/')).toBeUndefined();
    expect(targetOf('javascript:alert(1)')).toBeUndefined();
    expect(targetOf('')).toBeUndefined();
    expect(targetOf(null)).toBeUndefined();
  });
});
