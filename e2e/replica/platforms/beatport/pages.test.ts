/** Contract tests: www.beatport.com pages, their __NEXT_DATA__, /_next/data and the DOM hooks. */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../../server';
import { BEATPORT_FIXTURES as F, setBeatportAuthSettings } from './fixtures';
import { BUILD_ID } from './pages';
import { CAPTURES_DIR, type Fetch, nextDataOf, readCapture, replicaClient } from './test-client';

const WWW = 'https://www.beatport.com';
const browser = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36' };
let replica: Replica;
let get: Fetch;

/** Page data, read loosely in assertions. */
type Json = Record<string, any>;

const page = async (url: string) => {
  const res = await get(url, { headers: browser });
  return { res, html: res.text, data: nextDataOf(res.text) as Json };
};
const queryKeys = (data: Json) => (data.props.pageProps.dehydratedState.queries as Json[]).map((q) => q.queryKey[0]);
const count = (html: string, needle: string) => html.split(needle).length - 1;

beforeAll(async () => {
  replica = await startReplica({ port: 0, lazyMedia: true });
  get = replicaClient(replica);
});
afterAll(() => replica.stop());
beforeEach(() => replica.app.faults.reset());

describe('__NEXT_DATA__', () => {
  it.skipIf(!existsSync(CAPTURES_DIR))('has the captured top-level keys, page and query on a track page', async () => {
    const real = readCapture<Json>('bp-next-data_track_6389004_noisia-purpose_2023-12.json');
    const { data } = await page(F.previewTrack.url);
    expect(Object.keys(data).sort()).toEqual(Object.keys(real).sort());
    expect(data.page).toBe(real.page);
    expect(data.query).toEqual({ description: 'lantern-code', id: String(F.previewTrack.id) });
    expect(data.props.__N_SSP).toBe(true);
    const newer = ['bsrc_remixer', 'is_explicit', 'is_ugc_remix', 'is_dj_edit']; // 2026 fields (beatport.md §4)
    expect(Object.keys(data.props.pageProps.track).sort()).toEqual([...Object.keys(real.props.pageProps.track), ...newer].sort());
    expect(queryKeys(data)).toEqual([`track-${F.previewTrack.id}`]);
    expect(Object.keys(data.props.pageProps.dehydratedState.queries[0].state).sort()).toEqual(Object.keys(real.props.pageProps.dehydratedState.queries[0].state).sort());
    // SSR data points at Beatport's internal API host, as in the capture
    expect(data.props.pageProps.track.artists[0].url).toMatch(/^https:\/\/api-internal\.beatportprod\.com\/v4\/catalog\/artists\/\d+\/$/);
  });

  it('puts the release and its tracks in the captured query keys', async () => {
    const { data } = await page(F.release.url);
    expect(data.page).toBe('/release/[description]/[id]');
    expect(queryKeys(data)).toEqual([`release-${F.release.id}`, `tracks-release_id=${F.release.id}&per_page=100&page=1`, `release-${F.release.id}-recommendations`]);
    const tracks = data.props.pageProps.dehydratedState.queries[1].state.data;
    expect(tracks).toMatchObject({ count: F.release.trackIds.length, page: '1/1', per_page: 100, next: null });
    expect(data.props.pageProps.release.id).toBe(F.release.id);
  });

  it('serves the top 100 under its real query key with 100 full tracks', async () => {
    const { data, html } = await page(`${WWW}/top-100`);
    expect(queryKeys(data)).toEqual(['top-100-tracks-per_page=100']);
    expect(data.props.pageProps.dehydratedState.queries[0].state.data.results.map((t: Json) => t.id)).toEqual(F.top100.trackIds);
    expect(count(html, 'data-testid="tracks-table-row"')).toBe(100);
  });

  it('carries hype lists only in page data (tracks flagged is_hype)', async () => {
    const { data } = await page(`${WWW}/hype-100`);
    const results = data.props.pageProps.dehydratedState.queries[0].state.data.results as Json[];
    expect(results.length).toBeGreaterThan(50);
    expect(results.every((t) => t.is_hype)).toBe(true);
  });

  it('uses the search service schema on search pages', async () => {
    const { data } = await page(`${WWW}/search/tracks?q=${encodeURIComponent('Solstice Run')}`);
    const first = data.props.pageProps.dehydratedState.queries[0].state.data.data[0];
    expect(first).toMatchObject({ track_name: 'Solstice Run', mix_name: expect.any(String), isrc: expect.any(String) });
    expect(first.artists[0]).toEqual({ artist_id: expect.any(Number), artist_name: 'Mira Lenz', artist_type_name: 'Artist' });
    expect(first.release).toHaveProperty('release_image_uri');
    const all = (await page(`${WWW}/search?q=kasso`)).data.props.pageProps.dehydratedState.queries[0].state.data;
    expect(Object.keys(all).sort()).toEqual(['artists', 'labels', 'releases', 'tracks']);
  });
});

describe('/_next/data', () => {
  it.skipIf(!existsSync(CAPTURES_DIR))('returns {pageProps, __N_SSP} like the captured navigation payload', async () => {
    const real = readCapture<Json>('bp-next-data-endpoint_track_194481_noisia-concussion_2023-12.json');
    const res = await get(`${WWW}/_next/data/${BUILD_ID}/en/track/lantern-code/${F.previewTrack.id}.json?description=lantern-code&id=${F.previewTrack.id}`);
    expect(res.status).toBe(200);
    const mine = res.json<Json>();
    expect(Object.keys(mine).sort()).toEqual(Object.keys(real).sort());
    expect(mine.pageProps.track.id).toBe(F.previewTrack.id);
  });

  it('pages lists and 404s a stale build id or an unknown entity', async () => {
    const two = (await get(`${WWW}/_next/data/${BUILD_ID}/en/genre/tech-house/11.json?page=2`)).json<Json>();
    const list = two.pageProps.dehydratedState.queries[1].state.data;
    expect(list.page).toMatch(/^2\/\d+$/);
    expect((await get(`${WWW}/_next/data/old-build/en/top-100.json`)).status).toBe(404);
    expect((await get(`${WWW}/_next/data/${BUILD_ID}/en/track/x/1.json`)).status).toBe(404);
  });
});

describe('DOM', () => {
  it('draws track rows with the cells, links and buttons extensions anchor on', async () => {
    const { html } = await page(F.release.url);
    expect(count(html, 'data-testid="tracks-table-row"')).toBe(F.release.trackIds.length);
    for (const hook of ['Table-style__TableRow', 'row tracks-table', 'cell title', 'cell label', 'cell bpm', 'cell date', 'TrackNo', 'ArtistNames', 'class="artwork" href="/release/', 'data-testid="play-button"', 'data-testid="add-to-queue-button"', 'data-testid="add-to-playlist-button"', 'ReleaseDetailCard-style__Name']) {
      expect(html, hook).toContain(hook);
    }
    expect(html).toContain(`href="/track/lantern-code/${F.previewTrack.id}"`);
    expect(html).toContain('126 BPM - Db Minor');
    expect(html).toMatch(/<span class="Lists-shared-style__ItemName[^"]*">Lantern Code <span>Original Mix<\/span><\/span>/);
    expect(html).toContain('/image_size/95x95/');
  });

  it('renders a track page header and the preview in twitter:player:stream', async () => {
    const { html } = await page(F.previewTrack.url);
    expect(html).toMatch(/<h1 class="TrackDetailCard-style__TrackName[^"]*">Lantern Code<\/h1>/);
    expect(html).toContain(`<meta name="twitter:player:stream" content="${F.previewTrack.sampleUrl}"/>`);
    expect(html).toContain('Player-style__PlayerWrapper');
  });

  it('shows a label\'s top tracks and its releases (found by a "releases" query key)', async () => {
    const labelUrl = /href="(\/label\/[^"]+)"/.exec((await page(F.release.url)).html)?.[1] ?? '';
    const { html, data } = await page(`${WWW}${labelUrl}`);
    const releases = (data.props.pageProps.dehydratedState.queries as Json[]).find((q) => String(q.queryKey[0]).includes('releases'));
    expect(releases?.state.data.results.map((r: Json) => r.id)).toContain(F.release.id);
    expect(count(html, 'data-testid="release-card"')).toBe(releases?.state.data.results.length);
    expect(count(html, 'data-testid="tracks-table-row"')).toBeGreaterThan(0);
  });

  it('keeps the locale prefix in links and in __NEXT_DATA__', async () => {
    const { html, data } = await page(`${WWW}/de/release/lantern-code-ep/${F.release.id}`);
    expect(data.locale).toBe('de');
    expect(html).toContain(`href="/de/track/lantern-code/${F.previewTrack.id}"`);
  });

  it('pages a genre with ?page and a Load more button', async () => {
    const first = await page(`${WWW}/genre/tech-house/11`);
    expect(count(first.html, 'data-testid="tracks-table-row"')).toBe(25);
    expect(first.html).toContain('data-next-page="2"');
    expect(first.html).toContain('data-testid="load-more"');
    const second = await page(`${WWW}/genre/tech-house/11?page=2`);
    expect(second.html).toMatch(/<span class="Tables-shared-style__TrackNo[^"]*">26<\/span>/);
  });

  it('escapes the hostile item everywhere and keeps it intact in the data', async () => {
    const { html, data } = await page(F.hostile.track.url);
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('</script><img');
    expect(html).toContain('&lt;img src=x onerror=alert(&#39;bp&#39;)&gt;');
    expect(data.props.pageProps.track.name).toBe(F.hostile.track.name);
    expect(data.props.pageProps.track.name).toHaveLength(2000);
    expect(data.props.pageProps.track.isrc).toBeNull();
    expect(data.props.pageProps.track.key).toBeNull();
  });

  it('answers unknown pages with a Next.js 404 page', async () => {
    const res = await get(`${WWW}/track/nothing/1`, { headers: browser });
    expect(res.status).toBe(404);
    expect((nextDataOf(res.text) as Json).page).toBe('/404');
  });
});

describe('blocks and assets', () => {
  it('403s a site search with more than one "(" pair', async () => {
    expect((await get(`${WWW}/search/tracks?q=${encodeURIComponent('a (b) (c)')}`, { headers: browser })).status).toBe(403);
    expect((await get(`${WWW}/search/tracks?q=${encodeURIComponent('a (b)')}`, { headers: browser })).status).toBe(200);
  });

  it('challenges scripted page fetches when Cloudflare is switched on', async () => {
    setBeatportAuthSettings({ cloudflareChallenge: true });
    try {
      const scripted = await get(`${WWW}/top-100`, { headers: { 'user-agent': 'python-requests/2.31' } });
      expect(scripted.status).toBe(403);
      expect(scripted.text).toContain('Just a moment...');
      expect((await get(`${WWW}/top-100`, { headers: browser })).status).toBe(200);
    } finally {
      setBeatportAuthSettings({ cloudflareChallenge: false });
    }
  });

  it('serves the client bundle and stylesheet the pages reference', async () => {
    const { html } = await page(`${WWW}/top-100`);
    const script = /<script src="([^"]+)" defer="">/.exec(html)?.[1] ?? '';
    const css = /<link rel="stylesheet" href="([^"]+)"/.exec(html)?.[1] ?? '';
    const js = await get(`${WWW}${script}`);
    expect(js.status).toBe(200);
    expect(js.text).toContain('/_next/data/');
    expect(js.text).toContain('tracks-table-row');
    expect((await get(`${WWW}${css}`)).text).toContain('#01ff95');
  });

  it('redirects the bare domain to www', async () => {
    const res = await get('https://beatport.com/top-100');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe(`${WWW}/top-100`);
  });
});
