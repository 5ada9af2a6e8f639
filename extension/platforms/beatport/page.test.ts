/** Page scanning on the replica's server-rendered pages (in-process replica, parsed with linkedom). */
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../../../e2e/replica/server';
import { BEATPORT_FIXTURES as F } from '../../../e2e/replica/platforms/beatport/fixtures';
import { replicaClient, type Fetch } from '../../../e2e/replica/platforms/beatport/test-client';
import { anonSessionOf, readNextData, tracksOfPageProps } from './next-data';
import { parseBpmKey, parseRow, releaseListSpot, scanBeatport, TrackIndex } from './page';

const WWW = 'https://www.beatport.com';
let replica: Replica;
let get: Fetch;

beforeAll(async () => {
  replica = await startReplica({ port: 0, lazyMedia: true });
  get = replicaClient(replica);
});
afterAll(() => replica.stop());

async function load(url: string): Promise<Document> {
  const res = await get(url);
  expect(res.status).toBe(200);
  return parseHTML(res.text).document as unknown as Document;
}

/** Index from the page's own __NEXT_DATA__, as the content script builds it on first load. */
function indexOf(doc: Document): TrackIndex {
  const index = new TrackIndex();
  index.add(tracksOfPageProps(readNextData(doc)?.props?.pageProps));
  return index;
}

const rows = (doc: Document) => [...doc.querySelectorAll('div[data-testid="tracks-table-row"]')];

describe('track rows', () => {
  it('gives every Top 100 row exactly one item, in its title cell, with BPM and key from the row', async () => {
    const doc = await load(`${WWW}/top-100`);
    const items = scanBeatport(doc, indexOf(doc), `${WWW}/top-100`);
    expect(items.map((i) => Number(i.ref.id))).toEqual(F.top100.trackIds);
    expect(new Set(items.map((i) => i.anchor)).size).toBe(100);
    items.forEach((item, n) => {
      expect(item.anchor.closest('div[data-testid="tracks-table-row"]')).toBe(rows(doc)[n]);
      expect(item.anchor.className).toContain('cell title');
      expect(item).toMatchObject({ size: 'small', copyTags: true });
      expect(item.ref.kind).toBe('preview');
    });
    const preview = items.find((i) => i.ref.id === String(F.previewTrack.id));
    expect(preview?.ref).toMatchObject({ bpm: F.previewTrack.bpm, key: 'Dbm', title: F.previewTrack.title, artist: F.previewTrack.artists.join(', ') });
  });

  it('reads rows from the DOM alone as completely as from page data (SPA pages, stale __NEXT_DATA__)', async () => {
    const doc = await load(F.top100Genre.url);
    const withData = scanBeatport(doc, indexOf(doc), F.top100Genre.url);
    const domOnly = scanBeatport(doc, new TrackIndex(), F.top100Genre.url);
    expect(domOnly.map((i) => i.ref.id)).toEqual(F.top100Genre.top100TrackIds.map(String));
    domOnly.forEach((item, n) => {
      const full = withData[n]?.ref;
      expect(item.ref).toMatchObject({ id: full?.id, url: full?.url, title: full?.title, artist: full?.artist, kind: 'preview' });
      expect(item.ref.bpm).toBe(full?.bpm);
      expect(item.ref.key).toBe(full?.key);
    });
    // Page data adds what rows do not show.
    expect(withData.every((i) => typeof i.ref.durationMs === 'number')).toBe(true);
    expect(domOnly.every((i) => i.ref.durationMs === undefined)).toBe(true);
  });

  it('follows locale-prefixed links (/de/track/…) to canonical track URLs', async () => {
    const doc = await load(`${WWW}/de/top-100`);
    expect(rows(doc)[0]?.querySelector('a[href^="/de/track/"]')).toBeTruthy();
    const items = scanBeatport(doc, new TrackIndex(), `${WWW}/de/top-100`);
    expect(items).toHaveLength(100);
    expect(items[0]?.ref.url).toMatch(/^https:\/\/www\.beatport\.com\/track\/[^/]+\/\d+$/);
  });

  it('a release page offers "Download all" under the release card’s facts; other pages do not', async () => {
    const doc = await load(F.release.url);
    const spot = releaseListSpot(doc, F.release.url);
    expect(spot).toMatchObject({ size: 'medium', position: 'after', noun: 'release' });
    expect(spot?.anchor.className).toContain('ReleaseDetailCard-style__Meta');
    expect(spot?.anchor.closest('div[data-testid="tracks-table-row"]')).toBeNull();
    // A play button of the card itself (not a row's) is the better place.
    const play = doc.createElement('button');
    play.setAttribute('data-testid', 'play-button');
    doc.querySelector('[class*="ReleaseDetailCard-style__Wrapper"] .info')?.append(play);
    expect(releaseListSpot(doc, F.release.url)?.anchor).toBe(play);
    const top = await load(`${WWW}/top-100`);
    expect(releaseListSpot(top, `${WWW}/top-100`)).toBeUndefined();
    expect(releaseListSpot(doc, `${WWW}/top-100`)).toBeUndefined();
  });

  it('covers release, DJ chart, artist, label, genre, Hype 100 and both search pages', async () => {
    const chart = F.chart as NonNullable<typeof F.chart>;
    const top = await load(`${WWW}/top-100`);
    const linkTo = (kind: string) => `${WWW}${top.querySelector(`div[data-testid="tracks-table-row"] a[href^="/${kind}/"]`)?.getAttribute('href')}`;
    const pages: [string, number[] | undefined][] = [
      [F.release.url, F.release.trackIds],
      [chart.url, chart.trackIds],
      [linkTo('artist'), undefined],
      [linkTo('label'), undefined],
      [`${WWW}/genre/${F.top100Genre.slug}/${F.top100Genre.id}`, undefined],
      [`${WWW}/hype-100`, undefined],
      [`${WWW}/search?q=${encodeURIComponent('Lantern Code')}`, undefined],
      [`${WWW}/search/tracks?q=${encodeURIComponent('Lantern Code')}`, undefined],
    ];
    for (const [url, ids] of pages) {
      const doc = await load(url);
      const items = scanBeatport(doc, indexOf(doc), url);
      expect(items.length, url).toBe(rows(doc).length);
      expect(items.length, url).toBeGreaterThan(0);
      if (ids) expect(new Set(items.map((i) => Number(i.ref.id)))).toEqual(new Set(ids));
      expect(items.every((i) => i.ref.title && i.ref.artist), url).toBe(true);
      // Only the hostile item (on Hype 100) has no BPM.
      expect(items.filter((i) => !i.ref.bpm).map((i) => i.ref.id), url).toEqual(items.filter((i) => i.ref.id === String(F.hostile.track.id)).map((i) => i.ref.id));
    }
  });

  it('search pages: rows match the search-service data', async () => {
    const url = `${WWW}/search?q=${encodeURIComponent('Lantern Code')}`;
    const doc = await load(url);
    const fromData = tracksOfPageProps(readNextData(doc)?.props?.pageProps);
    expect(fromData.length).toBeGreaterThan(0);
    const items = scanBeatport(doc, new TrackIndex(), url);
    expect(items.map((i) => i.ref.id)).toEqual(fromData.map((r) => r.id));
    expect(items.map((i) => i.ref.key)).toEqual(fromData.map((r) => r.key));
  });
});

describe('track detail page', () => {
  it('puts one medium button after the play button of the detail card', async () => {
    const doc = await load(F.previewTrack.url);
    const items = scanBeatport(doc, indexOf(doc), F.previewTrack.url);
    const detail = items.filter((i) => i.size === 'medium');
    expect(detail).toHaveLength(1);
    expect(detail[0]?.anchor.getAttribute('data-testid')).toBe('play-button');
    expect(detail[0]).toMatchObject({ position: 'after', copyTags: true });
    expect(detail[0]?.ref).toMatchObject({ id: String(F.previewTrack.id), title: F.previewTrack.title, bpm: F.previewTrack.bpm, key: 'Dbm' });
  });

  it('reads the card itself when page data is stale (reached by navigation)', async () => {
    const doc = await load(F.halfTimeBpm.url);
    const [item] = scanBeatport(doc, new TrackIndex(), F.halfTimeBpm.url);
    expect(item?.ref).toMatchObject({ id: String(F.halfTimeBpm.id), title: F.halfTimeBpm.title, artist: F.halfTimeBpm.artists.join(', '), bpm: 63, key: 'Fm' });
    // The cover, not the waveform PNG drawn beside the play button.
    expect(item?.ref.artworkUrl).toBe(F.halfTimeBpm.coverUrl.replace('1400x1400', '500x500'));
  });

  it('survives the hostile track: long title bounded, markup kept as text', async () => {
    const doc = await load(F.hostile.track.url);
    const items = scanBeatport(doc, indexOf(doc), F.hostile.track.url);
    expect(items).toHaveLength(1);
    const ref = items[0]?.ref;
    expect(ref?.title?.length).toBeLessThanOrEqual(1000);
    expect(ref?.title).toContain("<img src=x onerror=alert('bp')>");
    expect(ref?.bpm).toBeUndefined();
  });
});

describe('page data', () => {
  it('hands over the anonymous session with its expiry', async () => {
    const doc = await load(`${WWW}/top-100`);
    const token = anonSessionOf(readNextData(doc)?.props?.pageProps);
    expect(token?.token.length).toBeGreaterThan(20);
    expect((token?.expiresAt ?? 0) - Date.now()).toBeGreaterThan(3_500_000);
    expect(anonSessionOf({ anonSession: { access_token: 'short' } })).toBeUndefined();
    expect(anonSessionOf({ anonSession: { access_token: 'x'.repeat(40), create_date: '2025-01-01T00:00:00Z', expires_in: 3600 } })?.expiresAt).toBe(Date.parse('2025-01-01T01:00:00Z'));
  });

  it('parses BPM/key cells and ignores rows without a track link', () => {
    expect(parseBpmKey('128 BPM - D Major')).toEqual({ bpm: 128, key: 'D' });
    expect(parseBpmKey('63 BPM - Db Minor')).toEqual({ bpm: 63, key: 'Dbm' });
    expect(parseBpmKey('— - —')).toEqual({});
    const { document } = parseHTML('<div data-testid="tracks-table-row"><div class="cell title"><a href="/release/x/1">x</a></div></div>');
    expect(parseRow(document.querySelector('div') as unknown as Element, WWW)).toBeUndefined();
  });
});
