/**
 * Role-based handles on the SoundCloud replica's catalogue for tests and the demo: use
 * `SOUNDCLOUD_FIXTURES.plain.url` rather than magic ids. `expected` says what a correct download
 * of the item must contain. Durations are getters: they follow the generated media once it exists.
 */
import type { ScPlaylist, ScTrack, ScUser } from './catalogue';
import { DEFAULT_ME } from './catalogue-data';
import { catalogue as cat, scState } from './instance';
import { policyOf } from './serialize';
import { DEFAULT_APP } from './state';
import { API_V2, WEB_ORIGIN, imageUrl, urn } from './urls';

export interface ExpectedDownload {
  title: string;
  /** The credited artist: `metadata_artist` when set, else the uploader. */
  artist: string;
  album?: string;
  genre?: string;
  label?: string;
  isrc?: string;
  /** YYYY-MM-DD */
  releaseDate?: string;
  tags: string[];
  /** Cover to embed: the track's t500x500 artwork, or the uploader's avatar when it has none. */
  artworkUrl: string;
  /** True when only a 30 s preview can be had (must be labelled, never saved as the full track). */
  preview: boolean;
  /**
   * What is downloadable: the original (signed in), the AAC stream, or nothing (DRM / geo-blocked).
   * Originals fall back to the AAC stream when signed out.
   */
  source: 'original-wav' | 'original-flac' | 'original-aiff' | 'aac-hls' | 'none';
}

export interface TrackFixture {
  key: string;
  id: number;
  urn: string;
  /** The page (private tracks: with the /s-token segment). */
  url: string;
  apiUrl: string;
  title: string;
  username: string;
  userUrn: string;
  secretToken: string | null;
  policy: string;
  readonly durationMs: number;
  readonly fullDurationMs: number;
  expected: ExpectedDownload;
}

export interface SetFixture {
  id: number;
  urn: string;
  url: string;
  title: string;
  username: string;
  isAlbum: boolean;
  trackCount: number;
  /** Track URNs in the set's own order (differs from id order for the playlist). */
  expectedOrder: string[];
}

export interface UserFixture {
  id: number;
  urn: string;
  url: string;
  permalink: string;
  username: string;
  /** Public uploads (what users/{id}/tracks pages through). */
  trackCount: number;
}

/** "deep house" nightdrive "late night drive" -> ["deep house", "nightdrive", "late night drive"] */
export function parseTagList(tagList: string): string[] {
  return [...tagList.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => (m[1] ?? m[2] ?? '').trim()).filter(Boolean);
}

function trackFixture(key: string): TrackFixture {
  const t: ScTrack = cat.track(key);
  const owner = cat.userById(t.userId) as ScUser;
  const s = t.seed;
  const album = cat.playlists.find((p) => p.seed.setType === 'album' && p.trackIds.includes(t.id));
  const source: ExpectedDownload['source'] = s.downloadable && !s.noDownloadsLeft
    ? `original-${s.original ?? 'wav'}`
    : t.availability === 'full' || t.availability === 'snip' ? 'aac-hls' : 'none';
  return {
    key,
    id: t.id,
    urn: urn('tracks', t.id),
    url: `${WEB_ORIGIN}/${owner.seed.permalink}/${s.permalink}${t.secretToken ? `/${t.secretToken}` : ''}`,
    apiUrl: `${API_V2}/tracks/${urn('tracks', t.id)}`,
    title: s.title,
    username: owner.seed.username,
    userUrn: urn('users', owner.id),
    secretToken: t.secretToken,
    policy: policyOf(t).policy,
    get durationMs() {
      return cat.durationMs(t);
    },
    get fullDurationMs() {
      return cat.fullDurationMs(t);
    },
    expected: {
      title: s.title,
      artist: s.metadataArtist ?? owner.seed.username,
      ...(t.label ? { album: t.label.albumTitle, label: t.label.labelName, isrc: t.label.isrc, releaseDate: t.label.releaseDate.slice(0, 10) } : {}),
      ...(album && !t.label ? { album: album.seed.title } : {}),
      ...(s.genre ? { genre: s.genre } : {}),
      tags: parseTagList(s.tags ?? ''),
      artworkUrl: t.artworkKey ? imageUrl('artworks', t.artworkKey, 't500x500') : imageUrl('avatars', owner.avatarKey, 't500x500'),
      preview: t.availability === 'snip',
      source,
    },
  };
}

function setFixture(key: string): SetFixture {
  const p: ScPlaylist = cat.playlist(key);
  const owner = cat.userById(p.userId) as ScUser;
  return {
    id: p.id,
    urn: urn('playlists', p.id),
    url: `${WEB_ORIGIN}/${owner.seed.permalink}/sets/${p.seed.permalink}`,
    title: p.seed.title,
    username: owner.seed.username,
    isAlbum: p.seed.setType === 'album',
    trackCount: p.trackIds.length,
    expectedOrder: p.trackIds.map((id) => urn('tracks', id)),
  };
}

function userFixture(key: string): UserFixture {
  const u = cat.user(key);
  return {
    id: u.id,
    urn: urn('users', u.id),
    url: `${WEB_ORIGIN}/${u.seed.permalink}`,
    permalink: u.seed.permalink,
    username: u.seed.username,
    trackCount: cat.publicTracksOf(u.id).length,
  };
}

export const SOUNDCLOUD_FIXTURES = {
  /** Happy path: normal AAC HLS track with full label metadata (album track 1 of `album`). */
  plain: trackFixture('midnight-transit'),
  /** downloadable && has_downloads_left: the original WAV via tracks/{id}/download (needs OAuth). */
  downloadable: trackFixture('field-notes'),
  /** Downloadable, 20 s: the original is a FLAC (label metadata: ISRC, album, label). */
  originalFlac: trackFixture('tidal-flats'),
  /** Downloadable, 20 s: the original is an AIFF. */
  originalAiff: trackFixture('reed-organ'),
  /** downloadable but has_downloads_left false: tracks/{id}/download answers 403; the stream is the way. */
  noDownloadsLeft: trackFixture('last-copies'),
  /** Go+ preview only: policy SNIP, every transcoding snipped, duration 30000, full_duration real. */
  snip: trackFixture('velvet-hours'),
  /** Only ctr/cbc-encrypted HLS; its plain aac transcoding 404s on resolve; licence host refuses. */
  drmOnly: trackFixture('signal-lock'),
  /** policy BLOCK, no transcodings, metadata present. */
  geoBlocked: trackFixture('border-radio'),
  /** sharing private: reachable only with its secret token (URL segment or secret_token param). */
  private: trackFixture('unreleased-sketch'),
  /** artwork_url null: the cover is the uploader's avatar. */
  noArtwork: trackFixture('untitled-demo'),
  /** HTML/script, RTL marks, emoji, a 2,000-character title, optional fields missing. Not for happy paths. */
  hostile: trackFixture('hostile-track'),
  /** A normal user upload (no label metadata). */
  userUpload: trackFixture('glass-rooms'),
  /** Has a Beatport twin ("Solstice Run (Original Mix)", same length); no genre, label or ISRC of its own. */
  beatportTwin: trackFixture('solstice-run'),
  album: setFixture('neon-harbour'),
  albumTracks: cat.playlist('neon-harbour').seed.tracks.map(trackFixture),
  /** A playlist whose order differs from id order (7 tracks: compact shows 5 full + 2 stubs). */
  playlist: setFixture('late-night-selection'),
  /** 64 short uploads for paging and infinite scroll. */
  pagedUser: userFixture('tapes'),
  users: {
    label: userFixture('nightdrive'),
    artist: userFixture('mira'),
    distributor: userFixture('deepwave'),
    paged: userFixture('tapes'),
    hostile: userFixture('hostile'),
  },
  /** Who the OAuth consent page signs in by default, and an app registered at start. */
  me: userFixture(DEFAULT_ME),
  oauthApp: DEFAULT_APP,
  /** The web client_id the replica accepts right now (changes on rotation, restored by reset). */
  clientId: (): string => scState.clientId,
};
