/**
 * Keeps the host's resident memory flat during long downloads.
 *
 * Every response chunk Node's TLS layer hands over and every payload block the remuxer produces is
 * a short-lived ArrayBuffer outside the V8 heap. V8 only collects them once ~64 MB of such external
 * memory has piled up, and its young generation grows to 16 MB semi-spaces under this allocation
 * rate; glibc keeps the freed pages, so a two-hour show pushed the host's RSS from 48 MB idle to
 * ~120 MB although less than 10 MB was ever live. Two measures keep it flat:
 * - the young generation keeps its initial size (scavenges stay frequent and cheap: buffers die
 *   young and are freed by them);
 * - a full collection after every CHURN_BYTES of media moved (a few ms on this small heap) catches
 *   the buffers that lived long enough to be promoted (segments waiting in the ordered window).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const CHURN_BYTES = 16 * 1024 * 1024;

type Collect = () => void;

let collect: Collect | undefined;
let churned = 0;

/** Called once when the download engine starts. */
export function tuneMemoryForStreaming(): void {
  try {
    setFlagsFromString('--semi-space-growth-factor=1');
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    if (typeof gc === 'function') collect = gc as Collect;
  } catch {
    // A runtime that refuses: memory is then bounded by V8's own heuristics only.
  }
}

/** Collect now (before a step that allocates a lot at once, so it reuses what the garbage held). */
export function collectGarbage(): void {
  churned = 0;
  collect?.();
}

/** Count bytes that passed through short-lived buffers; collects garbage every CHURN_BYTES. */
export function noteChurn(bytes: number): void {
  churned += bytes;
  if (churned < CHURN_BYTES) return;
  churned = 0;
  collect?.();
}
