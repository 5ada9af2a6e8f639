/**
 * Hand-made releases with known roles: the happy-path preview, the extended/original pair, a remix
 * without remixers, a half-time BPM, titles that a SoundCloud/Mixcloud matcher finds hard, and the
 * hostile item. `fixtures.ts` looks them up by the names given here.
 */
import type { CatalogueBuilder, ReleaseSpec } from './catalogue-builder';

export const HOSTILE_LABEL = '"><svg onload=alert(2)> \u200fتسجيلات\u200f';
export const HOSTILE_ARTIST = '</script><img src=x onerror=alert(1)>';
const HOSTILE_TITLE_HEAD = "<img src=x onerror=alert('bp')> \u202etxet desrever\u202c 🔥🎧 ";
/** 2,000 characters exactly: the head plus filler. */
export const HOSTILE_TITLE = HOSTILE_TITLE_HEAD + 'A'.repeat(2000 - HOSTILE_TITLE_HEAD.length);

export const SPECIAL_RELEASES: ReleaseSpec[] = [
  {
    name: 'Lantern Code EP', artists: ['Kasso Vale'], label: 'Kasbah Sound Vault', genreId: 11, date: '2025-05-30', popularity: 2,
    tracks: [
      { name: 'Lantern Code', mixName: 'Original Mix', artists: ['Kasso Vale'], bpm: 126, key: 'Db Minor', subGenreId: 41, lengthSec: 372, isrc: 'GBKSV2500101', hype: true, exclusive: false, popularity: 3, previewAsset: 0 },
      { name: 'Copper Sirens', mixName: 'Original Mix', artists: ['Kasso Vale'], bpm: 127, key: 'Gb Minor', lengthSec: 341, isrc: 'GBKSV2500102', popularity: 18, previewAsset: 1 },
      // Real trap: a "X Remix" mix whose `remixers` list is empty.
      { name: 'Lantern Code', mixName: 'Juno Brask Remix', artists: ['Kasso Vale'], remixers: [], bpm: 125, key: 'Ab Major', lengthSec: 398, isrc: 'GBKSV2500103', popularity: 20, previewAsset: 2 },
    ],
  },
  {
    name: 'Solstice Run', artists: ['Mira Lenz'], label: 'Nocturne Audio', genreId: 90, date: '2025-04-18', popularity: 9,
    tracks: [
      { name: 'Solstice Run', mixName: 'Original Mix', artists: ['Mira Lenz'], bpm: 122, key: 'Eb Minor', lengthSec: 225, isrc: 'DENCT2500111', popularity: 25, previewAsset: 3 },
      { name: 'Solstice Run', mixName: 'Extended Mix', artists: ['Mira Lenz'], bpm: 122, key: 'Eb Minor', lengthSec: 372, isrc: 'DENCT2500112', popularity: 26, previewAsset: 4 },
    ],
  },
  {
    name: 'Low Orbit', artists: ['Brakkan'], label: 'Lowline Records', genreId: 11, date: '2025-03-07', popularity: 14,
    tracks: [
      // Half-time BPM as Beatport sometimes lists it (really 126).
      { name: 'Low Orbit', mixName: 'Original Mix', artists: ['Brakkan'], bpm: 63, key: 'F Minor', lengthSec: 318, isrc: 'NLLOW2500301', popularity: 12, previewAsset: 5 },
      { name: 'Low Orbit', mixName: 'Club Mix', artists: ['Brakkan'], bpm: 126, key: 'F Minor', lengthSec: 402, isrc: 'NLLOW2500302', popularity: 44, previewAsset: 6 },
      { name: 'Low Orbit', mixName: 'Dub', artists: ['Brakkan'], bpm: 126, key: 'F Minor', lengthSec: 396, isrc: 'NLLOW2500303', popularity: 61, previewAsset: 7 },
    ],
  },
  {
    // Trailing space in the track name is real Beatport data.
    name: 'Paper Moons', artists: ['Nadia Ferro', 'Tomás Reyel'], label: 'Parallel Motion', genreId: 5, date: '2025-02-14', popularity: 31,
    tracks: [
      { name: 'Paper Moons ', mixName: 'Original Mix', artists: ['Nadia Ferro', 'Tomás Reyel'], bpm: 124, key: 'A Minor', lengthSec: 301, isrc: 'FRPMO2500401', popularity: 30, previewAsset: 8 },
      { name: 'Paper Moons ', mixName: 'Radio Edit', artists: ['Nadia Ferro', 'Tomás Reyel'], bpm: 124, key: 'A Minor', lengthSec: 182, isrc: 'FRPMO2500402', popularity: 77, previewAsset: 9 },
    ],
  },
  {
    name: 'Higher Ground', artists: ['Selva Kin', 'Lua Mar'], label: 'Sunken Atlas', genreId: 89, date: '2025-01-24', popularity: 41,
    tracks: [
      { name: 'Higher Ground feat. Lua Mar', mixName: 'Original Mix', artists: ['Selva Kin', 'Lua Mar'], bpm: 122, key: 'G Minor', lengthSec: 356, isrc: 'BESKA2500501', popularity: 40, previewAsset: 10 },
      { name: 'Higher Ground feat. Lua Mar', mixName: 'Extended Mix', artists: ['Selva Kin', 'Lua Mar'], bpm: 122, key: 'G Minor', lengthSec: 421, isrc: 'BESKA2500502', popularity: 52, previewAsset: 11 },
    ],
  },
  {
    // One artist entity whose name contains "&" (not two artists).
    name: 'Static Bloom', artists: ['Vince & Lo'], label: 'Field Theory', genreId: 37, date: '2024-11-29', popularity: 58,
    tracks: [
      { name: 'Static Bloom', mixName: 'Original Mix', artists: ['Vince & Lo'], bpm: 118, key: 'C Major', lengthSec: 287, isrc: 'GBFTH2400601', popularity: 60, previewAsset: 0 },
    ],
  },
  {
    name: 'Тёплый шум', slug: 'tyoplyy-shum', artists: ['Лёша Дым'], label: 'Quarry Tone', genreId: 14, date: '2024-10-11', popularity: 66,
    tracks: [
      { name: 'Тёплый шум', slug: 'tyoplyy-shum', mixName: 'Original Mix', artists: ['Лёша Дым'], bpm: 128, key: 'Bb Minor', lengthSec: 389, isrc: 'RUQTN2400701', popularity: 70, previewAsset: 1 },
      { name: 'Тёплый шум', slug: 'tyoplyy-shum', mixName: '夜行 Remix', artists: ['Лёша Дым'], remixers: ['夜行'], bpm: 127, key: 'Bb Minor', lengthSec: 412, isrc: 'RUQTN2400702', popularity: 72, previewAsset: 2 },
    ],
  },
  {
    name: 'Fjärran', slug: 'fjarran', artists: ['Zoë Ångström'], label: 'Tidal Glass', genreId: 7, date: '2024-09-06', popularity: 80,
    tracks: [
      { name: 'Fjärran', mixName: 'Extended Mix', artists: ['Zoë Ångström'], bpm: 138, key: 'E Minor', lengthSec: 433, isrc: 'SETGL2400801', popularity: 82, previewAsset: 3 },
    ],
  },
  {
    name: "<script>alert('bp-release')</script> \u202eesaeler\u202c 🎛️", slug: 'hostile-release', artists: [HOSTILE_ARTIST], label: HOSTILE_LABEL,
    genreId: 16, date: '2024-08-02', placeholderCover: true, popularity: 9000,
    tracks: [
      { name: HOSTILE_TITLE, slug: 'hostile-track', mixName: '"Dub" & <b>Bold</b> Mix', artists: [HOSTILE_ARTIST], bpm: null, key: null, lengthSec: null, isrc: null, hype: true, hypeRank: 50, popularity: 9000, previewAsset: 4 },
    ],
  },
];

/** Artists that need a hand-set slug (non-Latin names slugify to nothing). */
export function registerSpecialArtists(b: CatalogueBuilder): void {
  b.artist('Лёша Дым', { slug: 'lyosha-dym' });
  b.artist('夜行', { slug: 'yakou' });
  b.artist(HOSTILE_ARTIST, { slug: 'hostile-artist', bio: '<iframe src="javascript:alert(3)"></iframe>' });
  b.artist('Kasso Vale', { bio: 'Tech house producer from the replica.', placeholder: false });
}
