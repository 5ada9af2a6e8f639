import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { captureJson, captureText } from '../../../shared/test-support/captures';
import { readNextData, tracksOfPageProps } from './next-data';
import { coverCandidates, remixersFromMixName, searchTrackToRef, sizedImage, standardKey, toMetadata, toTrackRef } from './normalise';
import type { BpNextData, BpPage, BpPageProps, BpTrack } from './types';

const purpose = captureJson<BpNextData>('beatport', 'bp-next-data_track_6389004_noisia-purpose_2023-12.json').props?.pageProps?.track as BpTrack;
const concussion = (captureJson<{ pageProps: BpPageProps }>('beatport', 'bp-next-data-endpoint_track_194481_noisia-concussion_2023-12.json').pageProps.track) as BpTrack;
const osaTracks = captureJson<BpPage<BpTrack>>('beatport', 'bp-derived-v4shape_release-1778814-tracks_from-SSR_2023-07-18.json').results ?? [];

describe('Beatport metadata from real captures', () => {
  it('maps a real track page (__NEXT_DATA__ pageProps.track) to full metadata', () => {
    expect(toMetadata(purpose)).toEqual({
      platform: 'beatport',
      id: '6389004',
      url: 'https://www.beatport.com/track/purpose/6389004',
      title: 'Purpose',
      kind: 'preview',
      artists: ['Noisia'],
      mixName: 'Original Mix',
      album: 'Purpose',
      label: 'Vision Recordings',
      genre: 'Drum & Bass',
      bpm: 86,
      key: 'F', // camelot 7B
      isrc: 'USQY51531019',
      catalogNumber: 'VSN018A',
      releaseDate: '2014-06-30',
      trackNumber: 2,
      artworkUrl: 'https://geo-media.beatport.com/image_size/1400x1400/1262c1cb-5fd6-416e-946b-8de11284e3bf.jpg',
      durationMs: 290319,
      extra: { BEATPORT_TRACK_ID: '6389004', BEATPORT_RELEASE_ID: '1481150', PREVIEW_START_MS: '116127', PREVIEW_END_MS: '236127' },
    });
  });

  it('maps the /_next/data payload of client-side navigation the same way (minor key from camelot 4A)', () => {
    const m = toMetadata(concussion);
    expect(m).toMatchObject({ id: '194481', title: 'Concussion', album: 'The Tide / Concussion', key: 'Fm', bpm: 86, isrc: 'NLCK40700053', catalogNumber: 'VSN001', releaseDate: '2005-11-14' });
    expect(m.remixers).toBeUndefined();
  });

  it('turns every track of a real release list into a preview ref with BPM, key and a cover thumbnail', () => {
    const refs = osaTracks.map(toTrackRef);
    expect(refs.map((r) => r?.id)).toEqual(['7996960', '7996959', '7996958']);
    expect(refs[0]).toMatchObject({
      platform: 'beatport',
      kind: 'preview',
      url: 'https://www.beatport.com/track/nock/7996960',
      title: 'Nock (Original Mix)',
      artist: 'Recondite',
      bpm: 123,
      key: 'Dm', // camelot 7A
      durationMs: 440267,
      artworkUrl: 'https://geo-media.beatport.com/image_size/250x250/e638a042-973b-4822-8478-7470d30064d5.jpg',
    });
    for (const r of refs) expect(r?.unavailable).toBeUndefined();
  });

  it('reads the release page HTML: its tracks, not the recommended releases in the same cache', () => {
    const { document } = parseHTML(captureText('beatport', 'bp-page_release_osa-ep-1778814_2023-07-18.html'));
    const data = readNextData(document as unknown as Document);
    expect(data?.page).toBe('/release/[description]/[id]');
    const refs = tracksOfPageProps(data?.props?.pageProps);
    expect(refs.map((r) => r.id)).toEqual(['7996960', '7996959', '7996958']);
    expect(refs.every((r) => r.kind === 'preview' && typeof r.bpm === 'number' && !!r.key)).toBe(true);
  });
});

describe('cover, never waveform', () => {
  it('takes the release image at 1400 and never track.image (a 1500x250 PNG waveform)', () => {
    for (const t of [purpose, concussion, ...osaTracks]) {
      const covers = coverCandidates(t);
      expect(covers[0]).toMatch(/\/image_size\/1400x1400\/[0-9a-f-]+\.jpg$/);
      const waveform = t.image?.uri as string;
      expect(waveform).toMatch(/1500x250\/.+\.png$/);
      expect(covers.some((u) => u.includes(waveform.split('/').at(-1) as string))).toBe(false);
      expect(toMetadata(t).artworkUrl).toBe(covers[0]);
    }
  });

  it('has no cover rather than the waveform when the release image is missing', () => {
    const bare: BpTrack = { ...purpose, release: { id: 1, name: 'X' } };
    expect(coverCandidates(bare)).toEqual([]);
    expect(toMetadata(bare).artworkUrl).toBeUndefined();
  });

  it('sizes dynamic and fixed image URLs, refusing non-https ones', () => {
    expect(sizedImage({ dynamic_uri: 'https://geo-media.beatport.com/image_size/{w}x{h}/a.jpg' }, 500)).toBe('https://geo-media.beatport.com/image_size/500x500/a.jpg');
    expect(sizedImage('https://geo-media.beatport.com/image_size/1400x1400/a.jpg', 95)).toBe('https://geo-media.beatport.com/image_size/95x95/a.jpg');
    expect(sizedImage({ uri: 'javascript:alert(1)' }, 95)).toBeUndefined();
  });
});

describe('remixers', () => {
  it('parses the remixer from the mix name when `remixers` is empty', () => {
    expect(remixersFromMixName('Juno Brask Remix')).toEqual(['Juno Brask']);
    expect(remixersFromMixName('Kasso Vale Extended Remix')).toEqual(['Kasso Vale']);
    expect(remixersFromMixName('夜行 Remix')).toEqual(['夜行']);
    expect(remixersFromMixName('Dixon Rework')).toEqual(['Dixon']);
    expect(remixersFromMixName('Kölsch & Tale Of Us Remix')).toEqual(['Kölsch & Tale Of Us']);
  });

  it('finds nobody in generic versions', () => {
    for (const mix of ['Original Mix', 'Extended Mix', 'Radio Edit', 'Club Mix', 'Dub', 'Extended Remix', 'Instrumental', 'VIP Mix', 'Extended Club Mix', '', 'Remix']) {
      expect(remixersFromMixName(mix), mix).toEqual([]);
    }
    expect(remixersFromMixName(null)).toEqual([]);
  });

  it('prefers the API list and falls back to the mix name', () => {
    expect(toMetadata({ ...purpose, mix_name: 'Juno Brask Remix', remixers: [] }).remixers).toEqual(['Juno Brask']);
    expect(toMetadata({ ...purpose, mix_name: 'Juno Brask Remix', remixers: [{ name: 'Juno Brask' }, { name: 'Lua Mar' }] }).remixers).toEqual(['Juno Brask', 'Lua Mar']);
    expect(toMetadata({ ...purpose, mix_name: 'Extended Mix', remixers: [] }).remixers).toBeUndefined();
  });
});

describe('tolerance', () => {
  it('keys from objects and names; half-time BPM kept as Beatport says', () => {
    expect(standardKey({ camelot_number: 12, camelot_letter: 'A', name: 'Db Minor' })).toBe('Dbm');
    expect(standardKey('Gb Minor')).toBe('Gbm');
    expect(standardKey('D Major')).toBe('D');
    expect(standardKey('—')).toBeUndefined();
    expect(toTrackRef({ ...purpose, bpm: 63 })?.bpm).toBe(63);
  });

  it('trims trailing spaces, survives a bare id, and marks a track without preview', () => {
    expect(toMetadata({ id: 5, name: 'Paper Moons ', mix_name: 'Original Mix' }).title).toBe('Paper Moons');
    expect(toMetadata({ id: 5 })).toEqual({ platform: 'beatport', id: '5', url: 'https://www.beatport.com/track/-/5', title: 'Untitled', kind: 'preview', extra: { BEATPORT_TRACK_ID: '5' } });
    expect(toTrackRef({ id: 5, sample_url: null })?.unavailable?.code).toBe('stream.none');
    expect(toTrackRef({ name: 'no id' })).toBeUndefined();
  });

  it('keeps refs inside the message limits for 2,000-character titles', () => {
    const ref = toTrackRef({ id: 9, name: 'A'.repeat(5000), artists: [{ name: 'B'.repeat(3000) }] });
    expect(ref?.title?.length).toBeLessThanOrEqual(1000);
    expect(ref?.artist?.length).toBeLessThanOrEqual(1000);
  });

  it('reads the search service shape', () => {
    const ref = searchTrackToRef({
      track_id: 3,
      track_name: 'Higher Ground feat. Lua Mar',
      mix_name: 'Original Mix',
      artists: [{ artist_name: 'Selva Kin', artist_type_name: 'Artist' }, { artist_name: 'Juno Brask', artist_type_name: 'Remixer' }],
      bpm: 124,
      key_name: 'A Minor',
      length: 356000,
      release: { release_image_uri: 'https://geo-media.beatport.com/image_size/1400x1400/c.jpg' },
      sample_url: 'https://geo-samples.beatport.com/track/x.LOFI.mp3',
    });
    expect(ref).toMatchObject({ id: '3', title: 'Higher Ground feat. Lua Mar (Original Mix)', artist: 'Selva Kin', bpm: 124, key: 'Am', durationMs: 356000, artworkUrl: 'https://geo-media.beatport.com/image_size/250x250/c.jpg' });
  });
});
