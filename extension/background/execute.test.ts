/** The executor's choice of path: the in-browser path never gets an original file. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DeckhandError } from '../../shared/errors';
import type { JobRecord } from '../core/db';
import type { NativeHost } from '../core/native';
import type { PreparedDownload } from '../platforms/types';

const prepare = vi.fn();
const saved: { source: unknown; format: string }[] = [];

vi.mock('wxt/browser', () => ({ browser: { runtime: { onConnect: { addListener: () => undefined } } } }));
vi.mock('../platforms', () => ({ PLATFORMS: { soundcloud: { prepare: (...args: unknown[]) => prepare(...args) } } }));
vi.mock('../core/settings', () => ({
  getSettings: async () => ({ nativeHost: 'auto', libraryRoot: '', browserMaxBytes: 200e6, browserFolder: 'Deckhand', template: '{artist} - {title}', onExists: 'keep-both', keyNotation: 'standard', segmentConcurrency: 6 }),
}));
vi.mock('./enrich-download', () => ({ enrichMetadata: async (metadata: unknown) => ({ metadata }) }));
vi.mock('./enrich-handlers', () => ({ backgroundEnricher: {} }));
vi.mock('./upload-run', () => ({ createUploadRunner: () => async () => ({}) }));
vi.mock('./upload-page-link', () => ({ UploadPages: class { accept() {} } }));
vi.mock('./save-in-browser', () => ({
  saveInBrowser: async (spec: { source: unknown; output: { format: string } }) => {
    saved.push({ source: spec.source, format: spec.output.format });
    return 'Deckhand/x.m4a';
  },
}));

const { createExecutor } = await import('./execute');

const ref = { platform: 'soundcloud', id: 'soundcloud:tracks:1', url: 'https://soundcloud.com/a/b', kind: 'track', title: 'B' } as const;
const job = (): JobRecord => ({ id: 'j1', trackKey: 'soundcloud:soundcloud:tracks:1', ref, state: 'running', createdAt: 1, updatedAt: 1, attempts: 1 }) as JobRecord;
const noHost = { connect: async () => Promise.reject(new DeckhandError('host.missing')) } as unknown as NativeHost;
const ctl = { signal: new AbortController().signal, progress: () => undefined };

function prepared(kind: 'original' | 'stream'): PreparedDownload {
  return {
    metadata: { platform: 'soundcloud', id: 'soundcloud:tracks:1', url: ref.url, title: 'B', durationMs: 20_000 },
    source: kind === 'original' ? { url: 'https://cf-media.sndcdn.com/x.wav', protocol: 'progressive', kind: 'original' } : { url: 'https://cf-hls-media.sndcdn.com/x.m3u8', protocol: 'hls' },
    format: kind === 'original' ? 'wav' : 'm4a',
    artworkUrls: [],
    ...(kind === 'stream' ? { streamId: 'hls-aac' } : { streamId: 'original' }),
  } as PreparedDownload;
}

beforeEach(() => {
  prepare.mockReset();
  saved.length = 0;
});

describe('executor without the native host', () => {
  it('takes the stream instead of an original file, and says so in the job note', async () => {
    prepare.mockImplementation(async (_ref: unknown, opts?: { streamOnly?: boolean }) => prepared(opts?.streamOnly ? 'stream' : 'original'));
    const record = job();
    const result = await createExecutor(noHost)(record, ctl);
    expect(result).toEqual({ path: 'Deckhand/x.m4a', via: 'browser' });
    expect(prepare).toHaveBeenLastCalledWith(ref, { streamOnly: true });
    expect(saved).toEqual([{ source: prepared('stream').source, format: 'm4a' }]);
    expect(record.note).toMatch(/original file needs the native host/);
  });

  it('asks once when the platform already chose a stream', async () => {
    prepare.mockImplementation(async () => prepared('stream'));
    await createExecutor(noHost)(job(), ctl);
    expect(prepare).toHaveBeenCalledTimes(1);
  });
});
