/** Contract tests: the v4 catalog API's auth, shapes, paging, filters, errors and rate limit. */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../../server';
import { BEATPORT_FIXTURES as F, expireBeatportTokens, mintBeatportToken } from './fixtures';
import { bearer, CAPTURES_DIR, type Fetch, readCapture, replicaClient } from './test-client';

const API = 'https://api.beatport.com/v4';
/** Track fields the 2026 top-100 capture shows (beatport.md §4) that the 2023 captures predate. */
const NEWER_TRACK_FIELDS = ['bsrc_remixer', 'is_explicit', 'is_ugc_remix', 'is_dj_edit'];
let replica: Replica;
let get: Fetch;
let anon: Record<string, string>;

beforeAll(async () => {
  replica = await startReplica({ port: 0, lazyMedia: true });
  get = replicaClient(replica);
});
afterAll(() => replica.stop());
beforeEach(() => {
  replica.app.faults.reset();
  anon = bearer(mintBeatportToken('anon'));
});

/** Response JSON, read loosely in assertions. */
type Json = Record<string, any>;

describe('authentication', () => {
  it('refuses a call without credentials with DRF\'s 401 body', async () => {
    const res = await get(F.previewTrack.apiUrl);
    expect(res.status).toBe(401);
    expect(res.json()).toEqual({ detail: 'Authentication credentials were not provided.' });
  });

  it('refuses an unknown and an expired token as token_not_valid', async () => {
    const bad = await get(F.previewTrack.apiUrl, { headers: bearer('not-a-token') });
    expect(bad.status).toBe(401);
    expect(bad.json()).toMatchObject({ detail: 'Given token not valid for any token type', code: 'token_not_valid' });
    const token = mintBeatportToken('anon');
    expect((await get(F.previewTrack.apiUrl, { headers: bearer(token) })).status).toBe(200);
    expireBeatportTokens();
    const expired = await get(F.previewTrack.apiUrl, { headers: bearer(token) });
    expect(expired.status).toBe(401);
    expect(expired.json<Json>().code).toBe('token_not_valid');
  });

  it('accepts HTTP Basic for a test user and rejects a wrong password', async () => {
    const u = F.users.free;
    const ok = await get(`${API}/my/account/`, { headers: { authorization: `Basic ${Buffer.from(`${u.username}:${u.password}`).toString('base64')}` } });
    expect(ok.json<Json>().username).toBe(u.username);
    const wrong = await get(`${API}/my/account/`, { headers: { authorization: `Basic ${Buffer.from(`${u.username}:nope`).toString('base64')}` } });
    expect(wrong.status).toBe(401);
  });

  it('serves my/account to user tokens only', async () => {
    expect((await get(`${API}/my/account/`, { headers: anon })).status).toBe(403);
    const docs = bearer(mintBeatportToken('docs', { username: F.users.subscriber.username }));
    const me = await get(`${API}/my/account/`, { headers: docs });
    expect(me.status).toBe(200);
    expect(me.json()).toMatchObject({ username: F.users.subscriber.username, email: F.users.subscriber.email });
  });
});

describe('tracks', () => {
  it('returns a track detail with the captured field set and Beatport\'s quirks', async () => {
    const res = await get(F.previewTrack.apiUrl, { headers: anon });
    expect(res.headers.server).toBe('istio-envoy');
    const t = res.json<Json>();
    expect(t).toMatchObject({ id: F.previewTrack.id, name: 'Lantern Code', mix_name: 'Original Mix', bpm: 126, number: 1, isrc: F.previewTrack.isrc });
    expect(t.key).toMatchObject({ name: 'Db Minor', camelot_number: 12, camelot_letter: 'A', is_flat: true, letter: 'D' });
    expect(t.image.uri).toMatch(/^https:\/\/geo-media\.beatport\.com\/image_size\/1500x250\/[0-9a-f-]{36}\.png$/);
    expect(t.release.image.dynamic_uri).toMatch(/\/image_size\/\{w\}x\{h\}\/[0-9a-f-]{36}\.jpg$/);
    expect(t.sample_url).toMatch(/^https:\/\/geo-samples\.beatport\.com\/track\/[0-9a-f-]{36}\.LOFI\.mp3$/);
    expect(t.sample_end_ms - t.sample_start_ms).toBe(120_000);
    expect(t.length).toBe(F.previewTrack.length);
  });

  it.skipIf(!existsSync(CAPTURES_DIR))('has the same fields as the real captures (detail and list item)', async () => {
    const real = readCapture<Json>('bp-next-data_track_6389004_noisia-purpose_2023-12.json').props.pageProps.track;
    const mine = (await get(F.previewTrack.apiUrl, { headers: anon })).json<Json>();
    expect(Object.keys(mine).sort()).toEqual([...Object.keys(real), ...NEWER_TRACK_FIELDS].sort());
    expect(Object.keys(mine.key).sort()).toEqual(Object.keys(real.key).sort());
    expect(Object.keys(mine.release).sort()).toEqual(Object.keys(real.release).sort());
    const realItem = readCapture<Json>('bp-derived-v4shape_release-1778814-tracks_from-SSR_2023-07-18.json');
    const list = (await get(`${API}/catalog/tracks/?release_id=${F.release.id}&per_page=100`, { headers: anon })).json<Json>();
    expect(Object.keys(list).sort()).toEqual(Object.keys(realItem).sort());
    expect(Object.keys(list.results[0]).sort()).toEqual([...Object.keys(realItem.results[0]), ...NEWER_TRACK_FIELDS].sort());
  });

  it('pages with a string page, next/previous links and DRF errors', async () => {
    const first = (await get(`${API}/catalog/tracks/?genre_id=11&per_page=10`, { headers: anon })).json<Json>();
    expect(first.count).toBeGreaterThanOrEqual(100);
    expect(first.page).toBe(`1/${Math.ceil(first.count / 10)}`);
    expect(first.previous).toBeNull();
    expect(first.next).toBe(`${API}/catalog/tracks/?genre_id=11&per_page=10&page=2`);
    const second = (await get(first.next, { headers: anon })).json<Json>();
    expect(second.previous).toBe(`${API}/catalog/tracks/?genre_id=11&per_page=10`);
    expect(second.results[0].id).not.toBe(first.results[0].id);
    const capped = (await get(`${API}/catalog/tracks/?per_page=500`, { headers: anon })).json<Json>();
    expect(capped.per_page).toBe(100);
    expect(capped.results).toHaveLength(100);
    const beyond = await get(`${API}/catalog/tracks/?page=999`, { headers: anon });
    expect(beyond.status).toBe(404);
    expect(beyond.json()).toEqual({ detail: 'Invalid page.' });
    const badFilter = await get(`${API}/catalog/tracks/?genre_id=house`, { headers: anon });
    expect(badFilter.status).toBe(400);
    expect(badFilter.json()).toEqual({ genre_id: ['Enter a number.'] });
  });

  it('filters by ISRC, BPM range, key name (sharps find flats), mix name and dates', async () => {
    const q = async (qs: string) => (await get(`${API}/catalog/tracks/?per_page=100&${qs}`, { headers: anon })).json<Json>().results as Json[];
    const byIsrc = await q(`isrc=${F.extendedVsOriginal.extended.isrc}`);
    expect(byIsrc.map((t) => t.id)).toEqual([F.extendedVsOriginal.extended.id]);
    const bpm = await q('bpm=124:126&genre_id=11');
    expect(bpm.length).toBeGreaterThan(0);
    expect(bpm.every((t) => t.bpm >= 124 && t.bpm <= 126)).toBe(true);
    const sharp = await q(`key_name=${encodeURIComponent('C# Minor')}`);
    expect(sharp.length).toBeGreaterThan(0);
    expect(sharp.every((t) => t.key.name === 'Db Minor')).toBe(true);
    const remixes = await q('mix_name=remix');
    expect(remixes.every((t) => /remix/i.test(t.mix_name))).toBe(true);
    const dated = await q('publish_date=2025-01-01:2025-03-31&order_by=publish_date');
    expect(dated.every((t) => t.publish_date >= '2025-01-01' && t.publish_date <= '2025-03-31')).toBe(true);
    expect(dated.map((t) => t.publish_date)).toEqual([...dated.map((t) => t.publish_date)].sort());
    const newest = (await q('order_by=-publish_date')).map((t) => String(t.publish_date));
    expect(newest).toEqual([...newest].sort().reverse());
  });

  it('keeps real data traps: empty remixers on a remix, half-time BPM, trailing spaces', async () => {
    const remix = (await get(`${API}/catalog/tracks/${F.remixNoRemixers.id}/`, { headers: anon })).json<Json>();
    expect(remix.mix_name).toBe('Juno Brask Remix');
    expect(remix.remixers).toEqual([]);
    const half = (await get(`${API}/catalog/tracks/${F.halfTimeBpm.id}/`, { headers: anon })).json<Json>();
    expect(half.bpm).toBe(63);
    const moons = (await get(`${API}/catalog/tracks/?name=paper%20moons`, { headers: anon })).json<Json>();
    expect(moons.results[0].name).toBe('Paper Moons ');
  });

  it('lists the global and a genre top 100 (Tech House is full)', async () => {
    const top = (await get(`${API}/catalog/tracks/top/100/?per_page=100`, { headers: anon })).json<Json>();
    expect(top.results.map((t: Json) => t.id)).toEqual(F.top100.trackIds);
    const genre = (await get(`${API}/catalog/genres/${F.top100Genre.id}/top/100/?per_page=100`, { headers: anon })).json<Json>();
    expect(genre.count).toBe(100);
    expect(genre.results.every((t: Json) => t.genre.id === F.top100Genre.id)).toBe(true);
  });

  it('answers 404 with DRF\'s body for unknown ids', async () => {
    const res = await get(`${API}/catalog/tracks/1/`, { headers: anon });
    expect(res.status).toBe(404);
    expect(res.json()).toEqual({ detail: 'Not found.' });
  });

  it('hands streams to subscribers only, pointing at needledrop', async () => {
    const url = `${API}/catalog/tracks/${F.previewTrack.id}/stream/`;
    expect((await get(url, { headers: anon })).status).toBe(403);
    expect((await get(url, { headers: bearer(mintBeatportToken('docs', { username: F.users.free.username })) })).status).toBe(403);
    const ok = (await get(url, { headers: bearer(mintBeatportToken('docs', { username: F.users.subscriber.username })) })).json<Json>();
    expect(ok.stream_url).toMatch(/^https:\/\/needledrop\.beatport\.com\/\d+_[0-9a-f]{40}\/[0-9a-f]\/[0-9a-f]\/[0-9a-f]\/[0-9a-f-]{36}\.128k\.aac\.m3u8\?start=0&end=\d+$/);
    expect(ok).toMatchObject({ sample_start_ms: 0, sample_end_ms: F.previewTrack.lengthMs });
  });
});

describe('releases, artists, labels, genres, charts, search', () => {
  it('returns a release with track URLs in reverse order and abbreviated release tracks', async () => {
    const r = (await get(`${API}/catalog/releases/${F.release.id}/`, { headers: anon })).json<Json>();
    expect(r.tracks).toEqual([...F.release.trackIds].reverse().map((id) => `${API}/catalog/tracks/${id}/`));
    expect(r).toMatchObject({ track_count: F.release.trackIds.length, catalog_number: F.release.catalogNumber, type: { name: 'Release' } });
    const tracks = (await get(`${API}/catalog/releases/${F.release.id}/tracks/?per_page=100`, { headers: anon })).json<Json>();
    expect(tracks.results.map((t: Json) => t.id)).toEqual(F.release.trackIds);
    expect(tracks.results[0]).not.toHaveProperty('number');
  });

  it.skipIf(!existsSync(CAPTURES_DIR))('shapes a release detail like the captured release page', async () => {
    const html = (await import('node:fs')).readFileSync(`${CAPTURES_DIR}/bp-page_release_osa-ep-1778814_2023-07-18.html`, 'utf8');
    const real = JSON.parse(/<script id="__NEXT_DATA__" type="application\/json">(.*?)<\/script>/s.exec(html)?.[1] ?? '{}').props.pageProps.release;
    const mine = (await get(`${API}/catalog/releases/${F.release.id}/`, { headers: anon })).json<Json>();
    expect(Object.keys(mine).sort()).toEqual(Object.keys(real).sort());
  });

  it('serves artist, label, genre, sub-genre and chart endpoints', async () => {
    const track = (await get(F.previewTrack.apiUrl, { headers: anon })).json<Json>();
    const artistId = track.artists[0].id;
    expect((await get(`${API}/catalog/artists/${artistId}/`, { headers: anon })).json()).toMatchObject({ id: artistId, name: 'Kasso Vale' });
    const artistTracks = (await get(`${API}/catalog/artists/${artistId}/tracks/?per_page=100`, { headers: anon })).json<Json>();
    expect(artistTracks.results.map((t: Json) => t.id)).toContain(F.previewTrack.id);
    const labelId = track.release.label.id;
    const releases = (await get(`${API}/catalog/labels/${labelId}/releases/`, { headers: anon })).json<Json>();
    expect(releases.results.map((r: Json) => r.id)).toContain(F.release.id);
    const genres = (await get(`${API}/catalog/genres/?per_page=100`, { headers: anon })).json<Json>();
    const byId = new Map<number, string>(genres.results.map((g: Json) => [g.id, g.name]));
    expect(byId.get(5)).toBe('House');
    expect(byId.get(92)).toBe('Techno (Raw / Deep / Hypnotic)');
    expect(byId.get(86)).toBe('UK Garage / Bassline');
    const subs = (await get(`${API}/catalog/genres/11/sub-genres/`, { headers: anon })).json<Json>();
    expect(subs.results.map((s: Json) => s.name)).toContain('Latin Tech');
    expect((await get(`${API}/catalog/sub-genres/`, { headers: anon })).json<Json>().count).toBeGreaterThan(10);
    const chart = (await get(`${API}/catalog/charts/${F.chart?.id}/`, { headers: anon })).json<Json>();
    expect(chart).toMatchObject({ id: F.chart?.id, name: F.chart?.name, track_count: 10 });
    const chartTracks = (await get(`${API}/catalog/charts/${F.chart?.id}/tracks/?per_page=100`, { headers: anon })).json<Json>();
    expect(chartTracks.results.map((t: Json) => t.id)).toEqual(F.chart?.trackIds);
    expect((await get(`${API}/catalog/charts/?per_page=100`, { headers: anon })).json<Json>().count).toBe(6);
  });

  it('searches with results keyed by type', async () => {
    const all = (await get(`${API}/catalog/search/?q=solstice%20run`, { headers: anon })).json<Json>();
    expect(Object.keys(all).sort()).toEqual(['artists', 'charts', 'labels', 'releases', 'tracks']);
    expect(all.tracks.map((t: Json) => t.id)).toEqual(expect.arrayContaining([F.extendedVsOriginal.original.id, F.extendedVsOriginal.extended.id]));
    const tracks = (await get(`${API}/catalog/search/?q=${encodeURIComponent('Лёша Дым')}&type=tracks&per_page=5`, { headers: anon })).json<Json>();
    expect(tracks.page).toMatch(/^1\/\d+$/);
    expect(tracks.tracks[0].artists[0].name).toBe('Лёша Дым');
    expect(tracks).not.toHaveProperty('releases');
    const isrc = (await get(`${API}/catalog/search/?q=${F.previewTrack.isrc}&type=tracks`, { headers: anon })).json<Json>();
    expect(isrc.tracks[0].id).toBe(F.previewTrack.id);
  });
});

describe('rate limit and CORS', () => {
  it('throttles with 429, Retry-After and DRF\'s message', async () => {
    replica.app.faults.set({ rateLimits: { beatport: { limit: 2, windowMs: 60_000 } } });
    await get(F.previewTrack.apiUrl, { headers: anon });
    await get(F.previewTrack.apiUrl, { headers: anon });
    const res = await get(F.previewTrack.apiUrl, { headers: anon });
    expect(res.status).toBe(429);
    const wait = Number(res.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(res.json()).toEqual({ detail: `Request was throttled. Expected available in ${wait} seconds.` });
    expect(replica.app.rateLimitViolations('beatport')).toBeGreaterThan(0);
  });

  it('answers a CORS preflight from the website', async () => {
    const res = await get(F.previewTrack.apiUrl, { method: 'OPTIONS', headers: { origin: 'https://www.beatport.com', 'access-control-request-headers': 'authorization' } });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('https://www.beatport.com');
    expect(String(res.headers['access-control-allow-headers'])).toContain('authorization');
  });
});
