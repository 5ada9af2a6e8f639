/** An upload's byte progress in the queue's JobProgress shape (phase "fetching" = bytes moving). */
import type { JobProgress } from '../../shared/download';

export function uploadProgress(jobId: string, sent: number, total: number, startedAt: number, now = Date.now()): JobProgress {
  const seconds = (now - startedAt) / 1000;
  const speed = seconds > 0.5 ? sent / seconds : undefined;
  return {
    jobId,
    phase: 'fetching',
    bytes: sent,
    totalBytes: total,
    segmentsDone: 0,
    segmentsTotal: 0,
    ...(speed ? { speed, etaSec: Math.max(0, Math.round((total - sent) / speed)) } : {}),
  };
}
