/**
 * Builds catalogue records from short specs: allocates ids and UUIDs from a seeded Rng, derives the
 * fields Beatport derives (slug, "m:ss" length, 120 s preview window, catalogue numbers, ISRCs).
 */
import { Rng } from '../../rng';
import type { BpArtist, BpImage, BpLabel, BpRelease, BpTrack, Catalogue } from './model';
import { keyByName, PLACEHOLDER_IMAGE_UUID, genreById } from './reference';
import { slugify } from './slug';

/** Number of distinct preview MP3 files the tracks share. */
export const PREVIEW_ASSET_COUNT = 12;

export interface TrackSpec {
  name: string;
  mixName: string;
  artists: string[];
  remixers?: string[];
  genreId?: number;
  subGenreId?: number | null;
  bpm?: number | null;
  key?: string | null;
  lengthSec?: number | null;
  /** undefined = generate one; null = none (real: isrc is nullable). */
  isrc?: string | null;
  slug?: string;
  hype?: boolean;
  exclusive?: boolean;
  popularity?: number;
  hypeRank?: number;
  previewAsset?: number;
}

export interface ReleaseSpec {
  name: string;
  artists: string[];
  label: string;
  genreId: number;
  date: string;
  tracks: TrackSpec[];
  slug?: string;
  typeName?: BpRelease['typeName'];
  /** Use Beatport's shared placeholder UUID instead of a cover. */
  placeholderCover?: boolean;
  popularity?: number;
}

export function emptyCatalogue(): Catalogue {
  return {
    artists: new Map(), labels: new Map(), releases: new Map(), tracks: new Map(), charts: new Map(),
    images: new Map(), samples: new Map(), streams: new Map(),
  };
}

/** Add days to an ISO date (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export class CatalogueBuilder {
  readonly cat = emptyCatalogue();
  private artistByName = new Map<string, BpArtist>();
  private labelByName = new Map<string, BpLabel>();
  private nextImageId = 31_204_000;
  private nextTrackId = 19_412_000;
  private nextReleaseId = 4_381_000;
  private nextArtistId = 612_000;
  private previewCounter = 0;

  constructor(readonly rng: Rng) {}

  image(width: number, height: number, ext: BpImage['ext'], uuid = this.rng.uuid()): BpImage {
    this.nextImageId += this.rng.int(1, 40);
    return { id: this.nextImageId, uuid, width, height, ext };
  }

  artist(name: string, opts: { slug?: string; bio?: string; placeholder?: boolean } = {}): BpArtist {
    const known = this.artistByName.get(name);
    if (known) return known;
    this.nextArtistId += this.rng.int(3, 5000);
    // Many real artists share one placeholder picture.
    const placeholder = opts.placeholder ?? this.rng.next() < 0.3;
    const image = this.image(590, 404, 'jpg', placeholder ? PLACEHOLDER_IMAGE_UUID : undefined);
    const artist: BpArtist = { id: this.nextArtistId, name, slug: opts.slug ?? slugify(name), image, bio: opts.bio ?? null };
    this.artistByName.set(name, artist);
    this.cat.artists.set(artist.id, artist);
    this.cat.images.set(image.uuid, { image, kind: 'artist' });
    return artist;
  }

  label(name: string, prefix: string, id?: number): BpLabel {
    const known = this.labelByName.get(name);
    if (known) return known;
    const image = this.image(500, 500, 'jpg');
    const label: BpLabel = { id: id ?? this.rng.int(10_000, 99_999), name, slug: slugify(name), image, prefix };
    this.labelByName.set(name, label);
    this.cat.labels.set(label.id, label);
    this.cat.images.set(image.uuid, { image, kind: 'label' });
    return label;
  }

  release(spec: ReleaseSpec): BpRelease {
    const label = this.labelByName.get(spec.label);
    if (!label) throw new Error(`unknown label ${spec.label}`);
    this.nextReleaseId += this.rng.int(50, 9000);
    const catalogNumber = `${label.prefix}${String(this.rng.int(1, 320)).padStart(3, '0')}`;
    const image = this.image(1400, 1400, 'jpg', spec.placeholderCover ? PLACEHOLDER_IMAGE_UUID : undefined);
    const release: BpRelease = {
      id: this.nextReleaseId,
      name: spec.name,
      slug: spec.slug ?? (slugify(spec.name) || 'release'),
      artistIds: spec.artists.map((a) => this.artist(a).id),
      remixerIds: [],
      labelId: label.id,
      catalogNumber,
      upc: `0${this.rng.int(100000, 999999)}${this.rng.int(100000, 999999)}`,
      image,
      publishDate: spec.date,
      newReleaseDate: spec.date,
      encodedDate: `${addDays(spec.date, -this.rng.int(14, 40))}T${String(this.rng.int(8, 20)).padStart(2, '0')}:${String(this.rng.int(0, 59)).padStart(2, '0')}:${String(this.rng.int(0, 59)).padStart(2, '0')}-06:00`,
      typeName: spec.typeName ?? 'Release',
      trackIds: [],
      desc: '',
      priceValue: spec.tracks.length > 3 ? 5.99 : spec.tracks.length * 1.49,
      popularity: spec.popularity ?? this.rng.int(100, 10_000),
    };
    this.nextTrackId += this.rng.int(200, 90_000);
    const remixers = new Set<number>();
    spec.tracks.forEach((t, i) => {
      const track = this.track(t, release, i + 1, spec.genreId, label);
      for (const r of track.remixerIds) remixers.add(r);
      release.trackIds.push(track.id);
    });
    release.remixerIds = [...remixers];
    this.cat.releases.set(release.id, release);
    if (!spec.placeholderCover) this.cat.images.set(image.uuid, { image, kind: 'cover' });
    return release;
  }

  private track(spec: TrackSpec, release: BpRelease, number: number, genreId: number, label: BpLabel): BpTrack {
    const genre = genreById(spec.genreId ?? genreId);
    if (!genre) throw new Error(`unknown genre ${spec.genreId ?? genreId}`);
    const lengthSec = spec.lengthSec === undefined ? this.rng.int(190, 460) : spec.lengthSec;
    const key = spec.key === undefined ? this.rng.pick(['A Minor', 'Db Minor', 'F Minor', 'G Major', 'Eb Minor', 'Gb Minor', 'C Major', 'Ab Major', 'D Minor', 'Bb Minor', 'E Minor', 'B Minor']) : spec.key;
    const id = this.nextTrackId++;
    const waveform = this.image(1500, 250, 'png');
    const track: BpTrack = {
      id,
      name: spec.name,
      mixName: spec.mixName,
      slug: spec.slug ?? (slugify(spec.name) || 'track'),
      artistIds: spec.artists.map((a) => this.artist(a).id),
      remixerIds: (spec.remixers ?? []).map((a) => this.artist(a).id),
      bpm: spec.bpm === undefined ? this.rng.int(genre.bpm[0], genre.bpm[1]) : spec.bpm,
      keyId: key === null ? null : (keyByName(key)?.id ?? null),
      genreId: genre.id,
      subGenreId: spec.subGenreId ?? null,
      lengthMs: lengthSec === null ? null : lengthSec * 1000 + this.rng.int(0, 999),
      isrc: spec.isrc === undefined ? this.isrc(release.publishDate) : spec.isrc,
      releaseId: release.id,
      number,
      publishDate: release.publishDate,
      newReleaseDate: release.newReleaseDate,
      encodedDate: release.encodedDate,
      labelTrackIdentifier: String(this.rng.int(1_000_000_000, 1_999_999_999)),
      waveform,
      sampleUuid: this.rng.uuid(),
      previewAsset: spec.previewAsset ?? this.previewCounter++ % PREVIEW_ASSET_COUNT,
      streamUuid: this.rng.uuid(),
      isHype: spec.hype ?? this.rng.next() < 0.35,
      exclusive: spec.exclusive ?? this.rng.next() < 0.1,
      priceValue: label.prefix.length > 2 ? 1.49 : 1.29,
      popularity: spec.popularity ?? this.rng.int(100, 10_000),
      hypeRank: spec.hypeRank ?? this.rng.int(1, 10_000),
    };
    this.cat.tracks.set(id, track);
    this.cat.images.set(waveform.uuid, { image: waveform, kind: 'waveform', trackId: id });
    this.cat.samples.set(track.sampleUuid, track);
    this.cat.streams.set(track.streamUuid, track);
    return track;
  }

  private isrc(date: string): string {
    const country = this.rng.pick(['GB', 'DE', 'NL', 'US', 'FR', 'BE', 'QZ']);
    const registrant = this.rng.alnum(3).toUpperCase();
    return `${country}${registrant}${date.slice(2, 4)}${String(this.rng.int(0, 99_999)).padStart(5, '0')}`;
  }
}

/** "m:ss" as Beatport prints lengths (290319 ms -> "4:50"). */
export function formatLength(ms: number | null): string {
  if (ms === null) return '';
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The 120 s preview window: starts at 40% of the track, as in every captured track. */
export function sampleWindow(lengthMs: number | null): { start: number; end: number } {
  const start = Math.floor((lengthMs ?? 0) * 0.4);
  return { start, end: start + 120_000 };
}
