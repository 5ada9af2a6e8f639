import { describe, expect, it } from 'vitest';
import { captureJson } from '../../../shared/test-support/captures';
import { chaptersOf, parseChapterText, refFromApi, refFromCloudcast, toMetadata, unavailableOf } from './normalise';
import type { McApiList, McCloudcast } from './types';

const CAPTURES = [
  'mc-api_discover-nts-popular_2021-06.json',
  'mc-api_search-cloudcasts_zouklove_2022-03.json',
  'mc-api_user-cloudcasts_spartacus_2018-04.json',
  'mc-api_user-cloudcasts_thelotradio_2021-06.json',
];

describe('public API list items (real captures) -> TrackRef', () => {
  it('keeps every show of every real list, keyed exactly as the API keys it', () => {
    for (const name of CAPTURES) {
      const list = captureJson<McApiList>('mixcloud', name);
      const refs = (list.data ?? []).map(refFromApi);
      expect(refs.length).toBeGreaterThan(0);
      refs.forEach((ref, i) => {
        const item = list.data![i]!;
        expect(ref, `${name} #${i}`).toBeDefined();
        expect(ref!.id).toBe(item.key);
        expect(ref!.url).toBe(item.url);
        expect(ref!.title).toBe(item.name);
        expect(ref!.artist).toBe(item.user?.name);
        expect(ref!.kind).toBe('show');
        expect(ref!.durationMs).toBe(item.audio_length! * 1000);
      });
    }
  });

  it('keeps percent-encoded slugs as the API spells the key, and picks a mid-size picture', () => {
    const zouk = captureJson<McApiList>('mixcloud', 'mc-api_search-cloudcasts_zouklove_2022-03.json');
    const accented = refFromApi(zouk.data![1]!);
    expect(accented?.id).toBe('/AkumaDJ/bon-dimanche-%C3%A0-tous/');
    expect(accented?.artworkUrl).toBe(zouk.data![1]!.pictures!['320wx320h']);
    const nts = refFromApi(captureJson<McApiList>('mixcloud', 'mc-api_discover-nts-popular_2021-06.json').data![0]!);
    expect(nts).toMatchObject({ title: 'Theo Parrish Presents: eargoggles (6 Hour Mix) - NTS 10 - 22nd April 2021', artist: 'NTS Radio', durationMs: 23_184_000 });
    expect(nts?.artworkUrl).toMatch(/^https:\/\/thumbnailer\.mixcloud\.com\/unsafe\/320x320\/extaudio\//);
  });

  it('drops items that are not shows and tolerates missing fields', () => {
    expect(refFromApi({ key: '/spartacus/', url: 'https://www.mixcloud.com/spartacus/' })).toBeUndefined();
    expect(refFromApi({})).toBeUndefined();
    expect(refFromApi({ key: '/a/b/' })).toEqual({ platform: 'mixcloud', id: '/a/b/', url: 'https://www.mixcloud.com/a/b/', kind: 'show' });
  });
});

describe('tracklist -> chapters', () => {
  it('times only what Mixcloud times, keeps untimed tracks without a start, and reads chapter text', () => {
    const chapters = chaptersOf([
      { __typename: 'TrackSection', artistName: 'Ayla Moreno', songName: 'Slow Bloom', startSeconds: 0 },
      { __typename: 'TrackSection', artistName: 'Kofi Mensah Quartet', songName: 'Harbour Lights', startSeconds: null },
      { __typename: 'ChapterSection', chapter: 'Listener dedications', startSeconds: 120 },
      { __typename: 'ChapterSection', chapter: 'Golden Hour / Rosa Lind', startSeconds: 300 },
      { __typename: 'ChapterSection', chapter: 'Untimed break' },
      { __typename: 'TrackSection', artistName: '', songName: '', startSeconds: 90 },
      { __typename: 'TrackSection', artistName: 'Only Artist', songName: null, startSeconds: -5 },
      null,
      { __typename: 'FutureSection', startSeconds: 30 },
    ]);
    expect(chapters).toEqual([
      { startMs: 0, title: 'Slow Bloom', artist: 'Ayla Moreno' },
      { title: 'Harbour Lights', artist: 'Kofi Mensah Quartet' },
      { startMs: 120_000, title: 'Listener dedications' },
      { startMs: 300_000, title: 'Golden Hour', artist: 'Rosa Lind' },
      { title: 'Untimed break' },
      { title: 'Only Artist' },
    ]);
  });

  it('splits "Song / Artist" only when it is unambiguous', () => {
    expect(parseChapterText('Golden Hour / Rosa Lind')).toEqual({ title: 'Golden Hour', artist: 'Rosa Lind' });
    expect(parseChapterText('AC/DC live')).toEqual({ title: 'AC/DC live' });
    expect(parseChapterText('A / B / C')).toEqual({ title: 'A / B / C' });
    expect(parseChapterText(' / Rosa Lind')).toEqual({ title: '/ Rosa Lind' });
  });

  it('clips hostile lengths to what the download schema accepts', () => {
    const [c] = chaptersOf([{ __typename: 'ChapterSection', chapter: 'x'.repeat(5000), startSeconds: 1 }]);
    expect(c?.title.length).toBe(1000);
  });
});

describe('availability', () => {
  it('maps exclusivity and restriction reasons to their codes', () => {
    expect(unavailableOf({ isExclusive: true })?.code).toBe('stream.exclusive');
    expect(unavailableOf({ restrictedReason: 'tracklist' })?.code).toBe('region.blocked');
    expect(unavailableOf({ restrictedReason: 'repeat_play' })).toEqual({ code: 'stream.restricted', reason: expect.stringMatching(/play limit/) });
    expect(unavailableOf({ restrictedReason: 'something_new' })?.code).toBe('stream.restricted');
    expect(unavailableOf({ isExclusive: false, restrictedReason: null })).toBeUndefined();
  });
});

describe('GraphQL cloudcast -> metadata', () => {
  const show: McCloudcast = {
    name: '  Sunday Selections  ',
    owner: { username: 'deepwavesradio', displayName: 'Deep Waves Radio', picture: { url: 'https://thumbnailer.mixcloud.com/unsafe/1024x1024/profile/o.jpg' } },
    picture: { url: 'https://thumbnailer.mixcloud.com/unsafe/1024x1024/extaudio/s' },
    publishDate: '2024-03-10T18:30:00Z',
    audioLength: 480,
    description: 'Soul and jazz.',
    tags: [{ tag: { name: 'Soul', slug: 'soul' } }, null, { tag: { name: 'Jazz', slug: 'jazz' } }],
    sections: [{ __typename: 'TrackSection', artistName: 'A', songName: 'B', startSeconds: 62 }],
    isExclusive: true,
  };

  it('fills title, owner as artist, genre from the first tag, date, cover, duration and chapters; no album', () => {
    expect(toMetadata(show, '/deepwavesradio/sunday/')).toEqual({
      platform: 'mixcloud',
      id: '/deepwavesradio/sunday/',
      url: 'https://www.mixcloud.com/deepwavesradio/sunday/',
      title: 'Sunday Selections',
      kind: 'show',
      artists: ['Deep Waves Radio'],
      genre: 'Soul',
      tags: ['Soul', 'Jazz'],
      releaseDate: '2024-03-10T18:30:00Z',
      description: 'Soul and jazz.',
      artworkUrl: 'https://thumbnailer.mixcloud.com/unsafe/1024x1024/extaudio/s',
      durationMs: 480_000,
      chapters: [{ startMs: 62_000, title: 'B', artist: 'A' }],
    });
  });

  it('falls back to the owner picture and a placeholder title; refs carry why a show is unavailable', () => {
    const bare = toMetadata({ owner: show.owner }, '/x/y/');
    expect(bare.title).toBe('Untitled show');
    expect(bare.artworkUrl).toContain('/profile/');
    expect(bare.chapters).toBeUndefined();
    expect(refFromCloudcast(show, '/deepwavesradio/sunday/').unavailable?.code).toBe('stream.exclusive');
  });
});
