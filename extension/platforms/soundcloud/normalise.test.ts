import { describe, expect, it } from 'vitest';
import { captureJson, captureText, scHydration } from '../../../shared/test-support/captures';
import { artworkAt, artworkCandidates, parseTagList, toMetadata, toTrackRef, trackUrn, unavailability } from './normalise';
import { readHydration } from './page';
import type { ScTrack } from './types';

const rust = readHydration(scHydration(captureText('soundcloud', 'sc-page_track_michalmenert-rust_2023-07-19.html'))).tracks[0] as ScTrack;

describe('SoundCloud normalisation on real captures', () => {
  it('turns the hydrated sound of a real track page into a TrackRef with its URN', () => {
    const ref = toTrackRef(rust);
    expect(ref).toMatchObject({
      platform: 'soundcloud',
      id: 'soundcloud:tracks:43001609',
      url: 'https://soundcloud.com/michalmenert/rust',
      kind: 'track',
      title: 'Rust: A Collection of Forgotten Hiphop Instrumentals',
      artist: 'Michal Menert',
      durationMs: 2560843,
    });
    expect(ref?.artworkUrl).toBe('https://i1.sndcdn.com/artworks-000021595021-v5yamr-t300x300.jpg');
    expect(ref?.unavailable).toBeUndefined();
  });

  it('maps label metadata from real batch answers (publisher_metadata, release date)', () => {
    const batch = [
      ...captureJson<ScTrack[]>('soundcloud', 'sc-api-v2_tracks_ids-batch_circle-of-light_2023-07-19.json'),
      ...captureJson<ScTrack[]>('soundcloud', 'sc-api-v2_tracks_ids-batch_liluzivert-luv-tape.json'),
    ];
    for (const t of batch) {
      const m = toMetadata(t);
      expect(m.id).toBe(`soundcloud:tracks:${t.id}`);
      expect(m.title).toBe(t.title?.trim());
      expect(m.url).toBe(t.permalink_url);
      if (t.publisher_metadata?.isrc) expect(m.isrc).toBe(t.publisher_metadata.isrc);
      if (t.publisher_metadata?.album_title) expect(m.album).toBe(t.publisher_metadata.album_title);
      expect(m.artworkUrl === undefined || /-original\.(jpg|png)$/.test(m.artworkUrl)).toBe(true);
    }
    expect(batch.filter((t) => toMetadata(t).isrc).map((t) => toMetadata(t).isrc)).toContain('USAT21602380');
  });

  it('accepts every track of a real user list without throwing and keeps URNs as strings', () => {
    const page = captureJson<{ collection: ScTrack[] }>('soundcloud', 'sc-api-v2_users_10494998_tracks_page1.json');
    const refs = page.collection.map(toTrackRef);
    expect(refs.every((r) => r && typeof r.id === 'string' && r.id.startsWith('soundcloud:tracks:'))).toBe(true);
  });
});

describe('SoundCloud availability', () => {
  const tr = (protocol: string, extra: object = {}) => ({ url: 'https://api-v2.soundcloud.com/media/x/stream/hls', format: { protocol, mime_type: 'audio/mp4' }, ...extra });
  it('DRM-only, preview-only, geo-blocked and normal tracks', () => {
    expect(unavailability({ media: { transcodings: [tr('ctr-encrypted-hls'), tr('cbc-encrypted-hls')] } })?.code).toBe('stream.drm');
    // A DRM-only label track also lists a plain transcoding of the same preset (it 404s on resolve).
    const decoy = { media: { transcodings: [tr('ctr-encrypted-hls', { preset: 'aac_160k' }), tr('hls', { preset: 'aac_160k' })] } };
    expect(unavailability(decoy)?.code).toBe('stream.drm');
    // Go+ 256k encrypted beside a plain 160k stream: downloadable.
    expect(unavailability({ media: { transcodings: [tr('ctr-encrypted-hls', { preset: 'aac_256k' }), tr('hls', { preset: 'aac_160k' })] } })).toBeUndefined();
    expect(unavailability({ policy: 'SNIP', media: { transcodings: [tr('hls', { snipped: true })] } })?.code).toBe('stream.preview-only');
    expect(unavailability({ policy: 'BLOCK', media: { transcodings: [] } })?.code).toBe('region.blocked');
    expect(unavailability({ policy: 'ALLOW', media: { transcodings: [tr('hls'), tr('ctr-encrypted-hls')] } })).toBeUndefined();
    expect(toTrackRef({ id: 1, permalink_url: 'https://soundcloud.com/a/b', policy: 'SNIP', media: { transcodings: [tr('hls', { snipped: true })] } })?.kind).toBe('preview');
  });
});

describe('helpers', () => {
  it('artwork sizes, avatar fallback, tag lists, URNs', () => {
    expect(artworkAt('https://i1.sndcdn.com/artworks-abc-large.jpg', 't500x500')).toBe('https://i1.sndcdn.com/artworks-abc-t500x500.jpg');
    expect(artworkAt(null, 'original')).toBeUndefined();
    expect(artworkCandidates({ artwork_url: null, user: { avatar_url: 'https://i1.sndcdn.com/avatars-xyz-large.jpg' } })).toEqual([
      'https://i1.sndcdn.com/avatars-xyz-original.jpg',
      'https://i1.sndcdn.com/avatars-xyz-t500x500.jpg',
    ]);
    expect(parseTagList('"deep house" nightdrive soundcloud:source=web-record "late night"')).toEqual(['deep house', 'nightdrive', 'late night']);
    expect(trackUrn({ id: 5 })).toBe('soundcloud:tracks:5');
    expect(trackUrn({ urn: 'soundcloud:tracks:9', id: 5 })).toBe('soundcloud:tracks:9');
  });
  it('tolerates a track with nothing but an id and a URL', () => {
    const m = toMetadata({ id: 7, permalink_url: 'https://soundcloud.com/x/y' });
    expect(m).toEqual({ platform: 'soundcloud', id: 'soundcloud:tracks:7', url: 'https://soundcloud.com/x/y', title: 'Untitled', kind: 'track' });
  });
});
