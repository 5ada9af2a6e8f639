/**
 * What a Mixcloud show is, for its view in the popup: description, tracklist and access. The public
 * API (api.mixcloud.com, documented, cached for a day) answers first; the site's GraphQL is asked
 * only for what the API has no answer to:
 * - access (Select exclusives, restrictions, whether the tracklist may be shown): never in the API;
 * - the tracklist when the API's `sections` are empty (many shows today: platform notes §9);
 * - the description when the API gives none;
 * - everything when the API has no such show (404).
 * GraphQL is undocumented and changes: when it fails, the API's part is still shown.
 */
import type { TrackAbout, TracklistEntry } from '../../../shared/browse';
import { DeckhandError } from '../../../shared/errors';
import { API_URL, GRAPHQL_URL, httpTransport, type McTransport } from './api';
import { chaptersOf } from './normalise';
import type { McCloudcast, McGraphqlAnswer, McSection } from './types';
import { lookupOf } from './urls';

/** The public API's old section shape (single-show answers only). */
interface McApiSection {
  start_time?: number | null;
  section_type?: string;
  chapter?: string | null;
  track?: { name?: string | null; artist?: { name?: string | null } | null } | null;
}

interface McApiShow {
  description?: string | null;
  sections?: (McApiSection | null)[] | null;
  tags?: { name?: string }[];
}

type McAccess = Pick<McCloudcast, 'isExclusive' | 'restrictedReason' | 'description' | 'sections'> & { canShowTracklist?: boolean | null };

export const SHOW_ABOUT_QUERY = `query DeckhandShowAboutQuery($lookup: CloudcastLookup!, $withDescription: Boolean!, $withTracklist: Boolean!) {
  cloudcastLookup(lookup: $lookup) {
    isExclusive restrictedReason canShowTracklist
    description @include(if: $withDescription)
    sections @include(if: $withTracklist) {
      __typename
      ... on TrackSection { artistName songName startSeconds }
      ... on ChapterSection { chapter startSeconds }
    }
  }
}`;

/** Old public sections in the GraphQL shape, so one reader (chaptersOf) serves both. */
function sectionsOfApi(sections: McApiShow['sections']): McSection[] {
  return (sections ?? []).flatMap((s): McSection[] => {
    if (!s) return [];
    if (s.section_type === 'chapter') return [{ __typename: 'ChapterSection', chapter: s.chapter ?? null, startSeconds: s.start_time ?? null }];
    if (s.track) return [{ __typename: 'TrackSection', songName: s.track.name ?? null, artistName: s.track.artist?.name ?? null, startSeconds: s.start_time ?? null }];
    return [];
  });
}

const tracklistOf = (sections: McCloudcast['sections']): TracklistEntry[] => chaptersOf(sections).map(({ title, artist, startMs }) => ({ title, ...(artist ? { artist } : {}), ...(startMs !== undefined ? { startMs } : {}) }));

export class MixcloudShowAbout {
  constructor(
    private readonly transport: McTransport = httpTransport,
    private readonly endpoints = { api: API_URL, graphql: GRAPHQL_URL },
  ) {}

  /** A show's description, tracklist and access, by its key (/user/slug/). */
  async about(key: string): Promise<TrackAbout> {
    const lookup = lookupOf(key);
    if (!lookup) throw new DeckhandError('input.invalid', `Not a Mixcloud show: ${key}`);
    const api = await this.transport.getJson<McApiShow>(new URL(key, this.endpoints.api).href, 'metadata').catch((err: unknown) => {
      const e = DeckhandError.from(err);
      if (e.code === 'not-found') return undefined; // GraphQL may still know it (unlisted shows)
      throw e;
    });
    const apiTracklist = tracklistOf(sectionsOfApi(api?.sections));
    const apiDescription = api?.description?.trim() || undefined;
    const gql = await this.graphql(lookup, !apiDescription, !apiTracklist.length).catch((err: unknown) => {
      if (!api) throw err;
      return undefined; // the API's answer stands alone
    });
    if (!api && !gql) throw new DeckhandError('not-found', `No Mixcloud show ${key}.`);
    const gqlTracklist = apiTracklist.length ? [] : tracklistOf(gql?.sections);
    const description = apiDescription ?? (gql?.description?.trim() || undefined);
    const tracklist = apiTracklist.length ? apiTracklist : gqlTracklist;
    const sources: TrackAbout['sources'] = {
      ...(description ? { description: apiDescription ? 'api' : 'graphql' } : {}),
      ...(tracklist.length ? { tracklist: apiTracklist.length ? 'api' : 'graphql' } : {}),
      ...(gql ? { access: 'graphql' as const } : {}),
    };
    const genre = api?.tags?.[0]?.name;
    return {
      ...(description ? { description } : {}),
      ...(genre ? { genre } : {}),
      ...(tracklist.length ? { tracklist } : {}),
      ...(!tracklist.length && gql?.canShowTracklist === false ? { tracklistHidden: true } : {}),
      ...(gql?.isExclusive ? { exclusive: true } : {}),
      ...(gql?.restrictedReason ? { restricted: gql.restrictedReason } : {}),
      sources,
    };
  }

  /** The fields the public API lacks, and the description / tracklist only when asked. Undefined: no such show. */
  private async graphql(lookup: { username: string; slug: string }, withDescription: boolean, withTracklist: boolean): Promise<McAccess | undefined> {
    const answer = await this.transport.postJson<McGraphqlAnswer<{ cloudcastLookup?: McAccess | null }>>(this.endpoints.graphql, {
      query: SHOW_ABOUT_QUERY,
      variables: { lookup, withDescription, withTracklist },
    });
    const show = answer?.data?.cloudcastLookup;
    if (show) return show;
    const message = answer?.errors?.map((e) => e.message).filter(Boolean).join('; ');
    if (message) throw new DeckhandError('network.http', `Mixcloud GraphQL: ${message.slice(0, 300)}`);
    return undefined;
  }
}
