/**
 * SoundCloud for the background: api-v2 track -> metadata + the artist's original file (when
 * offered, wanted and signed in) or the best non-DRM, non-preview stream.
 */
import type { TrackRef } from '../../../shared/track';
import type { PlatformBackend, PreparedDownload } from '../types';
import { SoundCloudApi } from './api';
import { artworkCandidates, toMetadata, toTrackRef } from './normalise';
import { getSettings } from '../../core/settings';
import { accessToken, isConnected } from './auth';
import type { OriginalDeps } from './original';
import { chooseSource, refreshSource } from './streams';
import type { ScPlaylist, ScTrack } from './types';

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

/** The user's SoundCloud token when signed in (the original file needs it). */
async function signedInToken(): Promise<string | undefined> {
  return (await isConnected()) ? accessToken() : undefined;
}

async function originalDeps(ref: TrackRef, streamOnly = false): Promise<OriginalDeps> {
  const secretToken = secretTokenOf(ref.url);
  const preferOriginal = !streamOnly && (await getSettings()).preferOriginal;
  return { api: soundcloudApi, token: signedInToken, preferOriginal, ...(secretToken ? { secretToken } : {}) };
}

async function fetchTrack(ref: TrackRef): Promise<ScTrack> {
  if (ref.id.startsWith('soundcloud:tracks:')) return soundcloudApi.track(ref.id, secretTokenOf(ref.url));
  return soundcloudApi.resolve<ScTrack>(ref.url);
}

export const soundcloud: PlatformBackend = {
  async prepare(ref, opts) {
    const track = await fetchTrack(ref);
    const chosen = await chooseSource(soundcloudApi, track, await originalDeps(ref, opts?.streamOnly));
    const prepared: PreparedDownload = {
      metadata: toMetadata(track),
      source: chosen.source,
      format: chosen.format,
      artworkUrls: artworkCandidates(track),
    };
    if (chosen.streamId) prepared.streamId = chosen.streamId;
    if (chosen.note) prepared.note = chosen.note;
    return prepared;
  },
  async refresh(ref, prepared) {
    const track = await fetchTrack(ref);
    return refreshSource(soundcloudApi, track, prepared.streamId, await originalDeps(ref));
  },
  async metadata(ref) {
    return toMetadata(await fetchTrack(ref));
  },
  async refsFromUrl(url) {
    const found = await soundcloudApi.resolve<ScTrack | ScPlaylist>(url);
    if (found.kind === 'track') {
      const ref = toTrackRef(found as ScTrack);
      return ref ? [ref] : [];
    }
    if (found.kind === 'playlist') return setTracks(found as ScPlaylist);
    return [];
  },
};

/**
 * A set's tracks in the set's own order. Compact answers carry only the first tracks in full and the
 * rest as id-only stubs: those are fetched by id in batches, then put back in playlist order (never
 * sorted by id).
 */
export async function setTracks(set: ScPlaylist): Promise<TrackRef[]> {
  const tracks = set.tracks ?? [];
  const missing = tracks.filter((t) => !t.permalink_url).map((t) => t.id).filter((id): id is number => typeof id === 'number');
  const full = new Map<number, ScTrack>();
  for (const t of tracks) if (t.permalink_url && typeof t.id === 'number') full.set(t.id, t);
  for (let i = 0; i < missing.length; i += 50) {
    const batch = await soundcloudApi.get<ScTrack[]>('/tracks', {
      ids: missing.slice(i, i + 50).join(','),
      ...(set.id !== undefined ? { playlistId: set.id } : {}),
      ...(set.secret_token ? { playlistSecretToken: set.secret_token } : {}),
    });
    for (const t of batch) if (typeof t.id === 'number') full.set(t.id, t);
  }
  const total = tracks.length;
  const isAlbum = set.is_album === true || (!!set.set_type && set.set_type !== 'playlist');
  return tracks
    .map((t, i) => {
      const track = typeof t.id === 'number' ? full.get(t.id) : undefined;
      const ref = track ? toTrackRef(track) : undefined;
      if (ref && set.title) {
        ref.inSet = { title: set.title, index: i + 1, total, isAlbum, ...(set.user?.username ? { artist: set.user.username } : {}) };
      }
      return ref;
    })
    .filter((r): r is TrackRef => !!r);
}
