import { describe, expect, it } from 'vitest';
import { captureJson, captureText, scHydration } from '../../../shared/test-support/captures';
import { collectTracks, readHydration, trackPath, TrackIndex } from './page';
import type { ScTrack } from './types';

describe('SoundCloud page data', () => {
  it('reads the client id and the sound from a real 2026 homepage and a 2023 track page', () => {
    const home = readHydration(scHydration(captureText('soundcloud', 'sc-page_homepage_2026-04-14.html')));
    expect(home.clientId).toMatch(/^[A-Za-z0-9]{32}$/);
    const track = readHydration(scHydration(captureText('soundcloud', 'sc-page_track_michalmenert-rust_2023-07-19.html')));
    expect(track.tracks.map((t) => t.urn)).toEqual(['soundcloud:tracks:43001609']);
  });

  it('finds the tracks of a real set page (full objects only; id-only stubs are skipped)', () => {
    const set = readHydration(scHydration(captureText('soundcloud', 'sc-page_set_imnotfromlondon-circle-of-light_2023-07-19.html')));
    expect(set.tracks.length).toBe(5);
    expect(set.tracks.every((t) => t.kind === 'track' && t.permalink_url)).toBe(true);
  });

  it('collects tracks from real api-v2 answers of every wrapper shape', () => {
    const likes: ScTrack[] = [];
    collectTracks(captureJson('soundcloud', 'sc-api-v2_users_30854092_likes_page1.json'), likes, 0);
    expect(likes.length).toBeGreaterThan(5);
    const search: ScTrack[] = [];
    collectTracks(captureJson('soundcloud', 'sc-api-v2_search-tracks_cirque-du-soleil_offset0.json'), search, 0);
    expect(search.length).toBe(10);
    const playlist: ScTrack[] = [];
    collectTracks(captureJson('soundcloud', 'sc-api-v2_playlists_246349810_compact_liluzivert-luv-tape.json'), playlist, 0);
    expect(playlist.length).toBe(5);
  });

  it('normalises links to track paths, keeping secret tokens and ignoring non-track pages', () => {
    expect(trackPath('https://soundcloud.com/MichalMenert/rust?in=x')).toBe('/michalmenert/rust');
    expect(trackPath('/a/b/s-AbC12')).toBe('/a/b/s-abc12');
    expect(trackPath('https://soundcloud.com/a/sets/b')).toBeUndefined();
    expect(trackPath('https://soundcloud.com/discover/sets/x')).toBeUndefined();
    expect(trackPath('https://evil.example/a/b')).toBeUndefined();
    expect(trackPath('javascript:alert(1)')).toBeUndefined();
  });

  it('indexes private tracks under their secret-token path', () => {
    const index = new TrackIndex();
    index.add([{ id: 3, kind: 'track', permalink_url: 'https://soundcloud.com/a/secret', secret_token: 's-XyZ', title: 'S' }]);
    expect(index.get('/a/secret/s-xyz')?.url).toBe('https://soundcloud.com/a/secret/s-XyZ');
  });
});
