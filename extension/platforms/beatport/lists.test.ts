import { describe, expect, it } from 'vitest';
import { captureJson } from '../../../shared/test-support/captures';
import type { BeatportApi } from './api';
import { placed, refsFromLink } from './lists';
import type { BpPage, BpTrack } from './types';

const osa = captureJson<BpPage<BpTrack>>('beatport', 'bp-derived-v4shape_release-1778814-tracks_from-SSR_2023-07-18.json').results ?? [];

/** An API double answering from fixed bodies, recording the paths asked for. */
function fakeApi(bodies: Record<string, unknown>): { api: BeatportApi; asked: string[] } {
  const asked: string[] = [];
  const answer = (path: string) => {
    asked.push(path);
    if (!(path in bodies)) throw new Error(`unexpected ${path}`);
    return bodies[path];
  };
  const api = {
    track: async (id: string) => answer(`catalog/tracks/${id}/`),
    get: async (path: string) => answer(path),
    all: async (path: string) => answer(path),
  } as unknown as BeatportApi;
  return { api, asked };
}

describe('tracks behind a Beatport link', () => {
  it('a release: its tracks in the list order, numbered, titled and credited as the album', async () => {
    const { api, asked } = fakeApi({
      'catalog/releases/1778814/': { id: 1778814, name: 'Osa EP', artists: [{ name: 'Recondite' }], track_count: 3 },
      'catalog/releases/1778814/tracks/': [...osa].reverse(),
    });
    const refs = await refsFromLink(api, 'https://www.beatport.com/de/release/osa-ep/1778814');
    expect(asked.sort()).toEqual(['catalog/releases/1778814/', 'catalog/releases/1778814/tracks/']);
    expect(refs.map((r) => r.id)).toEqual(['7996958', '7996959', '7996960']);
    expect(refs.map((r) => r.inSet)).toEqual([1, 2, 3].map((index) => ({ title: 'Osa EP', artist: 'Recondite', isAlbum: true, index, total: 3 })));
  });

  it('a DJ chart: chart positions as track numbers, each track keeps its own album', async () => {
    const { api } = fakeApi({
      'catalog/charts/815679/': { id: 815679, name: 'Summer Terrace Picks', person: { owner_name: 'Mira Lenz' } },
      'catalog/charts/815679/tracks/': osa,
    });
    const refs = await refsFromLink(api, 'https://www.beatport.com/chart/summer-terrace-picks/815679');
    expect(refs[2]?.inSet).toEqual({ title: 'Summer Terrace Picks', artist: 'Mira Lenz', index: 3, total: 3 });
  });

  it('a track page is that one track; a genre Top 100 is named after the genre', async () => {
    const { api } = fakeApi({
      'catalog/tracks/7996960/': osa[0],
      'catalog/genres/11/': { id: 11, name: 'Tech House' },
      'catalog/genres/11/top/100/': osa,
    });
    const one = await refsFromLink(api, 'https://www.beatport.com/track/nock/7996960');
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ id: '7996960', kind: 'preview' });
    expect(one[0]?.inSet).toBeUndefined();
    const top = await refsFromLink(api, 'https://www.beatport.com/genre/tech-house/11/top-100');
    expect(top[0]?.inSet).toEqual({ title: 'Beatport Tech House Top 100', index: 1, total: 3 });
  });

  it('pages that are not one list to save, and other sites, give nothing without asking the API', async () => {
    const { api, asked } = fakeApi({});
    for (const url of ['https://www.beatport.com/hype-100', 'https://www.beatport.com/artist/a/1', 'https://www.beatport.com/search?q=x', 'https://soundcloud.com/a/b']) {
      expect(await refsFromLink(api, url)).toEqual([]);
    }
    expect(asked).toEqual([]);
  });

  it('a list without a title gives plain refs; long titles are clipped', () => {
    expect(placed(osa, {}).every((r) => r.inSet === undefined)).toBe(true);
    expect(placed(osa, { title: 'x'.repeat(5000) })[0]?.inSet?.title.length).toBe(1000);
  });
});
