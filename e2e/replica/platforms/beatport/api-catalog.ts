/** v4 release, artist and label endpoints. */
import type { ReplicaApp } from '../../app';
import type { Req } from '../../http';
import { apiHeaders, guarded, notFound, paginate, pathId, sendPage, topNum } from './api-common';
import { trackItem } from './api-tracks';
import { catalogue } from './catalogue';
import { filterReleases } from './filters';
import type { BpRelease } from './model';
import { artistTopTracks, artistTracks, labelReleases, labelTopTracks, releaseTracks, topReleases } from './queries';
import { API_BASE, API_HOST } from './reference';
import { releaseDetail, releaseListItem } from './shapes';
import { artistDetail, artistListItem, labelDetail, labelListItem } from './shapes-entities';

export const releaseItem = (r: BpRelease) => releaseListItem(r, API_BASE);

function nameFilter<T extends { name: string }>(req: Req, items: T[]): T[] {
  const name = req.query.get('name')?.toLowerCase();
  return name ? items.filter((i) => i.name.toLowerCase().includes(name)) : items;
}

function registerReleases(app: ReplicaApp): void {
  const r = app.router;
  const release = (req: Req) => catalogue().releases.get(pathId(req) ?? -1);
  r.get(API_HOST, '/v4/catalog/releases/top/:num', 'api', guarded((req, res) => sendPage(res, paginate(req, topReleases(undefined, topNum(req)), releaseItem))));
  r.get(API_HOST, '/v4/catalog/releases/:id/tracks', 'api', guarded((req, res) => {
    const found = release(req);
    // Release-track items are the abbreviated list shape (no `number`), in running order.
    return found ? sendPage(res, paginate(req, releaseTracks(found), trackItem)) : notFound(res);
  }));
  r.get(API_HOST, '/v4/catalog/releases/:id', 'api', guarded((req, res) => {
    const found = release(req);
    return found ? apiHeaders(res).json(releaseDetail(found, API_BASE)) : notFound(res);
  }));
  r.get(API_HOST, '/v4/catalog/releases', 'api', guarded((req, res) => {
    const result = filterReleases([...catalogue().releases.values()], req.query);
    if (!result.ok) return apiHeaders(res).json(result.errors, 400);
    return sendPage(res, paginate(req, result.items, releaseItem));
  }));
}

function registerArtists(app: ReplicaApp): void {
  const r = app.router;
  const artist = (req: Req) => catalogue().artists.get(pathId(req) ?? -1);
  r.get(API_HOST, '/v4/catalog/artists/:id/tracks', 'api', guarded((req, res) => {
    const found = artist(req);
    return found ? sendPage(res, paginate(req, artistTracks(found), trackItem)) : notFound(res);
  }));
  r.get(API_HOST, '/v4/catalog/artists/:id/top/:num', 'api', guarded((req, res) => {
    const found = artist(req);
    return found ? sendPage(res, paginate(req, artistTopTracks(found, topNum(req)), trackItem)) : notFound(res);
  }));
  r.get(API_HOST, '/v4/catalog/artists/:id', 'api', guarded((req, res) => {
    const found = artist(req);
    return found ? apiHeaders(res).json(artistDetail(found)) : notFound(res);
  }));
  r.get(API_HOST, '/v4/catalog/artists', 'api', guarded((req, res) => {
    const items = nameFilter(req, [...catalogue().artists.values()]).sort((a, b) => a.id - b.id);
    return sendPage(res, paginate(req, items, (a) => artistListItem(a, API_BASE)));
  }));
}

function registerLabels(app: ReplicaApp): void {
  const r = app.router;
  const label = (req: Req) => catalogue().labels.get(pathId(req) ?? -1);
  r.get(API_HOST, '/v4/catalog/labels/:id/releases', 'api', guarded((req, res) => {
    const found = label(req);
    return found ? sendPage(res, paginate(req, labelReleases(found), releaseItem)) : notFound(res);
  }));
  r.get(API_HOST, '/v4/catalog/labels/:id/top/:num', 'api', guarded((req, res) => {
    const found = label(req);
    return found ? sendPage(res, paginate(req, labelTopTracks(found, topNum(req)), trackItem)) : notFound(res);
  }));
  r.get(API_HOST, '/v4/catalog/labels/:id', 'api', guarded((req, res) => {
    const found = label(req);
    return found ? apiHeaders(res).json(labelDetail(found)) : notFound(res);
  }));
  r.get(API_HOST, '/v4/catalog/labels', 'api', guarded((req, res) => {
    const items = nameFilter(req, [...catalogue().labels.values()]).sort((a, b) => a.id - b.id);
    return sendPage(res, paginate(req, items, (l) => labelListItem(l, API_BASE)));
  }));
}

export function registerCatalogApi(app: ReplicaApp): void {
  registerReleases(app);
  registerArtists(app);
  registerLabels(app);
}
