import { describe, expect, it } from 'vitest';
import { parsePagePath } from './routes';
import { parseTagList } from './fixtures';

describe('parsePagePath', () => {
  it('tells tracks, private links, sets, profile tabs and site sections apart', () => {
    expect(parsePagePath('/mira-kovac/glass-rooms')).toEqual({ kind: 'track', user: 'mira-kovac', track: 'glass-rooms' });
    expect(parsePagePath('/mira-kovac/unreleased-sketch/s-AbCdEf12345/')).toEqual({ kind: 'track', user: 'mira-kovac', track: 'unreleased-sketch', token: 's-AbCdEf12345' });
    expect(parsePagePath('/mira-kovac/glass-rooms/likes')).toEqual({ kind: 'track', user: 'mira-kovac', track: 'glass-rooms' });
    expect(parsePagePath('/nightdrive-records/sets/neon-harbour')).toEqual({ kind: 'set', user: 'nightdrive-records', set: 'neon-harbour' });
    expect(parsePagePath('/nightdrive-records/sets')).toEqual({ kind: 'user', user: 'nightdrive-records', tab: 'sets' });
    expect(parsePagePath('/nightdrive-records/popular-tracks')).toEqual({ kind: 'user', user: 'nightdrive-records', tab: 'popular-tracks' });
    expect(parsePagePath('/nightdrive-records')).toEqual({ kind: 'user', user: 'nightdrive-records', tab: 'all' });
    expect(parsePagePath('/search/people')).toEqual({ kind: 'search', tab: 'people' });
    expect(parsePagePath('/charts/new')).toEqual({ kind: 'charts', chart: 'trending' });
    expect(parsePagePath('/')).toEqual({ kind: 'home' });
    for (const bad of ['/upload', '/search/nope', '/a/b/c', '/a/b/s-x', '/<script>', '/discover/more']) expect(parsePagePath(bad).kind, bad).toBe('notFound');
  });
});

describe('parseTagList', () => {
  it('keeps quoted multi-word tags together', () => {
    expect(parseTagList('"deep house" nightdrive "late night drive" Berlin')).toEqual(['deep house', 'nightdrive', 'late night drive', 'Berlin']);
    expect(parseTagList('')).toEqual([]);
  });
});
