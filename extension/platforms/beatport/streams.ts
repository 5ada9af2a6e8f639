/**
 * Stream choice for Beatport: there is one candidate, the LOFI MP3 preview (`sample_url` on
 * geo-samples.beatport.com, a 120 s window of the track). Full tracks exist only as AES-encrypted HLS
 * behind `catalog/tracks/{id}/stream/` for subscribers: Deckhand never asks for them, and a
 * `sample_url` that looks like such a stream is refused as DRM rather than fetched.
 */
import { DeckhandError } from '../../../shared/errors';
import type { MediaSource, OutputFormat } from '../../../shared/download';
import type { BpTrack } from './types';

export interface PreviewStream {
  source: MediaSource;
  format: OutputFormat;
}

const ENCRYPTED_STREAM = /needledrop\.beatport\.com|\.m3u8(\?|$)|\/stream\//i;

export function previewStream(track: Pick<BpTrack, 'sample_url'>): PreviewStream {
  const url = track.sample_url?.trim();
  if (!url) throw new DeckhandError('stream.none', 'Beatport offers no preview for this track.');
  if (ENCRYPTED_STREAM.test(url)) {
    throw new DeckhandError('stream.drm', 'Beatport full tracks are encrypted streams for subscribers; Deckhand saves previews only.');
  }
  if (!/^https:\/\//i.test(url)) throw new DeckhandError('stream.none', 'The preview link is not a web address.');
  return { source: { protocol: 'progressive', url, container: 'mp3', preview: true }, format: 'mp3' };
}
