/**
 * The Mixcloud catalogue, built once and deterministically: ids, uuids and picture paths come from a
 * seeded Rng keyed by each object's path, so adding a show never renumbers the others.
 */
import { hashString, Rng } from '../../rng';
import {
  FEATURED_SHOWS, MIXCLOUD_AUDIO, MIXCLOUD_TAGS, SESSION_ARTISTS, SESSION_AUDIO, SESSION_COUNT, SESSION_NEWEST,
  SESSION_SONGS, USER_SEEDS, HOSTILE_TEXT, type ShowSeed,
} from './catalogue-data';
import { showKey, type Dated, type McComment, type McPlaylist, type McSection, type McShow, type McTag, type McUser } from './model';

const AUDIO_HOSTS = [2, 4, 5, 6, 8, 9, 11];
const DAY_MS = 86_400_000;

/** "a/b/c/d/rest" from a uuid, the way Mixcloud shards picture and audio paths. */
export function shardedPath(uuid: string): string {
  return `${uuid.slice(0, 1)}/${uuid.slice(1, 2)}/${uuid.slice(2, 3)}/${uuid.slice(3, 4)}/${uuid.slice(4)}`;
}

export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function numericId(kind: string, key: string, base: number): number {
  return base + (hashString(`${kind}:${key}`) % 90_000_000);
}

export class Catalogue {
  readonly users = new Map<string, McUser>();
  /** Newest first. */
  readonly shows: McShow[] = [];
  readonly tags = new Map<string, McTag>();
  readonly playlists: McPlaylist[] = [];
  readonly comments = new Map<string, McComment[]>();
  /** username -> favourites / listens, newest first. */
  readonly favorites = new Map<string, Dated<string>[]>();
  readonly listens = new Map<string, Dated<string>[]>();
  /** Newest first. */
  readonly follows: Dated<{ follower: string; followed: string }>[] = [];
  private readonly byKey = new Map<string, McShow>();
  private readonly byId = new Map<number, McShow>();
  private readonly byAudioPath = new Map<string, McShow>();

  constructor() {
    for (const t of MIXCLOUD_TAGS) this.tags.set(t.slug, t);
    for (const seed of USER_SEEDS) {
      const { hasPicture, ...rest } = seed;
      const rng = new Rng(`mixcloud:user:${seed.username}`);
      const picturePath = hasPicture ? `profile/${shardedPath(rng.uuid())}.jpg` : null;
      this.users.set(seed.username.toLowerCase(), { ...rest, id: numericId('user', seed.username, 10_000_000), picturePath });
    }
    for (const seed of [...FEATURED_SHOWS, ...sessionSeeds()]) this.addShow(seed);
    this.shows.sort((a, b) => b.createdTime.localeCompare(a.createdTime));
    this.addRelations();
  }

  user(username: string): McUser | undefined {
    return this.users.get(username.toLowerCase());
  }

  show(username: string, slug: string): McShow | undefined {
    return this.byKey.get(`/${username.toLowerCase()}/${slug.toLowerCase()}/`);
  }

  showByKey(key: string): McShow | undefined {
    return this.byKey.get(key.toLowerCase());
  }

  showById(id: number): McShow | undefined {
    return this.byId.get(id);
  }

  /** The show whose audio lives at "<a>/<b>/<c>/<d>/<rest>" on the CDN. */
  showByAudioPath(path: string): McShow | undefined {
    return this.byAudioPath.get(path);
  }

  uploads(username: string): McShow[] {
    const u = username.toLowerCase();
    return this.shows.filter((s) => s.owner.toLowerCase() === u);
  }

  playlist(username: string, slug: string): McPlaylist | undefined {
    return this.playlists.find((p) => p.owner.toLowerCase() === username.toLowerCase() && p.slug === slug);
  }

  followers(username: string): Dated<string>[] {
    const u = username.toLowerCase();
    return this.follows.filter((f) => f.ref.followed.toLowerCase() === u).map((f) => ({ at: f.at, ref: f.ref.follower }));
  }

  following(username: string): Dated<string>[] {
    const u = username.toLowerCase();
    return this.follows.filter((f) => f.ref.follower.toLowerCase() === u).map((f) => ({ at: f.at, ref: f.ref.followed }));
  }

  /** Users who favourited a show (only the catalogue's own users; counts on the show are larger). */
  favoritedBy(key: string): Dated<string>[] {
    const out: Dated<string>[] = [];
    for (const [username, list] of this.favorites) {
      const hit = list.find((d) => d.ref === key);
      if (hit) out.push({ at: hit.at, ref: this.user(username)?.username ?? username });
    }
    return out.sort((a, b) => b.at.localeCompare(a.at));
  }

  listenedBy(key: string): Dated<string>[] {
    const out: Dated<string>[] = [];
    for (const [username, list] of this.listens) {
      const hit = list.find((d) => d.ref === key);
      if (hit) out.push({ at: hit.at, ref: this.user(username)?.username ?? username });
    }
    return out.sort((a, b) => b.at.localeCompare(a.at));
  }

  private addShow(seed: ShowSeed): void {
    const key = showKey(seed);
    const rng = new Rng(`mixcloud:show:${key}`);
    const uuid = rng.uuid();
    const { hasPicture = true, canShowTracklist = true, ...rest } = seed;
    const owner = this.user(seed.owner);
    if (!owner) throw new Error(`mixcloud catalogue: unknown owner ${seed.owner}`);
    const created = Date.parse(seed.createdTime);
    const show: McShow = {
      ...rest,
      id: numericId('cloudcast', key, 100_000_000),
      uuid,
      audioHost: rng.pick(AUDIO_HOSTS),
      streamHost: rng.int(1, 18),
      picturePath: hasPicture ? `extaudio/${shardedPath(rng.uuid())}` : null,
      updatedTime: isoSeconds(created - rng.int(60, 3000) * 1000),
      canShowTracklist,
      hiddenStats: owner.username === 'nightshiftcollective',
    };
    if (seed.audio && MIXCLOUD_AUDIO[seed.audio]?.durationSec !== seed.audioLength) {
      throw new Error(`mixcloud catalogue: ${key} audioLength differs from its audio asset`);
    }
    if (this.byKey.has(key.toLowerCase()) || this.byId.has(show.id)) throw new Error(`mixcloud catalogue: duplicate ${key}`);
    this.shows.push(show);
    this.byKey.set(key.toLowerCase(), show);
    this.byId.set(show.id, show);
    this.byAudioPath.set(shardedPath(uuid), show);
  }

  private addRelations(): void {
    const at = (iso: string, minusDays: number) => isoSeconds(Date.parse(iso) - minusDays * DAY_MS);
    const session = (n: number) => `/nightshiftcollective/${sessionSlug(n)}/`;
    this.favorites.set('deckhandtester', [
      { at: '2024-03-11T08:15:00Z', ref: '/deepwavesradio/sunday-selections-episode-12/' },
      { at: '2024-03-09T23:40:00Z', ref: session(SESSION_COUNT) },
      { at: '2024-03-06T10:00:00Z', ref: '/selectorsara/select-only-studio-session/' },
      { at: '2024-03-03T09:30:00Z', ref: '/deepwavesradio/deep-waves-marathon-two-hour-special/' },
      { at: '2024-02-29T07:00:00Z', ref: '/selectorsara/late-night-ambient-drift/' },
      { at: '2024-02-02T19:00:00Z', ref: '/selectorsara/lisbon-rooftop-sunset-mix/' },
      { at: '2024-01-21T12:00:00Z', ref: '/deepwavesradio/dub-techno-drift-vol-1/' },
    ]);
    this.favorites.set('deepwavesradio', [{ at: '2024-02-03T10:00:00Z', ref: '/selectorsara/lisbon-rooftop-sunset-mix/' }]);
    const listens: Dated<string>[] = [{ at: '2024-03-11T20:00:00Z', ref: '/deepwavesradio/sunday-selections-episode-12/' }];
    for (let i = 0; i < 24; i++) listens.push({ at: at('2024-03-10T21:00:00Z', i * 2), ref: session(SESSION_COUNT - i) });
    this.listens.set('deckhandtester', listens);
    const follow = (a: string, follower: string, followed: string) => this.follows.push({ at: a, ref: { follower, followed } });
    follow('2024-03-01T10:00:00Z', 'hostile-uploader', 'deepwavesradio');
    follow('2023-06-12T18:00:00Z', 'deckhandtester', 'selectorsara');
    follow('2022-09-30T08:00:00Z', 'deckhandtester', 'nightshiftcollective');
    follow('2021-02-14T20:00:00Z', 'deckhandtester', 'deepwavesradio');
    follow('2020-11-01T12:00:00Z', 'deepwavesradio', 'selectorsara');
    follow('2019-05-05T15:00:00Z', 'selectorsara', 'deepwavesradio');
    follow('2018-08-08T08:00:00Z', 'nightshiftcollective', 'deepwavesradio');
    this.follows.sort((a, b) => b.at.localeCompare(a.at));
    this.playlists.push(
      {
        id: numericId('playlist', '/deckhandtester/playlists/crate-favourites/', 1_000_000), owner: 'deckhandtester',
        slug: 'crate-favourites', name: 'Crate Favourites', description: 'Shows I keep coming back to.',
        items: [
          '/deepwavesradio/sunday-selections-episode-12/', '/deepwavesradio/deep-waves-marathon-two-hour-special/',
          '/selectorsara/lisbon-rooftop-sunset-mix/', session(SESSION_COUNT), '/deepwavesradio/dub-techno-drift-vol-1/',
        ],
      },
      {
        id: numericId('playlist', '/deepwavesradio/playlists/best-of-2024/', 1_000_000), owner: 'deepwavesradio',
        slug: 'best-of-2024', name: 'Best of 2024', description: null,
        items: ['/deepwavesradio/deep-waves-marathon-two-hour-special/', '/deepwavesradio/sunday-selections-episode-12/'],
      },
    );
    const comment = (show: string, username: string, text: string, created: string) => {
      const list = this.comments.get(show) ?? [];
      list.push({ id: numericId('comment', `${show}${username}${created}`, 500_000_000), show, username, comment: text, created });
      list.sort((a, b) => b.created.localeCompare(a.created));
      this.comments.set(show, list);
    };
    comment('/deepwavesradio/sunday-selections-episode-12/', 'deckhandtester', 'Perfect Sunday soundtrack, thank you!', '2024-03-11T08:16:00Z');
    comment('/deepwavesradio/sunday-selections-episode-12/', 'selectorsara', 'That Velvet Lanterns tune 🔥', '2024-03-10T20:02:00Z');
    comment('/deepwavesradio/sunday-selections-episode-12/', 'nightshiftcollective', 'Track ID at 4:01?', '2024-03-10T19:12:00Z');
    comment('/deepwavesradio/deep-waves-marathon-two-hour-special/', 'deckhandtester', 'Two hours flew by.', '2024-03-03T09:31:00Z');
    comment('/deepwavesradio/deep-waves-marathon-two-hour-special/', 'selectorsara', 'Massive selection.', '2024-03-02T23:10:00Z');
    comment('/hostile-uploader/hostile-show-test/', 'hostile-uploader', HOSTILE_TEXT.comment, '2023-11-11T11:12:00Z');
    for (let n = SESSION_COUNT; n > SESSION_COUNT - 5; n--) {
      comment(session(n), 'deckhandtester', `Session ${n} was a good one.`, at(SESSION_NEWEST, (SESSION_COUNT - n) * 7 - 1));
    }
  }
}

export function sessionSlug(n: number): string {
  return `night-shift-session-${String(n).padStart(3, '0')}`;
}

/** The paged user's 45 weekly sessions, re-using three audio assets. */
function sessionSeeds(): ShowSeed[] {
  const newest = Date.parse(SESSION_NEWEST);
  const seeds: ShowSeed[] = [];
  for (let n = 1; n <= SESSION_COUNT; n++) {
    const rng = new Rng(`mixcloud:session:${n}`);
    const audio = SESSION_AUDIO[n % SESSION_AUDIO.length] ?? 'sessionA';
    const length = MIXCLOUD_AUDIO[audio]?.durationSec ?? 180;
    const sections: McSection[] = [0, 1, 2].map((i) => ({
      kind: 'track',
      artist: rng.pick(SESSION_ARTISTS),
      song: rng.pick(SESSION_SONGS),
      startSeconds: i * Math.floor(length / 3),
    }));
    seeds.push({
      owner: 'nightshiftcollective', slug: sessionSlug(n), name: `Night Shift Session #${String(n).padStart(3, '0')}`,
      description: `Live from the loading dock, week ${n}.`, tags: n % 2 ? ['techno', 'house'] : ['techno'],
      createdTime: isoSeconds(newest - (SESSION_COUNT - n) * 7 * DAY_MS), audioLength: length,
      plays: rng.int(200, 5000), favoriteCount: rng.int(5, 300), repostCount: rng.int(0, 20), listenerCount: rng.int(100, 2000),
      sections, isExclusive: false, restrictedReason: null, audio,
    });
  }
  return seeds;
}

let shared: Catalogue | undefined;
/** The catalogue is immutable, so every replica in a process shares one. */
export function catalogue(): Catalogue {
  shared ??= new Catalogue();
  return shared;
}
