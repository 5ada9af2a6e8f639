/**
 * One download through the native host: download.start, then the job's events until it is done or
 * failed. It always settles: a host that goes quiet about the job is stopped (keeping its part files)
 * and the job fails with host.timeout instead of staying "running" forever; a cancel stops the host's
 * job and removes its parts; a pause stops it, keeps them, and settles only once the host has let go,
 * so the resumed start continues where it stopped.
 */
import * as v from 'valibot';
import { DeckhandError } from '../../shared/errors';
import type { DownloadSpec } from '../../shared/download';
import { failureOf, JobDoneSchema, JobProgressSchema, readHostAnswer } from '../../shared/native-answers';
import type { EventEnvelope, HelloResult, HostAction } from '../../shared/native-protocol';
import { PAUSE_REASON, type JobControl } from './queue';

/** What this needs of NativeHost (core/native.ts). */
export interface HostLink {
  hello: HelloResult | undefined;
  onEvent(handler: (event: EventEnvelope) => void): () => void;
  call(action: HostAction, params: unknown, timeoutMs?: number): Promise<unknown>;
}

/**
 * Silence that means the host lost the job. The host reports progress at least every few seconds
 * while it fetches; finishing a four-hour show takes seconds, and a stream.refresh waits at most 60 s.
 */
export const HOST_SILENCE_MS = 120_000;
/** download.pause answers once the job let go of its files (the host waits up to 10 s). */
const PAUSE_ANSWER_MS = 15_000;

export function runOnHost(host: HostLink, spec: DownloadSpec, ctl: JobControl, silenceMs = HOST_SILENCE_MS): Promise<string> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(watchdog);
      off();
      ctl.signal.removeEventListener('abort', onAbort);
      outcome();
    };
    /** Stop the host's job, keeping its parts when the host can (older hosts only know cancel). */
    const stopKeepingParts = async () => {
      const action = host.hello?.capabilities.includes('download.pause') ? 'download.pause' : 'download.cancel';
      await host.call(action, { jobId: spec.jobId }, PAUSE_ANSWER_MS).catch(() => undefined);
    };
    const armWatchdog = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        void stopKeepingParts();
        finish(() => reject(new DeckhandError('host.timeout', `The native host reported nothing about this download for ${Math.round(silenceMs / 1000)} s.`)));
      }, silenceMs);
    };
    const off = host.onEvent((ev) => {
      if (ev.event === 'host.disconnected') {
        finish(() => reject(DeckhandError.from(ev.data, 'host.disconnected')));
        return;
      }
      const data = ev.data as { jobId?: string } | undefined;
      if (data?.jobId !== spec.jobId) return;
      armWatchdog();
      // Events are checked like answers: a malformed one fails the job with protocol.invalid (a
      // malformed progress report is only skipped: the download itself may be fine).
      if (ev.event === 'job.progress') {
        const progress = v.safeParse(JobProgressSchema, ev.data);
        if (progress.success) ctl.progress(progress.output);
      } else if (ev.event === 'job.done') {
        finish(() => {
          try {
            resolve(readHostAnswer(JobDoneSchema, ev.data, 'download result').path);
          } catch (err) {
            reject(DeckhandError.from(err));
          }
        });
      } else if (ev.event === 'job.failed') finish(() => reject(failureOf(ev.data)));
    });
    const onAbort = () => {
      if (settled) return;
      if (ctl.signal.reason === PAUSE_REASON) {
        // Settle after the host's answer: until then the host still holds the job's files.
        clearTimeout(watchdog);
        void stopKeepingParts().then(() => finish(() => reject(new DeckhandError('job.cancelled', 'Paused.'))));
        return;
      }
      void host.call('download.cancel', { jobId: spec.jobId }).catch(() => undefined);
      finish(() => reject(new DeckhandError('job.cancelled')));
    };
    if (ctl.signal.aborted) {
      finish(() => reject(new DeckhandError('job.cancelled')));
      return;
    }
    ctl.signal.addEventListener('abort', onAbort);
    armWatchdog();
    host.call('download.start', { spec }).catch((err: unknown) => finish(() => reject(DeckhandError.from(err))));
  });
}
