/**
 * The deterministic Beatport catalogue: hand-made special releases plus generated ones (Tech House
 * gets over 100 tracks so its genre top-100 is full), DJ charts, and the two test users.
 * No clock is read: every date is fixed.
 */
import { Rng } from '../../rng';
import { addDays, CatalogueBuilder, type ReleaseSpec, type TrackSpec } from './catalogue-builder';
import { HOSTILE_LABEL, registerSpecialArtists, SPECIAL_RELEASES } from './catalogue-special';
import type { BpChart, BpTrack, BpUser, Catalogue } from './model';
import { ARTIST_NAMES, CHART_NAMES, LABEL_NAMES, RELEASE_SUFFIXES, TITLE_FIRST, TITLE_SECOND } from './names';
import { slugify } from './slug';
import { GENRES, SUB_GENRES } from './reference';

/** The catalogue's "today": the newest publish date is just before it. */
export const CATALOGUE_TODAY = '2025-06-20';
const FIRST_DATE = '2023-01-06';
const DAY_SPAN = 890;
/** Tech House (11) is the genre with a full top 100. */
export const FULL_TOP100_GENRE_ID = 11;

function title(rng: Rng): string {
  return `${rng.pick(TITLE_FIRST)} ${rng.pick(TITLE_SECOND)}`;
}

function bulkTracks(rng: Rng, genreId: number, mainArtists: string[]): TrackSpec[] {
  const count = rng.int(2, 6);
  const subGenres = SUB_GENRES.filter((s) => s.genreId === genreId);
  const tracks: TrackSpec[] = [];
  const firstTitle = title(rng);
  for (let i = 0; i < count; i++) {
    const roll = rng.next();
    // Real data has the odd trailing space in names.
    const name = (i === 0 || roll < 0.45 ? (i === 0 ? firstTitle : title(rng)) : firstTitle) + (rng.next() < 0.1 ? ' ' : '');
    let mixName = i === 0 ? (rng.next() < 0.3 ? 'Extended Mix' : 'Original Mix') : 'Original Mix';
    let remixers: string[] = [];
    if (i > 0 && roll >= 0.45) {
      const variant = rng.next();
      if (variant < 0.6) {
        const remixer = rng.pick(ARTIST_NAMES.filter((a) => !mainArtists.includes(a)));
        mixName = `${remixer} Remix`;
        remixers = rng.next() < 0.6 ? [remixer] : []; // empty remixers on "X Remix": real trap
      } else mixName = rng.pick(['Radio Edit', 'Club Mix', 'Dub', 'Extended Mix']);
    }
    const spec: TrackSpec = { name, mixName, artists: mainArtists, remixers };
    if (genreId === 1) spec.bpm = rng.pick([86, 87, 172, 174]); // Drum & Bass often listed half-time
    if (subGenres.length && rng.next() < 0.15) spec.subGenreId = rng.pick(subGenres).id;
    tracks.push(spec);
  }
  return tracks;
}

function bulkRelease(rng: Rng, genreId: number): ReleaseSpec {
  const artists = [rng.pick(ARTIST_NAMES)];
  if (rng.next() < 0.2) artists.push(rng.pick(ARTIST_NAMES.filter((a) => a !== artists[0])));
  const tracks = bulkTracks(rng, genreId, artists);
  const suffix = rng.pick(RELEASE_SUFFIXES);
  const base = tracks[0]?.name.trim() ?? title(rng);
  return {
    name: suffix ? `${base} ${suffix}` : base,
    artists,
    label: rng.pick(LABEL_NAMES)[0],
    genreId,
    date: addDays(FIRST_DATE, rng.int(0, DAY_SPAN)),
    tracks,
    typeName: suffix === 'LP' ? 'Album' : 'Release',
  };
}

function buildCharts(b: CatalogueBuilder, cat: Catalogue): void {
  const tracks = [...cat.tracks.values()].filter((t) => t.bpm !== null && t.genreId !== 16);
  let nextId = 812_000;
  CHART_NAMES.forEach((name, i) => {
    nextId += b.rng.int(100, 4000);
    const picked = new Set<BpTrack>();
    // The first chart carries the happy-path tracks so chart tests have known contents.
    if (i === 0) for (const t of tracks.filter((t) => t.popularity < 30)) picked.add(t);
    while (picked.size < 10) picked.add(b.rng.pick(tracks));
    const list = [...picked].slice(0, 10);
    const dj = i === 0 ? [...cat.artists.values()].find((a) => a.name === 'Kasso Vale') : b.rng.pick([...cat.artists.values()]);
    const image = b.image(1400, 1400, 'jpg');
    const chart: BpChart = {
      id: nextId,
      name,
      slug: slugify(name),
      artistId: dj?.id ?? 0,
      genreIds: [...new Set(list.map((t) => t.genreId))],
      trackIds: list.map((t) => t.id),
      image,
      publishDate: addDays('2025-01-03', i * 23),
      description: `${name}: ten tracks from the replica catalogue.`,
    };
    cat.charts.set(chart.id, chart);
    cat.images.set(image.uuid, { image, kind: 'chart' });
  });
}

export function buildCatalogue(seed = 'beatport-replica'): Catalogue {
  const rng = new Rng(seed);
  const b = new CatalogueBuilder(rng);
  LABEL_NAMES.forEach(([name, prefix]) => b.label(name, prefix));
  b.label(HOSTILE_LABEL, 'HX');
  registerSpecialArtists(b);
  for (const spec of SPECIAL_RELEASES) b.release(spec);
  for (const genre of GENRES) {
    if (genre.id === FULL_TOP100_GENRE_ID) continue;
    const releases = rng.int(3, 4);
    for (let i = 0; i < releases; i++) b.release(bulkRelease(rng, genre.id));
  }
  const countGenre = () => [...b.cat.tracks.values()].filter((t) => t.genreId === FULL_TOP100_GENRE_ID).length;
  while (countGenre() < 105) b.release(bulkRelease(rng, FULL_TOP100_GENRE_ID));
  buildCharts(b, b.cat);
  return b.cat;
}

export const TEST_USERS: BpUser[] = [
  {
    id: 7_301_001, personId: 5_120_001, username: 'deckhand-dj', password: 'replica-pass-dj', email: 'dj@deckhand.test',
    firstName: 'Deck', lastName: 'Hand', subscriber: true, siteSessionCookie: 'replica-site-session-deckhand-dj',
  },
  {
    id: 7_301_002, personId: 5_120_002, username: 'deckhand-free', password: 'replica-pass-free', email: 'free@deckhand.test',
    firstName: 'Free', lastName: 'Listener', subscriber: false, siteSessionCookie: 'replica-site-session-deckhand-free',
  },
];

let cached: Catalogue | undefined;
/** The one catalogue every route and fixture uses (built on first use, then kept). */
export function catalogue(): Catalogue {
  cached ??= buildCatalogue();
  return cached;
}
