/**
 * Hand-written part of the Mixcloud catalogue: users, tags, audio assets and the shows that tests
 * name by role. Everything is fictional; dates are fixed. catalogue.ts adds ids, uuids, pictures,
 * the generated sessions of the paged user and the relations (favourites, listens, follows).
 */
import type { AudioSpec } from '../../media';
import type { McSection, McShow, McTag, McUser } from './model';

/** Audio assets (AAC, 128 kbps). Every asset has its own tone; several shows may share one. */
export const MIXCLOUD_AUDIO: Record<string, AudioSpec> = {
  twoHour: { name: 'mc-two-hour', durationSec: 7200, freq: 220, bitrate: 128 },
  sundaySelections: { name: 'mc-sunday-selections', durationSec: 480, freq: 330, bitrate: 128 },
  ambientDrift: { name: 'mc-ambient-drift', durationSec: 300, freq: 262, bitrate: 128 },
  rooftop: { name: 'mc-rooftop', durationSec: 360, freq: 294, bitrate: 128 },
  dubDrift: { name: 'mc-dub-drift', durationSec: 270, freq: 349, bitrate: 128 },
  hostile: { name: 'mc-hostile', durationSec: 180, freq: 392, bitrate: 128 },
  sessionA: { name: 'mc-session-a', durationSec: 180, freq: 440, bitrate: 128 },
  sessionB: { name: 'mc-session-b', durationSec: 240, freq: 494, bitrate: 128 },
  sessionC: { name: 'mc-session-c', durationSec: 200, freq: 523, bitrate: 128 },
  beatportDigging: { name: 'mc-beatport-digging', durationSec: 210, freq: 587, bitrate: 128 },
};

export const HOSTILE_TEXT = {
  /** Exactly 2,000 characters: markup, a right-to-left override, emoji, then padding. */
  showName: padTo('<script>alert("mc-hostile")</script><img src=x onerror=alert(1)> \u202Eevil\u202C 🎧🔥 ', 2000),
  displayName: '<b>Bold</b> "Quote" & \'Apos\' \u202Eredro\u202C 🎛️',
  tagName: '"><svg onload=alert(3)>',
  artist: '<img src=x onerror=alert(2)>',
  song: 'שיר \u202Edlrow\u202C 👾 & <Friends>',
  chapter: '</script><script>alert(4)</script>',
  comment: '<a href="javascript:alert(5)">click</a> ‮ 💥',
};

function padTo(s: string, length: number): string {
  let out = s;
  while (out.length < length) out += ' long title';
  return out.slice(0, length);
}

export const MIXCLOUD_TAGS: McTag[] = [
  { slug: 'deep-house', name: 'Deep House', category: 'music' },
  { slug: 'house', name: 'House', category: 'music' },
  { slug: 'techno', name: 'Techno', category: 'music' },
  { slug: 'dub-techno', name: 'Dub Techno' },
  { slug: 'ambient', name: 'Ambient', category: 'music' },
  { slug: 'downtempo', name: 'Downtempo' },
  { slug: 'soul', name: 'Soul', category: 'music' },
  { slug: 'jazz', name: 'Jazz', category: 'music' },
  { slug: 'boogie', name: 'Boogie' },
  { slug: 'electronica', name: 'Electronica' },
  { slug: 'balearic', name: 'Balearic' },
  { slug: 'radio', name: 'Radio', category: 'talk' },
  { slug: 'svg-onload', name: HOSTILE_TEXT.tagName },
];

type UserSeed = Omit<McUser, 'id' | 'picturePath'> & { hasPicture: boolean };

export const USER_SEEDS: UserSeed[] = [
  {
    username: 'deepwavesradio', displayName: 'Deep Waves Radio', city: 'London', country: 'United Kingdom',
    biog: 'Independent radio for deep house, soul and everything in between. New shows every Sunday.',
    dateJoined: '2014-05-11T09:12:40Z', isPro: true, isPremium: false, isSelect: false, hasPicture: true,
  },
  {
    username: 'nightshiftcollective', displayName: 'Night Shift Collective', city: 'Berlin', country: 'Germany',
    biog: 'Weekly warehouse sessions recorded live.', dateJoined: '2016-10-02T22:40:11Z',
    isPro: false, isPremium: false, isSelect: false, hasPicture: true,
  },
  {
    username: 'selectorsara', displayName: 'Selector Sara', city: 'Lisbon', country: 'Portugal',
    biog: 'Ambient, balearic and rooftop sounds. Select subscribers get the studio sessions.',
    dateJoined: '2018-03-21T17:05:00Z', isPro: true, isPremium: true, isSelect: true, hasPicture: true,
  },
  {
    username: 'deckhandtester', displayName: 'Deckhand Tester', city: 'Amsterdam', country: 'Netherlands',
    biog: 'Listener account used by the replica as the signed-in user.', dateJoined: '2020-01-15T08:00:00Z',
    isPro: false, isPremium: true, isSelect: false, hasPicture: true,
  },
  {
    username: 'hostile-uploader', displayName: HOSTILE_TEXT.displayName, city: '\u202Eniladgnam\u202C', country: null,
    biog: null, dateJoined: '2021-07-07T07:07:07Z', isPro: false, isPremium: false, isSelect: false, hasPicture: false,
  },
];

/** A show as written by hand; catalogue.ts derives ids, uuids, hosts and pictures. */
export type ShowSeed = Omit<
  McShow,
  'id' | 'uuid' | 'audioHost' | 'streamHost' | 'picturePath' | 'updatedTime' | 'canShowTracklist' | 'hiddenStats'
> & { hasPicture?: boolean; canShowTracklist?: boolean };

const track = (artist: string, song: string, startSeconds: number | null): McSection => ({ kind: 'track', artist, song, startSeconds });
const chapter = (text: string, startSeconds: number | null): McSection => ({ kind: 'chapter', chapter: text, startSeconds });

const TWO_HOUR_ARTISTS = ['Ayla Moreno', 'The Velvet Lanterns', 'Kofi Mensah Quartet', 'Mira Castell', 'DJ Okapi', 'Rosa Lind'];
const TWO_HOUR_SONGS = ['Slow Bloom', 'Night Tram', 'Harbour Lights', 'Paper Suns', 'Low Tide', 'Glass Garden', 'Northern Line', 'Afterglow'];

/** 24 timed tracks, one every five minutes. */
function twoHourTracklist(): McSection[] {
  return Array.from({ length: 24 }, (_, i) =>
    track(TWO_HOUR_ARTISTS[i % TWO_HOUR_ARTISTS.length] ?? '', `${TWO_HOUR_SONGS[i % TWO_HOUR_SONGS.length] ?? ''} (Part ${i + 1})`, i * 300),
  );
}

export const FEATURED_SHOWS: ShowSeed[] = [
  {
    owner: 'deepwavesradio', slug: 'deep-waves-marathon-two-hour-special',
    name: 'Deep Waves Marathon: Two Hour Special',
    description: 'Two hours of deep house and electronica, recorded live at the studio.\n\nFull tracklist below.',
    tags: ['deep-house', 'house', 'electronica'], createdTime: '2024-03-02T20:00:00Z', audioLength: 7200,
    plays: 18423, favoriteCount: 912, repostCount: 57, listenerCount: 6120,
    sections: twoHourTracklist(), isExclusive: false, restrictedReason: null, audio: 'twoHour',
  },
  {
    owner: 'deepwavesradio', slug: 'sunday-selections-episode-12', name: 'Sunday Selections – Episode 12',
    description: 'Soul, jazz and boogie for a slow Sunday. Some track times are unknown.',
    tags: ['soul', 'jazz', 'boogie'], createdTime: '2024-03-10T18:30:00Z', audioLength: 480,
    plays: 3211, favoriteCount: 148, repostCount: 12, listenerCount: 1804,
    sections: [
      track('Ayla Moreno', 'Slow Bloom', 0),
      track('The Velvet Lanterns', 'Night Tram', 62),
      chapter('Listener dedications', 120),
      track('Kofi Mensah Quartet', 'Harbour Lights', null),
      track('Mira Castell', 'Paper Suns', 241),
      chapter('Golden Hour / Rosa Lind', 300),
      track('DJ Okapi', 'Last Call (Dub)', null),
      track('Ayla Moreno', 'Closing Time', 420),
    ],
    isExclusive: false, restrictedReason: null, audio: 'sundaySelections',
  },
  {
    owner: 'deepwavesradio', slug: 'warehouse-memories-vol-3', name: 'Warehouse Memories Vol. 3',
    description: 'A trip back to the early warehouse days.', tags: ['house', 'techno'],
    createdTime: '2024-02-14T21:00:00Z', audioLength: 3600, plays: 25890, favoriteCount: 1402, repostCount: 88,
    listenerCount: 9900, sections: [track('DJ Okapi', 'Warehouse Anthem', 0), track('Rosa Lind', 'Strobe', 610)],
    isExclusive: false, restrictedReason: 'repeat_play', audio: null,
  },
  {
    owner: 'deepwavesradio', slug: 'dub-techno-drift-vol-1', name: 'Dub Techno Drift Vol. 1',
    description: 'Echoes, chords and tape delay.', tags: ['dub-techno', 'techno'], createdTime: '2024-01-20T19:00:00Z',
    audioLength: 270, plays: 1530, favoriteCount: 77, repostCount: 4, listenerCount: 920,
    sections: [track('Basic Echo', 'Chord Memory', 0), track('Tape Delay Unit', 'Submerged', 95), track('Basic Echo', 'Ghost Chords', 180)],
    isExclusive: false, restrictedReason: null, audio: 'dubDrift',
  },
  {
    owner: 'selectorsara', slug: 'select-only-studio-session', name: 'Select Only: Studio Session #4',
    description: 'For my Select subscribers: an unreleased studio session.', tags: ['ambient', 'balearic'],
    createdTime: '2024-03-05T12:00:00Z', audioLength: 2700, plays: 640, favoriteCount: 51, repostCount: 0,
    listenerCount: 300, sections: [track('Selector Sara', 'Unreleased Sketch 1', 0), track('Selector Sara', 'Unreleased Sketch 2', 900)],
    isExclusive: true, restrictedReason: null, audio: null,
  },
  {
    owner: 'selectorsara', slug: 'late-night-ambient-drift', name: 'Late Night Ambient Drift',
    description: 'No tracklist on this one: just drift.', tags: ['ambient', 'downtempo'],
    createdTime: '2024-02-28T23:30:00Z', audioLength: 300, plays: 2120, favoriteCount: 190, repostCount: 9,
    listenerCount: 1500, sections: [], isExclusive: false, restrictedReason: null, audio: 'ambientDrift',
  },
  {
    owner: 'selectorsara', slug: 'lisbon-rooftop-sunset-mix', name: 'Lisbon Rooftop Sunset Mix',
    description: 'Recorded on a rooftop in Graça. Chapters instead of a tracklist.', tags: ['balearic', 'downtempo'],
    createdTime: '2024-02-01T18:45:00Z', audioLength: 360, plays: 4410, favoriteCount: 260, repostCount: 21,
    listenerCount: 2600, sections: [chapter('Intro', 0), chapter('Sunset', 120), chapter('Blue hour', 240)],
    isExclusive: false, restrictedReason: null, audio: 'rooftop',
  },
  {
    owner: 'hostile-uploader', slug: 'hostile-show-test', name: HOSTILE_TEXT.showName, description: null,
    tags: ['svg-onload'], createdTime: '2023-11-11T11:11:11Z', audioLength: 180, plays: 13, favoriteCount: 0,
    repostCount: 0, listenerCount: 2,
    sections: [track(HOSTILE_TEXT.artist, HOSTILE_TEXT.song, 0), chapter(HOSTILE_TEXT.chapter, null), track('', '', 90)],
    isExclusive: false, restrictedReason: null, audio: 'hostile', hasPicture: false,
  },
  {
    // Tracklist of Beatport tracks (replica catalogue-special.ts), for per-section enrichment: four
    // that match (one of them untimed) and one that is on no Beatport. An old date and few plays keep
    // it off the top of /new/ and /popular/.
    owner: 'selectorsara', slug: 'crate-digging-notes-3', name: 'Crate Digging Notes #3',
    description: 'Fresh promos and one dubplate nobody can find.', tags: ['deep-house', 'electronica'],
    createdTime: '2023-09-14T19:00:00Z', audioLength: 210, plays: 388, favoriteCount: 21, repostCount: 1,
    listenerCount: 240,
    sections: [
      track('Kasso Vale', 'Lantern Code', 0),
      track('Mira Lenz', 'Solstice Run', 50),
      track('Harbour Ghosts', 'Unreleased Dubplate', 95),
      track('Nadia Ferro & Tomás Reyel', 'Paper Moons', null),
      track('Vince & Lo', 'Static Bloom', 150),
    ],
    isExclusive: false, restrictedReason: null, audio: 'beatportDigging',
  },
];

/** The paged user's weekly sessions: this many, newest first, one week apart. */
/**
 * Shows whose public API answer has empty `sections` although the site (GraphQL) has their tracklist:
 * whether api.mixcloud.com still fills `sections` is unknown (platform notes §2, §9), so the replica
 * serves both cases and clients must fall back to GraphQL.
 */
export const PUBLIC_API_WITHOUT_SECTIONS: ReadonlySet<string> = new Set(['/deepwavesradio/deep-waves-marathon-two-hour-special/']);

export const SESSION_COUNT = 45;
export const SESSION_NEWEST = '2024-03-08T22:00:00Z';
export const SESSION_AUDIO = ['sessionA', 'sessionB', 'sessionC'] as const;
export const SESSION_ARTISTS = ['Kettle Drum Machine', 'Vera Stahl', 'Concrete Garden', 'Lumen 303', 'Oda Berg'];
export const SESSION_SONGS = ['Loading Dock', 'Night Bus', 'Floor Three', 'Sodium Lamp', 'Late Shift', 'Exit Sign'];
