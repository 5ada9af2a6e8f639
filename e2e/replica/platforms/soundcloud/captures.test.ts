/** The replica's shapes against REAL SoundCloud captures (read in place, never copied). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../../server';
import { SOUNDCLOUD_FIXTURES as F } from './fixtures';
import { apiV2, fetchReplica, hydrationOf } from './test-client';
import { CAPTURES_DIR as ALL_CAPTURES } from '../../../../shared/test-support/captures';

const CAPTURES = join(ALL_CAPTURES, 'soundcloud');
const capture = (name: string) => JSON.parse(readFileSync(join(CAPTURES, name), 'utf8'));
const keys = (o: object) => Object.keys(o);

let replica: Replica;
beforeAll(async () => {
  replica = await startReplica({ port: 0, lazyMedia: true });
});
afterAll(async () => {
  await replica.stop();
});

describe.skipIf(!existsSync(CAPTURES))('shapes match the real captures', () => {
  it('track, embedded user, transcoding and publisher_metadata keys', async () => {
    const real = capture('sc-api-v2_users_10494998_tracks_page1.json').collection[0];
    const ours = (await apiV2(replica, `/tracks/${F.plain.id}`)).json();
    expect(keys(ours)).toEqual(expect.arrayContaining(keys(real)));
    expect(keys(ours.user).sort()).toEqual(keys(real.user).sort());
    expect(keys(ours.media.transcodings[0]).sort()).toEqual(keys(real.media.transcodings[0]).sort());
    expect(keys(ours.publisher_metadata)).toEqual(expect.arrayContaining(keys(real.publisher_metadata)));
    expect(ours.uri).toMatch(/^https:\/\/api\.soundcloud\.com\/tracks\/soundcloud%3Atracks%3A\d+$/);
    expect(real.uri).toMatch(/^https:\/\/api\.soundcloud\.com\/tracks\/soundcloud%3Atracks%3A\d+$/);
  });

  it('full user keys', async () => {
    const real = capture('sc-api-v2_users_542134_dubmatix.json');
    const ours = (await apiV2(replica, `/users/${F.users.label.id}`)).json();
    expect(keys(ours).sort()).toEqual(keys(real).sort());
  });

  it('compact playlist: keys, 5 full tracks, stub keys', async () => {
    const real = capture('sc-api-v2_playlists_246349810_compact_liluzivert-luv-tape.json');
    const ours = (await apiV2(replica, `/playlists/${F.playlist.id}?representation=compact`)).json();
    expect(keys(ours)).toEqual(expect.arrayContaining(keys(real)));
    const full = (p: { tracks: object[] }) => p.tracks.filter((t) => 'title' in t).length;
    expect(full(ours)).toBe(full(real));
    const stub = (p: { tracks: object[] }) => keys(p.tracks.find((t) => !('title' in t)) ?? {}).sort();
    expect(stub(ours)).toEqual(stub(real));
  });

  it('collection envelopes of user lists, likes, search and charts', async () => {
    const tracks = (await apiV2(replica, `/users/${F.pagedUser.id}/tracks?limit=20&linked_partitioning=1`)).json();
    expect(keys(tracks)).toEqual(keys(capture('sc-api-v2_users_10494998_tracks_page1.json')));
    const realLikes = capture('sc-api-v2_users_30854092_likes_page1.json');
    const likes = (await apiV2(replica, `/users/${F.users.artist.id}/likes`)).json();
    expect(keys(likes)).toEqual(keys(realLikes));
    expect(keys(likes.collection.find((x: { track?: object }) => x.track))).toEqual(keys(realLikes.collection[0]));
    const realSearch = capture('sc-api-v2_search-tracks_cirque-du-soleil_offset0.json');
    const search = (await apiV2(replica, '/search/tracks?q=tape&limit=10&offset=0')).json();
    expect(keys(search)).toEqual(keys(realSearch));
    const nextParams = (href: string) => [...new URL(href).searchParams.keys()].sort();
    expect(nextParams(search.next_href)).toEqual(nextParams(realSearch.next_href));
    const realCharts = capture('sc-api-v2_charts_trending_all-music.json');
    const charts = (await apiV2(replica, '/charts?kind=trending&genre=soundcloud:genres:all-music&limit=10')).json();
    expect(keys(charts)).toEqual(keys(realCharts));
    expect(keys(charts.collection[0])).toEqual(keys(realCharts.collection[0]));
    expect(nextParams(charts.next_href)).toEqual(nextParams(realCharts.next_href));
  });

  it('track page hydratables and the stream resolve body', async () => {
    const realPage = readFileSync(join(CAPTURES, 'sc-page_track_michalmenert-rust_2023-07-19.html'), 'utf8');
    const realHome = readFileSync(join(CAPTURES, 'sc-page_homepage_2026-04-14.html'), 'utf8');
    const ours = hydrationOf((await fetchReplica(replica, F.plain.url)).text).map((h) => h.hydratable);
    expect(ours).toEqual(expect.arrayContaining(hydrationOf(realPage).map((h) => h.hydratable)));
    const realClient = hydrationOf(realHome).find((h) => h.hydratable === 'apiClient')?.data;
    const ourClient = hydrationOf((await fetchReplica(replica, 'https://soundcloud.com/')).text).find((h) => h.hydratable === 'apiClient')?.data;
    expect(keys(ourClient)).toEqual(keys(realClient));
    const realStream = capture('sc-api-v2_media_stream-progressive_blakewhiten.json');
    const track = (await apiV2(replica, `/tracks/${F.plain.id}`)).json();
    const progressive = track.media.transcodings.find((t: { format: { protocol: string } }) => t.format.protocol === 'progressive');
    const ourStream = (await apiV2(replica, progressive.url)).json();
    expect(keys(ourStream)).toEqual(keys(realStream));
    const shape = (u: string) => `${new URL(u).host} ${new URL(u).pathname.replace(/[A-Za-z0-9]{12}/, 'STEM')} ${[...new URL(u).searchParams.keys()]}`;
    expect(shape(ourStream.url)).toBe(shape(realStream.url));
  });
});
