/** The popup's artwork cache: one fetch per picture, then IndexedDB across popup opens; non-pictures are not kept. */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { ArtworkCache } from './artwork';
import { ResponseCache } from './cache';
import { resetDbConnection } from './db';

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
let fetched: string[];
const fakeFetch: typeof fetch = async (input) => {
  const url = String(input);
  fetched.push(url);
  if (url.endsWith('.html')) return new Response('<html>', { headers: { 'content-type': 'text/html' } });
  if (url.endsWith('missing.jpg')) return new Response('no', { status: 404 });
  return new Response(JPEG, { headers: { 'content-type': 'image/jpeg' } });
};
let made = 0;
const open = () => new ArtworkCache({ cache: new ResponseCache(), fetch: fakeFetch, toUrl: (b) => `blob:test/${made++}/${b.type}/${b.size}` });

beforeEach(async () => {
  await resetDbConnection();
  (globalThis as { indexedDB: IDBFactory }).indexedDB = new IDBFactory();
  fetched = [];
});

describe('ArtworkCache', () => {
  it('fetches a picture once, shares concurrent loads, and a second popup reads it from IndexedDB', async () => {
    const first = open();
    const url = 'https://i1.sndcdn.com/artworks-abc-t300x300.jpg';
    expect(first.peek(url)).toBeUndefined();
    const [a, b] = await Promise.all([first.load(url), first.load(url)]);
    expect(a).toMatch(/^blob:test\/\d+\/image\/jpeg\/7$/);
    expect(b).toBe(a);
    expect(first.peek(url)).toBe(a);
    expect(fetched).toEqual([url]);

    const second = open();
    expect(await second.load(url)).toMatch(/image\/jpeg\/7$/);
    expect(fetched).toEqual([url]);
  });

  it('does not keep non-pictures or fetch non-https; failures give undefined and are asked again later', async () => {
    const cache = open();
    expect(await cache.load('https://example.com/page.html')).toBeUndefined();
    expect(await open().load('https://example.com/page.html')).toBeUndefined();
    expect(fetched).toEqual(['https://example.com/page.html']);
    expect(await cache.load('http://insecure.example/a.jpg')).toBeUndefined();
    expect(await cache.load('https://cdn.example/missing.jpg')).toBeUndefined();
    expect(await cache.load('https://cdn.example/missing.jpg')).toBeUndefined();
    expect(fetched.filter((u) => u.endsWith('missing.jpg'))).toHaveLength(2);
  });
});
