import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { captureJson, captureText, scHydration } from '../../../shared/test-support/captures';
import { startReplica, type Replica } from '../../../e2e/replica/server';
import { SOUNDCLOUD_FIXTURES as SC } from '../../../e2e/replica/platforms/soundcloud/fixtures';
import { apiV2, fetchReplica, hydrationOf } from '../../../e2e/replica/platforms/soundcloud/test-client';
import { collectTracks, ItemTracker, readHydration, scanSoundcloud, setListSpot, setStubIds, trackLinkPath, trackPath, TrackIndex } from './page';
import type { ScTrack } from './types';

describe('SoundCloud page data', () => {
  it('reads the client id and the sound from a real 2026 homepage and a 2023 track page', () => {
    const home = readHydration(scHydration(captureText('soundcloud', 'sc-page_homepage_2026-04-14.html')));
    expect(home.clientId).toMatch(/^[A-Za-z0-9]{32}$/);
    const track = readHydration(scHydration(captureText('soundcloud', 'sc-page_track_michalmenert-rust_2023-07-19.html')));
    expect(track.tracks.map((t) => t.urn)).toEqual(['soundcloud:tracks:43001609']);
  });

  it('finds the tracks of a real set page (full objects only) and the ids of its stubs', () => {
    const entries = scHydration(captureText('soundcloud', 'sc-page_set_imnotfromlondon-circle-of-light_2023-07-19.html'));
    const set = readHydration(entries);
    expect(set.tracks.length).toBe(5);
    expect(set.tracks.every((t) => t.kind === 'track' && t.permalink_url)).toBe(true);
    const playlist = entries.find((e) => (e as { hydratable: string }).hydratable === 'playlist') as { data: { permalink_url: string; tracks: unknown[] } };
    const stubs = setStubIds(entries, new URL(playlist.data.permalink_url).pathname);
    expect(stubs.length).toBe(playlist.data.tracks.length - 5);
    expect(setStubIds(entries, '/someone/sets/another-set')).toEqual([]);
  });

  it('collects tracks from real api-v2 answers of every wrapper shape', () => {
    const likes: ScTrack[] = [];
    collectTracks(captureJson('soundcloud', 'sc-api-v2_users_30854092_likes_page1.json'), likes, 0);
    expect(likes.length).toBeGreaterThan(5);
    const search: ScTrack[] = [];
    collectTracks(captureJson('soundcloud', 'sc-api-v2_search-tracks_cirque-du-soleil_offset0.json'), search, 0);
    expect(search.length).toBe(10);
    const playlist: ScTrack[] = [];
    collectTracks(captureJson('soundcloud', 'sc-api-v2_playlists_246349810_compact_liluzivert-luv-tape.json'), playlist, 0);
    expect(playlist.length).toBe(5);
  });

  it('normalises links to track paths, keeping secret tokens and ignoring non-track pages', () => {
    expect(trackPath('https://soundcloud.com/MichalMenert/rust?in=x')).toBe('/michalmenert/rust');
    expect(trackPath('/a/b/s-AbC12')).toBe('/a/b/s-abc12');
    expect(trackLinkPath('/a/b/s-AbC12')).toBe('/a/b/s-AbC12');
    expect(trackPath('/a/b/likes')).toBe('/a/b');
    for (const notTrack of ['https://soundcloud.com/a/sets/b', '/discover/sets/x', '/mira/tracks', '/mira/popular-tracks', '/search/sounds?q=x', '/mira', 'https://evil.example/a/b', 'javascript:alert(1)', '']) {
      expect(trackPath(notTrack), notTrack).toBeUndefined();
    }
  });

  it('indexes private tracks under their secret-token path, whether or not the permalink carries it', () => {
    const index = new TrackIndex();
    index.add([{ id: 3, kind: 'track', permalink_url: 'https://soundcloud.com/a/secret', secret_token: 's-XyZ', title: 'S' }]);
    expect(index.get('/a/secret/s-xyz')?.url).toBe('https://soundcloud.com/a/secret/s-XyZ');
    index.add([{ id: 4, kind: 'track', permalink_url: 'https://soundcloud.com/a/other/s-QwE', secret_token: 's-QwE', title: 'O' }]);
    expect(index.get('/a/other/s-QwE')?.url).toBe('https://soundcloud.com/a/other/s-QwE');
    expect(index.get('/a/other')?.id).toBe('soundcloud:tracks:4');
  });

  it('marks DRM-only tracks whose plain transcoding only repeats an encrypted preset', () => {
    const tr = (preset: string, protocol: string) => ({ preset, format: { protocol } });
    const index = new TrackIndex();
    const base = { kind: 'track', title: 't' };
    index.add([
      { ...base, id: 1, permalink_url: 'https://soundcloud.com/a/drm', media: { transcodings: [tr('aac_160k', 'ctr-encrypted-hls'), tr('aac_160k', 'hls')] } },
      { ...base, id: 2, permalink_url: 'https://soundcloud.com/a/goplus', media: { transcodings: [tr('aac_256k', 'ctr-encrypted-hls'), tr('aac_160k', 'hls')] } },
    ]);
    expect(index.get('/a/drm')?.unavailable?.code).toBe('stream.drm');
    expect(index.get('/a/goplus')?.unavailable).toBeUndefined();
  });

  it('skips unknown markup and items without data instead of guessing', () => {
    const { document } = parseHTML(`<html><body>
      <div class="sound"><div class="sound__footer"></div><a class="soundTitle__title" href="/a/b">no button group</a></div>
      <div class="sound"><div class="soundActions"><div class="sc-button-group"></div></div>no link</div>
      <div class="chartTrack"><div class="sc-button-group"></div><a class="chartTrack__title" href="/a/unknown">no data</a></div>
      <div class="trackItem"><div class="sc-button-group"></div><a class="trackItem__trackTitle" href="javascript:alert(1)">x</a></div>
    </body></html>`);
    const index = new TrackIndex();
    index.add([{ id: 1, kind: 'track', permalink_url: 'https://soundcloud.com/a/b' }, { kind: 'track', title: 'no permalink' }]);
    const missing = new Set<string>();
    expect(scanSoundcloud(document, index, missing)).toEqual([]);
    expect([...missing]).toEqual(['/a/unknown']);
  });
});

describe('SoundCloud list scanning over time', () => {
  const sound = (path: string) =>
    `<li class="soundList__item"><div class="sound"><a class="soundTitle__title" href="${path}">t</a><div class="soundActions"><div class="sc-button-group sc-button-group-small"></div></div></div></li>`;
  const setup = () => {
    const { window, document } = parseHTML(`<html><body><ul id="list">${sound('/a/one')}${sound('/a/two')}</ul></body></html>`);
    const index = new TrackIndex();
    index.add(['one', 'two', 'three', 'four'].map((p, i) => ({ id: i + 1, kind: 'track', permalink_url: `https://soundcloud.com/a/${p}` })));
    return { window, document, index, list: document.getElementById('list') as Element };
  };
  const ids = (items: { ref: { id: string } }[]) => items.map((i) => i.ref.id.replace('soundcloud:tracks:', ''));

  it('follows items re-rendered in place: a new link or a new button group is seen', () => {
    const { document, index } = setup();
    expect(ids(scanSoundcloud(document, index))).toEqual(['1', '2']);
    document.querySelector('a.soundTitle__title')?.setAttribute('href', '/a/three');
    expect(ids(scanSoundcloud(document, index))).toEqual(['3', '2']);
    const group = document.querySelector('.sc-button-group') as Element;
    const fresh = group.cloneNode() as Element;
    group.replaceWith(fresh);
    expect(scanSoundcloud(document, index)[0]?.anchor).toBe(fresh);
  });

  it('the item tracker keeps the page items from mutations, in document order, ignoring our buttons', () => {
    const { window, document, index, list } = setup();
    const saved = globalThis.MutationObserver;
    globalThis.MutationObserver = (window as unknown as { MutationObserver: typeof MutationObserver }).MutationObserver;
    try {
      const tracker = new ItemTracker(document as unknown as Document);
      // (Document order itself is checked in Chromium: linkedom's compareDocumentPosition is wrong for nested nodes.)
      const seen = () => ids(scanSoundcloud(document, index, undefined, tracker.current())).sort();
      expect(seen()).toEqual(['1', '2']);
      const walks = vi.spyOn(document, 'querySelectorAll');
      list.insertAdjacentHTML('beforeend', sound('/a/three'));
      list.insertAdjacentHTML('afterbegin', sound('/a/four'));
      const host = document.createElement('span');
      host.setAttribute('data-deckhand-track', 'soundcloud:x');
      document.querySelector('.sc-button-group')?.append(host);
      expect(seen()).toEqual(['1', '2', '3', '4']);
      expect(walks).not.toHaveBeenCalled(); // new items are found in the new nodes, not by walking the page
      walks.mockRestore();
      list.firstElementChild?.remove();
      list.lastElementChild?.remove();
      expect(seen()).toEqual(['1', '2']);
      tracker.disconnect();
    } finally {
      globalThis.MutationObserver = saved;
    }
  });
});

describe('SoundCloud pages of the replica, scanned', () => {
  let replica: Replica;
  beforeAll(async () => {
    replica = await startReplica({ port: 0, lazyMedia: true });
  });
  afterAll(async () => {
    await replica?.stop();
  });

  const tracksOf = async (pathOrUrl: string): Promise<ScTrack[]> => {
    const found: ScTrack[] = [];
    collectTracks((await apiV2(replica, pathOrUrl)).json(), found, 0);
    return found;
  };

  /** What the content script sees: hydration, then the reader's lookups for whatever stayed missing. */
  async function scanPage(url: string, prepare?: (doc: Document) => void) {
    const html = (await fetchReplica(replica, url)).text;
    const { document } = parseHTML(html);
    Object.defineProperty(document, 'location', { value: new URL(url) });
    prepare?.(document);
    const index = new TrackIndex();
    const hydration = hydrationOf(html);
    index.add(readHydration(hydration).tracks);
    const stubs = setStubIds(hydration, new URL(url).pathname);
    if (stubs.length) index.add(await tracksOf(`/tracks?ids=${stubs.join(',')}`));
    const missing = new Set<string>();
    const before = scanSoundcloud(document, index, missing);
    for (const path of missing) index.add(await tracksOf(`/resolve?url=${encodeURIComponent(`https://soundcloud.com${path}`)}`));
    const still = new Set<string>();
    const items = scanSoundcloud(document, index, still);
    return { document, before, items, looked: missing, still, count: (sel: string) => document.querySelectorAll(sel).length };
  }

  it('track page: one medium button for the track (from hydration), one small per related track', async () => {
    const page = await scanPage(SC.plain.url);
    expect(page.before.map((i) => [i.ref.id, i.size])).toEqual([[SC.plain.urn, 'medium']]);
    expect(page.items[0]?.anchor.matches('.listenEngagement__footer .sc-button-group')).toBe(true);
    const related = page.items.filter((i) => i.anchor.closest('.soundBadge'));
    expect(related.length).toBe(page.count('.soundBadge'));
    expect(related.length).toBe(3);
    expect(page.items.filter((i) => i.anchor.closest('.queue'))).toEqual([]); // the closed queue is not scanned
    expect(page.still.size).toBe(0);
  });

  it('private track page: the secret link is kept in the ref', async () => {
    const { items } = await scanPage(SC.private.url);
    expect(items[0]?.ref.url).toBe(SC.private.url);
    expect(items[0]?.ref.id).toBe(SC.private.urn);
  });

  it('unavailable tracks carry the reason the button shows', async () => {
    const reasons: Record<string, string | undefined> = {};
    for (const f of [SC.drmOnly, SC.snip, SC.geoBlocked, SC.plain]) reasons[f.key] = (await scanPage(f.url)).items[0]?.ref.unavailable?.code;
    expect(reasons).toEqual({ [SC.drmOnly.key]: 'stream.drm', [SC.snip.key]: 'stream.preview-only', [SC.geoBlocked.key]: 'region.blocked', [SC.plain.key]: undefined });
  });

  it('set pages: a button on every row in set order (stubs fetched by id), none on the set header', async () => {
    for (const set of [SC.playlist, SC.album]) {
      const page = await scanPage(set.url);
      expect(page.items.map((i) => i.ref.id)).toEqual(set.expectedOrder);
      expect(page.items.every((i) => i.size === 'small' && i.anchor.closest('.trackItem'))).toBe(true);
      expect(page.looked.size).toBe(0); // hydration plus the stub batch cover every row
    }
  });

  it('set and album pages offer "Download all" in the set’s own buttons, named as SoundCloud names them; track and user pages do not', async () => {
    for (const set of [SC.playlist, SC.album]) {
      const { document } = await scanPage(set.url);
      const spot = setListSpot(document);
      expect(spot, set.url).toMatchObject({ size: 'medium', noun: set === SC.album ? 'album' : 'set' });
      expect(spot?.anchor.matches('.listenEngagement__footer .sc-button-group'), set.url).toBe(true);
    }
    for (const url of [SC.plain.url, SC.users.label.url, `${SC.users.label.url}/sets`]) expect(setListSpot((await scanPage(url)).document), url).toBeUndefined();
    // SoundCloud's own system playlists are not a user's set.
    const html = (await fetchReplica(replica, SC.playlist.url)).text;
    const { document } = parseHTML(html);
    Object.defineProperty(document, 'location', { value: new URL('https://soundcloud.com/discover/sets/weekly::someone') });
    expect(document.querySelector('.listenEngagement__footer .sc-button-group')).not.toBeNull();
    expect(setListSpot(document)).toBeUndefined();
  });

  it('user pages: every track in every tab, no track button on sets seen from outside', async () => {
    for (const tab of ['', '/tracks', '/popular-tracks', '/likes', '/reposts', '/albums', '/sets']) {
      const page = await scanPage(`${SC.users.label.url}${tab}`);
      const tracks = page.count('.soundList__item .sound:not(.playlist)');
      expect(page.items.length, tab).toBe(tracks);
      expect(page.items.every((i) => i.size === 'small' && !i.anchor.closest('.playlist')), tab).toBe(true);
      if (tab === '/sets' || tab === '/albums') expect(tracks, tab).toBe(0);
      else expect(tracks, tab).toBeGreaterThan(0);
    }
  });

  it('the paged user: the api answer the app fetches covers the first page without lookups', async () => {
    const url = `${SC.pagedUser.url}/tracks`;
    const html = (await fetchReplica(replica, url)).text;
    const { document } = parseHTML(html);
    const index = new TrackIndex();
    index.add(await tracksOf(`/users/${SC.pagedUser.id}/tracks?limit=20&offset=0&linked_partitioning=1`));
    const missing = new Set<string>();
    expect(scanSoundcloud(document, index, missing).length).toBe(20);
    expect(missing.size).toBe(0);
  });

  it('feed, search tabs, charts, discover and home: one button per track item', async () => {
    const pages: [string, string][] = [
      ['https://soundcloud.com/feed', '.soundList__item .sound:not(.playlist)'],
      ['https://soundcloud.com/search?q=night', '.searchList__item .sound:not(.playlist)'],
      ['https://soundcloud.com/search/sounds?q=tape', '.searchList__item .sound'],
      ['https://soundcloud.com/charts/top', '.chartTrack'],
      ['https://soundcloud.com/discover', '.playableTile'],
      ['https://soundcloud.com/', '.playableTile'],
    ];
    for (const [url, selector] of pages) {
      const page = await scanPage(url);
      expect(page.count(selector), url).toBeGreaterThan(0);
      expect(page.items.length, url).toBe(page.count(selector));
      expect(new Set(page.items.map((i) => i.anchor)).size, url).toBe(page.items.length);
      // Grid tiles get the icon-only button (their own are icons too); lists keep the labelled one.
      expect(page.items.every((i) => i.size === (selector === '.playableTile' ? 'compact' : 'small')), url).toBe(true);
    }
    for (const tab of ['people', 'sets']) expect((await scanPage(`https://soundcloud.com/search/${tab}?q=night`)).items, tab).toEqual([]);
  });

  it('the "Next up" queue gets buttons once it is open', async () => {
    const open = (doc: Document) => {
      doc.querySelector('.queue')?.classList.add('m-visible');
      doc.querySelector('.queue')?.setAttribute('aria-hidden', 'false');
    };
    const page = await scanPage('https://soundcloud.com/discover', open);
    const queued = page.items.filter((i) => i.anchor.matches('.queueItemView__actions .sc-button-group'));
    expect(queued.length).toBe(page.count('.queueItemView'));
    expect(queued.length).toBe(5);
  });

  it('hostile strings stay data: the hostile track keeps its exact title, nothing else breaks', async () => {
    const page = await scanPage(SC.hostile.url);
    expect(page.items[0]?.ref.title).toBe(SC.hostile.title);
    expect(page.document.querySelectorAll('script:not([src])').length).toBe(2); // only the site's own inline scripts
    const profile = await scanPage(SC.users.hostile.url);
    expect(profile.items.length).toBe(profile.count('.sound:not(.playlist)'));
  });
});
