import { describe, expect, it } from 'vitest';
import { MIXCLOUD_FIXTURES } from '../../../e2e/replica/platforms/mixcloud/fixtures';
import { encodeStreamUrl } from '../../../e2e/replica/platforms/mixcloud/stream-codec';
import { chooseStream, decodeStreamValue, refusal, STREAM_XOR_KEY, streamCandidates } from './streams';

/** Encoding done here by hand (bytes XOR key, then base64), independent of both implementations. */
function encodeByHand(url: string): string {
  const bytes = Buffer.from(url, 'utf8');
  const key = Buffer.from(STREAM_XOR_KEY, 'ascii');
  return Buffer.from(bytes.map((b, i) => b ^ key[i % key.length]!)).toString('base64');
}

const HLS = 'https://audio5.mixcloud.com/secure/hls/1/2/3/4/abcd-ef.m4a/index.m3u8';
const PROGRESSIVE = 'https://stream18.mixcloud.com/secure/c/m4a/64/1/2/3/4/abcd-ef.m4a?sig=AbCdEf_-12';
const DASH = 'https://audio5.mixcloud.com/secure/dash2/1/2/3/4/abcd-ef.m4a/manifest.mpd';

describe('streamInfo decoding', () => {
  it('uses the public key and reads values encoded by hand and by the replica alike', () => {
    expect(STREAM_XOR_KEY).toBe(MIXCLOUD_FIXTURES.xorKey);
    expect(decodeStreamValue(encodeByHand(HLS))).toBe(HLS);
    expect(decodeStreamValue(encodeStreamUrl(PROGRESSIVE))).toBe(PROGRESSIVE);
    // A URL longer than the key: the key cycles.
    const long = `${HLS}?${'x'.repeat(200)}`;
    expect(decodeStreamValue(encodeByHand(long))).toBe(long);
  });

  it('refuses values that are not base64 of a URL under the key', () => {
    expect(decodeStreamValue(Buffer.from(HLS).toString('base64'))).toBeUndefined(); // plain base64, no XOR
    expect(decodeStreamValue('%%%not base64')).toBeUndefined();
    expect(decodeStreamValue(encodeByHand('javascript:alert(1)'))).toBeUndefined();
    expect(decodeStreamValue('')).toBeUndefined();
    expect(decodeStreamValue(null)).toBeUndefined();
  });
});

describe('stream choice', () => {
  const info = { hlsUrl: encodeByHand(HLS), dashUrl: encodeByHand(DASH), url: encodeByHand(PROGRESSIVE) };

  it('prefers HLS (MPEG-TS) and keeps the throttled progressive file as the last resort; never DASH', () => {
    expect(streamCandidates(info)).toEqual([
      { id: 'hls', source: { protocol: 'hls', url: HLS, container: 'ts' } },
      { id: 'progressive', source: { protocol: 'progressive', url: PROGRESSIVE, container: 'm4a' } },
    ]);
    expect(chooseStream({ streamInfo: info }).id).toBe('hls');
    expect(chooseStream({ streamInfo: { url: info.url, dashUrl: info.dashUrl } }).id).toBe('progressive');
    expect(chooseStream({ streamInfo: info }, 'progressive').source.url).toBe(PROGRESSIVE);
    expect(chooseStream({ streamInfo: { hlsUrl: info.hlsUrl } }, 'progressive').id).toBe('hls');
  });

  it('refuses exclusive, restricted and streamless shows with their own codes', () => {
    expect(refusal({ isExclusive: true, streamInfo: info })?.code).toBe('stream.exclusive');
    expect(refusal({ restrictedReason: 'repeat_play', streamInfo: null })?.code).toBe('stream.restricted');
    expect(refusal({ restrictedReason: 'tracklist', streamInfo: null })?.code).toBe('region.blocked');
    expect(refusal({ streamInfo: null })?.code).toBe('stream.none');
    expect(refusal({ streamInfo: { dashUrl: info.dashUrl } })?.code).toBe('stream.none');
    expect(refusal({ streamInfo: info })).toBeUndefined();
    expect(() => chooseStream({ isExclusive: true })).toThrow(expect.objectContaining({ code: 'stream.exclusive' }));
  });
});
