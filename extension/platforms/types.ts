/** What the background needs from each platform: metadata plus a playable, non-DRM source. */
import type { DownloadSpec, MediaSource } from '../../shared/download';
import type { TrackMetadata, TrackRef } from '../../shared/track';

export interface PreparedDownload {
  metadata: TrackMetadata;
  source: MediaSource;
  /** m4a or mp3 for streams; an original file keeps its own (wav, flac, aiff…). */
  format: DownloadSpec['output']['format'];
  /** Cover candidates, largest first. */
  artworkUrls: string[];
  /** Which stream was chosen (so a refresh asks for the same one). */
  streamId?: string;
  /** What the job should tell the user about the choice (e.g. why the original file was not used). */
  note?: string;
}

export interface PlatformBackend {
  /**
   * Resolve an item to metadata and a source; throws coded errors (stream.drm, region.blocked ...).
   * `streamOnly`: never an original file (the in-browser path can only remux streams).
   */
  prepare(ref: TrackRef, opts?: { streamOnly?: boolean }): Promise<PreparedDownload>;
  /** A fresh source for the same stream: signed URLs expire mid-download. */
  refresh(ref: TrackRef, prepared: PreparedDownload): Promise<MediaSource>;
  /** Full metadata without choosing a stream ("copy tags", the popup's details). */
  metadata(ref: TrackRef): Promise<TrackMetadata>;
  /**
   * The items a link points at: one for a track or show, the tracks in order for a set, none for a
   * page that holds no downloadable item. Used by "Download linked …" and "Download all".
   */
  refsFromUrl(url: string): Promise<TrackRef[]>;
}
