/**
 * The Mixcloud backend end to end against an in-process replica: the real GraphQL document (also
 * checked against Mixcloud's real 2021 SDL), streamInfo decoding, stream choice, metadata and
 * chapters, refusals, public API paging and the rate limit.
 */
import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../../../e2e/replica/server';
import { MIXCLOUD_FIXTURES as F } from '../../../e2e/replica/platforms/mixcloud/fixtures';
import { CAPTURES_DIR, replicaFetch } from '../../../e2e/replica/platforms/mixcloud/testing';
import type { TrackRef } from '../../../shared/track';
import { CLOUDCAST_QUERY, MixcloudApi } from './api';
import { createMixcloudBackend, MAX_LIST_REFS } from './index';
import { replicaTransport } from './replica-transport';

let replica: Replica;
let backend: ReturnType<typeof createMixcloudBackend>;

beforeAll(async () => {
  replica = await startReplica({ port: 0, lazyMedia: true });
  backend = createMixcloudBackend(new MixcloudApi(replicaTransport(replica)));
});
afterAll(async () => replica?.stop());
afterEach(() => replica.app.faults.reset());

const refOf = (show: { key: string; url: string }): TrackRef => ({ platform: 'mixcloud', id: show.key, url: show.url, kind: 'show' });

it('asks only for fields that exist in Mixcloud’s real schema', () => {
  const sdl = readFileSync(`${CAPTURES_DIR}/mc-graphql_schema-sdl_2021-09.graphql`, 'utf8').replace(/""""(\w*)""""/g, '"$1"');
  const errors = validate(buildSchema(sdl, { assumeValidSDL: true }), parse(CLOUDCAST_QUERY));
  expect(errors.map((e) => e.message)).toEqual([]);
});

describe('prepare', () => {
  it('returns the short show’s HLS playlist (a real MPEG-TS stream) and its full metadata', async () => {
    const prepared = await backend.prepare(refOf(F.shortShow));
    expect(prepared.format).toBe('m4a');
    expect(prepared.streamId).toBe('hls');
    expect(prepared.source).toMatchObject({ protocol: 'hls', container: 'ts' });
    expect(prepared.source.url).toMatch(/^https:\/\/audio\d+\.mixcloud\.com\/secure\/hls\/.+\/index\.m3u8$/);
    const playlist = await replicaFetch(replica, prepared.source.url);
    expect(playlist.status).toBe(200);
    expect(playlist.text()).toMatch(/^#EXTM3U/);

    const m = prepared.metadata;
    expect(m).toMatchObject({
      platform: 'mixcloud',
      id: F.shortShow.key,
      url: F.shortShow.url,
      title: F.shortShow.expected.title,
      artists: [F.shortShow.expected.artist],
      genre: F.shortShow.expected.genre,
      releaseDate: F.shortShow.expected.date,
      durationMs: F.shortShow.durationSec * 1000,
      description: F.shortShow.description,
      kind: 'show',
    });
    expect(m.album).toBeUndefined();
    expect(m.tags).toEqual(F.shortShow.tags);
    expect(prepared.artworkUrls[0]).toBe(F.shortShow.pictureUrl);
    expect(m.artworkUrl).toBe(F.shortShow.pictureUrl);
  });

  it('turns the tracklist into chapters: untimed tracks keep no start, "Song / Artist" chapters are split', async () => {
    const { chapters } = await backend.metadata(refOf(F.shortShow));
    const expected = F.shortShow.expected.chapters.map((c, i) =>
      i === F.shortShow.songArtistChapter.index ? { ...c, title: F.shortShow.songArtistChapter.song, artist: F.shortShow.songArtistChapter.artist } : c,
    );
    expect(chapters).toEqual(expected);
    expect(chapters?.filter((c) => c.startMs === undefined).length).toBe(2);
    expect((await backend.metadata(refOf(F.noTracklist))).chapters).toBeUndefined();
    expect((await backend.metadata(refOf(F.twoHourShow))).chapters).toHaveLength(24);
  });

  it('refreshes to a newly signed stream of the same kind', async () => {
    const ref = refOf(F.shortShow);
    const prepared = await backend.prepare(ref);
    const again = await backend.refresh(ref, { ...prepared, streamId: 'progressive' });
    expect(again).toMatchObject({ protocol: 'progressive', container: 'm4a' });
    expect(again.url).toMatch(/^https:\/\/stream\d+\.mixcloud\.com\/secure\/c\/m4a\/64\/.+\?sig=/);
  });

  it('refuses exclusive and restricted shows and reports unknown ones as not found', async () => {
    await expect(backend.prepare(refOf(F.exclusive))).rejects.toMatchObject({ code: 'stream.exclusive' });
    await expect(backend.prepare(refOf(F.restricted))).rejects.toMatchObject({ code: 'stream.restricted' });
    await expect(backend.prepare(refOf({ key: '/deepwavesradio/no-such-show/', url: 'https://www.mixcloud.com/deepwavesradio/no-such-show/' }))).rejects.toMatchObject({ code: 'not-found' });
    // Metadata of an exclusive show is still readable (the popup, "copy tags").
    expect((await backend.metadata(refOf(F.exclusive))).title).toBe(F.exclusive.name);
  });

  it('survives the hostile show: long title kept within limits, empty sections dropped', async () => {
    const prepared = await backend.prepare(refOf(F.hostile));
    expect(prepared.metadata.title).toBe(F.hostile.text.showName.trim());
    expect(prepared.metadata.chapters?.map((c) => c.title)).toEqual([F.hostile.text.song, F.hostile.text.chapter]);
    expect(prepared.artworkUrls).toEqual([]);
  });

  it('maps the Mixcloud rate limit (403 RateLimitException) to rate.limited with a retry time', async () => {
    replica.app.faults.set({ rateLimits: { mixcloud: { limit: 0, windowMs: 60_000 } } });
    const before = Date.now();
    const err = await backend.prepare(refOf(F.shortShow)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'rate.limited' });
    expect((err as { retryAt: number }).retryAt).toBeGreaterThan(before);
  });
});

describe('refsFromUrl', () => {
  it('a show URL -> that show, with why it cannot be downloaded when so', async () => {
    const [short] = await backend.refsFromUrl(F.shortShow.url);
    expect(short).toMatchObject({ id: F.shortShow.key, title: F.shortShow.name, artist: F.shortShow.ownerName, kind: 'show' });
    expect(short?.unavailable).toBeUndefined();
    expect((await backend.refsFromUrl(F.exclusive.url))[0]?.unavailable?.code).toBe('stream.exclusive');
    expect(await backend.refsFromUrl('https://www.mixcloud.com/deepwavesradio/no-such-show/')).toEqual([]);
  });

  it('a user page -> all their uploads, newest first, across API pages', async () => {
    const refs = await backend.refsFromUrl(F.pagedUser.url);
    expect(refs).toHaveLength(F.pagedUser.uploadCount);
    expect(refs[0]?.id).toBe(F.pagedUser.newestShow.key);
    expect(refs.at(-1)?.id).toBe(F.pagedUser.oldestShow.key);
    expect(new Set(refs.map((r) => r.id)).size).toBe(refs.length);
    expect(refs.length).toBeLessThanOrEqual(MAX_LIST_REFS);
  });

  it('playlists in playlist order and favourites; nothing for discover, search and other pages', async () => {
    const playlist = await backend.refsFromUrl(F.playlist.url);
    expect(playlist.map((r) => r.id).slice(0, 2)).toEqual([F.shortShow.key, F.twoHourShow.key]);
    expect(playlist).toHaveLength(F.playlist.itemCount);
    const favourites = await backend.refsFromUrl(`${F.users.viewer.url}favorites/`);
    expect(favourites.map((r) => r.id)).toContain(F.exclusive.key);
    expect(await backend.refsFromUrl(F.tag.url)).toEqual([]);
    expect(await backend.refsFromUrl('https://www.mixcloud.com/search/?q=sunday')).toEqual([]);
    expect(await backend.refsFromUrl(`${F.users.viewer.url}stream/`)).toEqual([]);
    expect(await backend.refsFromUrl('https://www.mixcloud.com/nobody-here-at-all/')).toEqual([]);
    expect(await backend.refsFromUrl('https://soundcloud.com/a/b')).toEqual([]);
  });
});
