/**
 * Library uploads from the extension's side: the platform's multipart parts become the host's
 * request (the file's place kept, artwork in base64), and a refused token is renewed once.
 */
import { describe, expect, it } from 'vitest';
import type { UploadJobInfo } from '../../shared/jobs';
import type { EventEnvelope, UploadRequest } from '../../shared/native-protocol';
import { emptyFields } from '../ui/upload/model';
import type { HostLink } from './host-run';
import { hostRequest, runLibraryUpload } from './upload-host';

const info = (platform: 'soundcloud' | 'mixcloud', artworkBytes = 3): UploadJobInfo => ({
  platform, source: 'library', fileName: 'Mira - Night Drive.mp3', fileSize: 1234, libraryPath: 'Sets/Mira - Night Drive.mp3', pro: false,
  fields: { ...emptyFields(), title: 'Night Drive', tags: ['deep house', 'live'], bpm: '122', key: 'Am', tracklist: '0:00 Intro\n1:30 Mira - Night Drive' },
  artwork: { name: 'cover.png', type: 'image/png', base64: Buffer.alloc(artworkBytes, 7).toString('base64') },
});

describe('hostRequest', () => {
  it('SoundCloud: OAuth header, text fields, artwork in base64, the file part last', async () => {
    const req = await hostRequest(info('soundcloud'), 'tok');
    expect(req).toMatchObject({ url: 'https://api.soundcloud.com/tracks', method: 'POST', headers: { authorization: 'OAuth tok' }, path: 'Sets/Mira - Night Drive.mp3' });
    expect(req.fileField).toEqual({ name: 'track[asset_data]', filename: 'Mira - Night Drive.mp3', position: req.fields.length });
    expect(req.fields).toContainEqual({ name: 'track[title]', value: 'Night Drive' });
    expect(req.fields).toContainEqual({ name: 'track[description]', value: 'BPM: 122 · Key: Am (8A)' });
    expect(req.fields).toContainEqual({ name: 'track[artwork_data]', filename: 'cover.png', contentType: 'image/png', base64: Buffer.alloc(3, 7).toString('base64') });
  });

  it('Mixcloud: token in the query string, the file part first, sections from the tracklist', async () => {
    const req = await hostRequest(info('mixcloud'), 'mc tok');
    expect(req.url).toBe('https://api.mixcloud.com/upload/?access_token=mc+tok');
    expect(req.fileField).toMatchObject({ name: 'mp3', position: 0 });
    expect(req.fields.map((f) => f.name)).toEqual(['name', 'tags-0-tag', 'tags-1-tag', 'sections-0-chapter', 'sections-0-start_time', 'sections-1-artist', 'sections-1-song', 'sections-1-start_time', 'picture']);
  });

  it('refuses artwork too large for one message to the host', async () => {
    await expect(hostRequest(info('soundcloud', 700 * 1024), 'tok')).rejects.toMatchObject({ code: 'input.invalid' });
  });
});

/** A host that answers every upload.start with the given HTTP statuses in turn. */
function fakeHost(statuses: number[], body = '{"permalink_url":"https://soundcloud.com/me/night-drive"}') {
  const handlers = new Set<(e: EventEnvelope) => void>();
  const starts: Array<{ jobId: string; request: UploadRequest }> = [];
  const host: HostLink = {
    hello: undefined,
    onEvent: (h) => (handlers.add(h), () => handlers.delete(h)),
    call: async (action, params) => {
      if (action !== 'upload.start') return {};
      const p = params as { jobId: string; request: UploadRequest };
      starts.push(p);
      const status = statuses[starts.length - 1] ?? 500;
      setTimeout(() => handlers.forEach((h) => h({ type: 'event', event: 'upload.done', data: { jobId: p.jobId, status, body } })), 5);
      return { accepted: true };
    },
  };
  return { host, starts };
}

const ctl = () => ({ signal: new AbortController().signal, progress: () => undefined });

describe('runLibraryUpload', () => {
  it('sends once more with a renewed token after a 401, then returns the new page', async () => {
    const { host, starts } = fakeHost([401, 201]);
    const tokens: Array<string | undefined> = [];
    const token = async (_p: string, refused?: string) => (tokens.push(refused), refused ? 'fresh' : 'stale');
    const result = await runLibraryUpload(host, { id: 'j1', attempts: 1, upload: info('soundcloud') }, ctl(), token);
    expect(result).toEqual({ url: 'https://soundcloud.com/me/night-drive' });
    expect(tokens).toEqual([undefined, 'stale']);
    expect(starts.map((s) => [s.jobId, s.request.headers.authorization])).toEqual([['j1.1.0', 'OAuth stale'], ['j1.1.1', 'OAuth fresh']]);
  });

  it('a second 401 means the access was revoked; a refusal is upload.rejected with the platform’s words', async () => {
    await expect(runLibraryUpload(fakeHost([401, 401]).host, { id: 'j2', attempts: 1, upload: info('soundcloud') }, ctl(), async () => 't')).rejects.toMatchObject({ code: 'auth.revoked' });
    const refused = fakeHost([422], '{"errors":[{"error_message":"track[title] is too long"}]}');
    await expect(runLibraryUpload(refused.host, { id: 'j3', attempts: 1, upload: info('soundcloud') }, ctl(), async () => 't')).rejects.toMatchObject({ code: 'upload.rejected', message: 'track[title] is too long' });
  });
});
