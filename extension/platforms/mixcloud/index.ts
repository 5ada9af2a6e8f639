/**
 * Mixcloud for the background: GraphQL `cloudcastLookup` -> metadata (tracklist as chapters) + the HLS
 * stream; public API lists for the shows of user and playlist pages ("download all", "download
 * linked"). Discover and search pages list nothing of their own: the page's visible cards are used.
 */
import { DeckhandError } from '../../../shared/errors';
import type { TrackRef } from '../../../shared/track';
import type { PlatformBackend, PreparedDownload } from '../types';
import { MixcloudApi } from './api';
import { artworkCandidates, refFromApi, refFromCloudcast, toMetadata } from './normalise';
import { chooseStream } from './streams';
import type { McLookup } from './types';
import { lookupOf, showKey, targetOf, type McTarget } from './urls';

/** "Download all" of a user stops here: years of weekly shows. */
export const MAX_LIST_REFS = 200;

function lookupFor(ref: TrackRef): McLookup {
  const lookup = lookupOf(ref.id) ?? lookupOf(ref.url);
  if (!lookup) throw new DeckhandError('input.invalid', `Not a Mixcloud show: ${ref.id.slice(0, 200)}`);
  return lookup;
}

/** The public API list behind a user or playlist page; none for the user's stream (not in the API). */
function listPath(target: Exclude<McTarget, { kind: 'show' }>): string | undefined {
  const enc = encodeURIComponent;
  switch (target.kind) {
    case 'user':
      return target.list === 'stream' ? undefined : `/${enc(target.username)}/${target.list}/`;
    case 'playlist':
      return `/${enc(target.username)}/playlists/${enc(target.slug)}/cloudcasts/`;
  }
}

async function refsOf(api: MixcloudApi, target: McTarget): Promise<TrackRef[]> {
  if (target.kind === 'show') return [refFromCloudcast(await api.cloudcast(target.lookup), target.key)];
  const path = listPath(target);
  if (!path) return [];
  const seen = new Set<string>();
  return (await api.listShows(path, MAX_LIST_REFS))
    .map(refFromApi)
    .filter((r): r is TrackRef => !!r && !seen.has(r.id) && !!seen.add(r.id));
}

export function createMixcloudBackend(api: MixcloudApi): PlatformBackend {
  return {
    async prepare(ref) {
      const lookup = lookupFor(ref);
      const show = await api.cloudcast(lookup);
      const stream = chooseStream(show);
      const prepared: PreparedDownload = {
        metadata: toMetadata(show, showKey(lookup)),
        source: stream.source,
        format: 'm4a',
        artworkUrls: artworkCandidates(show),
        streamId: stream.id,
      };
      return prepared;
    },
    async refresh(ref, prepared) {
      return chooseStream(await api.cloudcast(lookupFor(ref)), prepared.streamId).source;
    },
    async metadata(ref) {
      const lookup = lookupFor(ref);
      return toMetadata(await api.cloudcast(lookup), showKey(lookup));
    },
    async refsFromUrl(url) {
      const target = targetOf(url);
      if (!target) return [];
      try {
        return await refsOf(api, target);
      } catch (err) {
        // A show, user or playlist that does not exist holds nothing to download.
        if (DeckhandError.from(err).code === 'not-found') return [];
        throw err;
      }
    },
  };
}

export const mixcloud = createMixcloudBackend(new MixcloudApi());
