import { describe, expect, it } from 'vitest';
import { captureText, scHydration } from '../../../shared/test-support/captures';
import { readHydration } from './page';
import { candidates, refusal } from './streams';
import type { ScTrack, ScTranscoding } from './types';

const t = (preset: string, protocol: string, mime: string, extra: Partial<ScTranscoding> = {}): ScTranscoding => ({
  url: `https://api-v2.soundcloud.com/media/soundcloud:tracks:1/u/${protocol === 'progressive' ? 'stream/progressive' : 'stream/hls'}`,
  preset,
  format: { protocol, mime_type: mime },
  ...extra,
});
const AAC = 'audio/mp4; codecs="mp4a.40.2"';

describe('SoundCloud stream choice', () => {
  it('orders AAC HLS, then progressive MP3, then MP3 HLS; drops Opus and the abr master', () => {
    const track: ScTrack = {
      media: {
        transcodings: [
          t('mp3_1_0', 'hls', 'audio/mpeg'),
          t('opus_0_0', 'hls', 'audio/ogg; codecs="opus"'),
          t('abr_sq', 'hls', 'audio/mpegurl'),
          t('mp3_1_0', 'progressive', 'audio/mpeg'),
          t('aac_160k', 'hls', AAC),
        ],
      },
    };
    expect(candidates(track).map((c) => `${c.transcoding.preset}/${c.protocol}`)).toEqual(['aac_160k/hls', 'mp3_1_0/progressive', 'mp3_1_0/hls']);
    expect(refusal(track, candidates(track))).toBeUndefined();
  });

  it('refuses DRM-only, preview-only and blocked tracks with their own codes', () => {
    const drm: ScTrack = { media: { transcodings: [t('aac_256k', 'ctr-encrypted-hls', AAC), t('aac_256k', 'cbc-encrypted-hls', AAC)] } };
    expect(refusal(drm, candidates(drm))?.code).toBe('stream.drm');
    const snip: ScTrack = { policy: 'SNIP', media: { transcodings: [t('mp3_0_0', 'progressive', 'audio/mpeg', { snipped: true, url: 'https://api-v2.soundcloud.com/media/x/preview/progressive' })] } };
    expect(refusal(snip, candidates(snip))?.code).toBe('stream.preview-only');
    const blocked: ScTrack = { policy: 'BLOCK', media: { transcodings: [] } };
    expect(refusal(blocked, candidates(blocked))?.code).toBe('region.blocked');
    expect(refusal({ media: { transcodings: [] } }, [])?.code).toBe('stream.none');
  });

  it('chooses progressive MP3 on a real 2023 track page (no AAC then)', () => {
    const track = readHydration(scHydration(captureText('soundcloud', 'sc-page_track_michalmenert-rust_2023-07-19.html'))).tracks[0] as ScTrack;
    const list = candidates(track);
    expect(list[0]?.protocol).toBe('progressive');
    expect(list[0]?.codec).toBe('mp3');
    expect(list.some((c) => c.drm || c.preview)).toBe(false);
  });
});
