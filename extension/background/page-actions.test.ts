import { describe, expect, it, vi } from 'vitest';
import type { JobView } from '../../shared/jobs';
import type { TrackRef } from '../../shared/track';
import type { MenuInfo, MenuTab } from './menus';
import { pageActionHandlers } from './page-actions';

const SET = 'https://soundcloud.com/mira/sets/late-night';
const job = (id: string, state: JobView['state']): JobView => {
  const ref: TrackRef = { platform: 'soundcloud', id, url: `https://soundcloud.com/mira/${id}`, kind: 'track' };
  return { id: `j-${id}`, trackKey: `soundcloud:${id}`, ref, state, createdAt: 1, updatedAt: 1, attempts: 0 };
};

function setUp(jobs: JobView[]) {
  const calls: [MenuInfo, MenuTab | undefined][] = [];
  const downloadAll = vi.fn(async (info: MenuInfo, tab?: MenuTab) => {
    calls.push([info, tab]);
    return jobs;
  });
  const enqueue = vi.fn();
  return { handler: pageActionHandlers(enqueue, downloadAll)['page.downloadAll'], calls, enqueue };
}

describe('page.downloadAll (in-page "Download all")', () => {
  it('runs the menu’s downloadAll for the asking tab and counts what was queued and what was saved before', async () => {
    const { handler, calls } = setUp([job('1', 'queued'), job('2', 'done'), job('3', 'running'), job('4', 'queued')]);
    const answer = await handler({ pageUrl: SET }, { url: SET, tab: { id: 7, url: SET } as never });
    expect(answer).toEqual({ queued: 3, saved: 1 });
    expect(calls).toEqual([[{ pageUrl: SET }, { id: 7, url: SET }]]);
  });

  it('refuses a list on another site than the asking page’s, or not on a platform at all', async () => {
    const { handler, calls } = setUp([job('1', 'queued')]);
    await expect(handler({ pageUrl: 'https://www.mixcloud.com/a/b/' }, { url: SET })).rejects.toMatchObject({ code: 'input.invalid' });
    await expect(handler({ pageUrl: 'https://example.org/a/sets/b' }, { url: 'https://example.org/' })).rejects.toMatchObject({ code: 'input.invalid' });
    await expect(handler({ pageUrl: SET }, {})).rejects.toMatchObject({ code: 'input.invalid' });
    expect(calls).toEqual([]);
  });
});
