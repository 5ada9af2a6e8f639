import { describe, expect, it } from 'vitest';
import type { JobView } from '../../../shared/jobs';
import type { TrackRef } from '../../../shared/track';
import { downloadAllLabel, downloadLeft } from './download-left';

const ref = (id: string, extra: Partial<TrackRef> = {}): TrackRef => ({ platform: 'soundcloud', id, url: `https://soundcloud.com/a/${id}`, kind: 'track', title: id, ...extra });
const job = (id: string, state: JobView['state']): JobView =>
  ({ id: `job-${id}`, trackKey: `soundcloud:${id}`, ref: ref(id), state, createdAt: 1, updatedAt: 1, attempts: 0 }) as JobView;

function jobsOf(...list: JobView[]) {
  const byKey = new Map(list.map((j) => [j.trackKey, j]));
  return (key: string) => byKey.get(key);
}

describe('downloadLeft', () => {
  it('counts only what a click would queue: not saved, queued, running or unavailable items', () => {
    const items = [ref('1'), ref('2'), ref('3'), ref('4'), ref('5'), ref('6'), ref('7', { unavailable: { code: 'stream.drm' } }), ref('1')];
    const r = downloadLeft(items, jobsOf(job('1', 'done'), job('2', 'queued'), job('3', 'running'), job('4', 'paused'), job('5', 'failed')));
    expect(r.left.map((i) => i.id)).toEqual(['4', '5', '6']);
    expect(r).toMatchObject({ saved: 1, busy: 2 });
  });

  it('labels the button with that count, or disables it saying why nothing is left', () => {
    expect(downloadAllLabel(downloadLeft([ref('1'), ref('2'), ref('3')], jobsOf(job('1', 'done'))))).toEqual({
      text: 'Download all (2)',
      disabled: false,
      title: 'Queue 2 tracks (1 saved already)',
    });
    expect(downloadAllLabel(downloadLeft([ref('1'), ref('2')], jobsOf(job('1', 'done'), job('2', 'done'))))).toEqual({
      text: 'All saved',
      disabled: true,
      title: 'All 2 tracks are saved already',
    });
    expect(downloadAllLabel(downloadLeft([ref('1'), ref('2')], jobsOf(job('1', 'done'), job('2', 'running'))))).toMatchObject({ text: 'All queued', disabled: true });
    expect(downloadAllLabel(downloadLeft([ref('1', { unavailable: { code: 'stream.drm' } })], jobsOf()))).toMatchObject({ text: 'Nothing to download', disabled: true });
  });
});
