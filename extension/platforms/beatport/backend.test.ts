import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureJson } from '../../../shared/test-support/captures';
import { DeckhandError } from '../../../shared/errors';
import type { BpNextData, BpTrack } from './types';

// The HTTP layer is replaced: these tests check what the client asks for and how it reacts.
const getJson = vi.fn();
vi.mock('../../core/http', () => ({ getJson: (...args: unknown[]) => getJson(...args) }));

const { BeatportApi, API_V4 } = await import('./api');
const { preparedFrom, labelAsPreview } = await import('./index');
const { previewStream } = await import('./streams');
const { toMetadata } = await import('./normalise');

const purpose = captureJson<BpNextData>('beatport', 'bp-next-data_track_6389004_noisia-purpose_2023-12.json').props?.pageProps?.track as BpTrack;

function tokenStore(token: string | undefined) {
  let current = token;
  const forget = vi.fn(async (t: string) => {
    if (t === current) current = undefined;
  });
  return { store: { current: async () => (current ? { token: current, expiresAt: Date.now() + 3_600_000 } : undefined), forget }, forget };
}

afterEach(() => getJson.mockReset());

describe('Beatport preview download', () => {
  it('prepares the LOFI MP3 preview of a real track, labelled, with the release cover', () => {
    const prepared = preparedFrom(purpose);
    expect(prepared.source).toEqual({ protocol: 'progressive', url: purpose.sample_url, container: 'mp3', preview: true });
    expect(prepared.format).toBe('mp3');
    expect(prepared.metadata.title).toBe('Purpose (Original Mix) [Preview]');
    expect(prepared.metadata.durationMs).toBe(120_000);
    expect(prepared.metadata.kind).toBe('preview');
    expect(prepared.metadata.extra).toMatchObject({ PREVIEW_START_MS: '116127', PREVIEW_END_MS: '236127' });
    expect(prepared.artworkUrls).toEqual([
      'https://geo-media.beatport.com/image_size/1400x1400/1262c1cb-5fd6-416e-946b-8de11284e3bf.jpg',
    ]);
    // Copy tags describe the track itself: no preview label there.
    expect(toMetadata(purpose).title).toBe('Purpose');
  });

  it('labels once even when the title already carries the mix, and drops an unknown duration', () => {
    const meta = labelAsPreview({ platform: 'beatport', id: '1', url: 'https://www.beatport.com/track/-/1', title: 'X (Dub)', mixName: 'Dub', durationMs: 300_000 }, {});
    expect(meta.title).toBe('X (Dub) [Preview]');
    expect(meta.durationMs).toBeUndefined();
  });

  it('never takes a full (encrypted) stream and says why there is nothing to save', () => {
    const code = (t: BpTrack) => {
      try {
        previewStream(t);
        return 'ok';
      } catch (err) {
        return DeckhandError.from(err).code;
      }
    };
    expect(code({ sample_url: 'https://needledrop.beatport.com/x/playlist.m3u8' })).toBe('stream.drm');
    expect(code({ sample_url: 'https://api.beatport.com/v4/catalog/tracks/1/stream/' })).toBe('stream.drm');
    expect(code({ sample_url: null })).toBe('stream.none');
    expect(code({})).toBe('stream.none');
    expect(code({ sample_url: 'http://geo-samples.beatport.com/track/a.LOFI.mp3' })).toBe('stream.none');
    expect(code({ sample_url: 'https://geo-samples.beatport.com/track/a.LOFI.mp3' })).toBe('ok');
  });
});

describe('v4 client', () => {
  it('sends the page token as a bearer header', async () => {
    const { store } = tokenStore('anon-token-0123456789abcdef');
    getJson.mockResolvedValueOnce({ id: 7 });
    await new BeatportApi(store).track('7');
    expect(getJson).toHaveBeenCalledWith(`${API_V4}/catalog/tracks/7/`, expect.objectContaining({
      platform: 'beatport',
      cache: 'metadata',
      headers: expect.objectContaining({ authorization: 'Bearer anon-token-0123456789abcdef' }),
    }));
  });

  it('without a token, asks the user to open a beatport.com page and sends nothing', async () => {
    const { store } = tokenStore(undefined);
    const err = await new BeatportApi(store).track('7').catch((e: unknown) => DeckhandError.from(e));
    expect(err).toMatchObject({ code: 'auth.required' });
    expect((err as Error).message).toMatch(/beatport\.com page/);
    expect(getJson).not.toHaveBeenCalled();
  });

  it('on 401 forgets exactly that token and says auth.required', async () => {
    const { store, forget } = tokenStore('anon-token-0123456789abcdef');
    getJson.mockRejectedValueOnce(new DeckhandError('auth.expired', 'beatport answered 401', { status: 401 }));
    const err = await new BeatportApi(store).track('7').catch((e: unknown) => DeckhandError.from(e));
    expect(err).toMatchObject({ code: 'auth.required', status: 401 });
    expect(forget).toHaveBeenCalledWith('anon-token-0123456789abcdef');
  });

  it('retries a refused read once with the token current after forgetting, and no more', async () => {
    const tokens = ['user-token-a-0123456789abcdef', 'user-token-b-0123456789abcdef'];
    const forget = vi.fn(async (t: string) => void tokens.splice(tokens.indexOf(t), 1));
    const store = { current: async () => (tokens[0] ? { token: tokens[0], expiresAt: Date.now() + 60_000 } : undefined), forget };
    const refusal = () => new DeckhandError('auth.expired', 'beatport answered 401', { status: 401 });
    getJson.mockRejectedValueOnce(refusal()).mockRejectedValueOnce(refusal()).mockResolvedValue({ id: 7 });
    await expect(new BeatportApi(store).track('7')).rejects.toMatchObject({ code: 'auth.required', status: 401 });
    expect(getJson.mock.calls.map((c) => (c[1] as { headers: { authorization: string } }).headers.authorization)).toEqual([
      'Bearer user-token-a-0123456789abcdef',
      'Bearer user-token-b-0123456789abcdef',
    ]);
    expect(forget.mock.calls).toEqual([['user-token-a-0123456789abcdef'], ['user-token-b-0123456789abcdef']]);
  });

  it('passes other errors through (404, territory 403)', async () => {
    const { store, forget } = tokenStore('anon-token-0123456789abcdef');
    getJson.mockRejectedValueOnce(new DeckhandError('not-found', 'gone', { status: 404 }));
    await expect(new BeatportApi(store).track('7')).rejects.toMatchObject({ code: 'not-found' });
    expect(forget).not.toHaveBeenCalled();
  });

  it('reads every page of a list in order, then stops', async () => {
    const { store } = tokenStore('anon-token-0123456789abcdef');
    getJson
      .mockResolvedValueOnce({ results: [{ id: 1 }, { id: 2 }], next: 'https://api.beatport.com/v4/x/?page=2' })
      .mockResolvedValueOnce({ results: [{ id: 3 }], next: null });
    const items = await new BeatportApi(store).all('catalog/charts/5/tracks/');
    expect(items.map((t) => (t as BpTrack).id)).toEqual([1, 2, 3]);
    expect(getJson.mock.calls.map((c) => (c[1] as { query: { page: number } }).query.page)).toEqual([1, 2]);
  });
});
