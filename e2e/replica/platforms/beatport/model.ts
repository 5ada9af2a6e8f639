/**
 * The replica's own records for the Beatport catalogue. They hold facts once; `shapes.ts` turns them
 * into the API's JSON (which repeats nested objects everywhere, as the real API does).
 */

export interface BpImage {
  id: number;
  uuid: string;
  /** Size in the canonical `uri` (the `dynamic_uri` has `{w}x{h}` instead). */
  width: number;
  height: number;
  ext: 'jpg' | 'png';
}

export interface BpArtist {
  id: number;
  name: string;
  slug: string;
  image: BpImage;
  bio: string | null;
}

export interface BpLabel {
  id: number;
  name: string;
  slug: string;
  image: BpImage;
  /** Catalogue-number prefix, e.g. "KSV". */
  prefix: string;
}

export interface BpTrack {
  id: number;
  /** As Beatport stores it: may carry a trailing space. */
  name: string;
  mixName: string;
  slug: string;
  artistIds: number[];
  /** Often empty even for "X Remix" mixes (real data-quality trap). */
  remixerIds: number[];
  /** Integer; sometimes half-time. Null only on the hostile item. */
  bpm: number | null;
  keyId: number | null;
  genreId: number;
  subGenreId: number | null;
  lengthMs: number | null;
  isrc: string | null;
  releaseId: number;
  /** Position on the release (1-based). */
  number: number;
  publishDate: string;
  newReleaseDate: string;
  encodedDate: string;
  labelTrackIdentifier: string;
  waveform: BpImage;
  /** UUID in the preview URL `https://geo-samples.beatport.com/track/<uuid>.LOFI.mp3`. */
  sampleUuid: string;
  /** Which of the shared preview MP3 files this track's preview plays. */
  previewAsset: number;
  /** UUID of the full (subscriber-only) stream on needledrop. */
  streamUuid: string;
  isHype: boolean;
  exclusive: boolean;
  priceValue: number;
  /** Lower = more popular; drives the top-100 lists. */
  popularity: number;
  /** Lower = hotter; only meaningful when isHype. */
  hypeRank: number;
}

export interface BpRelease {
  id: number;
  name: string;
  slug: string;
  artistIds: number[];
  remixerIds: number[];
  labelId: number;
  catalogNumber: string;
  upc: string | null;
  image: BpImage;
  publishDate: string;
  newReleaseDate: string;
  encodedDate: string;
  typeName: 'Release' | 'Album' | 'Compilation';
  /** Track ids in running order. */
  trackIds: number[];
  desc: string;
  priceValue: number;
  popularity: number;
}

export interface BpChart {
  id: number;
  name: string;
  slug: string;
  /** The DJ (an artist) who made the chart. */
  artistId: number;
  genreIds: number[];
  trackIds: number[];
  image: BpImage;
  publishDate: string;
  description: string;
}

export interface BpUser {
  id: number;
  personId: number;
  username: string;
  password: string;
  email: string;
  firstName: string;
  lastName: string;
  /** Streaming plan: only subscribers may call /catalog/tracks/{id}/stream/. */
  subscriber: boolean;
  /** Value of `__Secure-next-auth.session-token` registered for this user at start. */
  siteSessionCookie: string;
}

export interface Catalogue {
  artists: Map<number, BpArtist>;
  labels: Map<number, BpLabel>;
  releases: Map<number, BpRelease>;
  tracks: Map<number, BpTrack>;
  charts: Map<number, BpChart>;
  /** Every image by UUID (covers, artist photos, label logos, waveforms). */
  images: Map<string, { image: BpImage; kind: 'cover' | 'artist' | 'label' | 'chart' | 'waveform'; trackId?: number }>;
  /** Track by preview UUID. */
  samples: Map<string, BpTrack>;
  /** Track by stream UUID. */
  streams: Map<string, BpTrack>;
}
