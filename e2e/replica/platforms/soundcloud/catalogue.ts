/**
 * The deterministic SoundCloud catalogue: users, tracks and sets built from catalogue-data.ts with
 * a seeded Rng (ids, artwork hashes, media stems, transcoding uuids), plus lookups by id, URN and
 * permalink. Durations are the generated media's once it exists (see media-assets.ts).
 */
import { Rng } from '../../rng';
import type { AudioSpec } from '../../media';
import {
  LIKES, ORIGINAL_TRACKS, PLAYLISTS, REPOSTS, TRACKS, USERS,
  type Availability, type LabelSeed, type PlaylistSeed, type TrackSeed, type UserSeed,
} from './catalogue-data';

export interface ScUser {
  seed: UserSeed;
  id: number;
  avatarKey: string;
  lastModified: string;
}

export interface ScTrack {
  seed: TrackSeed;
  id: number;
  userId: number;
  availability: Availability;
  secretToken: string | null;
  artworkKey: string | null;
  waveKey: string;
  /** File stem on the CDN hosts ("Cs8zhDOA53fb" in "<stem>.128.mp3"). */
  stem: string;
  uuids: { aac: string; abr: string; mp3: string; drm: string };
  /** The audio behind this track's streams (the 30 s excerpt for a SNIP track). */
  spec: AudioSpec;
  counts: { plays: number; likes: number; reposts: number; comments: number; downloads: number };
  lastModified: string;
  label: LabelSeed | null;
}

export interface ScPlaylist {
  seed: PlaylistSeed;
  id: number;
  userId: number;
  trackIds: number[];
  artworkKey: string | null;
  counts: { likes: number; reposts: number };
  lastModified: string;
}

/** An entry of a user's likes or reposts. */
export interface Activity {
  createdAt: string;
  trackId?: number;
  playlistId?: number;
}

/** Measured media lengths (ms), keyed by AudioSpec name. */
export interface MeasuredDurations {
  aacMs?: number;
  mp3Ms?: number;
}

const PREVIEW_SECONDS = 30;

function plusDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * 86_400_000).toISOString().replace('.000Z', 'Z');
}

export class Catalogue {
  readonly users: ScUser[] = [];
  readonly tracks: ScTrack[] = [];
  readonly playlists: ScPlaylist[] = [];
  readonly likes = new Map<number, Activity[]>();
  readonly reposts = new Map<number, Activity[]>();
  readonly measured = new Map<string, MeasuredDurations>();
  private readonly byKey = new Map<string, ScTrack | ScPlaylist | ScUser>();

  constructor(seed = 'soundcloud-replica') {
    const rng = new Rng(seed);
    for (const s of USERS) {
      const user: ScUser = {
        seed: s,
        id: rng.int(100_000_000, 1_999_999_999),
        avatarKey: `${rng.alnum(16)}-${rng.alnum(6)}`,
        lastModified: plusDays(s.createdAt, rng.int(30, 900)),
      };
      this.users.push(user);
      this.byKey.set(`user:${s.key}`, user);
    }
    // Track ids grow with upload order, like SoundCloud's; playlists may list them in any order.
    let nextId = 2_100_000_000;
    const ordered = [...TRACKS].sort(byUploadOrder);
    for (const s of ordered) {
      nextId += rng.int(1_000, 90_000);
      this.addTrack(s, nextId, rng);
    }
    for (const s of PLAYLISTS) {
      const playlist: ScPlaylist = {
        seed: s,
        id: rng.int(1_800_000_000, 1_999_999_999),
        userId: this.user(s.user).id,
        trackIds: s.tracks.map((k) => this.track(k).id),
        // Only albums carry their own cover; a playlist without one shows its first track's.
        artworkKey: s.setType === 'album' ? `${rng.alnum(16)}-${rng.alnum(6)}` : null,
        counts: { likes: rng.int(5, 9_000), reposts: rng.int(0, 900) },
        lastModified: plusDays(s.createdAt, rng.int(1, 60)),
      };
      this.playlists.push(playlist);
      this.byKey.set(`playlist:${s.key}`, playlist);
    }
    // Added later: their own rng and id range (older uploads, lower ids), so no other id moved.
    const originalsRng = new Rng(`${seed}-originals`);
    let originalId = 2_050_000_000;
    for (const s of [...ORIGINAL_TRACKS].sort(byUploadOrder)) {
      originalId += originalsRng.int(1_000, 90_000);
      this.addTrack(s, originalId, originalsRng);
    }
    this.fillActivities(LIKES, this.likes, 2);
    this.fillActivities(REPOSTS, this.reposts, 5);
  }

  private addTrack(s: TrackSeed, id: number, rng: Rng): void {
    const availability = s.availability ?? 'full';
    const track: ScTrack = {
      seed: s,
      id,
      userId: this.user(s.user).id,
      availability,
      secretToken: s.private ? `s-${rng.alnum(11)}` : null,
      artworkKey: s.artwork === false ? null : `${rng.alnum(16)}-${rng.alnum(6)}`,
      waveKey: rng.alnum(12),
      stem: rng.alnum(12),
      uuids: { aac: rng.uuid(), abr: rng.uuid(), mp3: rng.uuid(), drm: rng.uuid() },
      spec: {
        name: availability === 'snip' ? `${s.key}-preview` : (s.media ?? s.key),
        durationSec: availability === 'snip' ? PREVIEW_SECONDS : s.seconds,
        freq: s.freq,
      },
      counts: {
        plays: rng.int(500, 2_000_000),
        likes: rng.int(10, 40_000),
        reposts: rng.int(0, 3_000),
        comments: rng.int(0, 400),
        downloads: s.downloadable ? rng.int(10, 5_000) : 0,
      },
      lastModified: plusDays(s.createdAt, rng.int(1, 200)),
      label: s.label ?? null,
    };
    this.tracks.push(track);
    this.byKey.set(`track:${s.key}`, track);
  }

  private fillActivities(source: Record<string, string[]>, into: Map<number, Activity[]>, dayStep: number): void {
    for (const [userKey, keys] of Object.entries(source)) {
      const list = keys.map((k, i): Activity => {
        const createdAt = plusDays('2025-09-01T12:00:00Z', -i * dayStep);
        return k.startsWith('playlist:') ? { createdAt, playlistId: this.playlist(k.slice(9)).id } : { createdAt, trackId: this.track(k).id };
      });
      into.set(this.user(userKey).id, list);
    }
  }

  user(key: string): ScUser {
    const u = this.byKey.get(`user:${key}`);
    if (!u) throw new Error(`no user ${key}`);
    return u as ScUser;
  }
  track(key: string): ScTrack {
    const t = this.byKey.get(`track:${key}`);
    if (!t) throw new Error(`no track ${key}`);
    return t as ScTrack;
  }
  playlist(key: string): ScPlaylist {
    const p = this.byKey.get(`playlist:${key}`);
    if (!p) throw new Error(`no playlist ${key}`);
    return p as ScPlaylist;
  }

  userById(id: number): ScUser | undefined {
    return this.users.find((u) => u.id === id);
  }
  trackById(id: number): ScTrack | undefined {
    return this.tracks.find((t) => t.id === id);
  }
  playlistById(id: number): ScPlaylist | undefined {
    return this.playlists.find((p) => p.id === id);
  }
  userByPermalink(permalink: string): ScUser | undefined {
    return this.users.find((u) => u.seed.permalink === permalink.toLowerCase());
  }
  trackByPermalink(user: ScUser, permalink: string): ScTrack | undefined {
    return this.tracks.find((t) => t.userId === user.id && t.seed.permalink === permalink.toLowerCase());
  }
  playlistByPermalink(user: ScUser, permalink: string): ScPlaylist | undefined {
    return this.playlists.find((p) => p.userId === user.id && p.seed.permalink === permalink.toLowerCase());
  }

  /** A user's uploads visible to everyone, newest first. */
  publicTracksOf(userId: number): ScTrack[] {
    return this.tracks.filter((t) => t.userId === userId && !t.secretToken).sort(newestFirst);
  }
  publicTracks(): ScTrack[] {
    return this.tracks.filter((t) => !t.secretToken).sort(newestFirst);
  }
  trackByStem(stem: string): ScTrack | undefined {
    return this.tracks.find((t) => t.stem === stem);
  }

  /** `duration` of the track's main stream in ms: the generated AAC asset's when known. */
  durationMs(t: ScTrack): number {
    if (t.availability === 'snip') return PREVIEW_SECONDS * 1000;
    return this.measured.get(t.spec.name)?.aacMs ?? t.spec.durationSec * 1000;
  }
  mp3DurationMs(t: ScTrack): number {
    if (t.availability === 'snip') return PREVIEW_SECONDS * 1000;
    return this.measured.get(t.spec.name)?.mp3Ms ?? t.spec.durationSec * 1000;
  }
  /** The length of the whole track (`full_duration`); a SNIP track's streams are only 30 s of it. */
  fullDurationMs(t: ScTrack): number {
    return t.availability === 'snip' ? t.seed.seconds * 1000 : this.durationMs(t);
  }
}

function byUploadOrder(a: TrackSeed, b: TrackSeed): number {
  return a.createdAt.localeCompare(b.createdAt) || a.key.localeCompare(b.key);
}

function newestFirst(a: { seed: { createdAt: string } }, b: { seed: { createdAt: string } }): number {
  return b.seed.createdAt.localeCompare(a.seed.createdAt);
}
