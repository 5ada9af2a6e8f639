/** SoundCloud for the background: api-v2 track -> metadata + the best non-DRM, non-preview stream. */
import type { TrackRef } from '../../../shared/track';
import type { PlatformBackend, PreparedDownload } from '../types';
import { SoundCloudApi } from './api';
import { artworkCandidates, toMetadata } from './normalise';
import { openStream } from './streams';
import type { ScTrack } from './types';

export const soundcloudApi = new SoundCloudApi();

/** Private links carry their secret token as the last path segment: /user/track/s-XXXX. */
export function secretTokenOf(url: string): string | undefined {
  try {
    const seg = new URL(url).pathname.split('/').filter(Boolean)[2];
    return seg && /^s-[A-Za-z0-9]+$/.test(seg) ? seg : undefined;
  } catch {
    return undefined;
  }
}

async function fetchTrack(ref: TrackRef): Promise<ScTrack> {
  if (ref.id.startsWith('soundcloud:tracks:')) return soundcloudApi.track(ref.id, secretTokenOf(ref.url));
  return soundcloudApi.resolve<ScTrack>(ref.url);
}

export const soundcloud: PlatformBackend = {
  async prepare(ref) {
    const track = await fetchTrack(ref);
    const opened = await openStream(soundcloudApi, track);
    const prepared: PreparedDownload = {
      metadata: toMetadata(track),
      source: opened.source,
      format: opened.format,
      artworkUrls: artworkCandidates(track),
    };
    if (opened.candidate.transcoding.preset) prepared.streamId = opened.candidate.transcoding.preset;
    return prepared;
  },
  async refresh(ref, prepared) {
    const track = await fetchTrack(ref);
    return (await openStream(soundcloudApi, track, prepared.streamId)).source;
  },
};
