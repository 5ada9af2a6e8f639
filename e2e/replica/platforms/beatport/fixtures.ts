/**
 * Role-based handles on the Beatport catalogue for tests and the demo (use these, not magic ids),
 * plus helpers to mint or expire tokens in-process. Out-of-process callers get the same JSON from
 * GET https://replica.deckhand.test/__replica/beatport/fixtures.
 */
import { CATALOGUE_TODAY, catalogue, FULL_TOP100_GENRE_ID, TEST_USERS } from './catalogue';
import { formatLength, sampleWindow } from './catalogue-builder';
import { HOSTILE_ARTIST, HOSTILE_LABEL, HOSTILE_TITLE } from './catalogue-special';
import { DOCS_CLIENT_ID, DOCS_REDIRECT_URI } from './auth';
import type { BpRelease, BpTrack, BpUser } from './model';
import { API_BASE, genreById, keyById, subGenreById, WWW_HOST } from './reference';
import { imageUri, sampleUrl } from './shapes';
import { SITE_SESSION_COOKIE } from './site-auth';
import { authState, type AuthSettings, type TokenKind, userByName } from './tokens';
import { topTracks } from './queries';

export interface TrackFixture {
  id: number;
  url: string;
  apiUrl: string;
  name: string;
  mixName: string;
  /** "Name (Mix Name)" with the stored name trimmed: what a tagged file's title should be. */
  title: string;
  artists: string[];
  remixers: string[];
  release: { id: number; name: string; url: string };
  label: string;
  genre: string;
  subGenre: string | null;
  bpm: number | null;
  key: { name: string; camelot: string } | null;
  isrc: string | null;
  lengthMs: number | null;
  length: string;
  catalogNumber: string;
  publishDate: string;
  newReleaseDate: string;
  trackNumber: number;
  sampleUrl: string;
  sampleStartMs: number;
  sampleEndMs: number;
  /** Previews are 120 s MP3s. */
  previewDurationSec: number;
  coverUrl: string;
  waveformUrl: string;
}

function findTrack(name: string, mixName: string): BpTrack {
  const t = [...catalogue().tracks.values()].find((x) => x.name.trim() === name && x.mixName === mixName);
  if (!t) throw new Error(`beatport fixture missing: ${name} (${mixName})`);
  return t;
}

function findRelease(name: string): BpRelease {
  const r = [...catalogue().releases.values()].find((x) => x.name === name);
  if (!r) throw new Error(`beatport fixture missing release: ${name}`);
  return r;
}

const names = (ids: number[]) => ids.map((id) => catalogue().artists.get(id)?.name ?? '');

export function trackFixture(t: BpTrack): TrackFixture {
  const cat = catalogue();
  const release = cat.releases.get(t.releaseId) as BpRelease;
  const key = t.keyId === null ? undefined : keyById(t.keyId);
  const window = sampleWindow(t.lengthMs);
  return {
    id: t.id,
    url: `https://${WWW_HOST}/track/${t.slug}/${t.id}`,
    apiUrl: `${API_BASE}/catalog/tracks/${t.id}/`,
    name: t.name,
    mixName: t.mixName,
    title: `${t.name.trim()} (${t.mixName})`,
    artists: names(t.artistIds),
    remixers: names(t.remixerIds),
    release: { id: release.id, name: release.name, url: `https://${WWW_HOST}/release/${release.slug}/${release.id}` },
    label: cat.labels.get(release.labelId)?.name ?? '',
    genre: genreById(t.genreId)?.name ?? '',
    subGenre: t.subGenreId === null ? null : (subGenreById(t.subGenreId)?.name ?? null),
    bpm: t.bpm,
    key: key ? { name: key.name, camelot: `${key.camelotNumber}${key.camelotLetter}` } : null,
    isrc: t.isrc,
    lengthMs: t.lengthMs,
    length: formatLength(t.lengthMs),
    catalogNumber: release.catalogNumber,
    publishDate: t.publishDate,
    newReleaseDate: t.newReleaseDate,
    trackNumber: t.number,
    sampleUrl: sampleUrl(t),
    sampleStartMs: window.start,
    sampleEndMs: window.end,
    previewDurationSec: 120,
    coverUrl: imageUri(release.image),
    waveformUrl: imageUri(t.waveform),
  };
}

function userFixture(u: BpUser) {
  return { id: u.id, username: u.username, password: u.password, email: u.email, subscriber: u.subscriber, siteSession: { name: SITE_SESSION_COOKIE, value: u.siteSessionCookie } };
}

function buildFixtures() {
  const cat = catalogue();
  const release = findRelease('Lantern Code EP');
  const chart = [...cat.charts.values()][0];
  const hostileTrack = [...cat.tracks.values()].find((t) => t.name === HOSTILE_TITLE) as BpTrack;
  const genre = genreById(FULL_TOP100_GENRE_ID);
  const matching = (caseName: string, t: BpTrack, sourceTitle: string, sourceDurationSec: number, expect: 'match' | 'no-match', note: string) =>
    ({ case: caseName, track: trackFixture(t), sourceTitle, sourceDurationSec, expect, note });
  return {
    today: CATALOGUE_TODAY,
    previewTrack: trackFixture(findTrack('Lantern Code', 'Original Mix')),
    halfTimeBpm: { ...trackFixture(findTrack('Low Orbit', 'Original Mix')), realBpm: 126 },
    extendedVsOriginal: { original: trackFixture(findTrack('Solstice Run', 'Original Mix')), extended: trackFixture(findTrack('Solstice Run', 'Extended Mix')) },
    remixNoRemixers: { ...trackFixture(findTrack('Lantern Code', 'Juno Brask Remix')), remixerFromMixName: 'Juno Brask' },
    clubVsDub: { club: trackFixture(findTrack('Low Orbit', 'Club Mix')), dub: trackFixture(findTrack('Low Orbit', 'Dub')) },
    top100Genre: { id: FULL_TOP100_GENRE_ID, name: genre?.name ?? '', slug: genre?.slug ?? '', url: `https://${WWW_HOST}/genre/${genre?.slug}/${FULL_TOP100_GENRE_ID}/top-100`, top100TrackIds: topTracks(FULL_TOP100_GENRE_ID).map((t) => t.id) },
    top100: { url: `https://${WWW_HOST}/top-100`, trackIds: topTracks().map((t) => t.id) },
    release: {
      id: release.id, name: release.name, url: `https://${WWW_HOST}/release/${release.slug}/${release.id}`, catalogNumber: release.catalogNumber, upc: release.upc,
      label: cat.labels.get(release.labelId)?.name ?? '', trackIds: release.trackIds, coverUrl: imageUri(release.image),
    },
    chart: chart ? { id: chart.id, name: chart.name, url: `https://${WWW_HOST}/chart/${chart.slug}/${chart.id}`, trackIds: chart.trackIds, dj: cat.artists.get(chart.artistId)?.name ?? '' } : undefined,
    hostile: { track: trackFixture(hostileTrack), artist: HOSTILE_ARTIST, label: HOSTILE_LABEL, titleLength: HOSTILE_TITLE.length },
    /** Titles as SoundCloud/Mixcloud uploaders write them, with the Beatport track a matcher should pick. */
    matchingCases: [
      matching('artist-order-and-ampersand', findTrack('Paper Moons', 'Original Mix'), 'Tomás Reyel & Nadia Ferro - Paper Moons', 301, 'match', 'artists reversed, "&" instead of a list; Beatport name has a trailing space'),
      matching('comma-separated-artists', findTrack('Paper Moons', 'Original Mix'), 'Nadia Ferro, Tomas Reyel - Paper Moons (Original Mix)', 301, 'match', 'comma list, accent dropped'),
      matching('feat-in-title', findTrack('Higher Ground feat. Lua Mar', 'Original Mix'), 'Selva Kin ft. Lua Mar - Higher Ground', 356, 'match', 'Beatport keeps "feat." in the name and lists both artists'),
      matching('extended-vs-original', findTrack('Solstice Run', 'Original Mix'), 'Mira Lenz - Solstice Run', 225, 'match', 'the Extended Mix has another ISRC and length (372 s): duration must pick the original'),
      matching('extended-wanted', findTrack('Solstice Run', 'Extended Mix'), 'Mira Lenz - Solstice Run (Extended Mix)', 372, 'match', 'explicit extended version'),
      matching('remixer-in-title', findTrack('Lantern Code', 'Juno Brask Remix'), 'Kasso Vale - Lantern Code (Juno Brask Remix)', 398, 'match', '`remixers` is empty: the remixer is only in mix_name'),
      matching('ampersand-in-one-artist', findTrack('Static Bloom', 'Original Mix'), 'Vince and Lo - Static Bloom', 287, 'match', '"Vince & Lo" is one artist entity'),
      matching('cyrillic', findTrack('Тёплый шум', 'Original Mix'), 'Лёша Дым - Тёплый шум', 389, 'match', 'non-Latin script on both sides'),
      matching('transliterated', findTrack('Тёплый шум', 'Original Mix'), 'Lyosha Dym - Teplyy Shum', 389, 'match', 'uploader transliterated the Cyrillic names'),
      matching('japanese-remixer', findTrack('Тёплый шум', '夜行 Remix'), 'Лёша Дым - Тёплый шум (夜行 Remix)', 412, 'match', 'remixer name in Japanese, set in `remixers`'),
      matching('diacritics', findTrack('Fjärran', 'Extended Mix'), 'Zoe Angstrom - Fjarran (Extended Mix)', 433, 'match', 'diacritics stripped by the uploader'),
      matching('club-vs-dub', findTrack('Low Orbit', 'Club Mix'), 'Brakkan - Low Orbit (Club Mix)', 402, 'match', 'Dub version has the same length within 6 s: match on mix name, not length alone'),
    ],
    docs: { clientId: DOCS_CLIENT_ID, redirectUri: DOCS_REDIRECT_URI, docsUrl: `${API_BASE}/docs/` },
    users: { subscriber: userFixture(TEST_USERS[0] as BpUser), free: userFixture(TEST_USERS[1] as BpUser) },
  };
}

export type BeatportFixtures = ReturnType<typeof buildFixtures>;
export const BEATPORT_FIXTURES: BeatportFixtures = buildFixtures();

/** An access token the replica API accepts ('anon', 'session' or 'docs'); user tokens need a username. */
export function mintBeatportToken(kind: TokenKind, opts: { username?: string; lifetimeSec?: number } = {}): string {
  const user = opts.username ? userByName(opts.username) : undefined;
  if (kind !== 'anon' && !user) throw new Error(`a ${kind} token needs a known username`);
  return authState.mint(kind, user ?? null, opts.lifetimeSec, kind === 'docs' ? DOCS_CLIENT_ID : null).token;
}

/** Expire every token issued so far (to exercise refresh paths). */
export function expireBeatportTokens(): void {
  authState.expireAll();
}

export function setBeatportAuthSettings(patch: Partial<AuthSettings>): AuthSettings {
  authState.settings = { ...authState.settings, ...patch };
  return authState.settings;
}
