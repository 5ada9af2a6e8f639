/**
 * Test helper: HTTPS requests to the in-process replica for real host names (../../test-https.ts),
 * plus small shortcuts for api-v2 calls with the current client_id.
 */
import type { Replica } from '../../server';
import { replicaRequest, type ReplicaReply, type ReplicaRequestOptions } from '../../test-https';
import { SOUNDCLOUD_FIXTURES } from './fixtures';
import { API_V2 } from './urls';

/** An answer whose `json()` is untyped unless told: the SoundCloud tests walk deep API bodies. */
export type Reply = ReplicaReply<any>;

export function fetchReplica(replica: Replica, url: string, opts: ReplicaRequestOptions = {}): Promise<Reply> {
  return replicaRequest(replica, url, opts);
}

/** GET an api-v2 path (or absolute URL) with the current client_id appended. */
export function apiV2(replica: Replica, pathOrUrl: string, opts: ReplicaRequestOptions = {}): Promise<Reply> {
  const url = new URL(pathOrUrl.startsWith('https://') ? pathOrUrl : `${API_V2}${pathOrUrl}`);
  if (!url.searchParams.has('client_id')) url.searchParams.set('client_id', SOUNDCLOUD_FIXTURES.clientId());
  return fetchReplica(replica, url.toString(), opts);
}

/** The `window.__sc_hydration` array of a page. */
export function hydrationOf(html: string): { hydratable: string; data: any }[] {
  const m = /window\.__sc_hydration = (.*?);<\/script>/s.exec(html);
  if (!m?.[1]) throw new Error('no __sc_hydration in page');
  return JSON.parse(m[1]);
}

export function postJson(replica: Replica, url: string, body: unknown): Promise<Reply> {
  return fetchReplica(replica, url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}
