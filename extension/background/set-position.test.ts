import { describe, expect, it } from 'vitest';
import { withSetPosition } from './set-position';
import type { TrackMetadata, TrackRef } from '../../shared/track';

const meta: TrackMetadata = { platform: 'soundcloud', id: 'soundcloud:tracks:1', url: 'https://soundcloud.com/a/b', title: 'B', album: 'Own Album' };
const ref = (inSet?: TrackRef['inSet']): TrackRef => ({ platform: 'soundcloud', id: meta.id, url: meta.url, kind: 'track', ...(inSet ? { inSet } : {}) });

describe('withSetPosition', () => {
  it('leaves a track queued on its own untouched', () => {
    expect(withSetPosition(meta, ref())).toBe(meta);
  });
  it('an album gives album, album artist and the position', () => {
    expect(withSetPosition(meta, ref({ title: 'Neon Harbour', index: 3, total: 7, artist: 'Nightdrive', isAlbum: true }))).toMatchObject({
      album: 'Neon Harbour',
      albumArtist: 'Nightdrive',
      trackNumber: 3,
      trackTotal: 7,
    });
  });
  it('a playlist keeps each track’s own album but numbers it in playlist order', () => {
    const out = withSetPosition(meta, ref({ title: 'Late Night Selection', index: 2, total: 7, isAlbum: false }));
    expect(out).toMatchObject({ album: 'Own Album', trackNumber: 2, trackTotal: 7 });
    const noAlbum = withSetPosition({ ...meta, album: undefined }, ref({ title: 'Late Night Selection', index: 2, total: 7 }));
    expect(noAlbum.album).toBe('Late Night Selection');
  });
});
