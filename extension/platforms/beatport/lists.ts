/**
 * The tracks a Beatport link points at ("Download linked …", "Download all"): a track page is that
 * track; a release, DJ chart or Top 100 is its tracks in the list's own order, each carrying its
 * place in the list (a release is an album: its title and artists become album tags; a chart keeps
 * each track's own album and numbers the tracks by chart position).
 */
import type { SetPosition, TrackRef } from '../../../shared/track';
import type { BeatportApi } from './api';
import { parseBeatportUrl } from './links';
import { toTrackRef } from './normalise';
import type { BpChart, BpNamed, BpRelease, BpTrack } from './types';

/** Releases and charts are short; a cap keeps a huge or hostile list from flooding the queue. */
const LIST_CAP = 500;
const MAX_SET_TEXT = 1000;

type SetInfo = Omit<SetPosition, 'index' | 'total'>;

const clip = (text: string) => (text.length > MAX_SET_TEXT ? `${text.slice(0, MAX_SET_TEXT - 1)}…` : text);
const joined = (people: (BpNamed | null | undefined)[]) =>
  people.map((p) => p?.name?.trim() ?? '').filter(Boolean).join(', ');

/** Refs in list order, each told its position; without a list title they are plain refs. */
export function placed(tracks: BpTrack[], set: Partial<SetInfo>): TrackRef[] {
  const refs = tracks.map(toTrackRef).filter((r): r is TrackRef => !!r);
  const title = set.title?.trim();
  if (!title) return refs;
  const info: SetInfo = { title: clip(title), ...(set.artist ? { artist: clip(set.artist) } : {}), ...(set.isAlbum ? { isAlbum: true } : {}) };
  return refs.map((ref, i) => ({ ...ref, inSet: { ...info, index: i + 1, total: refs.length } }));
}

export async function refsFromLink(api: BeatportApi, url: string): Promise<TrackRef[]> {
  const link = parseBeatportUrl(url);
  const id = link?.id ?? '';
  switch (link?.kind) {
    case 'track':
      return placed([await api.track(id)], {});
    case 'release': {
      // The release's own track list is in running order (its `tracks` URLs are reversed).
      const [release, tracks] = await Promise.all([
        api.get<BpRelease>(`catalog/releases/${id}/`, {}, 'metadata'),
        api.all(`catalog/releases/${id}/tracks/`, { max: LIST_CAP, cache: 'metadata' }),
      ]);
      return placed(tracks, { title: release.name ?? tracks[0]?.release?.name ?? '', artist: joined(release.artists ?? []), isAlbum: true });
    }
    case 'chart': {
      const [chart, tracks] = await Promise.all([
        api.get<BpChart>(`catalog/charts/${id}/`, {}, 'charts'),
        api.all(`catalog/charts/${id}/tracks/`, { max: LIST_CAP, cache: 'charts' }),
      ]);
      return placed(tracks, { title: chart.name ?? '', artist: chart.person?.owner_name ?? chart.artist?.name ?? '' });
    }
    case 'top100':
      return placed(await api.all('catalog/tracks/top/100/', { max: 100, cache: 'charts' }), { title: 'Beatport Top 100' });
    case 'genreTop100': {
      const [genre, tracks] = await Promise.all([
        api.get<BpNamed>(`catalog/genres/${id}/`, {}, 'reference'),
        api.all(`catalog/genres/${id}/top/100/`, { max: 100, cache: 'charts' }),
      ]);
      return placed(tracks, { title: genre.name ? `Beatport ${genre.name} Top 100` : '' });
    }
    default:
      // Hype 100 has no API path; artist, label and search pages are not one list to save whole.
      return [];
  }
}
