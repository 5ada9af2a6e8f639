import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../../server';
import { SOUNDCLOUD_FIXTURES as F } from './fixtures';
import { fetchReplica, hydrationOf, postJson } from './test-client';

let replica: Replica;
beforeAll(async () => {
  replica = await startReplica({ port: 0, lazyMedia: true });
});
afterAll(async () => {
  await replica.stop();
});

const get = (url: string) => fetchReplica(replica, url);
const scriptsOf = (html: string) => [...html.matchAll(/<script crossorigin src="([^"]+)"><\/script>/g)].map((m) => m[1] ?? '');

describe('track page', () => {
  it('hydrates the full api-v2 track, its user, the client_id and a logged-out meUser', async () => {
    const page = await get(F.plain.url);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const h = hydrationOf(page.text);
    const kinds = h.map((x) => x.hydratable);
    expect(kinds).toEqual(expect.arrayContaining(['anonymousId', 'features', 'geoip', 'apiClient', 'meUser', 'user', 'sound']));
    const data = (k: string) => h.find((x) => x.hydratable === k)?.data;
    expect(data('apiClient')).toEqual({ id: F.clientId(), isExpiring: false });
    expect(data('meUser')).toBeNull();
    const sound = data('sound');
    expect(sound.urn).toBe(F.plain.urn);
    expect(sound.title).toBe('Midnight Transit');
    expect(sound.track_authorization.split('.')).toHaveLength(3);
    expect(sound.publisher_metadata.isrc).toBe(F.plain.expected.isrc);
    expect(sound.media.transcodings.map((t: { preset: string }) => t.preset)).toContain('aac_160k');
    expect(data('user').urn).toBe(F.plain.userUrn);
  });

  it('has the hero and the medium button group extensions anchor on', async () => {
    const { text } = await get(F.plain.url);
    expect(text).toMatch(/class="fullHero[^"]*"/);
    expect(text).toContain('<h1 class="soundTitle__title');
    const footer = text.slice(text.indexOf('listenEngagement__footer'));
    const group = /<div class="sc-button-group sc-button-group-medium">(.*?)<\/div>/s.exec(footer)?.[1] ?? '';
    const titles = [...group.matchAll(/title="([^"]+)"/g)].map((m) => m[1]);
    expect(titles).toEqual(['Like', 'Repost', 'Share', 'Copy Link', 'More']);
    for (const cls of [...group.matchAll(/class="([^"]+)"/g)].map((m) => (m[1] ?? '').split(' '))) {
      expect(cls).toEqual(expect.arrayContaining(['sc-button', 'sc-button-medium', 'sc-button-responsive']));
    }
    expect(text).toContain('<meta property="og:type" content="music.song">');
  });

  it('ends with the a-v2 app bundle that holds ,client_id:"<32 alnum>"', async () => {
    const scripts = scriptsOf((await get(F.plain.url)).text);
    expect(scripts.length).toBeGreaterThanOrEqual(2);
    for (const s of scripts) expect(s).toMatch(/^https:\/\/a-v2\.sndcdn\.com\/assets\/\d+-[0-9a-f]{8}\.js$/);
    const last = await get(scripts[scripts.length - 1] ?? '');
    expect(last.status).toBe(200);
    expect(last.headers['content-type']).toContain('javascript');
    expect(/,client_id:"([0-9a-zA-Z]{32})"/.exec(last.text)?.[1]).toBe(F.clientId());
    expect(last.text).toContain('scApp.boot(');
    const first = await get(scripts[0] ?? '');
    expect(first.text).not.toContain('client_id');
  });

  it('shows a private track only through its secret-token link, without Share/Repost', async () => {
    const withToken = await get(F.private.url);
    expect(withToken.status).toBe(200);
    expect(hydrationOf(withToken.text).find((x) => x.hydratable === 'sound')?.data.secret_token).toBe(F.private.secretToken);
    const group = /listenEngagement__footer.*?<div class="sc-button-group sc-button-group-medium">(.*?)<\/div>/s.exec(withToken.text)?.[1] ?? '';
    expect(group).toContain('title="More"');
    expect(group).not.toContain('title="Share"');
    const withoutToken = await get(F.private.url.replace(/\/s-[A-Za-z0-9]+$/, ''));
    expect(withoutToken.status).toBe(404);
    expect((await get(`${F.private.url.slice(0, -3)}xyz`)).status).toBe(404);
  });

  it('escapes hostile titles in markup and in the inline hydration', async () => {
    const page = await get(F.hostile.url);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('<script>alert');
    expect(page.text).not.toContain('<img src=x');
    expect(page.text).toContain('&lt;script&gt;alert(&quot;sc&quot;)&lt;/script&gt;');
    expect(hydrationOf(page.text).find((x) => x.hydratable === 'sound')?.data.title).toBe(F.hostile.title);
    expect(F.hostile.title).toHaveLength(2000);
  });
});

describe('list pages', () => {
  it('renders a set page with trackItem rows in set order and playlist hydration with stubs', async () => {
    const page = await get(F.playlist.url);
    expect(page.status).toBe(200);
    const rows = [...page.text.matchAll(/<a href="([^"]+)" class="trackItem__trackTitle/g)].map((m) => m[1]);
    expect(rows).toHaveLength(F.playlist.trackCount);
    const playlist = hydrationOf(page.text).find((x) => x.hydratable === 'playlist')?.data;
    expect(playlist.tracks.map((t: { id: number }) => `soundcloud:tracks:${t.id}`)).toEqual(F.playlist.expectedOrder);
    expect(playlist.tracks.filter((t: object) => !('title' in t))).toHaveLength(2);
    expect(page.text).toMatch(/class="trackItem__actions sc-button-toolbar"><div class="sc-button-group sc-button-group-small">/);
  });

  it('renders profile tabs as soundList items with small button groups', async () => {
    const tabs: [string, typeof F.users.artist][] = [['', F.users.artist], ['/tracks', F.users.artist], ['/popular-tracks', F.users.artist],
      ['/likes', F.users.artist], ['/reposts', F.users.artist], ['/albums', F.users.label], ['/sets', F.users.artist]];
    for (const [tab, user] of tabs) {
      const page = await get(`${user.url}${tab}`);
      expect(page.status, tab).toBe(200);
      expect(hydrationOf(page.text).find((x) => x.hydratable === 'user')?.data.urn).toBe(user.urn);
      expect(page.text, tab).toContain('class="lazyLoadingList');
      expect(page.text, tab).toContain('<li class="soundList__item">');
      expect(page.text, tab).toContain('sc-button-group sc-button-group-small');
    }
    const likes = await get(`${F.users.artist.url}/likes`);
    expect(likes.text).toContain('sound playlist streamContext'); // a liked album among liked tracks
    const paged = await get(`${F.pagedUser.url}/tracks`);
    expect([...paged.text.matchAll(/class="sc-link-primary soundTitle__title/g)]).toHaveLength(20);
  });

  it('renders feed, search, charts, discover and home', async () => {
    const feed = await get('https://soundcloud.com/feed');
    expect(feed.text).toMatch(/class="stream".*class="lazyLoadingList/s);
    const search = await get('https://soundcloud.com/search?q=harbour');
    expect(search.text).toContain('class="searchList__item"');
    expect(search.text).toContain('Harbour Lights');
    const people = await get('https://soundcloud.com/search/people?q=mira');
    expect(people.text).toContain('class="userItem"');
    const charts = await get('https://soundcloud.com/charts/top');
    expect(charts.text).toContain('class="chartTrack"');
    expect(charts.text).toMatch(/<a href="[^"]+" class="chartTrack__title/);
    for (const url of ['https://soundcloud.com/discover', 'https://soundcloud.com/']) {
      const page = await get(url);
      expect(page.status).toBe(200);
      expect(page.text).toContain('class="playableTile"');
    }
  });

  it('puts a collapsed "Next up" queue on every page', async () => {
    for (const url of [F.plain.url, F.album.url, F.users.label.url, 'https://soundcloud.com/discover']) {
      const { text } = await get(url);
      expect(text).toContain('<div class="queue" aria-hidden="true">');
      expect(text).toContain('class="queueItemView');
      expect(text).toMatch(/class="queueItemView__title sc-truncate"><a class="sc-link-primary" href="\/[^"]+"/);
      expect(text).toContain('class="queueItemView__actions"');
      expect(text).toContain('playbackSoundBadge__showQueue');
    }
  });

  it('answers unknown pages with the 404 page and redirects www', async () => {
    const missing = await get('https://soundcloud.com/404/404');
    expect(missing.status).toBe(404);
    expect(hydrationOf(missing.text).map((x) => x.hydratable)).not.toContain('sound');
    expect((await get('https://soundcloud.com/no-such-user')).status).toBe(404);
    const www = await get(`https://www.soundcloud.com/${F.users.label.permalink}`);
    expect(www.status).toBe(301);
    expect(www.headers.location).toBe(F.users.label.url);
  });

  it('shows the signed-in visitor as meUser when the oauth_token cookie is valid', async () => {
    const { access_token } = (await postJson(replica, `${replica.controlUrl}/soundcloud/session`, { user: F.users.label.permalink })).json();
    const page = await fetchReplica(replica, F.plain.url, { headers: { cookie: `oauth_token=${access_token}` } });
    expect(hydrationOf(page.text).find((x) => x.hydratable === 'meUser')?.data.urn).toBe(F.users.label.urn);
    const stranger = await fetchReplica(replica, F.plain.url, { headers: { cookie: 'oauth_token=2-0-forged' } });
    expect(hydrationOf(stranger.text).find((x) => x.hydratable === 'meUser')?.data).toBeNull();
  });

  it('puts the client_id in the mobile site\'s __NEXT_DATA__', async () => {
    const mobile = await get('https://m.soundcloud.com/');
    const data = JSON.parse(/<script id="__NEXT_DATA__" type="application\/json">(.*?)<\/script>/s.exec(mobile.text)?.[1] ?? '{}');
    expect(data.runtimeConfig.clientId).toBe(F.clientId());
  });

  it('serves the stylesheet and waveform the pages reference', async () => {
    const page = await get(F.plain.url);
    const css = /<link rel="stylesheet" href="([^"]+)">/.exec(page.text)?.[1] ?? '';
    expect((await get(css)).headers['content-type']).toContain('text/css');
    const sound = hydrationOf(page.text).find((x) => x.hydratable === 'sound')?.data;
    const wave = (await get(sound.waveform_url)).json();
    expect(wave.samples).toHaveLength(wave.width);
  });
});
