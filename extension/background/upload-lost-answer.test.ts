/**
 * An upload whose answer was lost is not made twice: the decision before each attempt (found on the
 * platform → done with its link and a note; not there → upload; look-up failed → upload.unconfirmed,
 * and the user's retry then uploads), and the mark an attempt leaves (stored before the request
 * leaves, cleared by the platform's answer, kept when the answer never came).
 */
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { DeckhandError } from '../../shared/errors';
import type { UploadJobInfo } from '../../shared/jobs';
import type { JobRecord } from '../core/db';
import { emptyFields } from '../ui/upload/model';
import type { JobControl } from './queue';
import { CLOCK_SKEW_MS, matchingUpload, type OwnUpload, type OwnUploadsSince } from './upload-lost-answer';

vi.mock('wxt/browser', async () => {
  const { memoryStorageArea } = await import('./browse.test-support');
  return { browser: { storage: { local: memoryStorageArea() }, runtime: { id: 'test', getURL: (p: string) => `chrome-extension://test${p}` } } };
});
const { createUploadRunner } = await import('./upload-run');

const SENT = Date.parse('2025-03-01T12:00:00Z');
const info = (platform: 'soundcloud' | 'mixcloud' = 'soundcloud'): UploadJobInfo => ({
  platform, source: 'page', fileName: 'Mira - Night Drive.mp3', fileSize: 51_234, pro: false, fields: { ...emptyFields(), title: 'Night Drive (Live)' },
});
const job = (extra: Partial<JobRecord> = {}, platform: 'soundcloud' | 'mixcloud' = 'soundcloud'): JobRecord => ({
  id: 'j1', kind: 'upload', upload: info(platform), trackKey: 'upload:j1', ref: { platform, id: 'j1', url: 'https://soundcloud.com/upload', kind: 'track' },
  state: 'running', createdAt: SENT - 5000, updatedAt: SENT, attempts: 2, ...extra,
});
const item = (extra: Partial<OwnUpload> = {}): OwnUpload => ({ url: 'https://soundcloud.com/viewer/night-drive-live', title: 'Night Drive (Live)', createdAt: SENT + 4000, ...extra });
const ctl: JobControl = { signal: new AbortController().signal, progress: () => undefined };

describe('matchingUpload', () => {
  it('takes the same title created after the send, with the same size where the platform says', () => {
    const mine = item({ bytes: 51_234 });
    expect(matchingUpload(info(), SENT, [item({ title: 'Other', url: 'https://x/1' }), mine])).toBe(mine);
    expect(matchingUpload(info(), SENT, [item({ title: '  night drive  (live) ' })])).toBeDefined(); // case and spaces
    expect(matchingUpload(info(), SENT, [item({ bytes: 99 })])).toBeUndefined(); // another file with that title
    expect(matchingUpload(info(), SENT, [item({ createdAt: SENT - CLOCK_SKEW_MS - 1 })])).toBeUndefined(); // made before this job
    expect(matchingUpload(info(), SENT, [item({ createdAt: SENT - 60_000 })])).toBeDefined(); // the platform's clock a minute behind
    expect(matchingUpload(info(), SENT, [item({ title: 'Night Drive' })])).toBeUndefined();
  });
});

/** A runner over fakes: `sends` counts requests that left, `stored` the marks persisted at that moment. */
function runner(lookup: OwnUploadsSince, send: () => Promise<{ url?: string }> = async () => ({ url: 'https://soundcloud.com/viewer/new' })) {
  const calls = { sends: 0, stored: [] as (number | undefined)[], lookups: [] as number[] };
  const run = createUploadRunner(
    { connect: async () => ({}) as never, call: async () => undefined, onEvent: () => () => undefined, hello: undefined },
    {
      run: async (_job, _ctl, beforeSend) => {
        await beforeSend?.();
        calls.sends += 1;
        return send();
      },
    },
    {
      lookup: async (platform, since) => (calls.lookups.push(since), lookup(platform, since)),
      persist: async (j) => void calls.stored.push(j.uploadSentAt),
    },
  );
  return { run, calls };
}

describe('an upload attempt', () => {
  it('found on the platform: done with its link and a note, nothing uploaded again', async () => {
    const { run, calls } = runner(async () => [item()]);
    const j = job({ uploadSentAt: SENT });
    await expect(run(j, ctl)).resolves.toEqual({ url: 'https://soundcloud.com/viewer/night-drive-live' });
    expect(calls.sends).toBe(0);
    expect(calls.lookups).toEqual([SENT - CLOCK_SKEW_MS]);
    expect(j.note).toMatch(/^Already on SoundCloud: the first attempt’s answer was lost/);
    expect(j.uploadSentAt).toBeUndefined();
  });

  it('not on the platform: uploads once, the mark stored before the request left and cleared by the answer', async () => {
    const { run, calls } = runner(async () => [item({ title: 'Something else' })]);
    const j = job({ uploadSentAt: SENT });
    await expect(run(j, ctl)).resolves.toEqual({ url: 'https://soundcloud.com/viewer/new' });
    expect(calls.sends).toBe(1);
    expect(calls.stored).toEqual([SENT]); // the first send's time is kept: it is the one that may land late
    expect(j.uploadSentAt).toBeUndefined();
    expect(j.note).toBeUndefined();
  });

  it('the look-up fails: upload.unconfirmed, no upload; the retry (the user’s choice) uploads without asking again', async () => {
    const { run, calls } = runner(async () => {
      throw new DeckhandError('network.reset', 'The connection was reset.');
    });
    const j = job({ uploadSentAt: SENT }, 'mixcloud');
    const err = await run(j, ctl).catch((e: unknown) => DeckhandError.from(e));
    expect(err).toMatchObject({ code: 'upload.unconfirmed' });
    expect((err as DeckhandError).message).toMatch(/Mixcloud could not be checked \(The connection was reset\.\).*Look at your Mixcloud profile; retry only if it is not there\./);
    expect(calls.sends).toBe(0);
    expect(j.uploadSentAt).toBeUndefined();
    // The queue's retry runs the same record again.
    await expect(run(j, ctl)).resolves.toEqual({ url: 'https://soundcloud.com/viewer/new' });
    expect(calls.lookups).toHaveLength(1);
    expect(calls.sends).toBe(1);
  });

  it('a first attempt does not look: it marks, sends, and the answer clears the mark', async () => {
    const { run, calls } = runner(async () => [item()]);
    const j = job({ attempts: 1 });
    await run(j, ctl);
    expect(calls.lookups).toHaveLength(0);
    expect(calls.sends).toBe(1);
    expect(calls.stored).toHaveLength(1);
    expect(calls.stored[0]).toBeGreaterThan(SENT);
    expect(j.uploadSentAt).toBeUndefined();
  });

  it('no answer (the host went away mid-request): the mark stays, so the next attempt looks first', async () => {
    const { run, calls } = runner(async () => [item({ createdAt: Date.now() })], async () => {
      throw new DeckhandError('host.disconnected');
    });
    const j = job({ attempts: 1 });
    await expect(run(j, ctl)).rejects.toMatchObject({ code: 'host.disconnected' });
    expect(j.uploadSentAt).toBe(calls.stored[0]);
    await expect(run(j, ctl)).resolves.toEqual({ url: item().url });
    expect(calls.sends).toBe(1);
  });

  it('the platform refused it: the mark goes (nothing was uploaded), a retry uploads without looking', async () => {
    let refuse = true;
    const { run, calls } = runner(async () => [item()], async () => {
      if (refuse) throw new DeckhandError('upload.rejected', 'track[title] is required');
      return { url: 'https://soundcloud.com/viewer/new' };
    });
    const j = job({ attempts: 1 });
    await expect(run(j, ctl)).rejects.toMatchObject({ code: 'upload.rejected' });
    expect(j.uploadSentAt).toBeUndefined();
    refuse = false;
    await run(j, ctl);
    expect(calls.lookups).toHaveLength(0);
    expect(calls.sends).toBe(2);
  });
});
