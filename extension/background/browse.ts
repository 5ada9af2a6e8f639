/**
 * Browse handlers' logic: one search across SoundCloud, Mixcloud and Beatport (each asked for the same
 * page in parallel, a failing platform reported beside the others' results), charts, genre lists and
 * artist / label / user / set views. Every platform answer goes through core/http's limiter and
 * response cache (search: minutes, charts: minutes, lists: a quarter hour, details: a day), so
 * reopening the popup on the same search costs no request.
 */
import type { ChartId, ChartView, EntityKind, EntityRef, EntityView, GenreOption, SearchFilters, SearchHit, SearchPage, SearchType } from '../../shared/browse';
import { DeckhandError } from '../../shared/errors';
import { PLATFORM_IDS, type PlatformId } from '../../shared/platform';
import type { TrackRef } from '../../shared/track';
import { BeatportBrowse } from '../platforms/beatport/browse';
import { beatportApi } from '../platforms/beatport/index';
import { MixcloudBrowse } from '../platforms/mixcloud/browse';
import { SoundCloudBrowse } from '../platforms/soundcloud/browse';
import { mergeHits } from './browse-rank';

/** Results asked of each platform per page: three platforms make a page of up to ~30. */
export const PER_PLATFORM = 10;

export interface BrowseClients {
  soundcloud: SoundCloudBrowse;
  mixcloud: MixcloudBrowse;
  beatport: BeatportBrowse;
}

export function defaultClients(): BrowseClients {
  return { soundcloud: new SoundCloudBrowse(), mixcloud: new MixcloudBrowse(), beatport: new BeatportBrowse(beatportApi) };
}

interface PlatformAnswer {
  hits: SearchHit[];
  more: boolean;
}

const isTrack = (x: TrackRef | EntityRef): x is TrackRef => 'kind' in x && !('name' in x);

function hitsOf(items: (TrackRef | EntityRef)[], genres: Map<string, string> | undefined): SearchHit[] {
  return items.map((x) => {
    if (!isTrack(x)) return { type: 'entity', entity: x };
    const genre = genres?.get(x.id);
    return { type: 'track', track: x, ...(genre ? { genre } : {}) };
  });
}

export class Browse {
  constructor(private readonly clients: BrowseClients = defaultClients()) {}

  private async one(platform: PlatformId, query: string, type: SearchType, page: number): Promise<PlatformAnswer> {
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
        const r = await c.beatport.search(query, type === 'tracks' ? 'tracks' : 'releases', page, PER_PLATFORM);
        return { hits: hitsOf(r.items, r.genres), more: r.hasMore };
      }
    }
  }

  async search(query: string, filters: SearchFilters, page: number): Promise<SearchPage> {
    const q = query.trim();
    if (!q) throw new DeckhandError('input.invalid', 'Type something to search for.');
    const type = filters.type ?? 'tracks';
    const platforms = PLATFORM_IDS.filter((p) => !filters.platforms?.length || filters.platforms.includes(p));
    const settled = await Promise.allSettled(platforms.map((p) => this.one(p, q, type, page)));
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
    if (id.platform === 'beatport') return id.list === 'top100' ? this.clients.beatport.top100(id.genreId) : this.clients.beatport.hype100(id.genreId);
    return this.clients.mixcloud.chart(id.list, id.tag);
  }

  genres(): Promise<GenreOption[]> {
    return this.clients.beatport.genres();
  }

  /** An artist, label, user or set; `next` continues its track list. */
  async entity(platform: PlatformId, kind: EntityKind, id: string, next?: string): Promise<EntityView> {
    const c = this.clients;
    if (platform === 'soundcloud') {
      if (kind === 'set') return c.soundcloud.set(id);
      if (!next) return c.soundcloud.user(id);
      const more = await c.soundcloud.userList(id, 'tracks', next);
      return { ...(await c.soundcloud.user(id)), tracks: more.items as TrackRef[], ...(more.next ? { next: more.next } : {}) };
    }
    if (platform === 'mixcloud') {
      if (kind === 'set') return c.mixcloud.playlist(id);
      const username = id.replace(/^\/|\/$/g, '');
      const view = await c.mixcloud.user(username);
      if (!next) return view;
      const more = await c.mixcloud.userList(username, 'cloudcasts', next);
      const { next: _first, ...rest } = view;
      return { ...rest, tracks: more.items, ...(more.next ? { next: more.next } : {}) };
    }
    const num = Number(id);
    if (!Number.isInteger(num) || num <= 0) throw new DeckhandError('input.invalid', `Not a Beatport id: ${id}`);
    const page = next ? Math.max(1, Number(next) || 1) : 1;
    if (kind === 'artist') return c.beatport.artist(num, page);
    if (kind === 'label') return c.beatport.label(num, page);
    return c.beatport.release(num);
  }
}
