import { describe, expect, it } from 'vitest';
import { parsePlaylist, pickVariant, segmentIv, sniffContainer } from './playlist';
import { DeckhandError } from '../errors';

const base = 'https://cdn.example/aac_160k/abc/playlist.m3u8?Policy=p&Signature=s';

describe('parsePlaylist', () => {
  it('reads an fMP4 media playlist with an init segment and absolute URLs', () => {
    const pl = parsePlaylist(
      [
        '#EXTM3U',
        '#EXT-X-VERSION:7',
        '#EXT-X-TARGETDURATION:10',
        '#EXT-X-MAP:URI="init.mp4?Policy=p"',
        '#EXTINF:9.98,',
        'https://cdn.example/aac_160k/abc/seg0.m4s?Policy=p',
        '#EXTINF:4.5,',
        'seg1.m4s?Policy=p',
        '#EXT-X-ENDLIST',
      ].join('\n'),
      base,
    );
    expect(pl.kind).toBe('media');
    if (pl.kind !== 'media') return;
    expect(pl.init?.url).toBe('https://cdn.example/aac_160k/abc/init.mp4?Policy=p');
    expect(pl.segments.map((s) => s.url)).toEqual([
      'https://cdn.example/aac_160k/abc/seg0.m4s?Policy=p',
      'https://cdn.example/aac_160k/abc/seg1.m4s?Policy=p',
    ]);
    expect(pl.durationSec).toBeCloseTo(14.48);
    expect(pl.container).toBe('fmp4');
    expect(pl.endList).toBe(true);
  });

  it('reads a master playlist and picks the highest usable bandwidth', () => {
    const pl = parsePlaylist(
      [
        '#EXTM3U',
        '#EXT-X-STREAM-INF:BANDWIDTH=70000,CODECS="mp4a.40.2"',
        'low/index.m3u8',
        '#EXT-X-STREAM-INF:BANDWIDTH=140000,CODECS="mp4a.40.2"',
        'high/index.m3u8',
        '#EXT-X-STREAM-INF:BANDWIDTH=900000,CODECS="ec-3"',
        'atmos/index.m3u8',
      ].join('\n'),
      'https://audio5.example/secure/hls/x/index.m3u8',
    );
    expect(pl.kind).toBe('master');
    if (pl.kind !== 'master') return;
    expect(pickVariant(pl).url).toBe('https://audio5.example/secure/hls/x/high/index.m3u8');
  });

  it('refuses SAMPLE-AES and key systems as DRM before any segment is fetched', () => {
    for (const key of [
      '#EXT-X-KEY:METHOD=SAMPLE-AES-CTR,URI="skd://x",KEYFORMAT="com.apple.streamingkeydelivery"',
      '#EXT-X-KEY:METHOD=SAMPLE-AES,URI="https://license.example/k"',
      '#EXT-X-KEY:METHOD=AES-128,URI="data:x",KEYFORMAT="com.widevine"',
    ]) {
      const text = ['#EXTM3U', key, '#EXTINF:10,', 'a.ts', '#EXT-X-ENDLIST'].join('\n');
      expect(() => parsePlaylist(text, base)).toThrowError(expect.objectContaining({ code: 'stream.drm' }));
    }
  });

  it('keeps clear AES-128 keys with IVs, and derives IVs from the sequence number', () => {
    const pl = parsePlaylist(
      [
        '#EXTM3U',
        '#EXT-X-MEDIA-SEQUENCE:7',
        '#EXT-X-KEY:METHOD=AES-128,URI="key.bin"',
        '#EXTINF:10,',
        'a.ts',
        '#EXT-X-KEY:METHOD=AES-128,URI="key.bin",IV=0x000102030405060708090a0b0c0d0e0f',
        '#EXTINF:10,',
        'b.ts',
      ].join('\n'),
      base,
    );
    if (pl.kind !== 'media') throw new Error('expected media');
    expect(pl.segments[0]?.key?.url).toBe('https://cdn.example/aac_160k/abc/key.bin');
    expect(Array.from(segmentIv(pl.segments[0]!))).toEqual([...Array(15).fill(0), 7]);
    expect(Array.from(segmentIv(pl.segments[1]!))).toEqual(Array.from({ length: 16 }, (_, i) => i));
    expect(pl.container).toBe('ts');
    expect(pl.endList).toBe(false);
  });

  it('gives coded errors for HTML, empty playlists and playlists without segments', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as DeckhandError).code;
      }
      return 'no error';
    };
    expect(code(() => parsePlaylist('<!doctype html><p>Access denied', base))).toBe('media.bad-playlist');
    expect(code(() => parsePlaylist('', base))).toBe('media.bad-playlist');
    expect(code(() => parsePlaylist('#EXTM3U\n#EXT-X-ENDLIST\n', base))).toBe('media.no-segments');
  });
});

describe('sniffContainer', () => {
  it('tells TS, fMP4, MP4, MP3, ADTS and HTML apart', () => {
    const ts = new Uint8Array(376);
    ts[0] = 0x47;
    ts[188] = 0x47;
    expect(sniffContainer(ts)).toBe('ts');
    const box = (t: string) => new Uint8Array([0, 0, 0, 8, ...Array.from(t, (c) => c.charCodeAt(0))]);
    expect(sniffContainer(box('moof'))).toBe('fmp4');
    expect(sniffContainer(box('ftyp'))).toBe('m4a');
    expect(sniffContainer(new TextEncoder().encode('ID3\x04\x00'))).toBe('mp3');
    expect(sniffContainer(new Uint8Array([0xff, 0xfb, 0x90, 0x64]))).toBe('mp3');
    expect(sniffContainer(new Uint8Array([0xff, 0xf1, 0x50, 0x80]))).toBe('aac');
    expect(sniffContainer(new TextEncoder().encode('<?xml version="1.0"?><Error>'))).toBe('html');
  });
});
