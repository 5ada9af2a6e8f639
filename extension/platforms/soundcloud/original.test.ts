import { describe, expect, it } from 'vitest';
import { DeckhandError } from '../../../shared/errors';
import type { SoundCloudApi } from './api';
import { formatFromHeaders, formatFromName, openOriginal, type OriginalDeps } from './original';
import type { ScTrack } from './types';

const TRACK: ScTrack = { id: 42, downloadable: true, has_downloads_left: true };

function deps(answer: () => Promise<{ redirectUri?: string }>, token: string | null = 'tok', preferOriginal = true): OriginalDeps {
  const api = { originalDownload: async () => answer() } as unknown as SoundCloudApi;
  return { api, token: async () => token ?? undefined, preferOriginal };
}

describe('SoundCloud original file choice', () => {
  it('opens the original as a kept-as-is progressive source named by its extension', async () => {
    const got = await openOriginal(TRACK, deps(async () => ({ redirectUri: 'https://cf-media.sndcdn.com/abc.flac?Policy=x' })));
    expect(got).toEqual({ opened: { source: { protocol: 'progressive', url: 'https://cf-media.sndcdn.com/abc.flac?Policy=x', kind: 'original' }, format: 'flac' } });
  });

  it('is silent when the artist offers none, no downloads are left, or the user turned it off', async () => {
    const never = deps(async () => { throw new Error('must not be asked'); });
    expect(await openOriginal({ ...TRACK, has_downloads_left: false }, never)).toEqual({});
    expect(await openOriginal({ ...TRACK, downloadable: false }, never)).toEqual({});
    expect(await openOriginal(TRACK, { ...never, preferOriginal: false })).toEqual({});
  });

  it('falls back with a note when signed out, on 401, on 403 and on any other failure', async () => {
    expect(await openOriginal(TRACK, deps(async () => ({}), null))).toEqual({ note: expect.stringMatching(/^Saved the stream: sign in to SoundCloud/) });
    const refused = (status: number) => deps(async () => { throw new DeckhandError('auth.required', `HTTP ${status}`, { status }); });
    expect(await openOriginal(TRACK, refused(401))).toEqual({ note: expect.stringContaining('signed in again') });
    expect(await openOriginal(TRACK, refused(403))).toEqual({ note: expect.stringContaining('does not offer the original file') });
    expect(await openOriginal(TRACK, deps(async () => ({ redirectUri: 'http://insecure.example/a.wav' })))).toEqual({ note: expect.stringMatching(/^Saved the stream: /) });
  });

  it('reads the format from names, Content-Disposition and Content-Type', () => {
    expect(formatFromName('/x/Track.AIF')).toBe('aiff');
    expect(formatFromName('/x/track')).toBeUndefined();
    expect(formatFromHeaders(new Headers({ 'content-disposition': 'attachment; filename="Field Notes.wav"' }))).toBe('wav');
    expect(formatFromHeaders(new Headers({ 'content-type': 'audio/x-flac; charset=binary' }))).toBe('flac');
  });
});
