/** v4 genre, sub-genre and DJ chart endpoints. */
import type { ReplicaApp } from '../../app';
import type { Req } from '../../http';
import { apiHeaders, guarded, notFound, paginate, pathId, sendPage, topNum } from './api-common';
import { releaseItem } from './api-catalog';
import { trackItem } from './api-tracks';
import { catalogue } from './catalogue';
import { orderTracks } from './filters';
import { chartTracks, genreTracks, topReleases, topTracks } from './queries';
import { API_BASE, API_HOST, genreById, SUB_GENRES, subGenreById } from './reference';
import { allGenres, chartJson, genreJson, subGenreDetail, subGenreJson } from './shapes-entities';

function registerGenres(app: ReplicaApp): void {
  const r = app.router;
  const genre = (req: Req) => genreById(pathId(req) ?? -1);
  r.get(API_HOST, '/v4/catalog/genres/:id/top/:num', 'api', guarded((req, res) => {
    const found = genre(req);
    if (!found) return notFound(res);
    // `type=release` switches the list to releases (OpenAPI description).
    if (req.query.get('type') === 'release') return sendPage(res, paginate(req, topReleases(found.id, topNum(req)), releaseItem));
    return sendPage(res, paginate(req, topTracks(found.id, topNum(req)), trackItem));
  }));
  r.get(API_HOST, '/v4/catalog/genres/:id/tracks', 'api', guarded((req, res) => {
    const found = genre(req);
    return found ? sendPage(res, paginate(req, orderTracks(genreTracks(found.id), req.query.get('order_by')), trackItem)) : notFound(res);
  }));
  r.get(API_HOST, '/v4/catalog/genres/:id/sub-genres', 'api', guarded((req, res) => {
    const found = genre(req);
    if (!found) return notFound(res);
    return sendPage(res, paginate(req, SUB_GENRES.filter((s) => s.genreId === found.id), (s) => subGenreJson(s, API_BASE)));
  }));
  r.get(API_HOST, '/v4/catalog/genres/:id', 'api', guarded((req, res) => {
    const found = genre(req);
    return found ? apiHeaders(res).json(genreJson(found, API_BASE)) : notFound(res);
  }));
  r.get(API_HOST, '/v4/catalog/genres', 'api', guarded((req, res) => sendPage(res, paginate(req, allGenres(), (g) => genreJson(g, API_BASE)))));

  const sub = (req: Req) => subGenreById(pathId(req) ?? -1);
  r.get(API_HOST, '/v4/catalog/sub-genres/:id/tracks', 'api', guarded((req, res) => {
    const found = sub(req);
    return found ? sendPage(res, paginate(req, genreTracks(found.genreId, found.id), trackItem)) : notFound(res);
  }));
  r.get(API_HOST, '/v4/catalog/sub-genres/:id', 'api', guarded((req, res) => {
    const found = sub(req);
    return found ? apiHeaders(res).json(subGenreDetail(found, API_BASE)) : notFound(res);
  }));
  r.get(API_HOST, '/v4/catalog/sub-genres', 'api', guarded((req, res) => sendPage(res, paginate(req, SUB_GENRES, (s) => subGenreJson(s, API_BASE)))));
}

function registerCharts(app: ReplicaApp): void {
  const r = app.router;
  const chart = (req: Req) => catalogue().charts.get(pathId(req) ?? -1);
  // Chart tracks are plain list-shaped tracks (beatportdl decodes them as Paginated[Track]).
  r.get(API_HOST, '/v4/catalog/charts/:id/tracks', 'api', guarded((req, res) => {
    const found = chart(req);
    return found ? sendPage(res, paginate(req, chartTracks(found), trackItem)) : notFound(res);
  }));
  r.get(API_HOST, '/v4/catalog/charts/:id', 'api', guarded((req, res) => {
    const found = chart(req);
    return found ? apiHeaders(res).json(chartJson(found, API_BASE, true)) : notFound(res);
  }));
  r.get(API_HOST, '/v4/catalog/charts', 'api', guarded((req, res) => {
    const genre = Number(req.query.get('genre_id') ?? NaN);
    const dj = Number(req.query.get('dj_id') ?? NaN);
    const name = req.query.get('name')?.toLowerCase();
    const items = [...catalogue().charts.values()]
      .filter((c) => (Number.isNaN(genre) || c.genreIds.includes(genre)) && (Number.isNaN(dj) || c.artistId === dj))
      .filter((c) => !name || c.name.toLowerCase().includes(name))
      .sort((a, b) => (req.query.get('order_by') === 'publish_date' ? a.publishDate.localeCompare(b.publishDate) : b.publishDate.localeCompare(a.publishDate)));
    return sendPage(res, paginate(req, items, (c) => chartJson(c, API_BASE, false)));
  }));
}

export function registerGenreApi(app: ReplicaApp): void {
  registerGenres(app);
  registerCharts(app);
}
