/**
 * Beatport for the background: a track id -> the track's full metadata from the v4 API, and its
 * preview MP3 as the source. The saved file is labelled as a preview in its title ("… [Preview]"):
 * the title is what every DJ app lists and what the file name is made from, so a 2-minute excerpt
 * can never pass for the full track in a crate. COMM is left alone (Mixed In Key writes there); the
 * preview's place in the track goes to PREVIEW_START_MS / PREVIEW_END_MS.
 */
import type { TrackMetadata, TrackRef } from '../../../shared/track';
import type { PlatformBackend, PreparedDownload } from '../types';
import { BeatportApi } from './api';
import { parseBeatportUrl } from './links';
import { coverCandidates, displayTitle, previewWindow, toMetadata, toTrackRef } from './normalise';
import { previewStream } from './streams';
import type { BpTrack } from './types';

export const beatportApi = new BeatportApi();

export const PREVIEW_LABEL = '[Preview]';
/** Charts and releases are short; a cap keeps a hostile or huge list from flooding the queue. */
const LIST_CAP = 500;

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

const refsOf = (tracks: BpTrack[]): TrackRef[] => tracks.map(toTrackRef).filter((r): r is TrackRef => !!r);

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
  async refsFromUrl(url) {
    const link = parseBeatportUrl(url);
    if (!link) return [];
    switch (link.kind) {
      case 'track':
        return refsOf([await beatportApi.track(link.id as string)]);
      case 'release':
        // The release's own track list is in running order (its `tracks` URLs are reversed).
        return refsOf(await beatportApi.all(`catalog/releases/${link.id}/tracks/`, {}, LIST_CAP));
      case 'chart':
        return refsOf(await beatportApi.all(`catalog/charts/${link.id}/tracks/`, {}, LIST_CAP));
      case 'top100':
        return refsOf(await beatportApi.all('catalog/tracks/top/100/', {}, 100));
      case 'genreTop100':
        return refsOf(await beatportApi.all(`catalog/genres/${link.id}/top/100/`, {}, 100));
      default:
        // Hype 100 has no API path; artist, label and search pages are not one list to save whole.
        return [];
    }
  },
};
