/**
 * v4 search (`catalog/search/?q=&type=`: results keyed by type, catalog-shaped items as beatportdl and
 * beets decode them), the signed-in account (`my/account/`, user tokens only) and CORS preflight.
 */
import type { ReplicaApp } from '../../app';
import { apiHeaders, forbidden, guarded, type Json, paginate, sendPage } from './api-common';
import { releaseItem } from './api-catalog';
import { trackItem } from './api-tracks';
import type { BpUser } from './model';
import { search, type SearchHits } from './queries';
import { API_BASE, API_HOST } from './reference';
import { artistListItem, chartJson, labelListItem } from './shapes-entities';

const SEARCH_TYPES = ['tracks', 'releases', 'artists', 'labels', 'charts'] as const;
type SearchType = (typeof SEARCH_TYPES)[number];

function itemsOf(hits: SearchHits, type: SearchType): Json[] {
  switch (type) {
    case 'tracks': return hits.tracks.map((h) => trackItem(h.item));
    case 'releases': return hits.releases.map((h) => releaseItem(h.item));
    case 'artists': return hits.artists.map((h) => artistListItem(h.item, API_BASE));
    case 'labels': return hits.labels.map((h) => labelListItem(h.item, API_BASE));
    case 'charts': return hits.charts.map((h) => chartJson(h.item, API_BASE, false));
  }
}

export function accountJson(u: BpUser): Json {
  return {
    id: String(u.id), add_date: '2021-04-02T11:20:00-06:00', email: u.email, email_confirmed: true, enabled: true,
    first_name: u.firstName, last_name: u.lastName, name: `${u.firstName} ${u.lastName}`, person_id: u.personId,
    registration_date: '2021-04-02T11:20:00-06:00', username: u.username, dj_profile: null, total_orders: '3',
    preferences: { audio_format_id: 1, language: 'en', person: u.personId, streaming_audio_format_id: u.subscriber ? 8 : null },
  };
}

export function registerSearchApi(app: ReplicaApp): void {
  const r = app.router;
  r.get(API_HOST, '/v4/catalog/search', 'api', guarded((req, res) => {
    const hits = search(req.query.get('q') ?? '');
    if (req.query.get('order_by') === '-publish_date') hits.tracks.sort((a, b) => b.item.publishDate.localeCompare(a.item.publishDate));
    const type = SEARCH_TYPES.find((t) => t === req.query.get('type'));
    if (type) {
      // One type: a paged list keyed by the type, `page` as "1/N" like other lists.
      const page = paginate(req, itemsOf(hits, type), (j) => j);
      if (page.status !== 200) return sendPage(res, page);
      const { results, ...paging } = page.body;
      return apiHeaders(res).json({ [type]: results, ...paging });
    }
    const body: Json = {};
    for (const t of SEARCH_TYPES) body[t] = itemsOf(hits, t).slice(0, 10);
    return apiHeaders(res).json(body);
  }));

  r.get(API_HOST, '/v4/my/account', 'api', guarded((_req, res, caller) => {
    if (!caller.user) return forbidden(res);
    return apiHeaders(res).json(accountJson(caller.user));
  }));

  // Pages on www.beatport.com call the API cross-origin with an Authorization header.
  r.add(API_HOST, 'OPTIONS', /^\/v4\/.*$/, 'asset', (req, res) =>
    res
      .header('access-control-allow-origin', req.header('origin') ?? '*')
      .header('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS')
      .header('access-control-allow-headers', 'authorization, content-type, x-csrftoken')
      .header('access-control-max-age', '86400')
      .header('vary', 'origin')
      .send(Buffer.alloc(0)));
}
