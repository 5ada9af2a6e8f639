/**
 * Catalogue records -> api-v2 JSON, field for field as the captures show (2026 shapes: URN-encoded
 * `uri`, `urn` everywhere, `is_legacy_transcoding`, compact playlists with id-only stubs).
 */
import type { Catalogue, ScPlaylist, ScTrack, ScUser } from './catalogue';
import type {
  ApiMiniUser, ApiPlaylist, ApiPublisherMetadata, ApiTrack, ApiTrackStub, ApiTranscoding, ApiUser,
} from './types';
import { API_V2, WAVE_ORIGIN, WEB_ORIGIN, apiUri, imageUrl, urn } from './urls';

export type Representation = 'compact' | 'full' | 'id';

/** How many tracks of a compact playlist come as full objects (the rest are id-only stubs). */
export const COMPACT_FULL_TRACKS = 5;

const AAC_MIME = 'audio/mp4; codecs="mp4a.40.2"';

export class Serializer {
  constructor(
    private readonly cat: Catalogue,
    /** Issues a fresh `track_authorization` per serialised track, like the real API. */
    private readonly authorize: () => string,
  ) {}

  miniUser(u: ScUser): ApiMiniUser {
    const s = u.seed;
    return {
      avatar_url: imageUrl('avatars', u.avatarKey),
      first_name: s.firstName,
      followers_count: s.followers,
      full_name: [s.firstName, s.lastName].filter(Boolean).join(' '),
      id: u.id,
      kind: 'user',
      last_modified: u.lastModified,
      last_name: s.lastName,
      permalink: s.permalink,
      permalink_url: `${WEB_ORIGIN}/${s.permalink}`,
      uri: apiUri('users', u.id),
      urn: urn('users', u.id),
      username: s.username,
      verified: s.verified,
      city: s.city,
      country_code: s.country,
      badges: { pro: false, creator_mid_tier: false, pro_unlimited: s.plan !== 'free', verified: s.verified },
      station_urn: `soundcloud:system-playlists:artist-stations:${u.id}`,
      station_permalink: `artist-stations:${u.id}`,
    };
  }

  user(u: ScUser): ApiUser {
    const s = u.seed;
    return {
      ...this.miniUser(u),
      comments_count: 0,
      created_at: s.createdAt,
      creator_subscriptions: [{ product: { id: s.plan } }],
      creator_subscription: { product: { id: s.plan } },
      description: s.description,
      followings_count: s.followings,
      groups_count: 0,
      likes_count: (this.cat.likes.get(u.id) ?? []).filter((a) => a.trackId).length,
      playlist_likes_count: (this.cat.likes.get(u.id) ?? []).filter((a) => a.playlistId).length,
      playlist_count: this.cat.playlists.filter((p) => p.userId === u.id).length,
      reposts_count: null,
      track_count: this.cat.publicTracksOf(u.id).length,
      visuals: null,
      date_of_birth: null,
    };
  }

  track(t: ScTrack): ApiTrack {
    const s = t.seed;
    const owner = this.cat.userById(t.userId);
    if (!owner) throw new Error(`track ${t.id} has no user`);
    const { monetization, policy } = policyOf(t);
    const permalinkUrl = `${WEB_ORIGIN}/${owner.seed.permalink}/${s.permalink}${t.secretToken ? `/${t.secretToken}` : ''}`;
    return {
      artwork_url: t.artworkKey ? imageUrl('artworks', t.artworkKey) : null,
      caption: null,
      commentable: true,
      comment_count: t.counts.comments,
      created_at: s.createdAt,
      description: s.description ?? null,
      downloadable: Boolean(s.downloadable),
      download_count: t.counts.downloads,
      duration: this.cat.durationMs(t),
      full_duration: this.cat.fullDurationMs(t),
      embeddable_by: 'all',
      genre: s.genre ?? null,
      has_downloads_left: Boolean(s.downloadable) && !s.noDownloadsLeft,
      id: t.id,
      kind: 'track',
      label_name: t.label?.labelName ?? (s.bare ? null : ''),
      last_modified: t.lastModified,
      license: s.downloadable ? 'cc-by-nc' : 'all-rights-reserved',
      likes_count: t.counts.likes,
      metadata_artist: s.metadataArtist ?? null,
      permalink: s.permalink,
      permalink_url: permalinkUrl,
      playback_count: t.counts.plays,
      public: !t.secretToken,
      publisher_metadata: this.publisher(t, owner),
      purchase_title: null,
      purchase_url: null,
      release_date: t.label?.releaseDate ?? null,
      reposts_count: t.counts.reposts,
      secret_token: t.secretToken,
      sharing: t.secretToken ? 'private' : 'public',
      state: 'finished',
      streamable: true,
      tag_list: s.tags ?? '',
      title: s.title,
      uri: apiUri('tracks', t.id),
      urn: urn('tracks', t.id),
      user_id: t.userId,
      visuals: null,
      waveform_url: `${WAVE_ORIGIN}/${t.waveKey}_m.json`,
      display_date: t.label?.releaseDate ?? s.createdAt,
      media: { transcodings: this.transcodings(t) },
      station_urn: `soundcloud:system-playlists:track-stations:${t.id}`,
      station_permalink: `track-stations:${t.id}`,
      track_authorization: this.authorize(),
      monetization_model: monetization,
      policy,
      user: this.miniUser(owner),
    };
  }

  stub(t: ScTrack): ApiTrackStub {
    const { monetization, policy } = policyOf(t);
    return { id: t.id, kind: 'track', monetization_model: monetization, policy };
  }

  playlist(p: ScPlaylist, representation: Representation = 'compact'): ApiPlaylist {
    const s = p.seed;
    const owner = this.cat.userById(p.userId);
    if (!owner) throw new Error(`playlist ${p.id} has no user`);
    const tracks = p.trackIds.map((id) => this.cat.trackById(id)).filter((t): t is ScTrack => Boolean(t));
    const isAlbum = s.setType === 'album';
    return {
      artwork_url: p.artworkKey ? imageUrl('artworks', p.artworkKey) : null,
      created_at: s.createdAt,
      description: s.description,
      duration: tracks.reduce((sum, t) => sum + this.cat.durationMs(t), 0),
      embeddable_by: 'all',
      genre: s.genre,
      id: p.id,
      kind: 'playlist',
      label_name: s.labelName,
      last_modified: p.lastModified,
      license: 'all-rights-reserved',
      likes_count: p.counts.likes,
      managed_by_feeds: isAlbum,
      permalink: s.permalink,
      permalink_url: `${WEB_ORIGIN}/${owner.seed.permalink}/sets/${s.permalink}`,
      public: true,
      purchase_title: null,
      purchase_url: null,
      release_date: s.releaseDate,
      reposts_count: p.counts.reposts,
      secret_token: null,
      sharing: 'public',
      tag_list: s.tags,
      title: s.title,
      uri: apiUri('playlists', p.id),
      urn: urn('playlists', p.id),
      user_id: p.userId,
      set_type: s.setType,
      is_album: isAlbum,
      published_at: s.releaseDate ?? s.createdAt,
      display_date: s.releaseDate ?? s.createdAt,
      user: this.miniUser(owner),
      tracks: tracks.map((t, i) =>
        representation === 'full' || (representation === 'compact' && i < COMPACT_FULL_TRACKS) ? this.track(t) : this.stub(t),
      ),
      track_count: tracks.length,
    };
  }

  private publisher(t: ScTrack, owner: ScUser): ApiPublisherMetadata | null {
    if (t.seed.bare) return null;
    const base = { id: t.id, urn: urn('tracks', t.id), contains_music: true };
    const l = t.label;
    if (!l) return base;
    return {
      ...base,
      artist: t.seed.metadataArtist ?? owner.seed.username,
      album_title: l.albumTitle,
      upc_or_ean: l.upc,
      isrc: l.isrc,
      explicit: l.explicit,
      p_line: l.pLine,
      p_line_for_display: `℗ ${l.pLine}`,
      c_line: l.cLine,
      c_line_for_display: `© ${l.cLine}`,
      writer_composer: l.writer,
      release_title: l.releaseTitle,
      publisher: l.publisher,
    };
  }

  transcodings(t: ScTrack): ApiTranscoding[] {
    const base = `${API_V2}/media/${urn('tracks', t.id)}`;
    const aacMs = this.cat.durationMs(t);
    const mp3Ms = this.cat.mp3DurationMs(t);
    const entry = (uuid: string, path: string, preset: string, ms: number, protocol: string, mime: string, legacy: boolean): ApiTranscoding => ({
      url: `${base}/${uuid}/${path}`,
      preset,
      duration: ms,
      snipped: t.availability === 'snip',
      format: { protocol, mime_type: mime },
      quality: 'sq',
      is_legacy_transcoding: legacy,
    });
    const u = t.uuids;
    switch (t.availability) {
      case 'blocked':
        return [];
      case 'drm':
        return [
          entry(u.drm, 'stream/ctr-encrypted-hls', 'aac_160k', aacMs, 'ctr-encrypted-hls', AAC_MIME, false),
          entry(u.drm, 'stream/cbc-encrypted-hls', 'aac_160k', aacMs, 'cbc-encrypted-hls', AAC_MIME, false),
          entry(u.aac, 'stream/hls', 'aac_160k', aacMs, 'hls', AAC_MIME, false),
        ];
      case 'snip':
        return [
          entry(u.aac, 'preview/hls', 'aac_160k', aacMs, 'hls', AAC_MIME, false),
          entry(u.mp3, 'preview/hls', 'mp3_1_0', mp3Ms, 'hls', 'audio/mpeg', true),
          entry(u.mp3, 'preview/progressive', 'mp3_1_0', mp3Ms, 'progressive', 'audio/mpeg', true),
        ];
      case 'full':
        return [
          entry(u.aac, 'stream/hls', 'aac_160k', aacMs, 'hls', AAC_MIME, false),
          entry(u.abr, 'stream/hls', 'abr_sq', aacMs, 'hls', 'audio/mpegurl', false),
          entry(u.mp3, 'stream/hls', 'mp3_1_0', mp3Ms, 'hls', 'audio/mpeg', true),
          entry(u.mp3, 'stream/progressive', 'mp3_1_0', mp3Ms, 'progressive', 'audio/mpeg', true),
        ];
    }
  }
}

/** Real pairs seen in the captures: user uploads ALLOW, label audio MONETIZE, Go+ SNIP, geo BLOCK. */
export function policyOf(t: ScTrack): { monetization: string; policy: string } {
  switch (t.availability) {
    case 'snip':
      return { monetization: 'SUB_HIGH_TIER', policy: 'SNIP' };
    case 'drm':
      return { monetization: 'AD_SUPPORTED', policy: 'MONETIZE' };
    case 'blocked':
      return { monetization: 'NOT_APPLICABLE', policy: 'BLOCK' };
    case 'full':
      return t.label ? { monetization: 'BLACKBOX', policy: 'MONETIZE' } : { monetization: 'NOT_APPLICABLE', policy: 'ALLOW' };
  }
}
