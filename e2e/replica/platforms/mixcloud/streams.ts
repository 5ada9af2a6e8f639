/**
 * Stream URLs as Mixcloud hands them out: HLS and DASH on audioN.mixcloud.com and a signed
 * progressive m4a on streamN.mixcloud.com (`?sig=` + 22 url-safe base64 characters, as seen on the
 * real CDN). The signature is opaque, so the replica remembers what it issued and until when.
 */
import { createHash, randomBytes } from 'node:crypto';
import { shardedPath } from './catalogue';
import type { McShow } from './model';

/** "<a>/<b>/<c>/<d>/<rest of uuid>": the show's audio path on every CDN host. */
export function audioPath(show: Pick<McShow, 'uuid'>): string {
  return shardedPath(show.uuid);
}

export function hlsUrl(show: McShow): string {
  return `https://audio${show.audioHost}.mixcloud.com/secure/hls/${audioPath(show)}.m4a/index.m3u8`;
}

export function dashUrl(show: McShow): string {
  return `https://audio${show.audioHost}.mixcloud.com/secure/dash2/${audioPath(show)}.m4a/manifest.mpd`;
}

export function progressiveBase(show: McShow): string {
  return `https://stream${show.streamHost}.mixcloud.com/secure/c/m4a/64/${audioPath(show)}.m4a`;
}

export type SigVerdict = 'ok' | 'expired' | 'invalid';

export class ProgressiveSigner {
  private issued = new Map<string, { path: string; expiresAt: number }>();
  private secret = randomBytes(16);

  /** The progressive URL with a fresh signature valid for `expirySec`. */
  sign(show: McShow, expirySec: number, now = Date.now()): string {
    const base = progressiveBase(show);
    const path = new URL(base).pathname;
    const sig = createHash('md5').update(this.secret).update(`${path}|${now}|${this.issued.size}`).digest('base64url').slice(0, 22);
    this.prune(now);
    this.issued.set(sig, { path, expiresAt: now + expirySec * 1000 });
    return `${base}?sig=${sig}`;
  }

  verify(path: string, sig: string | null, now = Date.now()): SigVerdict {
    const entry = sig ? this.issued.get(sig) : undefined;
    if (!entry || entry.path !== path) return 'invalid';
    return now < entry.expiresAt ? 'ok' : 'expired';
  }

  reset(): void {
    this.issued.clear();
  }

  /** Forget signatures that expired over an hour ago, so long runs stay small. */
  private prune(now: number): void {
    if (this.issued.size < 10_000) return;
    for (const [sig, e] of this.issued) if (e.expiresAt < now - 3_600_000) this.issued.delete(sig);
  }
}
