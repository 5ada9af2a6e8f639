/**
 * Browse handlers' logic: one search across SoundCloud, Mixcloud and Beatport (each asked for the same
 * page in parallel, a failing platform reported beside the others' results), charts, genre lists and
 * artist / label / user / set views. Every platform answer goes through core/http's limiter and
 * response cache (search: minutes, charts: minutes, lists: a quarter hour, details: a day), so
 * reopening the popup on the same search costs no request.
 */
import type {
  ChartId, ChartView, EntityKind, EntityListId, EntityRef, EntityView, GenreOption, SearchFilters, SearchHit, SearchPage, SearchType, TrackFacts,
  TrackListId, TrackView,
} from '../../shared/browse';
import { DeckhandError } from '../../shared/errors';
import { PLATFORM_IDS, type PlatformId } from '../../shared/platform';
import type { TrackRef } from '../../shared/track';
import { BeatportBrowse } from '../platforms/beatport/browse';
import { beatportApi } from '../platforms/beatport/index';
import { MixcloudExtras } from '../platforms/mixcloud/api-extras';
import { MixcloudMine } from '../platforms/mixcloud/api-mine';
import { MixcloudShowAbout } from '../platforms/mixcloud/api-show';
import { MixcloudBrowse } from '../platforms/mixcloud/browse';
import { SoundCloudOfficial } from '../platforms/soundcloud/api-official';
import { SoundCloudBrowse } from '../platforms/soundcloud/browse';
import { entityView } from './browse-entity';
import { trackView } from './browse-track';
import { hasBeatportOnlyFilter, mergeHits } from './browse-rank';

/** Results asked of each platform per page: three platforms make a page of up to ~30. */
export const PER_PLATFORM = 10;

export interface BrowseClients {
  soundcloud: SoundCloudBrowse;
  mixcloud: MixcloudBrowse;
  beatport: BeatportBrowse;
  /** The rest default to the shipped clients (tests inject the three above only). */
  soundcloudMine?: SoundCloudOfficial;
  mixcloudMine?: MixcloudMine;
  mixcloudAbout?: MixcloudShowAbout;
  mixcloudExtras?: MixcloudExtras;
}

export function defaultClients(): BrowseClients {
  return { soundcloud: new SoundCloudBrowse(), mixcloud: new MixcloudBrowse(), beatport: new BeatportBrowse(beatportApi) };
}

type AllClients = Required<BrowseClients>;

function withDefaults(c: BrowseClients): AllClients {
  const mixcloudExtras = c.mixcloudExtras ?? new MixcloudExtras();
  return {
    ...c,
    mixcloudExtras,
    soundcloudMine: c.soundcloudMine ?? new SoundCloudOfficial(),
    mixcloudMine: c.mixcloudMine ?? new MixcloudMine(mixcloudExtras),
    mixcloudAbout: c.mixcloudAbout ?? new MixcloudShowAbout(),
  };
}

interface PlatformAnswer {
  hits: SearchHit[];
  more: boolean;
}

const isTrack = (x: TrackRef | EntityRef): x is TrackRef => 'kind' in x && !('name' in x);

function hitsOf(items: (TrackRef | EntityRef)[], genres: Map<string, string> | undefined, facts?: Map<string, TrackFacts>): SearchHit[] {
  return items.map((x) => {
    if (!isTrack(x)) return { type: 'entity', entity: x };
    const genre = genres?.get(x.id);
    const known = facts?.get(x.id);
    return { type: 'track', track: x, ...(genre ? { genre } : {}), ...(known ? { facts: known } : {}) };
  });
}

export class Browse {
  private readonly clients: AllClients;

  constructor(clients: BrowseClients = defaultClients()) {
    this.clients = withDefaults(clients);
  }

  private async one(platform: PlatformId, query: string, type: SearchType, page: number, filters: SearchFilters): Promise<PlatformAnswer> {
    const offset = (page - 1) * PER_PLATFORM;
    const c = this.clients;
    switch (platform) {
      case 'soundcloud': {
        const r = await c.soundcloud.search(query, type === 'tracks' ? 'tracks' : type === 'people' ? 'users' : 'playlists', offset, PER_PLATFORM);
        return { hits: hitsOf(r.items, r.genres), more: !!r.next };
      }
      case 'mixcloud': {
        if (type === 'sets') return { hits: [], more: false }; // the public API has no playlist search
        const r = await c.mixcloud.search(query, type === 'tracks' ? 'cloudcast' : 'user', offset, PER_PLATFORM);
        return { hits: hitsOf(r.items, r.genres), more: !!r.next };
      }
      case 'beatport': {
        if (type === 'people') {
          const [artists, labels] = await Promise.all([
            c.beatport.search(query, 'artists', page, PER_PLATFORM / 2),
            c.beatport.search(query, 'labels', page, PER_PLATFORM / 2),
          ]);
          return { hits: hitsOf([...artists.items, ...labels.items], undefined), more: artists.hasMore || labels.hasMore };
        }
        if (type === 'tracks' && hasBeatportOnlyFilter(filters)) {
          // The filtered track list applies genre, sub-genre, label and release dates at the source (search cannot).
          const r = await c.beatport.tracks({
            name: query,
            page,
            perPage: PER_PLATFORM,
            ...(filters.subGenreId ? { subGenreId: filters.subGenreId } : {}),
            ...(filters.releasedFrom ? { releasedFrom: filters.releasedFrom } : {}),
            ...(filters.releasedTo ? { releasedTo: filters.releasedTo } : {}),
            ...(filters.labelId ? { labelId: filters.labelId } : {}),
            ...(filters.genreId ? { genreId: filters.genreId } : {}),
          });
          return { hits: hitsOf(r.items, r.genres, r.facts), more: r.hasMore };
        }
        const r = await c.beatport.search(query, type === 'tracks' ? 'tracks' : 'releases', page, PER_PLATFORM);
        return { hits: hitsOf(r.items, r.genres, r.facts), more: r.hasMore };
      }
    }
  }

  async search(query: string, filters: SearchFilters, page: number): Promise<SearchPage> {
    const q = query.trim();
    if (!q) throw new DeckhandError('input.invalid', 'Type something to search for.');
    const type = filters.type ?? 'tracks';
    const platforms = PLATFORM_IDS.filter((p) => !filters.platforms?.length || filters.platforms.includes(p));
    const settled = await Promise.allSettled(platforms.map((p) => this.one(p, q, type, page, filters)));
    const perPlatform: Partial<Record<PlatformId, SearchHit[]>> = {};
    const failures: SearchPage['failures'] = [];
    let hasMore = false;
    settled.forEach((result, i) => {
      const platform = platforms[i] as PlatformId;
      if (result.status === 'fulfilled') {
        perPlatform[platform] = result.value.hits;
        hasMore ||= result.value.more;
      } else {
        failures.push({ platform, error: DeckhandError.from(result.reason).toJSON() });
      }
    });
    return { query: q, page, hits: mergeHits(q, perPlatform, filters), hasMore, failures };
  }

  chart(id: ChartId): Promise<ChartView> {
    if (id.platform === 'beatport') {
      if (id.list === 'djcharts') return this.clients.beatport.djCharts(id.genreId);
      return id.list === 'top100' ? this.clients.beatport.top100(id.genreId) : this.clients.beatport.hype100(id.genreId);
    }
    return this.clients.mixcloud.chart(id.list, id.tag);
  }

  genres(): Promise<GenreOption[]> {
    return this.clients.beatport.genres();
  }

  /** Sub-genres of a Beatport genre (Search tab filter). */
  subGenres(genreId: number): Promise<GenreOption[]> {
    return this.clients.beatport.subGenres(genreId);
  }

  /** An artist, label, user, set or DJ chart; `list` picks a user's tab, `next` continues it. */
  entity(platform: PlatformId, kind: EntityKind, id: string, next?: string, list?: EntityListId): Promise<EntityView> {
    return entityView(this.clients, platform, kind, id, next, list);
  }

  /** A track's or show's own view: about (description, tracklist, access), related tracks, comments. */
  track(ref: TrackRef, list?: TrackListId, next?: string): Promise<TrackView> {
    return trackView(this.clients, ref, list, next);
  }

  /** Beatport labels matching a name, to pick one for the `label_id` filter. */
  async labels(query: string): Promise<EntityRef[]> {
    const q = query.trim();
    if (!q) return [];
    const found = await this.clients.beatport.search(q, 'labels', 1, PER_PLATFORM);
    return found.items.filter((i): i is EntityRef => !isTrack(i));
  }
}
