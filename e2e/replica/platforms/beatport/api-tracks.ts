/** v4 track endpoints: detail, filtered list, top N, and the subscriber-only stream. */
import type { ReplicaApp } from '../../app';
import { apiHeaders, forbidden, guarded, notFound, paginate, pathId, sendPage, topNum } from './api-common';
import { catalogue } from './catalogue';
import { filterTracks } from './filters';
import { signedStreamUrl } from './needledrop';
import { topTracks } from './queries';
import { API_BASE, API_HOST } from './reference';
import { trackDetail, trackListItem } from './shapes';

export const trackItem = (t: Parameters<typeof trackListItem>[0]) => trackListItem(t, API_BASE);

export function registerTrackApi(app: ReplicaApp): void {
  const r = app.router;
  r.get(API_HOST, '/v4/catalog/tracks/top/:num', 'api', guarded((req, res) => sendPage(res, paginate(req, topTracks(undefined, topNum(req)), trackItem))));

  r.get(API_HOST, '/v4/catalog/tracks/:id/stream', 'api', guarded((req, res, caller) => {
    const track = catalogue().tracks.get(pathId(req) ?? -1);
    if (!track) return notFound(res);
    // Full streams need a streaming plan: anonymous tokens and free accounts are refused.
    if (!caller.user?.subscriber) return forbidden(res);
    return apiHeaders(res).json({
      stream_url: signedStreamUrl(track, app.faults.config.expirySec),
      sample_start_ms: 0,
      sample_end_ms: track.lengthMs ?? 0,
    });
  }));

  r.get(API_HOST, '/v4/catalog/tracks/:id', 'api', guarded((req, res) => {
    const track = catalogue().tracks.get(pathId(req) ?? -1);
    return track ? apiHeaders(res).json(trackDetail(track, API_BASE)) : notFound(res);
  }));

  r.get(API_HOST, '/v4/catalog/tracks', 'api', guarded((req, res) => {
    const result = filterTracks([...catalogue().tracks.values()], req.query);
    if (!result.ok) return apiHeaders(res).json(result.errors, 400);
    return sendPage(res, paginate(req, result.items, trackItem));
  }));
}
