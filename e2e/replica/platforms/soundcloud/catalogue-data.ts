/**
 * The SoundCloud replica's content, declared by hand: who uploads what, with which quirks. Ids,
 * hashes and uuids are derived from a seeded Rng in catalogue.ts; nothing here depends on the clock.
 */
export type Availability = 'full' | 'snip' | 'drm' | 'blocked';

export interface UserSeed {
  key: string;
  permalink: string;
  username: string;
  firstName: string;
  lastName: string;
  city: string | null;
  country: string | null;
  followers: number;
  followings: number;
  verified: boolean;
  plan: 'free' | 'creator-pro-unlimited';
  description: string | null;
  createdAt: string;
}

export interface LabelSeed {
  labelName: string;
  releaseDate: string;
  albumTitle: string;
  releaseTitle: string;
  isrc: string;
  upc: string;
  pLine: string;
  cLine: string;
  publisher: string;
  writer: string;
  explicit: boolean;
}

export interface TrackSeed {
  key: string;
  user: string;
  title: string;
  permalink: string;
  /** Length of the media we make (the catalogue's `duration` comes from the generated asset). */
  seconds: number;
  /** Tone of the asset; shared media (paged user) reuse one spec through `media`. */
  freq: number;
  media?: string;
  createdAt: string;
  genre?: string | null;
  tags?: string;
  description?: string | null;
  label?: LabelSeed;
  metadataArtist?: string | null;
  availability?: Availability;
  downloadable?: boolean;
  /** The original's container (downloadable tracks; WAV when absent). */
  original?: OriginalFormat;
  /** has_downloads_left false: the artist's download limit is reached (tracks/{id}/download answers 403). */
  noDownloadsLeft?: boolean;
  private?: boolean;
  artwork?: boolean;
  /** Leave every optional field out (null genre, label, publisher_metadata): the hostile item. */
  bare?: boolean;
}

export type OriginalFormat = 'wav' | 'flac' | 'aiff';

export interface PlaylistSeed {
  key: string;
  user: string;
  title: string;
  permalink: string;
  setType: '' | 'album';
  tracks: string[];
  createdAt: string;
  releaseDate: string | null;
  genre: string;
  description: string | null;
  labelName: string | null;
  tags: string;
}

export const USERS: UserSeed[] = [
  {
    key: 'nightdrive', permalink: 'nightdrive-records', username: 'Nightdrive Records', firstName: '', lastName: '',
    city: 'Berlin', country: 'DE', followers: 48210, followings: 112, verified: true, plan: 'creator-pro-unlimited',
    description: 'Deep house and late-night electronics from Berlin since 2014.\nDemos: demos@nightdrive.example',
    createdAt: '2014-03-02T18:21:09Z',
  },
  {
    key: 'mira', permalink: 'mira-kovac', username: 'Mira Kovač', firstName: 'Mira', lastName: 'Kovač',
    city: 'Zagreb', country: 'HR', followers: 12873, followings: 301, verified: false, plan: 'creator-pro-unlimited',
    description: 'Producer, field recordist. Free downloads on selected tracks.', createdAt: '2016-09-14T07:45:00Z',
  },
  {
    key: 'deepwave', permalink: 'deepwave-audio', username: 'Deepwave Audio', firstName: '', lastName: '',
    city: 'London', country: 'GB', followers: 230455, followings: 18, verified: true, plan: 'creator-pro-unlimited',
    description: 'Official SoundCloud of Deepwave Audio (distribution).', createdAt: '2012-11-30T12:00:00Z',
  },
  {
    key: 'tapes', permalink: 'tape-archive', username: 'Tape Archive', firstName: '', lastName: '',
    city: null, country: null, followers: 904, followings: 0, verified: false, plan: 'free',
    description: 'Sixty-four loops digitised from a box of cassettes.', createdAt: '2019-01-03T09:00:00Z',
  },
  {
    key: 'hostile', permalink: 'hostile-user', username: '</title><script>alert("u")</script>\u202eDJ \u200fHostile\u200f 💀 & "co"',
    firstName: '<b>', lastName: '', city: null, country: null, followers: 0, followings: 0, verified: false, plan: 'free',
    description: null, createdAt: '2021-06-06T06:06:06Z',
  },
];

const NEON_HARBOUR = (n: number, title: string, isrc: string): LabelSeed => ({
  labelName: 'Nightdrive Records',
  releaseDate: '2025-03-14T00:00:00Z',
  albumTitle: 'Neon Harbour',
  releaseTitle: title,
  isrc,
  upc: '4062548051726',
  pLine: `2025 Nightdrive Records`,
  cLine: `2025 Nightdrive Records GmbH`,
  publisher: 'Nightdrive Publishing',
  writer: n === 1 ? 'Aiko Sato, Leon Brandt' : 'Leon Brandt',
  explicit: false,
});

const ALBUM_TRACKS: [string, string, number, number][] = [
  ['harbour-lights', 'Harbour Lights', 170, 247],
  ['tidal-memory', 'Tidal Memory', 185, 262],
  ['sodium-glow', 'Sodium Glow', 160, 294],
  ['pier-9', 'Pier 9', 150, 330],
  ['undertow', 'Undertow', 175, 349],
  ['last-ferry', 'Last Ferry', 190, 370],
];

export const TRACKS: TrackSeed[] = [
  {
    key: 'midnight-transit', user: 'nightdrive', title: 'Midnight Transit', permalink: 'midnight-transit',
    seconds: 200, freq: 220, createdAt: '2025-03-10T16:00:00Z', genre: 'Deep House',
    tags: '"deep house" nightdrive "late night drive" Berlin', description: 'Opening track of Neon Harbour.\nOut now on all stores.',
    label: NEON_HARBOUR(1, 'Midnight Transit', 'DEN632500101'), metadataArtist: 'Aiko Sato & Leon Brandt',
  },
  ...ALBUM_TRACKS.map(([permalink, title, seconds, freq], i): TrackSeed => ({
    key: permalink, user: 'nightdrive', title, permalink, seconds, freq,
    createdAt: `2025-03-10T16:0${i + 1}:00Z`, genre: 'Deep House', tags: 'nightdrive "neon harbour"',
    description: null, label: NEON_HARBOUR(i + 2, title, `DEN6325001${String(i + 2).padStart(2, '0')}`),
    metadataArtist: 'Leon Brandt',
  })),
  {
    key: 'field-notes', user: 'mira', title: 'Field Notes (Original Mix)', permalink: 'field-notes-original-mix',
    seconds: 150, freq: 392, createdAt: '2024-11-02T20:15:00Z', genre: 'Ambient', tags: 'ambient "field recording" free',
    description: 'Free download: the original WAV is in the download button.', downloadable: true,
  },
  {
    key: 'unreleased-sketch', user: 'mira', title: 'Unreleased Sketch', permalink: 'unreleased-sketch',
    seconds: 140, freq: 415, createdAt: '2025-05-20T22:00:00Z', genre: 'Electronic', tags: 'wip', private: true,
    description: 'Private link for friends only.',
  },
  {
    key: 'untitled-demo', user: 'mira', title: 'Untitled Demo', permalink: 'untitled-demo',
    seconds: 130, freq: 440, createdAt: '2025-01-12T11:30:00Z', genre: 'Electronic', tags: '', artwork: false,
    description: null,
  },
  {
    key: 'glass-rooms', user: 'mira', title: 'Glass Rooms', permalink: 'glass-rooms',
    seconds: 165, freq: 466, createdAt: '2024-08-19T19:00:00Z', genre: 'Downtempo', tags: 'downtempo glass',
    description: 'Recorded in an empty greenhouse.',
  },
  {
    key: 'velvet-hours', user: 'deepwave', title: 'Velvet Hours (Extended Mix)', permalink: 'velvet-hours-extended-mix',
    seconds: 245, freq: 494, createdAt: '2025-02-07T00:00:00Z', genre: 'Melodic Techno', tags: '"melodic techno" deepwave',
    description: 'Available in full for SoundCloud Go+ subscribers.', availability: 'snip',
    label: {
      labelName: 'Deepwave Audio', releaseDate: '2025-02-07T00:00:00Z', albumTitle: 'Velvet Hours', releaseTitle: 'Velvet Hours (Extended Mix)',
      isrc: 'GBDWA2500007', upc: '5059321874410', pLine: '2025 Deepwave Audio Ltd', cLine: '2025 Deepwave Audio Ltd',
      publisher: 'Deepwave Music Publishing', writer: 'R. Okafor', explicit: false,
    },
    metadataArtist: 'Rhea Okafor',
  },
  {
    key: 'signal-lock', user: 'deepwave', title: 'Signal Lock', permalink: 'signal-lock',
    seconds: 210, freq: 523, createdAt: '2025-04-04T00:00:00Z', genre: 'Techno', tags: 'techno deepwave',
    description: null, availability: 'drm',
    label: {
      labelName: 'Deepwave Audio', releaseDate: '2025-04-04T00:00:00Z', albumTitle: 'Signal Lock', releaseTitle: 'Signal Lock',
      isrc: 'GBDWA2500019', upc: '5059321874533', pLine: '2025 Deepwave Audio Ltd', cLine: '2025 Deepwave Audio Ltd',
      publisher: 'Deepwave Music Publishing', writer: 'T. Lindqvist', explicit: false,
    },
    metadataArtist: 'Tove Lindqvist',
  },
  {
    key: 'border-radio', user: 'deepwave', title: 'Border Radio', permalink: 'border-radio',
    seconds: 195, freq: 554, createdAt: '2023-10-13T00:00:00Z', genre: 'Electronic', tags: 'radio',
    description: 'Not available in your country.', availability: 'blocked',
  },
  {
    key: 'coastline', user: 'deepwave', title: 'Coastline', permalink: 'coastline',
    seconds: 155, freq: 587, createdAt: '2024-06-21T08:00:00Z', genre: 'House', tags: 'house summer',
    description: 'Summer single.',
  },
  {
    // The Beatport replica's "Solstice Run (Original Mix)" by Mira Lenz (225 s), uploaded by its
    // distributor with no genre, label or ISRC: enrichment must find the Beatport twin by search.
    // Newest upload, so every other track keeps its id.
    key: 'solstice-run', user: 'deepwave', title: 'Solstice Run', permalink: 'solstice-run',
    seconds: 225, freq: 349, createdAt: '2025-06-10T00:00:00Z', genre: null, tags: 'deepwave',
    description: null, metadataArtist: 'Mira Lenz',
  },
  {
    key: 'hostile-track', user: 'hostile', permalink: 'hostile-track', seconds: 40, freq: 784, media: 'tape-a',
    title: `<script>alert("sc")</script><img src=x onerror=alert(1)> \u202eRTL\u202c \u200f"Quotes" & 'apos' 🎧🔥 ${'long '.repeat(400)}`.slice(0, 2000),
    createdAt: '2021-06-06T06:06:06Z', genre: null, tags: '"<b>bold</b>" "unclosed', description: null, bare: true,
  },
  ...Array.from({ length: 64 }, (_, i): TrackSeed => {
    const n = String(i + 1).padStart(3, '0');
    const day = new Date(Date.UTC(2024, 0, 5 + i * 3, 10)).toISOString().replace('.000Z', 'Z');
    return {
      key: `tape-${n}`, user: 'tapes', title: `Tape Loop ${n}`, permalink: `tape-loop-${n}`,
      seconds: i % 2 ? 50 : 40, freq: i % 2 ? 880 : 784, media: i % 2 ? 'tape-b' : 'tape-a',
      createdAt: day, genre: 'Experimental', tags: 'tape loop', description: null,
    };
  }),
];

/**
 * Short free downloads whose originals are lossless files (FLAC, AIFF, a WAV with no downloads
 * left). Built after the playlists, with their own id range below every other track's, so adding
 * them changed no id the rest of the catalogue had; uploaded in 2019, they list last.
 */
export const ORIGINAL_TRACKS: TrackSeed[] = [
  {
    key: 'tidal-flats', user: 'mira', title: 'Tidal Flats', permalink: 'tidal-flats',
    seconds: 20, freq: 330, createdAt: '2019-04-02T09:00:00Z', genre: 'Ambient', tags: 'ambient free flac',
    description: 'Free download: the original FLAC.', downloadable: true, original: 'flac',
    label: {
      labelName: 'Kovac Field Works', releaseDate: '2019-04-02T00:00:00Z', albumTitle: 'Shorelines', releaseTitle: 'Tidal Flats',
      isrc: 'DEKFW1900001', upc: '4061707000011', pLine: '2019 Mira Kovac', cLine: '2019 Mira Kovac',
      publisher: 'Kovac Field Works', writer: 'M. Kovac', explicit: false,
    },
  },
  {
    key: 'reed-organ', user: 'mira', title: 'Reed Organ', permalink: 'reed-organ',
    seconds: 20, freq: 294, createdAt: '2019-03-18T09:00:00Z', genre: 'Ambient', tags: 'ambient free aiff',
    description: 'Free download: the original AIFF.', downloadable: true, original: 'aiff',
  },
  {
    key: 'last-copies', user: 'mira', title: 'Last Copies', permalink: 'last-copies',
    seconds: 20, freq: 262, createdAt: '2019-02-11T09:00:00Z', genre: 'Ambient', tags: 'ambient',
    description: 'The free downloads of this one ran out.', downloadable: true, noDownloadsLeft: true,
  },
];

export const PLAYLISTS: PlaylistSeed[] = [
  {
    key: 'neon-harbour', user: 'nightdrive', title: 'Neon Harbour', permalink: 'neon-harbour', setType: 'album',
    tracks: ['midnight-transit', ...ALBUM_TRACKS.map(([p]) => p)], createdAt: '2025-03-10T16:30:00Z',
    releaseDate: '2025-03-14T00:00:00Z', genre: 'Deep House', description: 'The debut album.', labelName: 'Nightdrive Records',
    tags: 'album nightdrive',
  },
  {
    key: 'late-night-selection', user: 'mira', title: 'Late Night Selection', permalink: 'late-night-selection', setType: '',
    tracks: ['coastline', 'midnight-transit', 'glass-rooms', 'field-notes', 'pier-9', 'harbour-lights', 'velvet-hours'],
    createdAt: '2025-06-01T23:00:00Z', releaseDate: null, genre: '', description: null, labelName: null, tags: '',
  },
];

/** Who liked and reposted what (playlist entries are prefixed "playlist:"). */
export const LIKES: Record<string, string[]> = {
  mira: ['coastline', 'midnight-transit', 'playlist:neon-harbour', 'signal-lock', 'velvet-hours', 'tape-007'],
  nightdrive: ['field-notes', 'glass-rooms'],
};
export const REPOSTS: Record<string, string[]> = {
  mira: ['coastline', 'playlist:neon-harbour'],
  nightdrive: ['field-notes'],
};

/** The account the OAuth server signs in by default (an artist with uploads). */
export const DEFAULT_ME = 'mira';
