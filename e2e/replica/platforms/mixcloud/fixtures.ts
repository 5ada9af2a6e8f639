/**
 * Role-based handles on the Mixcloud catalogue for tests and the demo: use these instead of ids.
 * Each show role carries its URLs, GraphQL id, metadata and what a correct download must contain.
 */
import type { Chapter } from '../../../../shared/track';
import { catalogue, sessionSlug } from './catalogue';
import { HOSTILE_TEXT, MIXCLOUD_AUDIO, SESSION_COUNT } from './catalogue-data';
import { relayId } from './graphql-connection';
import { showKey, type McSection, type McShow, type McUser } from './model';
import { DEFAULT_OAUTH_APP, SIGNED_IN_USER } from './oauth';
import { MIXCLOUD_XOR_KEY } from './stream-codec';

export { MIXCLOUD_XOR_KEY };

/** Sections as chapters, literally: untimed ones keep no start, chapter text stays unparsed. */
function chaptersOf(sections: McSection[]): Chapter[] {
  return sections.map((s) => {
    const start = s.startSeconds === null ? {} : { startMs: s.startSeconds * 1000 };
    return s.kind === 'track' ? { ...start, title: s.song, artist: s.artist } : { ...start, title: s.chapter };
  });
}

function showFixture(username: string, slug: string) {
  const cat = catalogue();
  const s = cat.show(username, slug) as McShow;
  const owner = cat.user(s.owner) as McUser;
  const key = showKey(s);
  return {
    key,
    username: s.owner,
    slug: s.slug,
    url: `https://www.mixcloud.com${key}`,
    apiUrl: `https://api.mixcloud.com${key}`,
    relayId: relayId('Cloudcast', s.id),
    name: s.name,
    ownerName: owner.displayName,
    description: s.description,
    publishDate: s.createdTime,
    durationSec: s.audioLength,
    tags: s.tags.map((t) => cat.tags.get(t)?.name ?? t),
    pictureUrl: s.picturePath ? `https://thumbnailer.mixcloud.com/unsafe/1024x1024/${s.picturePath}` : null,
    isExclusive: s.isExclusive,
    restrictedReason: s.restrictedReason,
    playable: !!s.audio && !s.isExclusive && !s.restrictedReason,
    sections: s.sections,
    /** What a correct download holds: an AAC m4a of this length with these tags and chapters. */
    expected: {
      title: s.name,
      artist: owner.displayName,
      date: s.createdTime,
      genre: cat.tags.get(s.tags[0] ?? '')?.name,
      durationSec: s.audioLength,
      codec: 'aac',
      sampleRate: 44100,
      bitrateKbps: s.audio ? (MIXCLOUD_AUDIO[s.audio]?.bitrate ?? 128) : undefined,
      /** Tone of the audio asset (Hz): a mixed-up download is audibly and measurably wrong. */
      toneHz: s.audio ? MIXCLOUD_AUDIO[s.audio]?.freq : undefined,
      chapters: chaptersOf(s.sections),
    },
  };
}

function userFixture(username: string) {
  const u = catalogue().user(username) as McUser;
  return {
    username: u.username,
    displayName: u.displayName,
    url: `https://www.mixcloud.com/${u.username}/`,
    apiUrl: `https://api.mixcloud.com/${u.username}/`,
    relayId: relayId('User', u.id),
    uploadCount: catalogue().uploads(u.username).length,
  };
}

export const MIXCLOUD_FIXTURES = {
  /** 7200 s, 720 MPEG-TS segments of 10 s, AAC 128 kbps, 24 timed track sections. */
  twoHourShow: showFixture('deepwavesradio', 'deep-waves-marathon-two-hour-special'),
  /** 8 minutes; tracklist with two untimed tracks, a plain chapter and a "Song / Artist" chapter. */
  shortShow: {
    ...showFixture('deepwavesradio', 'sunday-selections-episode-12'),
    /** The ChapterSection that holds "Song / Artist" text (index into sections/chapters). */
    songArtistChapter: { index: 5, text: 'Golden Hour / Rosa Lind', song: 'Golden Hour', artist: 'Rosa Lind' },
  },
  /** Select subscribers only: metadata but streamInfo null. */
  exclusive: showFixture('selectorsara', 'select-only-studio-session'),
  /** restrictedReason "repeat_play": streamInfo null. */
  restricted: showFixture('deepwavesradio', 'warehouse-memories-vol-3'),
  /** Playable, sections: []. */
  noTracklist: showFixture('selectorsara', 'late-night-ambient-drift'),
  /** Playable, ChapterSections only. */
  chaptersOnly: showFixture('selectorsara', 'lisbon-rooftop-sunset-mix'),
  /**
   * 3.5 minutes; five track sections named as in the Beatport replica's catalogue (Original Mixes of
   * Lantern Code, Solstice Run, Paper Moons, Static Bloom), one of which has no start time, and one
   * (`unmatched`) that no Beatport track is.
   */
  beatportTracklist: {
    ...showFixture('selectorsara', 'crate-digging-notes-3'),
    /** Indexes into sections/chapters. */
    matched: [0, 1, 3, 4],
    unmatched: 2,
    untimed: 3,
  },
  /** Markup, RTL overrides and emoji; 2,000-character name; no description, no picture, empty section fields. */
  hostile: { ...showFixture('hostile-uploader', 'hostile-show-test'), text: HOSTILE_TEXT },
  /** 45 uploads (3 pages of 20 on the API and in GraphQL), hidden stats, re-used audio. */
  pagedUser: {
    ...userFixture('nightshiftcollective'),
    newestShow: showFixture('nightshiftcollective', sessionSlug(SESSION_COUNT)),
    oldestShow: showFixture('nightshiftcollective', sessionSlug(1)),
  },
  users: {
    radio: userFixture('deepwavesradio'),
    paged: userFixture('nightshiftcollective'),
    select: userFixture('selectorsara'),
    /** The replica's signed-in user: OAuth consent and tokens from the control API are for them. */
    viewer: userFixture(SIGNED_IN_USER),
    hostile: userFixture('hostile-uploader'),
  },
  playlist: { username: 'deckhandtester', slug: 'crate-favourites', url: 'https://www.mixcloud.com/deckhandtester/playlists/crate-favourites/', itemCount: 5 },
  tag: { slug: 'house', name: 'House', url: 'https://www.mixcloud.com/discover/house/' },
  /** Registered at every reset; register others with POST /__replica/mixcloud/apps. */
  oauthApp: DEFAULT_OAUTH_APP,
  xorKey: MIXCLOUD_XOR_KEY,
};
