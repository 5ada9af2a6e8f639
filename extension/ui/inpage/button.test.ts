import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JobView } from '../../../shared/jobs';
import type { TrackRef } from '../../../shared/track';

const ref: TrackRef = { platform: 'mixcloud', id: '/dj/show/', url: 'https://www.mixcloud.com/dj/show/', kind: 'show', title: 'Show' };
let button: typeof import('./button');

beforeAll(async () => {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  Object.assign(globalThis, { document });
  button = await import('./button');
});

const job = (patch: Partial<JobView>): JobView => ({ id: 'j1', trackKey: 'mixcloud:/dj/show/', ref, state: 'queued', createdAt: 1, updatedAt: 1, attempts: 1, ...patch });
const progress = (segmentsDone: number) => ({ jobId: 'j1', phase: 'fetching' as const, bytes: 0, segmentsDone, segmentsTotal: 48 });

function make() {
  const clicks: string[] = [];
  const host = button.createButton(ref, { platform: 'mixcloud', size: 'medium', onClick: (r) => clicks.push(r.id) });
  document.body.append(host);
  const el = host.shadowRoot!.querySelector('button.dh') as HTMLButtonElement;
  return { host, el, clicks, label: () => el.querySelector('.label')?.textContent, bar: () => (el.querySelector('.bar') as HTMLElement).style.width };
}

describe('in-page button states', () => {
  it('a paused job shows "Paused" with how far it got, says a click resumes it, and stays clickable', () => {
    const b = make();
    button.renderJob(b.host, job({ state: 'running', progress: progress(12) }));
    expect(b.label()).toBe('25%');
    button.renderJob(b.host, job({ state: 'paused', progress: progress(12) }));
    expect(b.host.dataset.deckhandState).toBe('paused');
    expect(b.el.dataset.state).toBe('paused');
    expect(b.label()).toBe('Paused 25%');
    expect(b.bar()).toBe('25%');
    expect(b.el.title).toBe('Paused at 25% — click to resume');
    expect(b.el.getAttribute('aria-label')).toBe(b.el.title);
    expect(b.el.querySelector('.icon')?.getAttribute('data-icon')).toBe('pause');
    expect(b.el.hasAttribute('aria-disabled')).toBe(false);
    b.el.click();
    expect(b.clicks).toEqual([ref.id]);
  });

  it('a job paused before any progress is just "Paused"; resuming goes back to Queued', () => {
    const b = make();
    button.renderJob(b.host, job({ state: 'paused' }));
    expect(b.label()).toBe('Paused');
    expect(b.el.title).toBe('Paused — click to resume');
    expect(b.bar()).toBe('0%');
    button.renderJob(b.host, job({ state: 'queued' }));
    expect(b.host.dataset.deckhandState).toBe('queued');
    expect(b.label()).toBe('Queued');
  });

  it('a cancelled job shows the idle button again', () => {
    const b = make();
    button.renderJob(b.host, job({ state: 'cancelled' }));
    expect(b.host.dataset.deckhandState).toBe('idle');
    expect(b.label()).toBe('Download');
  });
});
