/** Page scanning on the replica's www.mixcloud.com pages, fetched in-process and parsed with linkedom. */
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../../../e2e/replica/server';
import { MIXCLOUD_FIXTURES as F } from '../../../e2e/replica/platforms/mixcloud/fixtures';
import { replicaFetch } from '../../../e2e/replica/platforms/mixcloud/testing';
import { clockMs, playlistListSpot, scanMixcloud } from './page';

let replica: Replica;
beforeAll(async () => {
  replica = await startReplica({ port: 0, lazyMedia: true });
});
afterAll(async () => replica?.stop());

async function load(url: string) {
  const reply = await replicaFetch(replica, url);
  expect(reply.status).toBe(200);
  const { document } = parseHTML(reply.text());
  return { document: document as unknown as Document, scan: () => scanMixcloud(document as unknown as Document, url) };
}

const testid = (el: Element) => el.getAttribute('data-testid');
const cardCount = (doc: Document) => doc.querySelectorAll('[data-testid="cloudcast-card"]').length;

describe('scanning real page kinds', () => {
  it('show page: one medium button after the play button, and the player holding the same show', async () => {
    const { scan } = await load(F.shortShow.url);
    const items = scan();
    expect(items.map((i) => [testid(i.anchor), i.position, i.size])).toEqual([
      ['cloudcast-play-button', 'after', 'medium'],
      [null, 'after', 'small'], // the player's title block
    ]);
    expect(items[1]!.anchor.querySelector('[data-testid="player-show-title"]')).not.toBeNull();
    expect(items[0]!.ref).toBe(items[1]!.ref);
    expect(items[0]!.ref).toEqual({
      platform: 'mixcloud',
      id: F.shortShow.key,
      url: F.shortShow.url,
      kind: 'show',
      title: F.shortShow.name,
      artist: F.shortShow.ownerName,
      artworkUrl: expect.stringMatching(/^https:\/\/thumbnailer\.mixcloud\.com\/unsafe\/480x480\//),
      durationMs: F.shortShow.durationSec * 1000,
    });
  });

  it('user uploads: one small button per card, keyed by the card’s link, plus the player', async () => {
    const { document, scan } = await load(F.pagedUser.url);
    const items = scan();
    const cards = items.filter((i) => testid(i.anchor) === 'cloudcast-card');
    expect(cards.length).toBe(cardCount(document));
    expect(cards.length).toBe(20);
    expect(new Set(cards.map((i) => i.anchor)).size).toBe(cards.length);
    expect(cards[0]!.ref.id).toBe(F.pagedUser.newestShow.key);
    expect(cards.every((i) => i.size === 'small' && i.position === 'append' && i.ref.artist === F.pagedUser.displayName && i.ref.durationMs)).toBe(true);
    expect(items.length).toBe(cards.length + 1);
  });

  it('favourites: the exclusive show explains itself, and so does the player when it holds it', async () => {
    const { scan } = await load(`${F.users.viewer.url}favorites/`);
    const items = scan();
    const exclusive = items.filter((i) => i.ref.id === F.exclusive.key);
    expect(exclusive).toHaveLength(1);
    expect(exclusive[0]!.ref.unavailable?.code).toBe('stream.exclusive');
    expect(items.filter((i) => i.ref.unavailable).map((i) => i.ref.id)).toEqual([F.exclusive.key]);

    const page = await load(F.exclusive.url);
    const [hero, inPlayer] = page.scan();
    expect(hero!.ref.unavailable?.code).toBe('stream.exclusive');
    expect(inPlayer!.ref).toBe(hero!.ref);
    expect((await load(F.restricted.url)).scan()[0]!.ref.unavailable?.code).toBe('stream.restricted');
  });

  it('listens, playlist, discover and search pages: every card, no user cards', async () => {
    for (const url of [`${F.users.viewer.url}listens/`, F.playlist.url, F.tag.url, 'https://www.mixcloud.com/search/?q=deep']) {
      const { document, scan } = await load(url);
      const cards = scan().filter((i) => testid(i.anchor) === 'cloudcast-card');
      expect(cards.length, url).toBe(cardCount(document));
      expect(cards.length, url).toBeGreaterThan(0);
    }
    const search = await load('https://www.mixcloud.com/search/?q=deep');
    expect(search.document.querySelectorAll('[data-testid="user-card"]').length).toBeGreaterThan(0);
    expect(search.scan().some((i) => i.anchor.closest('[data-testid="user-card"]'))).toBe(false);
    const playlist = (await load(F.playlist.url)).scan().filter((i) => testid(i.anchor) === 'cloudcast-card');
    expect(playlist.map((i) => i.ref.id).slice(0, 2)).toEqual([F.shortShow.key, F.twoHourShow.key]);
  });

  it('a playlist page offers "Download all" beside its owner link; show, user and list pages do not', async () => {
    const { document } = await load(F.playlist.url);
    const spot = playlistListSpot(document, F.playlist.url);
    expect(spot).toMatchObject({ size: 'small', position: 'after', noun: 'playlist' });
    expect(testid(spot!.anchor)).toBe('playlist-owner-link');
    for (const url of [F.shortShow.url, F.users.viewer.url, F.tag.url]) {
      expect(playlistListSpot((await load(url)).document, url), url).toBeUndefined();
    }
    // The same markup under a user's list of playlists is not one playlist.
    expect(playlistListSpot(document, `https://www.mixcloud.com/${F.playlist.username}/playlists/`)).toBeUndefined();
  });

  it('hostile show: text stays text and within the message limits', async () => {
    const { scan } = await load(F.hostile.url);
    const [hero] = scan();
    expect(hero!.ref.title).toBe(F.hostile.text.showName.trim());
    expect(hero!.ref.title!.length).toBeLessThanOrEqual(4000);
    expect(hero!.ref.artist).toBe(F.hostile.text.displayName.trim());
    expect(hero!.ref.artworkUrl).toBeUndefined();
  });
});

describe('re-used elements', () => {
  it('removes our button from a card or the player once they no longer hold a show', async () => {
    const { document, scan } = await load(F.pagedUser.url);
    const items = scan();
    // What the runtime would have mounted.
    for (const item of items) {
      const host = document.createElement('span');
      host.setAttribute('data-deckhand-track', `mixcloud:${item.ref.id}`);
      if (item.position === 'after') item.anchor.after(host);
      else item.anchor.append(host);
    }
    const firstCard = items[0]!.anchor;
    firstCard.querySelector('[data-testid="cloudcast-card-title"]')!.setAttribute('href', '/discover/house/');
    document.querySelector('[data-testid="player-show-title"]')!.setAttribute('href', '');
    const after = scan();
    expect(after.length).toBe(items.length - 2);
    expect(firstCard.querySelector('[data-deckhand-track]')).toBeNull();
    expect(document.querySelectorAll('[data-deckhand-track]').length).toBe(after.length);
  });

  it('reads clock durations', () => {
    expect(clockMs('8:00')).toBe(480_000);
    expect(clockMs('2:00:00')).toBe(7_200_000);
    expect(clockMs('1:02:03')).toBe(3_723_000);
    expect(clockMs('soon')).toBeUndefined();
    expect(clockMs(undefined)).toBeUndefined();
  });
});
