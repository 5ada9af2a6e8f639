import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DownloadSpec } from '../../shared/download';
import type { EventEnvelope, HelloResult, HostAction } from '../../shared/native-protocol';
import { runOnHost, type HostLink } from './host-run';
import { PAUSE_REASON } from './queue';

const spec = { jobId: 'j1', source: { protocol: 'hls', url: 'https://cdn.example/p.m3u8' } } as unknown as DownloadSpec;

/** A native host that records calls and lets the test emit events and answer pause late. */
class FakeHost implements HostLink {
  hello: HelloResult | undefined = { protocol: 1, hostVersion: '1', os: 'linux', defaultLibraryRoot: '/lib', capabilities: ['download.cancel', 'download.pause', 'download.start'] };
  calls: { action: HostAction; params: unknown }[] = [];
  private handlers = new Set<(e: EventEnvelope) => void>();
  pauseAnswer: Promise<unknown> = Promise.resolve({ paused: true });

  onEvent(handler: (e: EventEnvelope) => void) {
    this.handlers.add(handler);
    return () => void this.handlers.delete(handler);
  }
  call(action: HostAction, params: unknown): Promise<unknown> {
    this.calls.push({ action, params });
    return action === 'download.pause' ? this.pauseAnswer : Promise.resolve({ accepted: true });
  }
  emit(event: string, data: unknown) {
    for (const h of [...this.handlers]) h({ type: 'event', event, data });
  }
  get listeners() {
    return this.handlers.size;
  }
}

function control() {
  const controller = new AbortController();
  const progress: unknown[] = [];
  return { controller, ctl: { signal: controller.signal, progress: (p: unknown) => void progress.push(p) }, progress };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('runOnHost', () => {
  it('starts the job, forwards its progress and resolves with the path on job.done', async () => {
    const host = new FakeHost();
    const { ctl, progress } = control();
    const path = runOnHost(host, spec, ctl);
    host.emit('job.progress', { jobId: 'other', bytes: 1 });
    host.emit('job.progress', { jobId: 'j1', phase: 'fetching', bytes: 10, segmentsDone: 1, segmentsTotal: 4 });
    host.emit('job.progress', { jobId: 'j1', bytes: 'lots' }); // malformed: skipped
    host.emit('job.done', { jobId: 'j1', path: '/lib/a.m4a' });
    await expect(path).resolves.toBe('/lib/a.m4a');
    expect(host.calls[0]).toEqual({ action: 'download.start', params: { spec } });
    expect(progress).toEqual([{ jobId: 'j1', phase: 'fetching', bytes: 10, segmentsDone: 1, segmentsTotal: 4 }]);
    expect(host.listeners).toBe(0);
  });

  it('fails with host.timeout and stops the host job (keeping parts) when the host goes quiet', async () => {
    const host = new FakeHost();
    const { ctl } = control();
    const path = runOnHost(host, spec, ctl, 5000);
    const outcome = expect(path).rejects.toMatchObject({ code: 'host.timeout' });
    await vi.advanceTimersByTimeAsync(4000);
    host.emit('job.progress', { jobId: 'j1', bytes: 10 }); // progress re-arms the watchdog
    await vi.advanceTimersByTimeAsync(4000);
    expect(host.calls.map((c) => c.action)).toEqual(['download.start']);
    await vi.advanceTimersByTimeAsync(1500);
    await outcome;
    expect(host.calls.map((c) => c.action)).toEqual(['download.start', 'download.pause']);
    expect(host.listeners).toBe(0);
  });

  it('on pause asks the host to pause and settles only after its answer', async () => {
    const host = new FakeHost();
    let answer!: () => void;
    host.pauseAnswer = new Promise((r) => (answer = () => r({ paused: true })));
    const { controller, ctl } = control();
    let settled = false;
    const path = runOnHost(host, spec, ctl).catch((e: unknown) => ((settled = true), e));
    controller.abort(PAUSE_REASON);
    await vi.advanceTimersByTimeAsync(100);
    expect(host.calls.map((c) => c.action)).toEqual(['download.start', 'download.pause']);
    expect(settled).toBe(false);
    answer();
    expect(await path).toMatchObject({ code: 'job.cancelled' });
  });

  it('an older host without download.pause gets download.cancel on pause', async () => {
    const host = new FakeHost();
    host.hello = { ...host.hello!, capabilities: ['download.cancel', 'download.start'] };
    const { controller, ctl } = control();
    const path = runOnHost(host, spec, ctl);
    controller.abort(PAUSE_REASON);
    await expect(path).rejects.toMatchObject({ code: 'job.cancelled' });
    expect(host.calls.map((c) => c.action)).toEqual(['download.start', 'download.cancel']);
  });

  it('on cancel asks the host to cancel; a disconnect fails the job', async () => {
    const host = new FakeHost();
    const a = control();
    const cancelled = runOnHost(host, spec, a.ctl);
    a.controller.abort();
    await expect(cancelled).rejects.toMatchObject({ code: 'job.cancelled' });
    expect(host.calls.at(-1)).toEqual({ action: 'download.cancel', params: { jobId: 'j1' } });

    const b = control();
    const lost = runOnHost(host, spec, b.ctl);
    host.emit('host.disconnected', { code: 'host.disconnected', message: 'gone', expected: false });
    await expect(lost).rejects.toMatchObject({ code: 'host.disconnected' });
  });

  it('does not start when already aborted', async () => {
    const host = new FakeHost();
    const { controller, ctl } = control();
    controller.abort(PAUSE_REASON);
    await expect(runOnHost(host, spec, ctl)).rejects.toMatchObject({ code: 'job.cancelled' });
    expect(host.calls).toEqual([]);
  });
});

describe('runOnHost: malformed events', () => {
  it('a job.done without a path fails the job with protocol.invalid', async () => {
    const host = new FakeHost();
    const { ctl } = control();
    const path = runOnHost(host, spec, ctl);
    host.emit('job.done', { jobId: 'j1' });
    await expect(path).rejects.toMatchObject({ code: 'protocol.invalid' });
  });

  it('a job.failed without a readable error fails with protocol.invalid', async () => {
    const host = new FakeHost();
    const { ctl } = control();
    const path = runOnHost(host, spec, ctl);
    host.emit('job.failed', { jobId: 'j1', error: 'boom' });
    await expect(path).rejects.toMatchObject({ code: 'protocol.invalid' });
  });
});
