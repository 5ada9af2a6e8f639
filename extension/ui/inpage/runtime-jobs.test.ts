/**
 * The in-page button and the job it shows. Job views reach a tab on two channels that keep no order
 * between them (the click's answer, and broadcasts), and a broadcast can miss the tab entirely (sent
 * before the background knew what the tab shows). Both made a button stay "Queued" after its file
 * was saved, in real Chromium runs: a stale answer must not undo a newer state, and a button waiting
 * on an unfinished job it hears nothing of asks again.
 */
import { parseHTML } from 'linkedom';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobView } from '../../../shared/jobs';
import type { TrackRef } from '../../../shared/track';

const ref: TrackRef = { platform: 'beatport', id: '17', url: 'https://www.beatport.com/track/x/17', kind: 'preview', title: 'X' };
const KEY = 'beatport:17';
const job = (patch: Partial<JobView>): JobView => ({ id: 'j1', trackKey: KEY, ref, state: 'queued', createdAt: 100, updatedAt: 101, attempts: 0, ...patch });

let onMessage: ((m: unknown) => void) | undefined;
const sent: { type: string; payload: Record<string, unknown> }[] = [];
let answers: Record<string, (payload: Record<string, unknown>) => unknown> = {};

vi.mock('wxt/browser', () => ({
  browser: {
    runtime: { onMessage: { addListener: (fn: (m: unknown) => void) => (onMessage = fn), removeListener: () => undefined } },
    storage: { local: { get: async () => ({}) }, onChanged: { addListener: () => undefined, removeListener: () => undefined } },
  },
}));
vi.mock('../../core/messaging', () => ({
  send: async (type: string, payload: Record<string, unknown>) => {
    sent.push({ type, payload });
    const answer = answers[type];
    return answer ? answer(payload) : { ok: true };
  },
}));

let runPage: typeof import('./runtime').runPage;
let JOB_RECHECK_MS: number;

beforeAll(async () => {
  const { document, window, HTMLElement, MutationObserver } = parseHTML('<!doctype html><html><body><div class="row"></div></body></html>');
  Object.assign(globalThis, { document, HTMLElement, MutationObserver, location: { href: 'https://www.beatport.com/track/x/17' } });
  Object.defineProperty(document, 'hidden', { value: true, configurable: true }); // timers, not animation frames
  void window;
  ({ runPage, JOB_RECHECK_MS } = await import('./runtime'));
});

beforeEach(() => {
  vi.useFakeTimers();
  sent.length = 0;
  answers = {};
  document.body.innerHTML = '<div class="row"></div>';
});
const running: { stop(): void }[] = [];
afterEach(() => {
  running.splice(0).forEach((p) => p.stop());
  vi.useRealTimers();
});
const start = () => {
  const page = runPage(adapter);
  running.push(page);
  return page;
};

const adapter = { platform: 'beatport' as const, scan: (doc: Document) => [{ anchor: doc.querySelector('.row')!, ref, size: 'small' as const }] };
const host = () => document.querySelector(`[data-deckhand-track="${KEY}"]`) as HTMLElement;
const click = () => (host().shadowRoot?.querySelector('button.dh') as HTMLButtonElement).click();

describe('an in-page button and its job', () => {
  it('keeps "done" when the click’s "queued" answer arrives after the broadcasts', async () => {
    let answerClick: (v: unknown) => void = () => undefined;
    answers['download.request'] = () => new Promise((r) => (answerClick = r));
    start();
    await vi.advanceTimersByTimeAsync(300);
    click();
    onMessage?.({ type: 'job.update', job: job({ state: 'running', updatedAt: 102 }) });
    onMessage?.({ type: 'job.update', job: job({ state: 'done', updatedAt: 103, fileName: 'x.mp3' }) });
    expect(host().dataset.deckhandState).toBe('done');
    answerClick({ jobId: 'j1', job: job({ state: 'queued', updatedAt: 101 }) });
    await vi.advanceTimersByTimeAsync(0);
    expect(host().dataset.deckhandState).toBe('done');
  });

  it('takes progress reports of the same state and a newer job for the same track', async () => {
    start();
    await vi.advanceTimersByTimeAsync(300);
    onMessage?.({ type: 'job.update', job: job({ state: 'failed', updatedAt: 105, error: { code: 'not-found', message: 'x', expected: true } }) });
    expect(host().dataset.deckhandState).toBe('failed');
    // An older job's late update does not replace the newer job.
    onMessage?.({ type: 'job.update', job: job({ id: 'j0', createdAt: 50, updatedAt: 200, state: 'done' }) });
    expect(host().dataset.deckhandState).toBe('failed');
    onMessage?.({ type: 'job.update', job: job({ id: 'j2', createdAt: 300, updatedAt: 301, state: 'running' }) });
    onMessage?.({ type: 'job.update', job: job({ id: 'j2', createdAt: 300, updatedAt: 301, state: 'running', progress: { jobId: 'j2', phase: 'fetching', bytes: 5, totalBytes: 10, segmentsDone: 0, segmentsTotal: 0 } }) });
    expect(host().dataset.deckhandState).toBe('running');
    expect(host().shadowRoot?.querySelector('.label')?.textContent).toBe('50%');
  });

  it('asks for an unfinished job it has heard nothing of, and stops asking once it is finished', async () => {
    let state: JobView = job({ state: 'queued', updatedAt: 101 });
    answers['download.request'] = () => ({ jobId: 'j1', job: state });
    answers['jobs.forTracks'] = () => ({ jobs: [state] });
    start();
    await vi.advanceTimersByTimeAsync(300);
    click();
    await vi.advanceTimersByTimeAsync(0);
    expect(host().dataset.deckhandState).toBe('queued');
    const asks = () => sent.filter((s) => s.type === 'jobs.forTracks' && (s.payload.keys as string[]).includes(KEY)).length;
    const before = asks(); // the page report's own first question
    // No broadcast reaches this tab; the job finished meanwhile.
    state = job({ state: 'done', updatedAt: 150, fileName: 'x.mp3' });
    await vi.advanceTimersByTimeAsync(JOB_RECHECK_MS + 10);
    expect(asks()).toBe(before + 1);
    expect(host().dataset.deckhandState).toBe('done');
    await vi.advanceTimersByTimeAsync(JOB_RECHECK_MS * 3);
    expect(asks()).toBe(before + 1);
  });

  it('does not ask while broadcasts keep coming', async () => {
    answers['download.request'] = () => ({ jobId: 'j1', job: job({}) });
    start();
    await vi.advanceTimersByTimeAsync(300);
    click();
    await vi.advanceTimersByTimeAsync(0);
    const before = sent.filter((s) => s.type === 'jobs.forTracks').length;
    for (let i = 0; i < 10; i++) {
      onMessage?.({ type: 'job.update', job: job({ state: 'running', updatedAt: 102, progress: { jobId: 'j1', phase: 'fetching', bytes: i, totalBytes: 10, segmentsDone: 0, segmentsTotal: 0 } }) });
      await vi.advanceTimersByTimeAsync(1_000);
    }
    expect(sent.filter((s) => s.type === 'jobs.forTracks').length).toBe(before);
  });
});

describe('asking again', () => {
  it('waits a full period when the answer does not mention the job (no tight loop)', async () => {
    answers['download.request'] = () => ({ jobId: 'j1', job: job({}) });
    answers['jobs.forTracks'] = () => ({ jobs: [] });
    start();
    await vi.advanceTimersByTimeAsync(300);
    click();
    await vi.advanceTimersByTimeAsync(0);
    const before = sent.filter((s) => s.type === 'jobs.forTracks').length;
    await vi.advanceTimersByTimeAsync(JOB_RECHECK_MS * 5 + 10);
    const asked = sent.filter((s) => s.type === 'jobs.forTracks').length - before;
    expect(asked).toBeGreaterThanOrEqual(4);
    expect(asked).toBeLessThanOrEqual(5);
  });
});
