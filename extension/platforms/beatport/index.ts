/**
 * Beatport for the background: a track id -> the track's full metadata from the v4 API, and its
 * preview MP3 as the source. The saved file is labelled as a preview in its title ("… [Preview]"):
 * the title is what every DJ app lists and what the file name is made from, so a 2-minute excerpt
 * can never pass for the full track in a crate. COMM is left alone (Mixed In Key writes there); the
 * preview's place in the track goes to PREVIEW_START_MS / PREVIEW_END_MS.
 */
import type { TrackMetadata } from '../../../shared/track';
import type { PlatformBackend, PreparedDownload } from '../types';
import { BeatportApi } from './api';
import { refsFromLink } from './lists';
import { coverCandidates, displayTitle, previewWindow, toMetadata } from './normalise';
import { previewStream } from './streams';
import type { BpTrack } from './types';

export const beatportApi = new BeatportApi();

export const PREVIEW_LABEL = '[Preview]';

/** The metadata written into a preview file: title marked, duration = the excerpt's. */
export function labelAsPreview(meta: TrackMetadata, track: BpTrack): TrackMetadata {
  const window = previewWindow(track);
  const labelled: TrackMetadata = { ...meta, title: `${displayTitle(meta.title, meta.mixName)} ${PREVIEW_LABEL}` };
  if (window) labelled.durationMs = window.endMs - window.startMs;
  else delete labelled.durationMs;
  return labelled;
}

export function preparedFrom(track: BpTrack): PreparedDownload {
  const stream = previewStream(track);
  return {
    metadata: labelAsPreview(toMetadata(track), track),
    source: stream.source,
    format: stream.format,
    artworkUrls: coverCandidates(track),
  };
}

export const beatport: PlatformBackend = {
  async prepare(ref) {
    return preparedFrom(await beatportApi.track(ref.id));
  },
  // Preview URLs are plain CDN files that do not expire: the same source again.
  async refresh(_ref, prepared) {
    return prepared.source;
  },
  async metadata(ref) {
    return toMetadata(await beatportApi.track(ref.id));
  },
  refsFromUrl(url) {
    return refsFromLink(beatportApi, url);
  },
};
