/** Tags an item gets from the set it was queued from. Pure. */
import type { TrackMetadata, TrackRef } from '../../shared/track';

/**
 * An item queued from a set gets its position as track number / total, and the set as its album when
 * the set is an album (a playlist keeps each track's own album).
 */
export function withSetPosition(metadata: TrackMetadata, ref: TrackRef): TrackMetadata {
  const set = ref.inSet;
  if (!set) return metadata;
  return {
    ...metadata,
    trackNumber: set.index,
    trackTotal: set.total,
    ...(set.isAlbum || !metadata.album ? { album: set.title, ...(set.artist ? { albumArtist: set.artist } : {}) } : {}),
  };
}
