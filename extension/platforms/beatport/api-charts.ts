/**
 * Beatport DJ charts (v4 `catalog/charts/`): the list, newest first and optionally by genre, and one
 * chart's tracks in the DJ's order. A chart becomes an EntityRef of kind 'chart' (id = its number);
 * its tracks page by Beatport's page number, like the other Beatport lists.
 */
import type { ChartView, EntityRef, EntityView } from '../../../shared/browse';
import { DeckhandError } from '../../../shared/errors';
import type { TrackRef } from '../../../shared/track';
import type { BeatportApi } from './api';
import { WWW } from './links';
import { sizedImage, THUMB_SIZE, toTrackRef } from './normalise';
import type { BpChart, BpPage, BpTrack } from './types';

const CHARTS_PER_PAGE = 50;
const TRACKS_PER_PAGE = 25;

export function chartEntity(c: BpChart): EntityRef | undefined {
  if (typeof c.id !== 'number' || !c.name) return undefined;
  const imageUrl = sizedImage(c.image, THUMB_SIZE);
  const dj = c.person?.owner_name || c.artist?.name;
  const subtitle = [dj, typeof c.track_count === 'number' ? `${c.track_count} tracks` : '', c.publish_date ?? ''].filter(Boolean).join(' · ');
  return {
    platform: 'beatport',
    kind: 'chart',
    id: String(c.id),
    name: c.name.trim(),
    url: `${WWW}/chart/${c.slug || '-'}/${c.id}`,
    ...(imageUrl ? { imageUrl } : {}),
    ...(subtitle ? { subtitle } : {}),
  };
}

/** DJ charts, newest first, optionally of one genre (its name in the title when known). */
export async function djCharts(api: BeatportApi, genreId?: number, genreName?: string): Promise<ChartView> {
  const page = await api.get<BpPage<BpChart>>(
    'catalog/charts/',
    { genre_id: genreId, order_by: '-publish_date', page: 1, per_page: CHARTS_PER_PAGE },
    'charts',
  );
  const entities = (page.results ?? []).map(chartEntity).filter((e): e is EntityRef => !!e);
  return { title: `Beatport DJ charts${genreName ? ` — ${genreName}` : ''}`, tracks: [], entities };
}

/** One DJ chart with a page of its tracks in the chart's order; `page` continues. */
export async function djChart(api: BeatportApi, id: number, page = 1): Promise<EntityView> {
  const [chart, tracks] = await Promise.all([
    api.get<BpChart>(`catalog/charts/${id}/`, {}, 'metadata'),
    api.get<BpPage<BpTrack>>(`catalog/charts/${id}/tracks/`, { page, per_page: TRACKS_PER_PAGE }, 'list'),
  ]);
  const entity = chartEntity(chart);
  if (!entity) throw new DeckhandError('not-found', `Beatport has no DJ chart ${id}.`);
  const refs = (tracks.results ?? []).map(toTrackRef).filter((r): r is TrackRef => !!r);
  return { entity, tracks: refs, children: [], ...(tracks.next ? { next: String(page + 1) } : {}) };
}
